using Helpdesk.Core.Data;
using Helpdesk.Core.Queue;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Helpdesk.Browser.Tests;

[TestClass]
public sealed class QueueBrowserTests
{
    [TestMethod]
    public async Task QueueCounts_AnotherAgentTakesATicket_EveryOpenQueuePageCountsItFromOneRecount()
    {
        await using var desk = await BrowserDesk.StartAsync();
        var agent = await desk.SignedInPageAsync("agent");
        var lead = await desk.SignedInPageAsync("lead");
        var feed = desk.Services.GetRequiredService<QueueCountsFeed>();
        var claimed = await agent.Locator("[data-count=claimed]").TextContentAsync() ?? "";
        await using var db = await desk.Services.GetRequiredService<IDbContextFactory<HelpdeskDbContext>>().CreateDbContextAsync();
        var trainer = await db.Staff.Where(s => s.UserName == "trainer").Select(s => s.Id).SingleAsync();
        Assert.AreEqual(2, feed.SubscriberCount, "both queue pages listen to the shared counts");
        var recountsBefore = feed.Recounts;

        var taken = await desk.Services.GetRequiredService<AnsweringDesk>().TakeNextAsync(trainer);

        Assert.IsNotNull(taken);
        var expected = (int.Parse(claimed, System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture) + 1).ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var page in new[] { agent, lead })
            await Assertions.Expect(page.Locator("[data-count=claimed]")).ToHaveTextAsync(expected, new LocatorAssertionsToHaveTextOptions { Timeout = 15_000 });
        var recounts = feed.Recounts - recountsBefore;
        Assert.IsTrue(recounts is >= 1 and <= 2, $"one change with two pages open cost {recounts} recounts (one, or two if the demo desk's own start-up work changed a ticket at the same time)");
    }
}
