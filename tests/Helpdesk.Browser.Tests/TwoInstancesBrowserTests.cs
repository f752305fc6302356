using Helpdesk.Core.Data;
using Helpdesk.Core.Queue;
using Helpdesk.Core.Replies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Helpdesk.Browser.Tests;

/// <summary>Two desk instances (two web hosts, two ports) on one PostgreSQL, as docs/deployment.md runs them.</summary>
[TestClass]
public sealed class TwoInstancesBrowserTests
{
    private static async Task<int> BacklogAsync(IPage page) =>
        int.Parse((await page.Locator("[data-figure=backlog] .count-value").InnerTextAsync()).Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture);

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
        var before = await BacklogAsync(page);
        Assert.IsTrue(before > 0, "the demo desk both instances share has a queue");
        var navigations = 0;
        page.FrameNavigated += (_, frame) => { if (frame == page.MainFrame) navigations++; };

        // Instance A's own services, as its answering console uses them: claim the next ticket, send a reply.
        var factory = a.Services.GetRequiredService<IDbContextFactory<HelpdeskDbContext>>();
        long agentId;
        await using (var db = await factory.CreateDbContextAsync())
            agentId = await db.Staff.Where(s => s.UserName == "agent").Select(s => s.Id).SingleAsync();
        var number = await a.Services.GetRequiredService<TicketQueue>().NextAsync(agentId) ?? throw new AssertFailedException("nothing to claim");
        int version;
        await using (var db = await factory.CreateDbContextAsync())
            version = await db.Tickets.Where(t => t.Number == number).Select(t => t.Version).SingleAsync();
        await a.Services.GetRequiredService<ReplyService>().SendAsync(agentId,
            new ReplyDraft(number, version, "Hello, your card was not affected. Please create a new password on our site."));

        await page.WaitForFunctionAsync(
            "b => document.querySelector('[data-figure=backlog] .count-value').textContent.replace(/,/g, '') == String(b)", before - 1,
            new PageWaitForFunctionOptions { Timeout = 15_000 });
        Assert.AreEqual(before - 1, await BacklogAsync(page));
        Assert.AreEqual(0, navigations, "the count arrives over B's circuit, not by reloading");
        // The dashboard also refreshes itself every 30 s; arriving sooner means A's NOTIFY reached B.
        Assert.IsTrue(opened.Elapsed < TimeSpan.FromSeconds(29), $"updated {opened.Elapsed.TotalSeconds:F0} s after opening");
        await using var check = await b.Services.GetRequiredService<IDbContextFactory<HelpdeskDbContext>>().CreateDbContextAsync();
        Assert.AreNotEqual(Core.Tickets.TicketStatus.New, await check.Tickets.Where(t => t.Number == number).Select(t => t.Status).SingleAsync(),
            "B reads the ticket A answered: one database");
    }
}
