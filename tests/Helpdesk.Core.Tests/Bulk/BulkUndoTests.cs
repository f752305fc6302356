using Helpdesk.Core.Abstractions;
using Helpdesk.Core.Bulk;
using Helpdesk.Core.Data;
using Helpdesk.Core.Data.Sql;
using Helpdesk.Core.Outbox;
using Helpdesk.Core.Reporting;
using Helpdesk.Core.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Core.Tests.Bulk;

[TestClass]
public sealed class BulkUndoTests
{
    private static async Task<BulkSendResult> SendAllAsync(BulkDesk bulk, IReadOnlyList<long> numbers)
    {
        await using var db = await bulk.Desk.Factory.CreateDbContextAsync();
        var versions = await db.Tickets.Where(t => numbers.Contains(t.Number)).ToDictionaryAsync(t => t.Number, t => t.Version);
        return await bulk.Desk.Get<BulkReplyService>().SendAsync(bulk.LeadId,
            new BulkSendRequest("reset_help", BulkDesk.TemplateId, bulk.TemplateVersionId, numbers.Select(n => new BulkTarget(n, versions[n])).ToList()));
    }

    private static Task<List<long>> AddTicketsAsync(BulkDesk bulk, int count) =>
        bulk.AddTicketsAsync(Enumerable.Range(0, count).Select(i => $"The create a new password link has expired ({i}). What now?").ToList());

    /// <summary>A send to <paramref name="count"/> new tickets, ten seconds into its undo window.</summary>
    private static async Task<(List<long> Numbers, BulkSendResult Sent)> SentTenSecondsAgoAsync(BulkDesk bulk, int count)
    {
        var numbers = await AddTicketsAsync(bulk, count);
        var sent = await SendAllAsync(bulk, numbers);
        bulk.Desk.Clock.Advance(TimeSpan.FromSeconds(10));
        return (numbers, sent);
    }

    [TestMethod]
    public async Task Undo_LargeSend_EveryTicketRestoredAndRollupsAsRebuilt()
    {
        await using var bulk = await BulkDesk.CreateAsync();
        var numbers = await AddTicketsAsync(bulk, 2_000);
        Dictionary<long, int> versions;
        await using (var db = await bulk.Desk.Factory.CreateDbContextAsync())
            versions = await db.Tickets.ToDictionaryAsync(t => t.Number, t => t.Version);
        var figures = bulk.Desk.Get<DeskFigures>();
        var waiting = await figures.ReadAsync();
        var sent = await SendAllAsync(bulk, numbers);
        bulk.Desk.Clock.Advance(TimeSpan.FromSeconds(20));

        var undo = await bulk.Desk.Get<BulkReplyService>().UndoAsync(bulk.LeadId, sent.BulkSendId);

        Assert.AreEqual((2_000, 2_000), (undo.Cancelled, undo.TicketsRestored));
        await using (var db = await bulk.Desk.Factory.CreateDbContextAsync())
        {
            var tickets = await db.Tickets.AsNoTracking().ToListAsync();
            Assert.AreEqual(2_000, tickets.Count(t => t.Status == TicketStatus.New && t.SolvedAt == null && t.FirstResponseAt == null));
            Assert.AreEqual(2_000, tickets.Count(t => t.Version == versions[t.Number] + 2), "bumped by the send and by the undo");
            // Stored times are milliseconds on SQLite; the fixture dates some tickets after the undo, and those keep theirs.
            Assert.AreEqual(2_000, tickets.Count(t => t.UpdatedAt > bulk.Desk.Clock.GetUtcNow().AddMilliseconds(-1)));
            Assert.AreEqual(0, await db.Messages.CountAsync(m => m.Direction == MessageDirection.Outbound), "every withdrawn reply leaves its thread");
            Assert.AreEqual(2_000, await db.Messages.CountAsync(m => m.Direction == MessageDirection.Inbound));
            Assert.AreEqual(2_000, await db.Outbox.CountAsync(o => o.State == OutboxState.Cancelled));
            var send = await db.BulkSends.AsNoTracking().Include(b => b.Members).SingleAsync();
            Assert.AreEqual(BulkSendState.Undone, send.State);
            Assert.IsTrue((bulk.Desk.Clock.GetUtcNow() - send.UndoneAt!.Value).Duration() < TimeSpan.FromMilliseconds(1));
            Assert.IsTrue(send.Members.All(m => m.Outcome == BulkMemberOutcome.Undone));
            CollectionAssert.AreEquivalent(numbers, await db.AuditEvents.Where(a => a.Action == "ticket.bulk_reply_undone")
                .Select(a => a.TicketNumber!.Value).ToListAsync());
            StringAssert.Contains((await db.AuditEvents.SingleAsync(a => a.Action == "bulk.undo")).Details, "2000 replies withdrawn, 2000 tickets back");
        }
        var kept = await figures.ReadAsync();
        await using (var db = await bulk.Desk.Factory.CreateDbContextAsync())
            await db.Database.ExecuteSqlRawAsync(ProviderSql.For(db).RebuildRollups);
        var rebuilt = await figures.ReadAsync();
        Assert.AreEqual(2_000, kept.Backlog.Total);
        Assert.AreEqual(waiting.Backlog.Total, kept.Backlog.Total);
        Assert.AreEqual(rebuilt.Backlog.Total, kept.Backlog.Total);
        CollectionAssert.AreEqual(rebuilt.Backlog.ByAge.ToArray(), kept.Backlog.ByAge.ToArray());
        CollectionAssert.AreEquivalent(rebuilt.Backlog.ByIntent.ToArray(), kept.Backlog.ByIntent.ToArray());
        Assert.AreEqual(rebuilt.Triage, kept.Triage);
        CollectionAssert.AreEqual(rebuilt.SinceStart.Select(h => h.Arrived).ToArray(), kept.SinceStart.Select(h => h.Arrived).ToArray());
        // The withdrawn replies were never answers: no first responses, no answers by the lead.
        Assert.AreEqual(0, kept.FirstResponseSinceStart.Answered);
        Assert.AreEqual(rebuilt.FirstResponseSinceStart, kept.FirstResponseSinceStart);
        CollectionAssert.AreEqual(rebuilt.Agents.ToArray(), kept.Agents.ToArray());
    }

    [TestMethod]
    public async Task Undo_CustomerWroteAgainMeanwhile_StaysOpenWithoutTheReply()
    {
        await using var bulk = await BulkDesk.CreateAsync();
        var (numbers, sent) = await SentTenSecondsAgoAsync(bulk, 3);
        var wroteAt = bulk.Desk.Clock.GetUtcNow();
        await using (var db = await bulk.Desk.Factory.CreateDbContextAsync())
        {
            var ticket = await db.Tickets.Include(t => t.Customer).SingleAsync(t => t.Number == numbers[1]);
            ticket.AddCustomerMessage(TicketMessage.Inbound("again@mail.example", null, [], ticket.Customer!.Address, null, "Re: help",
                "it still says expired", "it still says expired", null, wroteAt, null));
            await db.SaveChangesAsync();
        }
        bulk.Desk.Clock.Advance(TimeSpan.FromSeconds(5));

        var undo = await bulk.Desk.Get<BulkReplyService>().UndoAsync(bulk.LeadId, sent.BulkSendId);

        Assert.AreEqual((3, 3), (undo.Cancelled, undo.TicketsRestored));
        await using var check = await bulk.Desk.Factory.CreateDbContextAsync();
        var tickets = await check.Tickets.AsNoTracking().Include(t => t.Messages).Where(t => numbers.Contains(t.Number)).ToDictionaryAsync(t => t.Number);
        var wrote = tickets[numbers[1]];
        Assert.AreEqual((TicketStatus.Open, wroteAt, 2), (wrote.Status, wrote.WaitingSince, wrote.InboundCount), "the customer's new message keeps it open");
        Assert.IsNull(wrote.FirstResponseAt, "the withdrawn reply was never a response");
        Assert.IsTrue(wrote.Messages.All(m => m.Direction == MessageDirection.Inbound));
        Assert.AreEqual(2, wrote.Messages.Count);
        Assert.IsTrue(new[] { tickets[numbers[0]], tickets[numbers[2]] }.All(t => t.Status == TicketStatus.New && t.Messages.Count == 1));
    }

    [TestMethod]
    [DataRow("leased", DisplayName = "a dispatcher of another instance (its clock ahead) holds one reply")]
    [DataRow("tried", DisplayName = "one reply was tried once and waits for its retry")]
    [DataRow("sent", DisplayName = "one reply has already gone out")]
    public async Task Undo_DispatcherTookAnItem_RefusedAndNothingChanged(string what)
    {
        await using var bulk = await BulkDesk.CreateAsync();
        var (numbers, sent) = await SentTenSecondsAgoAsync(bulk, 3);
        var now = bulk.Desk.Clock.GetUtcNow();
        await using (var db = await bulk.Desk.Factory.CreateDbContextAsync())
        {
            var item = await db.Outbox.FirstAsync(o => o.TicketNumber == numbers[2]);
            switch (what)
            {
                case "leased": item.Lease(now.AddMinutes(2)); break;
                case "tried": item.RecordTemporaryFailure("451 try again later", now, now.AddMinutes(1)); break;
                case "sent": item.MarkSent(now); break;
            }
            await db.SaveChangesAsync();
        }
        async Task<List<(OutboxState, int)>> OutboxAsync()
        {
            await using var db = await bulk.Desk.Factory.CreateDbContextAsync();
            return (await db.Outbox.AsNoTracking().OrderBy(o => o.Id).Select(o => new { o.State, o.Attempts }).ToListAsync())
                .Select(o => (o.State, o.Attempts)).ToList();
        }
        var outboxBefore = await OutboxAsync();

        var refused = await Assert.ThrowsExactlyAsync<DomainException>(() => bulk.Desk.Get<BulkReplyService>().UndoAsync(bulk.LeadId, sent.BulkSendId));

        Assert.AreEqual(BulkUndo.SendingStarted, refused.Message);
        CollectionAssert.AreEqual(outboxBefore, await OutboxAsync(), "no reply was cancelled");
        await using var check = await bulk.Desk.Factory.CreateDbContextAsync();
        var send = await check.BulkSends.AsNoTracking().Include(b => b.Members).SingleAsync();
        Assert.AreEqual((BulkSendState.Queued, (DateTimeOffset?)null), (send.State, send.UndoneAt));
        Assert.IsTrue(send.Members.All(m => m.Outcome == BulkMemberOutcome.Queued));
        Assert.AreEqual(3, await check.Tickets.CountAsync(t => t.Status == TicketStatus.Solved && t.FirstResponseAt != null));
        Assert.AreEqual(3, await check.Messages.CountAsync(m => m.Direction == MessageDirection.Outbound));
        Assert.AreEqual(0, await check.AuditEvents.CountAsync(a => a.Action.Contains("undo") || a.Action.Contains("undone")));
    }

    [TestMethod]
    public async Task Undo_Twice_SecondRefusedAsAlreadyUndone()
    {
        await using var bulk = await BulkDesk.CreateAsync();
        var (_, sent) = await SentTenSecondsAgoAsync(bulk, 2);
        var service = bulk.Desk.Get<BulkReplyService>();
        await service.UndoAsync(bulk.LeadId, sent.BulkSendId);

        var refused = await Assert.ThrowsExactlyAsync<DomainException>(() => service.UndoAsync(bulk.LeadId, sent.BulkSendId));

        Assert.AreEqual(BulkUndo.AlreadyUndone, refused.Message);
        await using var check = await bulk.Desk.Factory.CreateDbContextAsync();
        Assert.AreEqual(1, await check.AuditEvents.CountAsync(a => a.Action == "bulk.undo"));
    }
}
