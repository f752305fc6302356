using Helpdesk.Drill.Report;
using Microsoft.Playwright;

namespace Helpdesk.Drill.Tests;

/// <summary>
/// The breach-week drill in the test suite: a few thousand mails through real Postfix and Dovecot into a real desk,
/// agents and leads at work, then the exactly-once checks (against Dovecot's delivery log) must all hold; with a
/// mail dropped on purpose they must not. The report the drill wrote must render in Chromium.
/// </summary>
[TestClass]
public sealed class ShortDrillTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [Timeout(600_000, CooperativeCancellation = true)]
    public async Task ShortDrill_ThousandMails_EveryExactlyOnceCheckHolds()
    {
        var (result, folder, log) = await DrillFixture.ShortDrillAsync();
        TestContext.WriteLine(log);

        foreach (var check in result.Checks) Assert.IsTrue(check.Passed, $"{check.Name}: {check.Detail} {string.Join("; ", check.Examples)}");
        Assert.HasCount(7, result.Checks, "every closing check ran");
        Assert.AreEqual(1_000, result.Accepted, "Postfix accepted every mail the customers wrote");
        // The week's machinery really ran: a real mix, real answers, real bounces, a bulk reply and a dashboard.
        Assert.IsGreaterThan(0, result.MailsWritten["AutoReply"]);
        Assert.IsGreaterThan(0, result.MailsWritten["FollowUp"]);
        Assert.IsGreaterThan(0, result.MailsWritten["ForwardedPhishing"]);
        Assert.IsGreaterThan(100L, result.AgentReplies, "the agents answered");
        StringAssert.Contains(result.Checks.Single(c => c.Name == "every bounce marked its address").Detail, "bounces taken in");
        Assert.IsGreaterThan(0, result.Samples[^1].MachineMails, "bounces and auto-replies came back through the mailbox");
        // A bounce moves an outbox item from Sent to Bounced; the series still counts it as sent (it never goes down).
        Assert.IsTrue(result.Intervals.All(i => i.Sent >= 0), "mails sent per interval: " + string.Join(", ", result.Intervals.Select(i => i.Sent)));
        Assert.IsNotNull(result.Bulk);
        Assert.IsNull(result.Bulk.Error, result.Bulk.Error);
        Assert.IsGreaterThan(0, result.DashboardMs.Count, "the leads read the dashboard");
        Assert.IsGreaterThan(0, result.IntakeLagSeconds.Count);
        Assert.IsTrue(File.Exists(Path.Combine(folder, "drill.json")));
        Assert.AreEqual(result.Run, DrillReportWriter.Read(folder)!.Run, "drill.json reads back");
    }

    [TestMethod]
    [Timeout(600_000, CooperativeCancellation = true)]
    public async Task ShortDrill_AgentsInChromium_RepliesSentAndSendToNextTimedInThePage()
    {
        var (result, _, log) = await DrillFixture.ShortDrillAsync();
        TestContext.WriteLine(log);

        var console = result.Console;
        Assert.IsNotNull(console, "the short drill ran with agents in Chromium");
        Assert.AreEqual(DrillFixture.ShortDrillBrowsers, console.Browsers);
        // Their replies went through the console into the desk (and so into the exactly-once checks, which passed above).
        Assert.IsGreaterThan(0L, console.Replies, $"the Chromium agents sent nothing; last error: {console.LastError}");
        Assert.IsGreaterThanOrEqualTo((int)console.Replies, console.RepliesStored, "every reply the page confirmed is in the desk's database");
        // Send→next was timed in the page: real, positive, below the send's own time limit.
        var timed = console.SendToNextMs;
        Assert.IsGreaterThan(0, timed.Count, "no send→next was timed");
        Assert.IsGreaterThan(0.0, timed.P50);
        Assert.IsTrue(timed.P50 <= timed.P95 && timed.P95 <= timed.Max && timed.Max < 30_000, $"p50 {timed.P50} p95 {timed.P95} max {timed.Max}");
        Assert.AreEqual(timed.Count, result.Intervals.Sum(i => i.SendToNextCount), "every timed send is in one interval");
        Assert.IsTrue(result.Intervals.Where(i => i.SendToNextCount > 0).All(i => i.SendToNextP95Ms > 0 && i.SendToNextMaxMs >= i.SendToNextP95Ms));
        StringAssert.Contains(log, "send→next p50");
    }

    [TestMethod]
    [Timeout(600_000, CooperativeCancellation = true)]
    public async Task ShortDrill_OneMailDroppedOnPurpose_ExactlyOnceCheckFailsAndNamesIt()
    {
        var plan = DrillFixture.ShortPlan(DrillFixture.NewFolder(), mails: 200, days: 1, daySeconds: 8);
        plan.Fault = DrillFault.DropOneMail;
        var log = new StringWriter();

        var result = await new BreachWeekDrill(plan, TextWriter.Synchronized(log)).RunAsync(DrillFixture.Servers);
        TestContext.WriteLine(log.ToString());

        Assert.IsFalse(result.Passed, "a lost mail must fail the drill");
        Assert.IsNotNull(result.FaultDroppedMessageId, "the fault switch dropped a mail");
        var exactlyOnce = result.Checks.Single(c => c.Name == "every delivered mail is exactly one ticket message or one machine mail");
        Assert.IsFalse(exactlyOnce.Passed);
        StringAssert.Contains(exactlyOnce.Detail, "1 lost");
        // The example names the mail and what became of it: taken in (its stored email is there), its ticket message gone.
        var example = exactlyOnce.Examples.SingleOrDefault(e => e.StartsWith("lost: " + result.FaultDroppedMessageId + " (", StringComparison.Ordinal));
        Assert.IsNotNull(example, "examples: " + string.Join(" | ", exactlyOnce.Examples));
        StringAssert.Contains(example, "Processed");
    }

    [TestMethod]
    [Timeout(600_000, CooperativeCancellation = true)]
    public async Task Report_OpenedInChromium_EveryChartDrawsItsSeries()
    {
        var (result, folder, _) = await DrillFixture.ShortDrillAsync();
        const string chromium = "/usr/bin/chromium";
        Assert.IsTrue(File.Exists(chromium), $"{chromium} is missing: run tests/install-deps.sh (apt-get install chromium).");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-dev-shm-usage", "--disable-background-networking"],
        });
        var page = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(Path.Combine(folder, "index.html")).AbsoluteUri);

        // The verdict the page shows is the drill's (the exactly-once test asserts the drill itself passed).
        var verdict = (await page.Locator("h2 span").TextContentAsync())?.Trim();
        Assert.AreEqual(result.Passed ? "nothing lost, nothing doubled" : "CHECKS FAILED", verdict);
        string[] charts = ["arrivals", "backlog", "intake-lag", "latency", "send-next", "outbox", "cpu", "memory", "agents"];
        foreach (var id in charts)
        {
            var svg = page.Locator($"figure#{id} svg");
            var box = await svg.BoundingBoxAsync();
            Assert.IsNotNull(box, $"chart {id} is not laid out");
            Assert.IsGreaterThan(300f, box.Width, $"chart {id} has no width");
            var series = page.Locator($"figure#{id} path[data-series]");
            Assert.IsGreaterThan(0, await series.CountAsync(), $"chart {id} draws no series");
            // At least one series of each chart has a drawn shape of some size (a flat zero line still has width).
            var widest = 0f;
            for (var i = 0; i < await series.CountAsync(); i++)
                widest = Math.Max(widest, (await series.Nth(i).BoundingBoxAsync())?.Width ?? 0);
            Assert.IsGreaterThan(100f, widest, $"chart {id}: no series spans the chart");
        }
        // The arrivals chart rises above its axis somewhere: the week's spike is drawn, not a flat line.
        var arrived = page.Locator("figure#arrivals path[data-series='arrived']");
        Assert.IsGreaterThan(20f, (await arrived.BoundingBoxAsync())!.Height, "the arrivals line has no spike");
        Assert.IsGreaterThan(0, result.Intervals.Max(i => i.Arrived));
    }
}
