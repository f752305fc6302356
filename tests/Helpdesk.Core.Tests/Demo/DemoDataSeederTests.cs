using Helpdesk.Core.Data;
using Helpdesk.Demo;
using Helpdesk.Core.Intake;
using Helpdesk.Core.Tests.Support;
using Helpdesk.Core.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Core.Tests.Demo;

[TestClass]
public sealed class DemoDataSeederTests
{
    private static string WriteFixture(string dir)
    {
        var samples = Path.Combine(dir, "samples");
        Directory.CreateDirectory(samples);
        File.WriteAllLines(Path.Combine(samples, "messages.jsonl"),
        [
            """{"id":"s-1","intent":"reset_help","kind":"customer","lang":"en","subject":"link expired","body":"The link says expired."}""",
            """{"id":"s-2","intent":"card_safety","kind":"customer","lang":"en","subject":"my card","body":"Is my visa safe?"}""",
            """{"id":"s-3","intent":"thanks","kind":"customer","lang":"es","subject":"gracias","body":"Gracias por avisar."}""",
            """{"id":"s-4","intent":null,"kind":"auto_reply","lang":"de","subject":"Abwesenheitsnotiz","body":"Ich bin bis Montag nicht im Büro."}""",
            """{"id":"s-5","intent":null,"kind":"bounce","lang":"en","subject":"Undeliverable","body":"550 5.1.1 user unknown"}""",
        ]);
        File.WriteAllLines(Path.Combine(samples, "customers.csv"),
        [
            "first_name,last_name,email,city,country",
            "Jane,Doe,jane@example.com,Boston,US",
            "\"Ana, Maria\",Lopez,ana@example.net,Miami,US",
            "Bob,Smith,bob@example.org,Austin,US",
        ]);
        File.WriteAllLines(Path.Combine(samples, "staff.csv"),
        [
            "user_name,display_name,email,roles",
            "pkumar,Priya Kumar,pkumar@meridian.example,Agent",
            "jlee,Jordan Lee,jlee@meridian.example,Agent;Lead",
        ]);
        return samples;
    }

    private static async Task<TestDatabase> DeskWithFixtureAsync(string mode, string? mailboxHost = null)
    {
        var tmp = Path.Combine(Path.GetTempPath(), "helpdesk-tests", Guid.NewGuid().ToString("N"));
        var samples = WriteFixture(tmp);
        var settings = new Dictionary<string, string?>
        {
            ["Helpdesk:Demo:Mode"] = mode,
            ["Helpdesk:Demo:EmailCount"] = "300",
            ["Helpdesk:Demo:SamplesDirectory"] = samples,
        };
        if (mailboxHost is not null) settings["Helpdesk:Mailboxes:0:Host"] = mailboxHost;
        return await TestDatabase.CreateAsync(settings);
    }

    [TestMethod]
    public async Task SeedIfNeeded_DemoModeEmptyDatabase_SurgeWithBacklogAnswersAndMachineMail()
    {
        await using var desk = await DeskWithFixtureAsync("Auto");

        var created = await desk.Get<DemoDataSeeder>().SeedIfNeededAsync();

        await using var db = await desk.Factory.CreateDbContextAsync();
        var tickets = await db.Tickets.ToListAsync();
        Assert.AreEqual(created, tickets.Count);
        Assert.IsTrue(tickets.Count is > 230 and < 300, $"about 6% of 300 emails are machine mail; got {tickets.Count} tickets");
        var machine = await db.RawMessages.CountAsync(r => r.MachineKind == "bounce" || r.MachineKind == "auto_reply");
        Assert.AreEqual(300 - tickets.Count, machine, "every email is either a ticket or stored machine mail");
        Assert.IsTrue(tickets.Any(t => t.Status == TicketStatus.Pending), "early tickets are answered");
        Assert.IsTrue(tickets.Any(t => t.Status == TicketStatus.New), "a backlog remains");
        var answered = tickets.Where(t => t.FirstResponseAt is not null).ToList();
        var waiting = tickets.Where(t => t.FirstResponseAt is null).ToList();
        Assert.IsTrue(answered.Max(t => t.ReceivedAt) <= waiting.Min(t => t.ReceivedAt).AddHours(1), "agents answer oldest first");
        CollectionAssert.IsSubsetOf(DemoDataSeeder.DemoAccounts, await db.Staff.Select(s => s.UserName).ToListAsync());
        Assert.IsTrue(await db.Staff.AllAsync(s => s.IsDemo));
        Assert.IsTrue(await db.Customers.AnyAsync(c => c.Undeliverable), "a bounce marks its address undeliverable");
        Assert.AreEqual(11, await db.Intents.CountAsync());
    }

    [TestMethod]
    public async Task SeedIfNeeded_SecondStart_AddsNothing()
    {
        await using var desk = await DeskWithFixtureAsync("On");
        var seeder = desk.Get<DemoDataSeeder>();
        await seeder.SeedIfNeededAsync();

        var second = await seeder.SeedIfNeededAsync();

        Assert.AreEqual(0, second);
    }

    [TestMethod]
    public async Task SeedIfNeeded_MailboxConfigured_NoDemoAndExistingDemoAccountsDisabled()
    {
        await using var desk = await DeskWithFixtureAsync("On");
        await desk.Get<DemoDataSeeder>().SeedIfNeededAsync();
        await using var live = await DeskWithFixtureAsync("Auto", mailboxHost: "imap.example.test");

        Assert.IsFalse(live.Get<DemoDataSeeder>().IsDemoMode);
        Assert.AreEqual(0, await live.Get<DemoDataSeeder>().SeedIfNeededAsync());
        await using (var db = await live.Factory.CreateDbContextAsync())
            Assert.AreEqual(0, await db.Staff.CountAsync(), "outside demo mode no demo account is created");

        // The same database, restarted with a mailbox: the demo accounts stop working.
        var liveSettings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Helpdesk"] = desk.Get<DatabaseTarget>().ConnectionString,
            ["Helpdesk:Mailboxes:0:Host"] = "imap.example.test",
        };
        await using var restarted = await TestDatabase.CreateAsync(liveSettings);
        await restarted.Get<DemoDataSeeder>().SeedIfNeededAsync();
        await using var check = await restarted.Factory.CreateDbContextAsync();
        Assert.IsTrue(await check.Staff.Where(s => s.IsDemo).AllAsync(s => s.IsDisabled));
    }

    [TestMethod]
    public async Task SeedIfNeeded_SamplesFolderMissing_ErrorNamesTheFolderAndSetting()
    {
        await using var desk = await TestDatabase.CreateAsync(new Dictionary<string, string?>
        {
            ["Helpdesk:Demo:Mode"] = "On",
            ["Helpdesk:Demo:SamplesDirectory"] = "/nonexistent/samples",
        });

        var e = await Assert.ThrowsExactlyAsync<InvalidOperationException>(() => desk.Get<DemoDataSeeder>().SeedIfNeededAsync());

        StringAssert.Contains(e.Message, "/nonexistent/samples");
        StringAssert.Contains(e.Message, "Helpdesk:Demo:SamplesDirectory");
    }

    [TestMethod]
    public void SplitCsvLine_QuotedCommaAndEscapedQuote_Kept()
    {
        var fields = SampleFiles.SplitCsvLine("\"Ana, Maria\",\"O\"\"Neil\",x");

        CollectionAssert.AreEqual(new[] { "Ana, Maria", "O\"Neil", "x" }, fields);
    }

    [TestMethod]
    public async Task SeedIfNeeded_ShippedSamples_AtLeast2000TicketsAcrossIntents()
    {
        var root = DataDirectory.FindRepositoryRoot(AppContext.BaseDirectory)
            ?? throw new AssertFailedException("Helpdesk.sln not found above the test assembly");
        await using var desk = await TestDatabase.CreateAsync(new Dictionary<string, string?>
        {
            ["Helpdesk:Demo:Mode"] = "On",
            ["Helpdesk:Demo:SamplesDirectory"] = Path.Combine(root, "data", "samples"),
        });

        var created = await desk.Get<DemoDataSeeder>().SeedIfNeededAsync();

        Assert.IsTrue(created >= 2_000, $"the demo desk needs at least 2,000 tickets; got {created}");
        var samples = SampleFiles.Load(Path.Combine(root, "data", "samples"));
        var intents = samples.Messages.Where(m => m.Kind == "customer").Select(m => m.Intent).Distinct().Count();
        Assert.AreEqual(11, intents, "the samples cover every seed intent");
    }
}
