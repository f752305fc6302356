using Helpdesk.Core.Staff;
using Helpdesk.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Core.Tests.Staff;

[TestClass]
public sealed class FirstAdminTests
{
    private static Dictionary<string, string?> Admin(string? password, string user = "ops") => new()
    {
        ["Helpdesk:Admin:UserName"] = user,
        ["Helpdesk:Admin:Email"] = "ops@meridian.example",
        ["Helpdesk:Admin:Password"] = password,
    };

    [TestMethod]
    public async Task Ensure_NoAdminAndStrongPassword_CreatesOneAdminThatCanSignIn()
    {
        await using var desk = await TestDatabase.CreateAsync(Admin("correct horse battery"));

        var created = await desk.Get<FirstAdmin>().EnsureAsync();

        Assert.AreEqual("ops", created);
        await using var db = await desk.Factory.CreateDbContextAsync();
        var admin = await db.Staff.SingleAsync();
        Assert.IsTrue(admin.HasRole(StaffRoles.Admin));
        Assert.IsFalse(admin.MustChangePassword);
        Assert.IsTrue(new StaffPasswords().Verify(admin, "correct horse battery"));
        Assert.AreEqual(1, await db.AuditEvents.CountAsync(a => a.Action == "staff.first_admin"));
    }

    [TestMethod]
    public async Task Ensure_SecondStart_CreatesNobodyAgain()
    {
        await using var desk = await TestDatabase.CreateAsync(Admin("correct horse battery"));
        await desk.Get<FirstAdmin>().EnsureAsync();

        var again = await desk.Get<FirstAdmin>().EnsureAsync();

        Assert.IsNull(again);
        await using var db = await desk.Factory.CreateDbContextAsync();
        Assert.AreEqual(1, await db.Staff.CountAsync());
    }

    [TestMethod]
    public async Task Ensure_NoPasswordConfigured_StopsNamingTheSetting()
    {
        await using var desk = await TestDatabase.CreateAsync(Admin(null));

        var e = await Assert.ThrowsExactlyAsync<InvalidOperationException>(() => desk.Get<FirstAdmin>().EnsureAsync());

        StringAssert.Contains(e.Message, "Helpdesk__Admin__Password");
    }

    [TestMethod]
    public async Task Ensure_WeakPassword_StopsNamingTheSettingAndTheRule()
    {
        await using var desk = await TestDatabase.CreateAsync(Admin("short"));

        var e = await Assert.ThrowsExactlyAsync<InvalidOperationException>(() => desk.Get<FirstAdmin>().EnsureAsync());

        StringAssert.Contains(e.Message, "Helpdesk__Admin__Password");
        StringAssert.Contains(e.Message, "12 characters");
    }

    [TestMethod]
    public async Task Ensure_PasswordFromSecretsFile_TrailingNewlineIgnored()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, "a long secret from a file\n");
        var settings = Admin(null);
        settings["Helpdesk:Admin:PasswordFile"] = file;
        await using var desk = await TestDatabase.CreateAsync(settings);

        await desk.Get<FirstAdmin>().EnsureAsync();

        await using var db = await desk.Factory.CreateDbContextAsync();
        Assert.IsTrue(new StaffPasswords().Verify(await db.Staff.SingleAsync(), "a long secret from a file"));
        File.Delete(file);
    }

    [TestMethod]
    public async Task Ensure_AnEnabledAdminExists_NoPasswordNeeded()
    {
        await using var desk = await TestDatabase.CreateAsync(Admin(null));
        await using (var db = await desk.Factory.CreateDbContextAsync())
        {
            db.Staff.Add(new StaffUser("admin", "Ada Admin", "admin@meridian.example", StaffRoles.Admin, TestDatabase.Start));
            await db.SaveChangesAsync();
        }

        Assert.IsNull(await desk.Get<FirstAdmin>().EnsureAsync());
    }

    [TestMethod]
    public async Task Ensure_OnlyAdminIsDisabled_ConfiguredOneCreated()
    {
        await using var desk = await TestDatabase.CreateAsync(Admin("correct horse battery"));
        await using (var db = await desk.Factory.CreateDbContextAsync())
        {
            var old = new StaffUser("admin", "Ada Admin", "admin@meridian.example", StaffRoles.Admin, TestDatabase.Start);
            old.Disable();
            db.Staff.Add(old);
            await db.SaveChangesAsync();
        }

        Assert.AreEqual("ops", await desk.Get<FirstAdmin>().EnsureAsync());
    }
}
