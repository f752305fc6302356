using System.Globalization;
using System.Text;
using Helpdesk.Core.Data;
using Helpdesk.Core.Queue;
using Helpdesk.Core.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Helpdesk.Browser.Tests;

/// <summary>
/// Responder accounts that end, in Chromium: an Admin imports responders with an end date and sees who ends when on
/// /admin/staff; an ended account cannot sign in and its claim goes back to the queue; a Lead extends it on
/// /lead/responders (audited) and it signs in again.
/// </summary>
[TestClass]
public sealed class RespondersBrowserTests
{
    [TestMethod]
    public async Task ResponderAccounts_ImportedWithEnd_ListedEndedRefusedExtendedByLeadThenSignsIn()
    {
        await using var desk = await BrowserDesk.StartAsync();
        var time = desk.Services.GetRequiredService<TimeProvider>();
        var factory = desk.Services.GetRequiredService<IDbContextFactory<HelpdeskDbContext>>();
        var ends = time.GetUtcNow().AddDays(2);
        var endText = ends.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture);
        var sheet = $"email,first name,last name,roles,ends\nria.patel@meridian.example,Ria,Patel,Agent,{endText}\n";

        // An Admin imports a responder who ends in two days, and sees that end on the staff page.
        var admin = await desk.SignedInPageAsync("admin");
        await admin.GotoAsync("/admin/staff");
        await BrowserDesk.WaitForCircuitAsync(admin);
        await admin.Locator("summary:has-text('Import staff')").ClickAsync();
        await admin.Locator("#staff-csv").SetInputFilesAsync(new FilePayload { Name = "responders.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(sheet) });
        await admin.Locator("[data-import-result]").WaitForAsync();
        Assert.AreEqual("1", await admin.Locator("[data-count=created]").TextContentAsync());
        var badge = admin.Locator("tr[data-staff='ria.patel@meridian.example'] [data-ends-at]");
        await badge.WaitForAsync();
        StringAssert.Contains(await badge.TextContentAsync(), "ends " + ends.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC");

        // agent holds a ticket; its account is ended (an Admin's change): the claim goes back, sign-in is refused.
        long adminId, agentId;
        await using (var db = await factory.CreateDbContextAsync())
        {
            adminId = await db.Staff.Where(s => s.UserName == "admin").Select(s => s.Id).SingleAsync();
            agentId = await db.Staff.Where(s => s.UserName == "agent").Select(s => s.Id).SingleAsync();
        }
        var held = await desk.Services.GetRequiredService<TicketQueue>().NextAsync(agentId) ?? throw new InvalidOperationException("nothing to claim");
        await desk.Services.GetRequiredService<StaffDirectory>().SetEndsAtAsync(adminId, agentId, time.GetUtcNow().AddMinutes(-5));
        await using (var db = await factory.CreateDbContextAsync())
            Assert.IsNull(await db.Tickets.Where(t => t.Number == held).Select(t => t.ClaimedBy).SingleAsync(), "the ended account's claim is released");

        var refused = await desk.NewPageAsync();
        await refused.GotoAsync("/signin");
        await refused.FillAsync("#username", "agent");
        await refused.FillAsync("#password", BrowserDesk.DemoPassword);
        await refused.ClickAsync("button[type=submit]");
        var ended = refused.Locator("[role=alert]:has-text('This account has ended')");
        await ended.WaitForAsync();
        Assert.AreEqual("/signin", new Uri(refused.Url).AbsolutePath, "an ended account stays on the sign-in page");

        // A Lead sees both on the responders page, soonest end first, and extends the ended one by three days.
        var lead = await desk.SignedInPageAsync("lead");
        await lead.ClickAsync("nav a[href='/lead/responders']");
        await lead.Locator("tr[data-responder]").First.WaitForAsync();
        await BrowserDesk.WaitForCircuitAsync(lead);
        var order = await lead.Locator("tr[data-responder]").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.responder)");
        CollectionAssert.AreEqual(new[] { "agent", "ria.patel@meridian.example" }, order);
        Assert.AreEqual(1, await lead.Locator("tr[data-responder=agent] [data-ended]").CountAsync());
        Assert.AreEqual(0, await lead.Locator("tr[data-responder='ria.patel@meridian.example'] [data-ended]").CountAsync());
        await BrowserDesk.ScreenshotAsync(lead, "lead-responders");

        await lead.FillAsync("#extend-days", "3");
        await lead.Locator("#extend-days").DispatchEventAsync("change");
        await lead.Locator("tr[data-responder=agent] [data-action=extend]").ClickAsync();
        await lead.Locator("[data-message]:has-text('agent now ends')").WaitForAsync();
        await lead.Locator("tr[data-responder=agent] [data-ended]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });

        await using (var db = await factory.CreateDbContextAsync())
        {
            var user = await db.Staff.SingleAsync(s => s.Id == agentId);
            Assert.IsTrue(user.EndsAt > time.GetUtcNow().AddDays(2.9) && user.EndsAt < time.GetUtcNow().AddDays(3.1), $"ends {user.EndsAt:O}");
            var audit = await db.AuditEvents.Where(a => a.Action == "staff.extend").SingleAsync();
            Assert.AreEqual("lead", audit.Actor);
            StringAssert.StartsWith(audit.Details ?? "", "agent: ", "the audit names whose end moved, from when to when");
            Assert.AreEqual(1, await db.AuditEvents.CountAsync(a => a.Action == "staff.ends_at" && a.Actor == "admin"), "the Admin's end is audited too");
        }

        var again = await desk.SignedInPageAsync("agent");
        Assert.AreEqual("/", new Uri(again.Url).AbsolutePath, "the extended account signs in again");
    }
}
