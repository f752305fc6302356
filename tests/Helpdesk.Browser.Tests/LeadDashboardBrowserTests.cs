using Helpdesk.Core.Data;
using Helpdesk.Core.Queue;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Helpdesk.Browser.Tests;

[TestClass]
public sealed class LeadDashboardBrowserTests
{
    [TestMethod]
    public async Task Dashboard_TicketAnsweredElsewhere_BacklogAndChartUpdateWithoutReload()
    {
        await using var desk = await BrowserDesk.StartAsync();
        var page = await desk.SignedInPageAsync("lead");
        await page.GotoAsync("/lead");
        await BrowserDesk.WaitForCircuitAsync(page);
        var before = await BrowserDesk.BacklogOnDashboardAsync(page);
        var updatesBefore = await page.Locator("[data-updated]").GetAttributeAsync("data-updated");
        var navigations = 0;
        page.FrameNavigated += (_, frame) => { if (frame == page.MainFrame) navigations++; };

        // An agent elsewhere (not this browser) claims the next ticket and answers it.
        await desk.AnswerNextTicketAsync();

        await page.WaitForFunctionAsync(
            "b => document.querySelector('[data-figure=backlog] .count-value').textContent.replace(/,/g, '') == String(b)", before - 1,
            new PageWaitForFunctionOptions { Timeout = 15_000 });
        Assert.AreEqual(before - 1, await BrowserDesk.BacklogOnDashboardAsync(page));
        Assert.AreNotEqual(updatesBefore, await page.Locator("[data-updated]").GetAttributeAsync("data-updated"));
        Assert.AreEqual(0, navigations, "the figures arrive over the circuit, not by reloading");
        Assert.IsTrue(await page.Locator("[data-chart=last24] a[data-answered]").CountAsync() == 24);
        await BrowserDesk.ScreenshotAsync(page, "lead-dashboard");
    }

    [TestMethod]
    public async Task DrillDown_ReleaseStuckClaim_RowShowsNobodyHoldsIt()
    {
        await using var desk = await BrowserDesk.StartAsync();
        long agentId;
        var factory = desk.Services.GetRequiredService<IDbContextFactory<HelpdeskDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
            agentId = await db.Staff.Where(s => s.UserName == "agent").Select(s => s.Id).SingleAsync();
        var number = await desk.Services.GetRequiredService<TicketQueue>().NextAsync(agentId) ?? throw new AssertFailedException("nothing to claim");
        var page = await desk.SignedInPageAsync("lead");

        await page.GotoAsync("/lead/tickets?waiting=1");
        await page.Locator("tr[data-ticket]").First.WaitForAsync();
        await BrowserDesk.ScreenshotAsync(page, "lead-drilldown");
        await page.GotoAsync("/lead/tickets?held=1");
        await BrowserDesk.WaitForCircuitAsync(page);
        var row = page.Locator($"tr[data-ticket='{number}']");
        await row.WaitForAsync();
        await row.Locator("[data-action=release]").ClickAsync();

        await page.Locator(".alert-success").WaitForAsync();
        StringAssert.Contains(await page.Locator(".alert-success").InnerTextAsync(), $"#{number} is back in the queue");
        await using var check = await factory.CreateDbContextAsync();
        Assert.IsNull(await check.Tickets.Where(t => t.Number == number).Select(t => t.ClaimedBy).SingleAsync());
        Assert.AreEqual(1, await check.AuditEvents.CountAsync(a => a.TicketNumber == number && a.Action == "ticket.release_claim"));
    }
}
