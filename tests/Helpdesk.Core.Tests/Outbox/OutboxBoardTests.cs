using Helpdesk.Core.Customers;
using Helpdesk.Core.Outbox;
using Helpdesk.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Core.Tests.Outbox;

[TestClass]
public sealed class OutboxBoardTests
{
    private static async Task SetAsync(TestDatabase desk, long id, Action<OutboxItem> change)
    {
        await using var db = await desk.Factory.CreateDbContextAsync();
        change(await db.Outbox.SingleAsync(o => o.Id == id));
        await db.SaveChangesAsync();
    }

    private static async Task<(TestDatabase Desk, long[] Ids)> ArrangeAsync()
    {
        var desk = await TestDatabase.CreateAsync();
        var ids = new long[7];
        for (var i = 0; i < ids.Length; i++) ids[i] = await OutboxControlTests.QueueAsync(desk, i);
        await using (var db = await desk.Factory.CreateDbContextAsync())
        {
            db.Customers.Add(new Customer("c1@example.com", "Jane Doe", TestDatabase.Start));
            await db.SaveChangesAsync();
        }
        var now = desk.Clock.GetUtcNow();
        await SetAsync(desk, ids[1], o => o.MarkFailed("550 5.1.1 mailbox unavailable", now));
        await SetAsync(desk, ids[2], o => o.MarkFailed("554 5.7.1 rejected as spam", now.AddMinutes(1)));
        await SetAsync(desk, ids[3], o => o.MarkSent(now));
        await SetAsync(desk, ids[4], o => { o.MarkSent(now); o.MarkBounced("550 no such user"); });
        await SetAsync(desk, ids[5], o => o.Suppress("undeliverable"));
        await SetAsync(desk, ids[6], o => o.Lease(now.AddMinutes(2)));
        return (desk, ids);
    }

    [TestMethod]
    public async Task Counts_OneOfEachState_SendingIsTheLeasedQueuedOnes()
    {
        var (desk, _) = await ArrangeAsync();
        await using var _d = desk;

        var counts = await desk.Get<OutboxBoard>().CountsAsync();

        Assert.AreEqual(new OutboxCounts(Queued: 1, Sending: 1, SentToday: 1, Failed: 2, Bounced: 1, Suppressed: 1), counts);
    }

    [TestMethod]
    public async Task ListFailed_NewestFirstWithServersWordsAndCustomerName()
    {
        var (desk, ids) = await ArrangeAsync();
        await using var _d = desk;

        var failed = await desk.Get<OutboxBoard>().ListAsync(OutboxState.Failed);

        CollectionAssert.AreEqual(new[] { ids[2], ids[1] }, failed.Select(f => f.Id).ToArray());
        Assert.AreEqual("550 5.1.1 mailbox unavailable", failed[1].LastError);
        Assert.AreEqual("Jane Doe", failed[1].CustomerName);
        Assert.AreEqual(1, failed[1].Attempts);
        Assert.AreEqual(TestDatabase.Start, failed[1].LastAttemptAt);
    }

    [TestMethod]
    public async Task Retry_FailedReply_QueuedAgainAndAudited()
    {
        var (desk, ids) = await ArrangeAsync();
        await using var _d = desk;
        var board = desk.Get<OutboxBoard>();

        Assert.IsTrue(await board.RetryAsync(ids[1], 2, "lee"));
        Assert.IsFalse(await board.RetryAsync(ids[1], 2, "lee"), "a second click finds it queued already");

        await using var db = await desk.Factory.CreateDbContextAsync();
        Assert.AreEqual(OutboxState.Queued, (await db.Outbox.SingleAsync(o => o.Id == ids[1])).State);
        Assert.AreEqual(1, await db.AuditEvents.CountAsync(a => a.Action == "outbox.retry" && a.Actor == "lee"));
    }

    [TestMethod]
    public async Task RetryAllFailed_EveryFailedQueuedOthersUntouched()
    {
        var (desk, _) = await ArrangeAsync();
        await using var _d = desk;

        var count = await desk.Get<OutboxBoard>().RetryAllFailedAsync(2, "lee");

        Assert.AreEqual(2, count);
        var counts = await desk.Get<OutboxBoard>().CountsAsync();
        Assert.AreEqual(0, counts.Failed);
        Assert.AreEqual(3, counts.Queued);
        Assert.AreEqual(1, counts.Bounced);
    }
}
