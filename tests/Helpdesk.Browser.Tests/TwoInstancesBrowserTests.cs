using Helpdesk.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Helpdesk.Browser.Tests;

/// <summary>Two desk instances (two web hosts, two ports) on one PostgreSQL, as docs/deployment.md runs them.</summary>
[TestClass]
public sealed class TwoInstancesBrowserTests
{
    [TestMethod]
    [TestCategory("Postgres")]
    public async Task LeadDashboard_TicketAnsweredOnOtherInstance_BacklogUpdatesWithoutReload()
    {
        await using var database = await SharedPostgres.CreateAsync();
        await using var a = await BrowserDesk.StartAsync(database.DeskSettings);
        await using var b = await BrowserDesk.StartAsync(database.DeskSettings);
        Assert.AreNotEqual(a.Address, b.Address, "two hosts on two ports");
        var page = await b.SignedInPageAsync("lead");
        await page.GotoAsync("/lead");
        await BrowserDesk.WaitForCircuitAsync(page);
        var opened = System.Diagnostics.Stopwatch.StartNew();
        var before = await BrowserDesk.BacklogOnDashboardAsync(page);
        Assert.IsTrue(before > 0, "the demo desk both instances share has a queue");
        var navigations = 0;
        page.FrameNavigated += (_, frame) => { if (frame == page.MainFrame) navigations++; };

        // Instance A's own services, as its answering console uses them: claim the next ticket, send a reply.
        var number = await a.AnswerNextTicketAsync();

        await page.WaitForFunctionAsync(
            "b => document.querySelector('[data-figure=backlog] .count-value').textContent.replace(/,/g, '') == String(b)", before - 1,
            new PageWaitForFunctionOptions { Timeout = 15_000 });
        Assert.AreEqual(before - 1, await BrowserDesk.BacklogOnDashboardAsync(page));
        Assert.AreEqual(0, navigations, "the count arrives over B's circuit, not by reloading");
        // The dashboard also refreshes itself every 30 s; arriving sooner means A's NOTIFY reached B.
        Assert.IsTrue(opened.Elapsed < TimeSpan.FromSeconds(29), $"updated {opened.Elapsed.TotalSeconds:F0} s after opening");
        await using var check = await b.Services.GetRequiredService<IDbContextFactory<HelpdeskDbContext>>().CreateDbContextAsync();
        Assert.AreNotEqual(Core.Tickets.TicketStatus.New, await check.Tickets.Where(t => t.Number == number).Select(t => t.Status).SingleAsync(),
            "B reads the ticket A answered: one database");
    }
}
