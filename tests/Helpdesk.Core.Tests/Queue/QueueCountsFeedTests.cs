using Helpdesk.Core.Abstractions;
using Helpdesk.Core.Intake;
using Helpdesk.Core.Queue;
using Helpdesk.Core.Tests.Support;

namespace Helpdesk.Core.Tests.Queue;

[TestClass]
public sealed class QueueCountsFeedTests
{
    [TestMethod]
    public async Task TicketsChanged_ManySubscribersAndABurstOfChanges_FewRecountsSameSnapshotForAll()
    {
        await using var desk = await DeskAsync(coalescing: "00:00:00.200");
        var numbers = await desk.AddTicketsAsync(3);
        var (feed, notifier) = (desk.Get<QueueCountsFeed>(), desk.Get<InProcessDeskNotifier>());
        var received = new List<QueueCountsSnapshot>[50];
        var subscriptions = new List<IDisposable>();
        for (var i = 0; i < received.Length; i++)
        {
            var mine = received[i] = [];
            subscriptions.Add(feed.Subscribe(s => { lock (mine) mine.Add(s); }));
        }
        var before = feed.Recounts;

        for (var i = 0; i < 100; i++) notifier.TicketsChanged([numbers[i % 3]]);
        await WaitUntilAsync(() => received.All(r => { lock (r) return r.Count > 0; }));
        await Task.Delay(600);

        var recounts = feed.Recounts - before;
        Assert.IsTrue(recounts is >= 1 and <= 2, $"100 changes with 50 pages open cost {recounts} recounts; one (two if a change raced the recount) is the bound");
        var first = received[0][0];
        Assert.IsTrue(received.All(r => ReferenceEquals(r[0], first)), "every page got the same snapshot");
        Assert.AreEqual(3, first.Counts.Waiting);
        foreach (var s in subscriptions) s.Dispose();
    }

    [TestMethod]
    public async Task Subscribe_Disposed_NoMorePushesAndNoRecountWithoutSubscribers()
    {
        await using var desk = await DeskAsync(coalescing: "00:00:00.050");
        var numbers = await desk.AddTicketsAsync(1);
        var (feed, notifier) = (desk.Get<QueueCountsFeed>(), desk.Get<InProcessDeskNotifier>());
        var pushes = 0;
        var subscription = feed.Subscribe(_ => Interlocked.Increment(ref pushes));
        notifier.TicketsChanged([numbers[0]]);
        await WaitUntilAsync(() => Volatile.Read(ref pushes) == 1);

        subscription.Dispose();
        var recountsAfterDispose = feed.Recounts;
        notifier.TicketsChanged([numbers[0]]);
        await Task.Delay(300);

        Assert.AreEqual(0, feed.SubscriberCount);
        Assert.AreEqual(1, Volatile.Read(ref pushes));
        Assert.AreEqual(recountsAfterDispose, feed.Recounts, "with no page open, a change costs no query");
    }

    [TestMethod]
    public async Task CurrentAsync_FreshSnapshot_ReusedWithoutRecount()
    {
        await using var desk = await TestDatabase.CreateAsync();
        await desk.AddTicketsAsync(2);
        var feed = desk.Get<QueueCountsFeed>();

        var first = await feed.CurrentAsync(TimeSpan.FromMinutes(1));
        var second = await feed.CurrentAsync(TimeSpan.FromMinutes(1));
        desk.Clock.Advance(TimeSpan.FromMinutes(2));
        var third = await feed.CurrentAsync(TimeSpan.FromMinutes(1));

        Assert.AreSame(first, second);
        Assert.AreNotSame(first, third);
        Assert.AreEqual(2, third.Counts.Waiting);
    }

    [TestMethod]
    public async Task CurrentAsync_ManyPagesAtOnceWithStaleCounts_OneSharedRecount()
    {
        await using var desk = await TestDatabase.CreateAsync();
        await desk.AddTicketsAsync(2);
        var feed = desk.Get<QueueCountsFeed>();
        await feed.CurrentAsync(TimeSpan.Zero);
        desk.Clock.Advance(TimeSpan.FromMinutes(1));
        var before = feed.Recounts;

        var snapshots = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => feed.CurrentAsync(TimeSpan.FromSeconds(15))));

        Assert.AreEqual(1, feed.Recounts - before);
        Assert.IsTrue(snapshots.All(s => ReferenceEquals(s, snapshots[0])));
    }

    private static Task<TestDatabase> DeskAsync(string coalescing) =>
        TestDatabase.CreateAsync(new Dictionary<string, string?> { ["Helpdesk:Queue:CountsCoalescing"] = coalescing });

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++) await Task.Delay(25);
        Assert.IsTrue(condition(), "the pushes did not arrive within 5 s");
    }
}
