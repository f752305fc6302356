using System.Text;
using Helpdesk.Core.Data;
using Helpdesk.Core.Outbox;
using Helpdesk.Core.Tests.Bulk;
using Helpdesk.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Core.Tests.Outbox;

[TestClass]
public sealed class OutboxPriorityTests
{
    private static OutboxItem Item(OutboxKind kind, int n, DateTimeOffset at, DateTimeOffset? holdUntil)
    {
        var item = new OutboxItem(kind, 1000 + n, null, $"{kind}-{n}-{Guid.NewGuid():N}@meridian.example", "passwordchange@meridian.example",
            $"c{n}@example.com", "Re: help", at, holdUntil);
        item.SetMime(Encoding.UTF8.GetBytes($"Message-ID: <{item.MessageIdHeader}>\r\nSubject: Re: help\r\n\r\nHello {n}\r\n"));
        return item;
    }

    private static async Task QueueAsync(TestDatabase desk, OutboxKind kind, int count, DateTimeOffset? holdUntil = null)
    {
        await using var db = await desk.Factory.CreateDbContextAsync();
        db.Outbox.AddRange(Enumerable.Range(0, count).Select(i => Item(kind, i, desk.Clock.GetUtcNow(), holdUntil)));
        await db.SaveChangesAsync();
    }

    /// <summary>A bulk batch whose undo window has just ended, then agents' replies written after it.</summary>
    private static async Task<BulkDesk> DueAsync(int bulkReplies, int agentReplies)
    {
        // One connection: the order replies are taken in is then the order they are accepted in.
        var bulk = await BulkDesk.CreateAsync(new() { ["Helpdesk:Outbox:Connections"] = "1" });
        await QueueAsync(bulk.Desk, OutboxKind.BulkReply, bulkReplies, holdUntil: bulk.Desk.Clock.GetUtcNow().AddSeconds(60));
        bulk.Desk.Clock.Advance(TimeSpan.FromSeconds(61));
        await QueueAsync(bulk.Desk, OutboxKind.Reply, agentReplies);
        return bulk;
    }

    [TestMethod]
    public async Task DispatchOnce_BigBulkBatchDueThenAgentReply_AgentReplyAmongFirstSent()
    {
        await using var bulk = await DueAsync(bulkReplies: 2000, agentReplies: 1);

        var handled = await bulk.Dispatcher().DispatchOnceAsync(default);

        Assert.AreEqual(50, handled, "one pass of the default batch");
        StringAssert.Contains(bulk.Smtp.Accepted[0], "Message-ID: <Reply-0-", "the agent's reply goes first");
        Assert.AreEqual(49, bulk.Smtp.Accepted.Count(m => m.Contains("<BulkReply-", StringComparison.Ordinal)), "bulk fills the rest of the pass");
    }

    [TestMethod]
    public async Task DispatchOnce_ManyAgentRepliesAndBulkDue_BulkKeepsItsShare()
    {
        await using var bulk = await DueAsync(bulkReplies: 100, agentReplies: 80);

        await bulk.Dispatcher().DispatchOnceAsync(default);

        Assert.AreEqual(45, bulk.Smtp.Accepted.Count(m => m.Contains("<Reply-", StringComparison.Ordinal)));
        Assert.AreEqual(5, bulk.Smtp.Accepted.Count(m => m.Contains("<BulkReply-", StringComparison.Ordinal)), "a tenth of the pass (BulkShare 0.1)");
        await using var db = await bulk.Desk.Factory.CreateDbContextAsync();
        Assert.AreEqual(0, await db.Outbox.CountAsync(o => o.State == OutboxState.Queued && o.LeasedUntil != null), "nothing left leased but unsent");
    }

    [TestMethod]
    [TestCategory(TestDatabase.SqliteCatalog)]
    public async Task Due_BigOutbox_EachKindReadsTheKindIndexInOrder()
    {
        await using var bulk = await BulkDesk.CreateAsync();
        await QueueAsync(bulk.Desk, OutboxKind.BulkReply, 5000, holdUntil: bulk.Desk.Clock.GetUtcNow().AddSeconds(60));
        await QueueAsync(bulk.Desk, OutboxKind.Reply, 200);
        await using var db = await bulk.Desk.Factory.CreateDbContextAsync();
        await db.Database.ExecuteSqlRawAsync("ANALYZE");

        foreach (var kind in Enum.GetValues<OutboxKind>())
        {
            var plan = await PlanAsync(db, OutboxDispatcher.Due(db, bulk.Desk.Clock.GetUtcNow().AddSeconds(61), kind).Take(50));

            StringAssert.Contains(plan, "IX_Outbox_State_Kind_NextAttemptAt (State=? AND Kind=? AND NextAttemptAt<?)", $"{kind}: {plan}");
            Assert.IsFalse(plan.Contains("TEMP B-TREE", StringComparison.Ordinal), $"{kind} is read in index order: {plan}");
        }
    }

    /// <summary>SQLite's EXPLAIN QUERY PLAN of the query, its parameters written in as literals.</summary>
    private static async Task<string> PlanAsync(HelpdeskDbContext db, IQueryable<OutboxItem> query)
    {
        var lines = query.ToQueryString().Split('\n');
        var sql = string.Join('\n', lines.Where(l => !l.StartsWith(".param set", StringComparison.Ordinal)));
        foreach (var p in lines.Where(l => l.StartsWith(".param set", StringComparison.Ordinal)).Select(l => l.Trim().Split(' ')))
            sql = sql.Replace(p[2], p[3], StringComparison.Ordinal);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        var plan = new StringBuilder();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) plan.AppendLine(reader.GetString(3));
        return plan.ToString();
    }
}
