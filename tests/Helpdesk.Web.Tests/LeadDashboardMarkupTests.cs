using System.Net;
using Helpdesk.Core.Reporting;
using Helpdesk.Web.Components.Lead;

namespace Helpdesk.Web.Tests;

[TestClass]
public sealed class LeadDashboardMarkupTests : BunitContext
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 30, 0, TimeSpan.Zero);

    private static DeskSnapshot Snapshot(DateTimeOffset? drainedAt = null, int failed = 0)
    {
        var hours = Enumerable.Range(0, 24).Select(i => new HourFlow(new DateTimeOffset(2026, 11, 21, 13, 0, 0, TimeSpan.Zero).AddHours(i),
            i == 23 ? 120 : 10, i == 23 ? 3 : 0, i == 22 ? 90 : 5)).ToList();
        return new DeskSnapshot(Now, hours[0].Hour, hours, hours,
            new BacklogFigures(1234, [new IntentCount("reset_help", 800), new IntentCount(null, 434)],
                [new(AgeBand.UnderOneHour, 200), new(AgeBand.OneToFourHours, 1000), new(AgeBand.FourToTwelveHours, 34),
                 new(AgeBand.TwelveToTwentyFourHours, 0), new(AgeBand.OneToTwoDays, 0), new(AgeBand.OverTwoDays, 0)]),
            new OldestWaiting(42, Now.AddHours(-5).AddMinutes(-3)),
            new ResponseTimes(300, TimeSpan.FromMinutes(45), TimeSpan.FromMinutes(200)),
            new ResponseTimes(900, TimeSpan.FromMinutes(50), TimeSpan.FromMinutes(300)),
            new DrainForecast(1234, 3, 100, 60, drainedAt),
            [new AgentFigures(7, "Ana Diaz", true, 1, Now.AddMinutes(-3), 57), new AgentFigures(8, "Ben Okafor", false, 0, Now.AddHours(-2), 12)],
            new TriageFigures(1000, 125, 40),
            new OutboxHealth(5, failed, 2),
            new IntakeLag([new MailboxIntakeLag("passwordchange", Now.AddMinutes(-12), TimeSpan.FromMinutes(12), 30, "timeout")], 17, Now.AddMinutes(-1)),
            new EscalatedFigures(3, new OldestWaiting(77, Now.AddMinutes(-95))));
    }

    [TestMethod]
    public void DashboardView_Snapshot_TilesShowFiguresAndLinkToTheirTickets()
    {
        var cut = Render<DashboardView>(p => p.Add(c => c.Snapshot, Snapshot()));

        string Tile(string figure) => cut.Find($"[data-figure={figure}] .count-value").TextContent.Trim();
        string Href(string figure) => cut.Find($"[data-figure={figure}]").GetAttribute("href")!;
        Assert.AreEqual("1,234", Tile("backlog"));
        Assert.AreEqual("/lead/tickets?waiting=1", Href("backlog"));
        Assert.AreEqual("5 h 3 min", Tile("oldest"));
        Assert.AreEqual("45 min", Tile("median"));
        Assert.AreEqual("3 h 20 min", Tile("p90"));
        StringAssert.Contains(Href("p90"), "minResponse=200");
        Assert.AreEqual("not draining", Tile("forecast"));
        Assert.AreEqual("12.5%", Tile("triage"));
        Assert.AreEqual("/lead/tickets?triage=1", Href("triage"));
        Assert.AreEqual("4%", Tile("changed"));
        Assert.AreEqual("/lead/tickets?outbox=Failed", Href("outbox-failed"));
        Assert.AreEqual("17", cut.Find("[data-figure=intake-pending]").TextContent);
        Assert.AreEqual("12 min ago", cut.Find("tr[data-mailbox=passwordchange] [data-lag]").TextContent);
        Assert.IsNotNull(cut.FindAll("a[href='/outbox']").FirstOrDefault(), "outbox health links to the outbox page");
        Assert.AreEqual("3", Tile("escalated"));
        Assert.AreEqual("/answer?lane=escalated", Href("escalated"), "the tile takes a lead straight to the escalated tickets");
        StringAssert.Contains(cut.Find("[data-figure=escalated] .count-label").TextContent, "oldest 1 h 35 min");
        Assert.IsTrue(cut.Find("[data-figure=escalated]").ClassList.Contains("tile-warn"), "escalations waiting stand out");
    }

    [TestMethod]
    public void DashboardView_Draining_ForecastShowsTimeAndFailedOutboxWarns()
    {
        var cut = Render<DashboardView>(p => p.Add(c => c.Snapshot, Snapshot(drainedAt: Now.AddHours(3).AddMinutes(15), failed: 3)));

        Assert.AreEqual("15:45", cut.Find("[data-figure=forecast] .count-value").TextContent.Trim());
        Assert.IsFalse(cut.Find("[data-figure=forecast]").ClassList.Contains("tile-warn"));
        Assert.IsTrue(cut.Find("[data-figure=outbox-failed]").ClassList.Contains("tile-warn"));
    }

    [TestMethod]
    public void DashboardView_BacklogBars_OnePerIntentAndBandLinkedToTheDrillDown()
    {
        var cut = Render<DashboardView>(p => p.Add(c => c.Snapshot, Snapshot()));

        var intents = cut.FindAll("[data-chart=backlog-intent] a[data-bar]");
        CollectionAssert.AreEqual(new[] { "reset_help", "none" }, intents.Select(a => a.GetAttribute("data-bar")).ToArray());
        Assert.AreEqual("/lead/tickets?waiting=1&intent=none", intents[1].GetAttribute("href"));
        StringAssert.Contains(intents[1].TextContent, "no intent yet");
        var ages = cut.FindAll("[data-chart=backlog-age] a[data-bar]");
        Assert.AreEqual(6, ages.Count);
        Assert.AreEqual("/lead/tickets?age=OneToFourHours", ages[1].GetAttribute("href"));
        Assert.AreEqual("1000", ages[1].GetAttribute("data-count"));
    }

    [TestMethod]
    public void FlowChart_Hours_BarHeightsToScaleWithRoundAxisAndTitles()
    {
        var hours = Snapshot().Last24Hours;

        var cut = Render<FlowChart>(p => p.Add(c => c.Name, "t").Add(c => c.Title, "test").Add(c => c.Hours, hours));

        var groups = cut.FindAll("a[data-hour]");
        Assert.AreEqual(24, groups.Count);
        Assert.AreEqual("123", groups[23].GetAttribute("data-in"), "new plus wrote again");
        var ticks = cut.FindAll("text.chart-tick").Select(t => t.TextContent).ToList();
        CollectionAssert.IsSubsetOf(new[] { "0", "50", "100", "150" }, ticks, "axis in round steps up to the largest bar");
        var tallest = double.Parse(groups[23].QuerySelector("rect")!.GetAttribute("height")!, System.Globalization.CultureInfo.InvariantCulture);
        var small = double.Parse(groups[0].QuerySelector("rect")!.GetAttribute("height")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.AreEqual(123 / 10.0, tallest / small, 0.05);
        Assert.IsTrue(cut.FindAll("text.chart-axis-title").Select(t => t.TextContent).Any(t => t.Contains("tickets per hour")));
        Assert.AreEqual($"/lead/tickets?arrived={hours[0].Hour.ToUnixTimeSeconds()}", groups[0].GetAttribute("href"));
    }

    [TestMethod]
    public async Task LeadPages_AgentSignedIn_DeniedAndCsvRefused()
    {
        using var factory = new DeskFactory();
        var client = Browserless.Client(factory);
        await Browserless.SignInAsync(client, "agent", "demo-desk");

        var dashboard = await client.GetAsync("/lead");
        var drillDown = await client.GetAsync("/lead/tickets?waiting=1");
        var csv = await client.GetAsync("/lead/export/figures.csv");
        var queue = await Browserless.GetDocumentAsync(client, "/");

        Assert.AreEqual(HttpStatusCode.Redirect, dashboard.StatusCode);
        StringAssert.StartsWith(dashboard.Headers.Location!.PathAndQuery, "/denied");
        Assert.AreEqual(HttpStatusCode.Redirect, drillDown.StatusCode);
        Assert.AreEqual(HttpStatusCode.Redirect, csv.StatusCode);
        StringAssert.StartsWith(csv.Headers.Location!.PathAndQuery, "/denied");
        Assert.IsNull(queue.QuerySelector("a[href='/lead']"), "no dashboard link in an agent's menu");
    }

    [TestMethod]
    public async Task LeadPages_LeadSignedIn_DashboardDrillDownAndCsv()
    {
        using var factory = new DeskFactory();
        var client = Browserless.Client(factory);
        await Browserless.SignInAsync(client, "lead", "demo-desk");

        var page = await Browserless.GetDocumentAsync(client, "/lead");
        var backlog = int.Parse(page.QuerySelector("[data-figure=backlog] .count-value")!.TextContent.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture);
        var list = await Browserless.GetDocumentAsync(client, "/lead/tickets?waiting=1");
        var figures = await client.GetAsync("/lead/export/figures.csv");
        var tickets = await client.GetAsync("/lead/export/tickets.csv?waiting=1");

        Assert.IsTrue(backlog > 0, "the demo desk has a backlog");
        Assert.IsNotNull(page.QuerySelector("a[href='/lead']"), "the lead's menu has the dashboard");
        Assert.AreEqual(backlog.ToString(System.Globalization.CultureInfo.InvariantCulture), list.QuerySelector("[data-total]")!.GetAttribute("data-total"));
        Assert.AreEqual("text/csv", figures.Content.Headers.ContentType!.MediaType);
        StringAssert.Contains(await figures.Content.ReadAsStringAsync(), $"backlog,total,{backlog}");
        var lines = (await tickets.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.AreEqual(backlog + 1, lines.Length, "header plus one line per waiting ticket");
    }
}
