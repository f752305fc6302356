using System.Collections.Concurrent;
using System.Text.Json;
using Helpdesk.Core.Intake;
using Helpdesk.Core.Security;
using Helpdesk.Core.Tests.Support;
using Helpdesk.Testing.Mail;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Core.Tests.Security;

/// <summary>
/// An hour of a phishing wave through real intake: 10,000 forwarded mails over 50 domains, domain d reported 8d + 4
/// times, one every 360 ms of the desk's clock. The counts on the security page and the webhook calls (a real HTTP
/// listener on loopback) must come out exactly.
/// </summary>
[TestClass]
public sealed class PhishingWaveTests
{
    private const int Threshold = 100;

    private sealed record WaveMail(int Index, int Domain, string Customer, string Sender, string[] Links);

    private static List<WaveMail> Wave()
    {
        var slots = new List<(int Domain, int Nth)>();
        for (var d = 0; d < 50; d++)
            for (var j = 0; j < 8 * d + 4; j++) slots.Add((d, j));
        var random = new Random(22);
        var shuffled = slots.OrderBy(_ => random.Next()).ToList();
        return shuffled.Select((s, k) => new WaveMail(k, s.Domain, $"c{k % 3000}@customers.example", $"s{s.Nth % 3}@d{s.Domain}.phish.example",
            k % 5 == 0 ? [$"https://login.d{s.Domain}.phish.example/{k}", $"https://bit.example/{k}"] : [$"https://login.d{s.Domain}.phish.example/{k}"])).ToList();
    }

    [TestMethod]
    public async Task Wave_TenThousandReportsOverFiftyDomains_CountsAndWebhookExact()
    {
        var failuresLeft = 5;
        var posts = new ConcurrentQueue<LoopbackHttpEndpoint.Request>();
        await using var endpoint = new LoopbackHttpEndpoint(r =>
        {
            posts.Enqueue(r);
            return Interlocked.Decrement(ref failuresLeft) >= 0 ? new LoopbackHttpEndpoint.Response(503, "{}") : LoopbackHttpEndpoint.Response.Json("{}");
        });
        await using var desk = await TestDatabase.CreateAsync(Settings(endpoint));
        var wave = Wave();
        Assert.AreEqual(10_000, wave.Count);

        var pipeline = desk.Get<IntakePipeline>();
        foreach (var batch in wave.Chunk(500))
        {
            var raws = batch.Select(m => new RawMessage("INBOX-wave", 1, m.Index + 1,
                PhishingMails.InlineForward(m.Customer, $"wave-{m.Index}@customers.example", m.Sender, "Your account is locked", m.Links),
                TestDatabase.Start.AddMilliseconds(360.0 * m.Index))).ToList();
            desk.Clock.Advance(raws[^1].FetchedAt - desk.Clock.GetUtcNow());
            await pipeline.ProcessBatchAsync(raws);
        }

        var figures = await desk.Get<SecurityFigures>().ReadAsync(rowsPerKind: 1000);
        Assert.AreEqual(10_000, figures.Reports);
        Assert.AreEqual(3000, figures.Customers);
        Assert.AreEqual(50, figures.Domains.Count);
        foreach (var d in figures.Domains)
        {
            var mine = wave.Where(m => $"d{m.Domain}.phish.example" == d.Value).ToList();
            Assert.AreEqual(mine.Count, d.Reports, d.Value);
            Assert.AreEqual(mine.Select(m => m.Customer).Distinct().Count(), d.Customers, d.Value);
            Assert.AreEqual(TestDatabase.Start.AddMilliseconds(360.0 * mine.Min(m => m.Index)), d.FirstSeen, d.Value);
            Assert.AreEqual(TestDatabase.Start.AddMilliseconds(360.0 * mine.Max(m => m.Index)), d.LastSeen, d.Value);
        }
        Assert.AreEqual(396, figures.Domains[0].Reports, "domain 49 leads with 8 * 49 + 4 reports");
        Assert.AreEqual(3 * 50, figures.Senders.Count);
        Assert.AreEqual(51, figures.LinkHosts.Count);
        Assert.AreEqual(("bit.example", 2000), (figures.LinkHosts[0].Value, figures.LinkHosts[0].Reports));

        // Domains 12..49 reach 100 reports within the hour: 38 alerts, one each.
        var expected = Enumerable.Range(12, 38).Select(d => $"d{d}.phish.example").ToHashSet();
        Assert.AreEqual(38, figures.Alerts.Count);
        CollectionAssert.AreEquivalent(expected.ToList(), figures.Alerts.Select(a => a.Domain).ToList());
        Assert.IsTrue(figures.Alerts.All(a => a.Reports >= Threshold && a.WindowStart == TestDatabase.Start));

        var webhook = desk.Get<SecurityWebhook>();
        Assert.AreEqual(33, await webhook.DeliverDueAsync(), "the first five POSTs get 503");
        Assert.AreEqual(0, await webhook.DeliverDueAsync(), "a failed alert waits for its backoff");
        desk.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.AreEqual(5, await webhook.DeliverDueAsync());
        Assert.AreEqual(0, await webhook.DeliverDueAsync());

        Assert.AreEqual(43, posts.Count);
        var delivered = posts.Skip(5).Select(p => JsonDocument.Parse(p.Body).RootElement).ToList();
        CollectionAssert.AreEquivalent(expected.ToList(), delivered.Select(e => e.GetProperty("domain").GetString()).ToList());
        Assert.IsTrue(posts.All(p => p.Method == "POST" && p.Headers.ContainsKey("Idempotency-Key")));
        var after = await desk.Get<SecurityFigures>().ReadAsync();
        Assert.IsTrue(after.Alerts.All(a => a.DeliveredAt is not null));
        Assert.AreEqual(5, after.Alerts.Count(a => a.Attempts == 2));
    }

    [TestMethod]
    public async Task Alert_TwoInstancesTakingInTheSameDomain_RaisedAndPostedOnce()
    {
        var posts = new ConcurrentQueue<string>();
        await using var endpoint = new LoopbackHttpEndpoint(r => { posts.Enqueue(r.Body); return LoopbackHttpEndpoint.Response.Json("{}"); });
        await using var first = await TestDatabase.CreateAsync(Settings(endpoint, threshold: 30));
        await using var second = await TestDatabase.CreateSharingAsync(first, Settings(endpoint, threshold: 30));

        async Task Feed(TestDatabase desk, string source, int offset)
        {
            for (var b = 0; b < 4; b++)
            {
                var raws = Enumerable.Range(0, 10).Select(i => offset + b * 10 + i).Select(k => new RawMessage(source, 1, k + 1,
                    PhishingMails.InlineForward($"p{k}@customers.example", $"twin-{k}@customers.example", "x@twin.example", "Locked", "https://twin.example/"),
                    TestDatabase.Start.AddSeconds(k))).ToList();
                await desk.Get<IntakePipeline>().ProcessBatchAsync(raws);
            }
        }
        await Task.WhenAll(Feed(first, "INBOX-a", 0), Feed(second, "INBOX-b", 1000));

        await using var db = await first.Factory.CreateDbContextAsync();
        Assert.AreEqual(80, await db.PhishingReports.CountAsync());
        var alert = await db.SecurityAlerts.AsNoTracking().SingleAsync();
        Assert.AreEqual("twin.example", alert.Domain);
        Assert.IsTrue(alert.Reports is >= 30 and <= 40, $"crossed at {alert.Reports}");

        var sent = await Task.WhenAll(first.Get<SecurityWebhook>().DeliverDueAsync(), second.Get<SecurityWebhook>().DeliverDueAsync());
        Assert.AreEqual(1, sent.Sum());
        Assert.AreEqual(1, posts.Count);
    }

    [TestMethod]
    public async Task Alert_NextClockHour_RaisedAgain()
    {
        await using var endpoint = new LoopbackHttpEndpoint(_ => LoopbackHttpEndpoint.Response.Json("{}"));
        await using var desk = await TestDatabase.CreateAsync(Settings(endpoint, threshold: 3));
        var pipeline = desk.Get<IntakePipeline>();
        for (var k = 0; k < 8; k++)
        {
            // 14:55, 14:57, 14:59, 15:01 ...: three in the first hour, five in the next.
            var at = TestDatabase.Start.AddMinutes(55 + 2 * k);
            await pipeline.ProcessAsync(new RawMessage("INBOX-h", 1, k + 1,
                PhishingMails.InlineForward($"h{k}@customers.example", $"h-{k}@x", "x@hourly.example", "Locked"), at));
        }
        await using var db = await desk.Factory.CreateDbContextAsync();
        var alerts = await db.SecurityAlerts.AsNoTracking().OrderBy(a => a.Id).ToListAsync();
        Assert.AreEqual(2, alerts.Count);
        Assert.AreEqual((TestDatabase.Start.AddHours(0), 3), (alerts[0].WindowStart, alerts[0].Reports));
        Assert.AreEqual((TestDatabase.Start.AddHours(1), 3), (alerts[1].WindowStart, alerts[1].Reports));
    }

    private static Dictionary<string, string?> Settings(LoopbackHttpEndpoint endpoint, int threshold = Threshold) => new()
    {
        ["Helpdesk:Security:WebhookUrl"] = endpoint.BaseUrl + "/hooks/phishing",
        ["Helpdesk:Security:WebhookThreshold"] = threshold.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Helpdesk:Security:WebhookBackoff"] = "00:00:02",
    };
}
