using System.Text;
using Helpdesk.Core.Data;
using Helpdesk.Core.Intake;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Helpdesk.Browser.Tests;

/// <summary>The security desk in Chromium: the /security page and its exports, who may see it, and incident mode.</summary>
[TestClass]
public sealed class PhishingDeskBrowserTests
{
    private static long _uid;

    private static Task ReportAsync(BrowserDesk desk, string customer, string sender, string link)
    {
        var mail = Encoding.UTF8.GetBytes(
            $"From: <{customer}>\r\nTo: passwordchange@meridian.example\r\nSubject: Fwd: Verify now\r\nMessage-ID: <{Guid.NewGuid():N}@c.example>\r\n"
            + "Date: Sun, 22 Nov 2026 09:00:00 +0000\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
            + "Is this real?\r\n\r\n---------- Forwarded message ---------\r\n"
            + $"From: Meridian <{sender}>\r\nDate: Sun, 22 Nov 2026 at 08:00\r\nSubject: Verify now\r\nTo: <{customer}>\r\n\r\nClick {link}\r\n");
        return desk.Services.GetRequiredService<IntakePipeline>().ProcessAsync(
            new RawMessage("INBOX-browser", 1, Interlocked.Increment(ref _uid), mail, DateTimeOffset.UtcNow));
    }

    private static ILocator Cell(IPage page, string kind, string value, string cell) =>
        page.Locator($"[data-indicators={kind}] tr[data-value='{value}'] [data-{cell}]");

    [TestMethod]
    public async Task SecurityPage_ReportsAndExport_CountsShownLiveAndCsvMatches()
    {
        await using var desk = await BrowserDesk.StartAsync();
        await ReportAsync(desk, "r1@customers.example", "a@wave-phish.example", "https://login.wave-phish.example/1");
        await ReportAsync(desk, "r2@customers.example", "a@wave-phish.example", "https://login.wave-phish.example/2");
        var page = await desk.SignedInPageAsync("security");
        await page.GotoAsync("/security");
        await BrowserDesk.WaitForCircuitAsync(page);

        Assert.AreEqual("2", (await Cell(page, "domain", "wave-phish.example", "reports").InnerTextAsync()).Trim());
        Assert.AreEqual("2", (await Cell(page, "domain", "wave-phish.example", "customers").InnerTextAsync()).Trim());
        Assert.AreEqual("2", (await Cell(page, "link_host", "login.wave-phish.example", "reports").InnerTextAsync()).Trim());

        await ReportAsync(desk, "r3@customers.example", "b@wave-phish.example", "https://login.wave-phish.example/3");
        await page.WaitForFunctionAsync(
            "() => document.querySelector(\"[data-indicators=domain] tr[data-value='wave-phish.example'] [data-reports]\")?.textContent.trim() === '3'",
            null, new PageWaitForFunctionOptions { Timeout = 15_000 });
        Assert.AreEqual("3", (await Cell(page, "domain", "wave-phish.example", "customers").InnerTextAsync()).Trim());

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("a[data-export=csv]").ClickAsync());
        var csv = await File.ReadAllTextAsync(await download.PathAsync());
        StringAssert.Contains(csv, "kind,value,reports,customers,first_seen,last_seen");
        StringAssert.Contains(csv, "domain,wave-phish.example,3,3,");
        StringAssert.Contains(csv, "link_host,login.wave-phish.example,3,3,");
        StringAssert.Contains(csv, "sender,a@wave-phish.example,2,2,");
        var json = await page.Context.APIRequest.GetAsync("/security/export/indicators.json");
        Assert.AreEqual(200, json.Status);
        StringAssert.Contains(await json.TextAsync(), "\"value\": \"wave-phish.example\"");
        await BrowserDesk.ScreenshotAsync(page, "security-page");
    }

    [TestMethod]
    public async Task SecurityPage_SecurityUserAllowed_AgentRefused()
    {
        await using var desk = await BrowserDesk.StartAsync();
        var security = await desk.SignedInPageAsync("security");
        await security.GotoAsync("/security");
        await security.Locator("h1", new PageLocatorOptions { HasTextString = "What are customers forwarding" }).WaitForAsync();
        Assert.AreEqual(1, await security.Locator("nav a[href='/security']").CountAsync());

        var agent = await desk.SignedInPageAsync("agent");
        Assert.AreEqual(0, await agent.Locator("nav a[href='/security']").CountAsync(), "no link for an agent");
        await agent.GotoAsync("/security");
        StringAssert.StartsWith(new Uri(agent.Url).AbsolutePath, "/denied");
        Assert.AreEqual(0, await agent.Locator("[data-indicators]").CountAsync());
        var export = await agent.Context.APIRequest.GetAsync("/security/export/indicators.csv",
            new APIRequestContextOptions { MaxRedirects = 0 });
        Assert.AreNotEqual(200, export.Status);
    }

    [TestMethod]
    public async Task IncidentMode_AdminSwitchesOn_BannerAppearsOnOpenHelpPage()
    {
        await using var desk = await BrowserDesk.StartAsync();
        var help = await desk.OpenHelpPageAsync();

        var admin = await desk.SwitchIncidentModeOnAsync();

        await help.WaitForBannerAsync();
        await BrowserDesk.ScreenshotAsync(help.Page, "help-incident-banner");

        await using var db = await desk.Services.GetRequiredService<IDbContextFactory<HelpdeskDbContext>>().CreateDbContextAsync();
        var audit = await db.AuditEvents.Where(a => a.Action == "incident.on").SingleAsync();
        Assert.AreEqual("admin", audit.Actor);
        Assert.IsTrue(await db.IncidentSwitch.Select(s => s.IsOn).SingleAsync());

        await admin.GotoAsync("/lead");
        await admin.Locator("[data-chart=last24] [data-incident-marker]").WaitForAsync();
    }
}
