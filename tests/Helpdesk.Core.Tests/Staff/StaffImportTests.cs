using Helpdesk.Core.Staff;
using Helpdesk.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Core.Tests.Staff;

[TestClass]
public sealed class StaffImportTests
{
    private const string Sheet = """
        Email,First name,Last name,Roles
        priya.kumar@meridian.example,Priya,Kumar,Agent
        "sam.o'neil@meridian.example","Sam","O'Neil, Jr.",Agent;Lead
        not-an-address,Bad,Row,Agent
        tom.baker@meridian.example,Tom,Baker,Wizard
        ,No,Email,Agent
        jo.lee@meridian.example,Jo,Lee,
        PRIYA.KUMAR@meridian.example,Priya,Again,Agent
        """;

    [TestMethod]
    public async Task Import_MixedSheet_GoodRowsCreatedBadRowsByLineAndReason()
    {
        await using var desk = await TestDatabase.CreateAsync();

        var result = await desk.Get<StaffImport>().ImportAsync(Sheet, "admin");

        CollectionAssert.AreEquivalent(new[] { "priya.kumar@meridian.example", "sam.o'neil@meridian.example", "jo.lee@meridian.example" },
            result.Created.Select(c => c.UserName).ToArray());
        var problems = result.Problems.ToDictionary(p => p.Line, p => p.Reason);
        CollectionAssert.AreEquivalent(new[] { 4, 5, 6, 8 }, problems.Keys.ToArray());
        StringAssert.Contains(problems[4], "not an email address");
        StringAssert.Contains(problems[5], "'Wizard' is not a role");
        StringAssert.Contains(problems[6], "No email");
        StringAssert.Contains(problems[8], "line 2");
        var sam = result.Created.Single(c => c.Email.StartsWith("sam", StringComparison.Ordinal));
        Assert.AreEqual("Sam O'Neil, Jr.", sam.DisplayName);
        Assert.AreEqual(StaffRoles.Agent | StaffRoles.Lead, sam.Roles);
        Assert.AreEqual(StaffRoles.Agent, result.Created.Single(c => c.Email.StartsWith("jo", StringComparison.Ordinal)).Roles, "empty roles means Agent");
    }

    [TestMethod]
    public async Task Import_EndDates_PerRowOverPerImport_BadAndPastOnesRejectedByLine()
    {
        await using var desk = await TestDatabase.CreateAsync();
        var now = desk.Get<TimeProvider>().GetUtcNow();
        var sheet = $"""
            Email,First name,Last name,Roles,Ends
            r1@meridian.example,Rae,One,Agent,2099-03-01
            r2@meridian.example,Rob,Two,Agent,
            r3@meridian.example,Ria,Three,Agent,next tuesday
            r4@meridian.example,Ron,Four,Agent,{now.AddDays(-1).UtcDateTime:yyyy-MM-ddTHH:mm}Z
            """;
        var importEnd = now.AddDays(14);

        var result = await desk.Get<StaffImport>().ImportAsync(sheet, "admin", endsAt: importEnd);

        CollectionAssert.AreEquivalent(new[] { "r1@meridian.example", "r2@meridian.example" }, result.Created.Select(c => c.Email).ToArray());
        var problems = result.Problems.ToDictionary(p => p.Line, p => p.Reason);
        StringAssert.Contains(problems[4], "not an end date");
        StringAssert.Contains(problems[5], "already passed");
        await using var db = await desk.Factory.CreateDbContextAsync();
        var ends = await db.Staff.Where(s => s.Email.StartsWith("r")).ToDictionaryAsync(s => s.Email, s => s.EndsAt);
        Assert.AreEqual(new DateTimeOffset(2099, 3, 2, 0, 0, 0, TimeSpan.Zero), ends["r1@meridian.example"], "a date alone: the end of that day, UTC");
        Assert.AreEqual(importEnd.ToUnixTimeMilliseconds(), ends["r2@meridian.example"]!.Value.ToUnixTimeMilliseconds(), "no cell: the import's end date");
    }

    [TestMethod]
    public async Task Import_NewAccounts_TemporaryPasswordWorksAndMustBeChanged()
    {
        await using var desk = await TestDatabase.CreateAsync();

        var result = await desk.Get<StaffImport>().ImportAsync(Sheet, "admin");

        await using var db = await desk.Factory.CreateDbContextAsync();
        var passwords = new StaffPasswords();
        foreach (var created in result.Created)
        {
            var user = await db.Staff.SingleAsync(s => s.UserName == created.UserName);
            Assert.IsTrue(user.MustChangePassword);
            Assert.IsTrue(passwords.Verify(user, created.TemporaryPassword));
            Assert.IsNull(PasswordRules.Check(created.TemporaryPassword), "a temporary password passes the desk's own rules");
        }
        Assert.AreEqual(result.Created.Count, result.Created.Select(c => c.TemporaryPassword).Distinct().Count());
        Assert.AreEqual(3, await db.AuditEvents.CountAsync(a => a.Action == "staff.create"));
    }

    [TestMethod]
    public async Task Import_SameFileTwice_NobodyCreatedTwice()
    {
        await using var desk = await TestDatabase.CreateAsync();
        var import = desk.Get<StaffImport>();
        await import.ImportAsync(Sheet, "admin");

        var second = await import.ImportAsync(Sheet, "admin");

        Assert.AreEqual(0, second.Created.Count);
        Assert.AreEqual(3, second.AlreadyThere.Count);
        await using var db = await desk.Factory.CreateDbContextAsync();
        Assert.AreEqual(3, await db.Staff.CountAsync());
    }

    [TestMethod]
    public async Task Import_NoEmailColumn_OneProblemOnTheHeaderLine()
    {
        await using var desk = await TestDatabase.CreateAsync();

        var result = await desk.Get<StaffImport>().ImportAsync("name,roles\nPriya,Agent\n", "admin");

        Assert.AreEqual(0, result.Created.Count);
        Assert.AreEqual(1, result.Problems.Single().Line);
        StringAssert.Contains(result.Problems.Single().Reason, "'email'");
    }

    [TestMethod]
    public async Task Import_SemicolonSheetWithUserNameColumn_UsesThem()
    {
        await using var desk = await TestDatabase.CreateAsync();

        var result = await desk.Get<StaffImport>().ImportAsync("\uFEFFE-mail;Given name;Surname;Role;User name\r\nana@meridian.example;Ana;Silva;Trainer Agent;asilva\r\n", "admin");

        var ana = result.Created.Single();
        Assert.AreEqual("asilva", ana.UserName);
        Assert.AreEqual(StaffRoles.Trainer | StaffRoles.Agent, ana.Roles);
    }

    [TestMethod]
    public void CredentialsCsv_QuotesNamesWithCommas_OneLinePerAccount()
    {
        var result = new StaffImportResult([new ImportedStaff(2, "sam", "sam@meridian.example", "O'Neil, Sam", StaffRoles.Agent | StaffRoles.Lead, "abcdEFGH2345jkmn")], [], []);

        var lines = result.CredentialsCsv().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.AreEqual("user_name,email,name,roles,temporary_password", lines[0]);
        Assert.AreEqual("sam,sam@meridian.example,\"O'Neil, Sam\",Agent Lead,abcdEFGH2345jkmn", lines[1]);
    }

    [TestMethod]
    public void Read_QuotedLineBreak_RecordKeepsItsStartingLine()
    {
        var records = StaffCsv.Read("email,name\n\"a@x.example\",\"two\nlines\"\nb@x.example,one\n");

        Assert.AreEqual(3, records.Count);
        Assert.AreEqual("two\nlines", records[1].Fields[1]);
        Assert.AreEqual(4, records[2].Line);
    }
}
