using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Text;
using Helpdesk.Core.Data;
using Helpdesk.Core.Incidents;
using Helpdesk.Core.Intake;
using Helpdesk.Web.Components.Pages;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Helpdesk.Web.Tests;

/// <summary>The /security page, its exports and incident mode on a real (demo) desk, the page under bUnit.</summary>
[TestClass]
public sealed class SecurityPageTests : BunitContext
{
    private static long _uid;

    [ClassInitialize]
    public static void StartDesk(Microsoft.VisualStudio.TestTools.UnitTesting.TestContext context) => ClassDesk<SecurityPageTests>.Start();

    [ClassCleanup]
    public static void StopDesk() => ClassDesk<SecurityPageTests>.Stop();

    private static DeskFactory Desk => ClassDesk<SecurityPageTests>.Desk;

    internal static byte[] Forward(string customer, string sender, string link) => Encoding.UTF8.GetBytes(
        $"From: <{customer}>\r\nTo: passwordchange@meridian.example\r\nSubject: Fwd: Verify now\r\nMessage-ID: <{Guid.NewGuid():N}@c.example>\r\n"
        + "Date: Sun, 22 Nov 2026 09:00:00 +0000\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        + "Is this real?\r\n\r\n---------- Forwarded message ---------\r\n"
        + $"From: Meridian <{sender}>\r\nDate: Sun, 22 Nov 2026 at 08:00\r\nSubject: Verify now\r\nTo: <{customer}>\r\n\r\nClick {link}\r\n");

    private static Task ReportAsync(string customer, string sender, string link) =>
        Desk.Services.GetRequiredService<IntakePipeline>().ProcessAsync(
            new RawMessage("INBOX-security-tests", 1, Interlocked.Increment(ref _uid), Forward(customer, sender, link), DateTimeOffset.UtcNow));

    private void SignedIn(string user, params string[] roles)
    {
        var auth = AddAuthorization();
        auth.SetAuthorized(user);
        auth.SetRoles(roles);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, "1"));
        Services.AddFallbackServiceProvider(Desk.Services);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    [TestMethod]
    public async Task SecurityPage_ReportsArrive_CountsShownAndUpdatedWithoutReload()
    {
        await ReportAsync("p1@customers.example", "a@bunit-phish.example", "https://login.bunit-phish.example/x");
        await ReportAsync("p2@customers.example", "b@bunit-phish.example", "https://login.bunit-phish.example/y");
        SignedIn("security", "Security");

        var page = Render<SecurityPage>();
        page.WaitForAssertion(() =>
        {
            var row = page.Find("[data-indicators=domain] tr[data-value='bunit-phish.example']");
            Assert.AreEqual("2", row.QuerySelector("[data-reports]")!.TextContent.Trim());
            Assert.AreEqual("2", row.QuerySelector("[data-customers]")!.TextContent.Trim());
        }, TimeSpan.FromSeconds(20));
        Assert.AreEqual("2", page.Find("[data-indicators=link_host] tr[data-value='login.bunit-phish.example'] [data-reports]").TextContent.Trim());
        Assert.IsTrue(page.FindAll("[data-report] a[data-source]").Count >= 2, "each report links to its raw mail");

        await ReportAsync("p1@customers.example", "a@bunit-phish.example", "https://other.bunit-phish.example/");
        // The feed coalesces for a second; no timer refreshes this page, so only the push can bring the third report.
        page.WaitForAssertion(() =>
        {
            var row = page.Find("[data-indicators=domain] tr[data-value='bunit-phish.example']");
            Assert.AreEqual("3", row.QuerySelector("[data-reports]")!.TextContent.Trim());
            Assert.AreEqual("2", row.QuerySelector("[data-customers]")!.TextContent.Trim());
        }, TimeSpan.FromSeconds(10));
    }

    [TestMethod]
    public async Task Exports_SecurityUserAllowed_AgentRefused()
    {
        await ReportAsync("e1@customers.example", "x@export-phish.example", "https://export-phish.example/login");
        using var security = Browserless.Client(Desk);
        await Browserless.SignInAsync(security, "security", "demo-desk");
        var csv = await security.GetAsync("/security/export/indicators.csv");
        Assert.AreEqual(HttpStatusCode.OK, csv.StatusCode);
        StringAssert.Contains(await csv.Content.ReadAsStringAsync(), "domain,export-phish.example,1,1,");
        var json = await security.GetAsync("/security/export/indicators.json");
        Assert.AreEqual(HttpStatusCode.OK, json.StatusCode);
        StringAssert.Contains(await json.Content.ReadAsStringAsync(), "\"value\": \"export-phish.example\"");

        long reportId;
        await using (var db = await Desk.Services.GetRequiredService<IDbContextFactory<HelpdeskDbContext>>().CreateDbContextAsync())
            reportId = await db.PhishingReports.Where(r => r.SenderDomain == "export-phish.example").Select(r => r.Id).SingleAsync();
        var source = await security.GetAsync($"/security/reports/{reportId}/source");
        Assert.AreEqual(HttpStatusCode.OK, source.StatusCode);
        Assert.AreEqual("message/rfc822", source.Content.Headers.ContentType?.MediaType);
        StringAssert.Contains(await source.Content.ReadAsStringAsync(), "x@export-phish.example");

        using var agent = Browserless.Client(Desk);
        await Browserless.SignInAsync(agent, "agent", "demo-desk");
        foreach (var url in new[] { "/security/export/indicators.csv", "/security/export/indicators.json", $"/security/reports/{reportId}/source", "/security" })
        {
            var refused = await agent.GetAsync(url);
            Assert.AreNotEqual(HttpStatusCode.OK, refused.StatusCode, url);
            StringAssert.Contains(refused.Headers.Location?.ToString() ?? "", "/denied", url);
        }
    }

    [TestMethod]
    public async Task HelpPage_AdminSwitchesIncidentOn_BannerAppearsAndAckCarriesIt()
    {
        var incident = Desk.Services.GetRequiredService<IncidentMode>();
        await incident.SwitchOffAsync(null, "test");
        Services.AddFallbackServiceProvider(Desk.Services);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var page = Render<HelpPage>();
        Assert.AreEqual(0, page.FindAll("[data-incident-banner]").Count);

        Assert.IsTrue(await incident.SwitchOnAsync(null, "ada"));
        page.WaitForAssertion(() => StringAssert.Contains(page.Find("[data-incident-banner]").TextContent, "pretend to come from"),
            TimeSpan.FromSeconds(10));
        Assert.IsFalse(await incident.SwitchOnAsync(null, "ada"), "already on");

        // The next acknowledgment carries the banner above the trainers' acknowledgment text.
        var outcome = await Desk.Services.GetRequiredService<IntakePipeline>().ProcessAsync(new RawMessage("INBOX-security-tests", 1,
            Interlocked.Increment(ref _uid), Forward($"ack-{Guid.NewGuid():N}@customers.example", "z@ack-phish.example", "https://ack-phish.example/"), DateTimeOffset.UtcNow));
        await using (var db = await Desk.Services.GetRequiredService<IDbContextFactory<HelpdeskDbContext>>().CreateDbContextAsync())
        {
            var ack = await db.Outbox.Where(o => o.TicketNumber == outcome.TicketNumber).SingleAsync();
            var text = MimeKit.MimeMessage.Load(new MemoryStream(ack.Mime!)).TextBody;
            StringAssert.Contains(text, "pretend to come from");
            Assert.IsTrue(text.IndexOf("pretend to come from", StringComparison.Ordinal) < text.IndexOf("We have received your message", StringComparison.Ordinal));
            var ticket = await db.Tickets.SingleAsync(t => t.Number == outcome.TicketNumber);
            if (ticket.Intent is "phishing_check" or "identity_protection")
                Assert.AreEqual(Helpdesk.Core.Tickets.TicketPriority.High, ticket.Priority, ticket.Intent);
            var audit = await db.AuditEvents.Where(a => a.Action == "incident.on").ToListAsync();
            Assert.AreEqual(1, audit.Count(a => a.Actor == "ada"));
        }

        await incident.SwitchOffAsync(null, "ada");
        page.WaitForAssertion(() => Assert.AreEqual(0, page.FindAll("[data-incident-banner]").Count), TimeSpan.FromSeconds(10));
    }
}
