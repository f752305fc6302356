using Helpdesk.Core.Abstractions;
using Helpdesk.Core.Staff;
using Helpdesk.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Core.Tests.Staff;

[TestClass]
public sealed class StaffDirectoryTests
{
    private static async Task<(long Admin, long Agent)> AddPeopleAsync(TestDatabase desk, string agentPassword = "first password here")
    {
        await using var db = await desk.Factory.CreateDbContextAsync();
        var passwords = new StaffPasswords();
        var admin = new StaffUser("ada", "Ada Admin", "ada@meridian.example", StaffRoles.Admin, TestDatabase.Start);
        var agent = new StaffUser("priya", "Priya Kumar", "priya@meridian.example", StaffRoles.Agent, TestDatabase.Start);
        admin.SetPassword(passwords.Hash(admin, "admin password 1"), temporary: false);
        agent.SetPassword(passwords.Hash(agent, agentPassword), temporary: true);
        db.Staff.AddRange(admin, agent);
        await db.SaveChangesAsync();
        return (admin.Id, agent.Id);
    }

    private static async Task<StaffUser> UserAsync(TestDatabase desk, long id)
    {
        await using var db = await desk.Factory.CreateDbContextAsync();
        return await db.Staff.SingleAsync(s => s.Id == id);
    }

    [TestMethod]
    public async Task ChangePassword_TemporaryPassword_FlagClearedStampRotatedAudited()
    {
        await using var desk = await TestDatabase.CreateAsync();
        var (_, agent) = await AddPeopleAsync(desk);
        var stampBefore = (await UserAsync(desk, agent)).SecurityStamp;

        var (user, problem) = await desk.Get<StaffDirectory>().ChangePasswordAsync(agent, "first password here", "a brand new passphrase");

        Assert.AreEqual(PasswordProblem.None, problem);
        var stored = await UserAsync(desk, agent);
        Assert.IsFalse(stored.MustChangePassword);
        Assert.AreNotEqual(stampBefore, stored.SecurityStamp);
        Assert.AreEqual(stored.SecurityStamp, user!.SecurityStamp);
        Assert.IsTrue(new StaffPasswords().Verify(stored, "a brand new passphrase"));
        await using var db = await desk.Factory.CreateDbContextAsync();
        Assert.AreEqual(1, await db.AuditEvents.CountAsync(a => a.Action == "staff.change_password" && a.StaffId == agent));
    }

    [TestMethod]
    [DataRow("first password here", "differ from the old")]
    [DataRow("too short", "at least 12")]
    [DataRow("priya-is-my-password", "user name")]
    [DataRow("aaaaaaaaaaaaaaaa", "repeated")]
    public async Task ChangePassword_BreaksARule_RefusedWithTheRuleAndFlagKept(string newPassword, string expected)
    {
        await using var desk = await TestDatabase.CreateAsync();
        var (_, agent) = await AddPeopleAsync(desk);

        var (user, problem) = await desk.Get<StaffDirectory>().ChangePasswordAsync(agent, "first password here", newPassword);

        Assert.IsNull(user);
        StringAssert.Contains(PasswordRules.Explain(problem), expected);
        Assert.IsTrue((await UserAsync(desk, agent)).MustChangePassword);
    }

    [TestMethod]
    public async Task ChangePassword_WrongCurrentPassword_Refused()
    {
        await using var desk = await TestDatabase.CreateAsync();
        var (_, agent) = await AddPeopleAsync(desk);

        var (_, problem) = await desk.Get<StaffDirectory>().ChangePasswordAsync(agent, "guess", "a brand new passphrase");

        Assert.AreEqual(PasswordProblem.WrongCurrent, problem);
    }

    [TestMethod]
    public async Task SignOutEverywhere_RotatesStampAndAudits()
    {
        await using var desk = await TestDatabase.CreateAsync();
        var (admin, agent) = await AddPeopleAsync(desk);
        var before = (await UserAsync(desk, agent)).SecurityStamp;

        await desk.Get<StaffDirectory>().SignOutEverywhereAsync(admin, agent);

        Assert.AreNotEqual(before, (await UserAsync(desk, agent)).SecurityStamp);
        await using var db = await desk.Factory.CreateDbContextAsync();
        var audit = await db.AuditEvents.SingleAsync(a => a.Action == "staff.sign_out_everywhere");
        Assert.AreEqual("ada", audit.Actor);
        StringAssert.Contains(audit.Details, "priya");
    }

    [TestMethod]
    public async Task ResetPassword_LockedOutUser_NewTemporaryPasswordUnlockedMustChange()
    {
        await using var desk = await TestDatabase.CreateAsync();
        var (admin, agent) = await AddPeopleAsync(desk);
        await using (var db = await desk.Factory.CreateDbContextAsync())
        {
            var u = await db.Staff.SingleAsync(s => s.Id == agent);
            for (var i = 0; i < 5; i++) u.RecordFailedSignIn(TestDatabase.Start, 5, TimeSpan.FromMinutes(15));
            await db.SaveChangesAsync();
        }

        var temporary = await desk.Get<StaffDirectory>().ResetPasswordAsync(admin, agent);

        var stored = await UserAsync(desk, agent);
        Assert.IsTrue(stored.MustChangePassword);
        Assert.IsFalse(stored.IsLockedOut(TestDatabase.Start));
        Assert.IsTrue(new StaffPasswords().Verify(stored, temporary));
    }

    [TestMethod]
    public async Task DisableThenEnable_RolesChanged_EachAudited()
    {
        await using var desk = await TestDatabase.CreateAsync();
        var (admin, agent) = await AddPeopleAsync(desk);
        var directory = desk.Get<StaffDirectory>();

        await directory.DisableAsync(admin, agent);
        Assert.IsTrue((await UserAsync(desk, agent)).IsDisabled);
        await directory.EnableAsync(admin, agent);
        await directory.ChangeRolesAsync(admin, agent, StaffRoles.Agent | StaffRoles.Lead);

        var stored = await UserAsync(desk, agent);
        Assert.IsFalse(stored.IsDisabled);
        Assert.AreEqual(StaffRoles.Agent | StaffRoles.Lead, stored.Roles);
        await using var db = await desk.Factory.CreateDbContextAsync();
        CollectionAssert.AreEqual(new[] { "staff.disable", "staff.enable", "staff.roles" },
            await db.AuditEvents.OrderBy(a => a.Id).Select(a => a.Action).ToArrayAsync());
    }

    [TestMethod]
    public async Task Disable_LastEnabledAdmin_Refused()
    {
        await using var desk = await TestDatabase.CreateAsync();
        var (admin, _) = await AddPeopleAsync(desk);
        var directory = desk.Get<StaffDirectory>();

        var e = await Assert.ThrowsExactlyAsync<DomainException>(() => directory.DisableAsync(admin, admin));
        await Assert.ThrowsExactlyAsync<DomainException>(() => directory.ChangeRolesAsync(admin, admin, StaffRoles.Agent));

        StringAssert.Contains(e.Message, "last enabled Admin");
        Assert.IsFalse((await UserAsync(desk, admin)).IsDisabled);
    }

    [TestMethod]
    public async Task List_Search_MatchesNameOrEmailCaseInsensitive()
    {
        await using var desk = await TestDatabase.CreateAsync();
        await AddPeopleAsync(desk);

        var found = await desk.Get<StaffDirectory>().ListAsync("KUMAR");

        Assert.AreEqual("priya", found.Single().UserName);
        Assert.IsTrue(found.Single().MustChangePassword);
    }
}
