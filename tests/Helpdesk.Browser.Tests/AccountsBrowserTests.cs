using System.Text;
using Microsoft.Playwright;

namespace Helpdesk.Browser.Tests;

[TestClass]
public sealed class AccountsBrowserTests
{
    private const string Sheet = """
        email,first name,last name,roles
        priya.kumar@meridian.example,Priya,Kumar,Agent
        sam.oneil@meridian.example,Sam,O'Neil,Agent;Lead
        tom.baker@meridian.example,Tom,Baker,Wizard
        """;

    [TestMethod]
    public async Task StaffImport_UploadThenFirstSignIn_ForcedToChooseOwnPasswordThenQueue()
    {
        await using var desk = await BrowserDesk.StartAsync();
        var admin = await desk.SignedInPageAsync("admin");
        await admin.ClickAsync("nav a[href='/admin/staff']");
        await admin.Locator("h1:has-text('Staff')").WaitForAsync();

        await admin.Locator("summary:has-text('Import staff')").ClickAsync();
        await admin.Locator("#staff-csv").SetInputFilesAsync(new FilePayload { Name = "week1.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(Sheet) });
        await admin.Locator("[data-import-result]").WaitForAsync();

        Assert.AreEqual("2", await admin.Locator("[data-count=created]").TextContentAsync());
        StringAssert.Contains(await admin.Locator("tr[data-problem-line='4']").TextContentAsync(), "'Wizard' is not a role");
        var temporary = (await admin.Locator("tr[data-created='priya.kumar@meridian.example'] code").Last.TextContentAsync())!.Trim();
        await admin.Locator("tr[data-staff='priya.kumar@meridian.example']").WaitForAsync();
        await BrowserDesk.ScreenshotAsync(admin, "admin-staff");

        var priya = await desk.NewPageAsync();
        await priya.GotoAsync("/signin");
        await priya.FillAsync("#username", "priya.kumar@meridian.example");
        await priya.FillAsync("#password", temporary);
        await priya.ClickAsync("button[type=submit]");
        await priya.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/account/password");
        Assert.IsTrue(await priya.Locator("[data-forced]").IsVisibleAsync());
        await priya.FillAsync("#current", temporary);
        await BrowserDesk.ScreenshotAsync(priya, "account-password");

        await priya.FillAsync("#new", "green tent by the lake");
        await priya.FillAsync("#confirm", "green tent by the lake");
        await priya.ClickAsync("form[action='/account/change-password'] button[type=submit]");
        await priya.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await BrowserDesk.WaitForCircuitAsync(priya);
        Assert.IsTrue(await priya.Locator("tr[data-ticket]").CountAsync() > 0, "after the change the queue opens");
    }

    [TestMethod]
    public async Task StaffPage_ResetPassword_ShownOnceAndAccountMarked()
    {
        await using var desk = await BrowserDesk.StartAsync();
        var admin = await desk.SignedInPageAsync("admin");
        await admin.GotoAsync("/admin/staff");
        await BrowserDesk.WaitForCircuitAsync(admin);

        var row = admin.Locator("tr[data-staff='agent']");
        await row.Locator("button:has-text('Reset password')").ClickAsync();
        await admin.Locator("[data-temporary-password]").WaitForAsync();

        StringAssert.Contains(await admin.Locator("[data-temporary-password]").TextContentAsync(), "agent");
        await row.Locator(".badge:has-text('temporary password')").WaitForAsync();
    }
}
