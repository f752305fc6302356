using Helpdesk.Core.Abstractions;
using Helpdesk.Core.Audit;
using Helpdesk.Core.Data;
using Helpdesk.Core.Data.Sql;
using Helpdesk.Core.Outbox;
using Helpdesk.Core.Reporting;
using Helpdesk.Core.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Core.Bulk;

/// <summary>What an undo will put back, read before the write gate is taken: the tickets that got a reply and still exist.</summary>
internal sealed record BulkUndoPlan(long BulkSendId, long StaffId, string StaffUserName, long SenderId, DateTimeOffset SentAt, DateTimeOffset Now,
    List<long> Tickets);

/// <summary>
/// Withdraws a bulk send with set-based statements in one transaction instead of loading every ticket and thread
/// through EF: at 10,000 tickets the tracked load and save could outlast the undo window itself, and an undo that ends
/// after the dispatcher took the first items fails as a whole. The outbox items are cancelled first, by one UPDATE
/// that matches only items no dispatcher has touched; unless it matches every item of the send, nothing changes.
/// Plain SQL keeps the rollup triggers on Tickets and Messages firing.
/// </summary>
internal static class BulkUndo
{
    public const string AlreadyUndone = "This bulk reply was already undone.";
    public const string WindowPassed = "The undo window has passed: the replies are being sent.";
    public const string SendingStarted = "The undo window has passed: the outbox has started sending these replies.";

    /// <summary>The send and its answered tickets, untracked; refuses early a send that is already undone or out of its window.</summary>
    public static async Task<BulkUndoPlan> ReadAsync(HelpdeskDbContext db, long bulkSendId, long staffId, string staffUserName, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var bulk = await db.BulkSends.AsNoTracking().Where(b => b.Id == bulkSendId).Select(b => new { b.State, b.HoldUntil, b.CreatedAt, b.StaffId })
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false) ?? throw new DomainException($"There is no bulk reply {bulkSendId}.");
        if (bulk.State == BulkSendState.Undone) throw new DomainException(AlreadyUndone);
        if (bulk.HoldUntil <= now) throw new DomainException(WindowPassed);
        var tickets = await (
                from m in db.BulkSendMembers.AsNoTracking()
                join t in db.Tickets on m.TicketNumber equals t.Number
                where m.BulkSendId == bulkSendId && m.Outcome == BulkMemberOutcome.Queued
                orderby m.Id
                select m.TicketNumber)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new BulkUndoPlan(bulkSendId, staffId, staffUserName, bulk.StaffId, bulk.CreatedAt, now, tickets);
    }

    /// <summary>The write of an undo, the SQLite write gate held only for it. Throws <see cref="DomainException"/> and changes nothing when refused.</summary>
    public static Task<BulkUndoResult> WriteAsync(HelpdeskDbContext db, BulkUndoPlan plan, CancellationToken cancellationToken) =>
        SqliteWriteGate.InTransactionAsync(db, ct => WriteInTransactionAsync(db, plan, ct), cancellationToken);

    private static async Task<BulkUndoResult> WriteInTransactionAsync(HelpdeskDbContext db, BulkUndoPlan plan, CancellationToken cancellationToken)
    {
        // A refusal throws, which rolls the transaction back: a refused undo changes nothing.
        var id = ("@id", (object)plan.BulkSendId);
        var now = ("@now", ProviderSql.For(db).Time(plan.Now));
        var membersQueued = ("@queued", (object)(int)BulkMemberOutcome.Queued);
        // A dispatcher that took an item leased it, and one that tried it counted an attempt: either way that reply
        // may be on its way, so only items untouched since the send are withdrawn, and all of them or none.
        var cancelled = await RunAsync(db, """
            UPDATE "Outbox" SET "State" = @cancelled
            WHERE "BulkBatchId" = @id AND "State" = @queued AND "LeasedUntil" IS NULL AND "Attempts" = 0 AND "HoldUntil" > @now
            """, cancellationToken, id, now, ("@cancelled", (int)OutboxState.Cancelled), ("@queued", (int)OutboxState.Queued)).ConfigureAwait(false);
        if (cancelled != await db.Outbox.CountAsync(o => o.BulkBatchId == plan.BulkSendId, cancellationToken).ConfigureAwait(false))
            throw new DomainException(SendingStarted);
        if (await RunAsync(db, """
                UPDATE "BulkSends" SET "State" = @undone, "UndoneAt" = @now WHERE "Id" = @id AND "State" = @queued AND "HoldUntil" > @now
                """, cancellationToken, id, now, ("@undone", (int)BulkSendState.Undone), ("@queued", (int)BulkSendState.Queued)).ConfigureAwait(false) != 1)
            throw new DomainException(await db.BulkSends.Where(b => b.Id == plan.BulkSendId).Select(b => b.State)
                .SingleAsync(cancellationToken).ConfigureAwait(false) == BulkSendState.Undone ? AlreadyUndone : WindowPassed);

        await WithdrawFromRollupsAsync(db, plan, cancellationToken).ConfigureAwait(false);
        // Message-IDs are unique per reply (bulk-<ticket>-<guid>), so the index on MessageIdHeader finds each one.
        await RunAsync(db, """
            DELETE FROM "Messages" WHERE "Direction" = @outbound AND "MessageIdHeader" IN (
                SELECT "ReplyMessageId" FROM "BulkSendMembers" WHERE "BulkSendId" = @id AND "Outcome" = @queued)
            """, cancellationToken, id, membersQueued, ("@outbound", (int)MessageDirection.Outbound)).ConfigureAwait(false);
        // The status goes back only while the ticket is still solved by this send (SolvedAt is the send's time):
        // a customer who wrote again in the meantime already reopened it. FirstResponseAt goes back either way,
        // since the reply it recorded was never sent.
        var restored = await RunAsync(db, """
            UPDATE "Tickets" SET "FirstResponseAt" = m."PreviousFirstResponseAt",
              "Status" = CASE WHEN "Tickets"."Status" = @solved AND "Tickets"."SolvedAt" = @sentAt THEN m."PreviousStatus" ELSE "Tickets"."Status" END,
              "SolvedAt" = CASE WHEN "Tickets"."Status" = @solved AND "Tickets"."SolvedAt" = @sentAt THEN NULL ELSE "Tickets"."SolvedAt" END,
              "UpdatedAt" = CASE WHEN "Tickets"."UpdatedAt" > @now THEN "Tickets"."UpdatedAt" ELSE @now END,
              "Version" = "Tickets"."Version" + 1
            FROM "BulkSendMembers" AS m
            WHERE m."BulkSendId" = @id AND m."Outcome" = @queued AND m."TicketNumber" = "Tickets"."Number"
            """, cancellationToken, id, now, membersQueued, ("@solved", (int)TicketStatus.Solved), ("@sentAt", ProviderSql.For(db).Time(plan.SentAt)))
            .ConfigureAwait(false);
        await RunAsync(db, """
            UPDATE "BulkSendMembers" SET "Outcome" = @undone WHERE "BulkSendId" = @id AND "Outcome" = @queued
            """, cancellationToken, id, membersQueued, ("@undone", (int)BulkMemberOutcome.Undone)).ConfigureAwait(false);

        await using (var audit = new PreparedInsert<AuditEvent>(db))
        {
            var details = $"bulk reply {plan.BulkSendId}";
            foreach (var number in plan.Tickets)
                await audit.InsertAsync(new AuditEvent(plan.Now, plan.StaffId, plan.StaffUserName, "ticket.bulk_reply_undone", number, details),
                    cancellationToken).ConfigureAwait(false);
            await audit.InsertAsync(new AuditEvent(plan.Now, plan.StaffId, plan.StaffUserName, "bulk.undo", null,
                $"bulk reply {plan.BulkSendId}: {cancelled} replies withdrawn, {restored} tickets back in the queue"), cancellationToken).ConfigureAwait(false);
        }
        await RunAsync(db, """
            DELETE FROM "DeskAgentActivity" WHERE "StaffId" = @sender
              AND NOT EXISTS (SELECT 1 FROM "Messages" WHERE "Direction" = @outbound AND "AuthorStaffId" = @sender)
            """, cancellationToken, ("@sender", plan.SenderId), ("@outbound", (int)MessageDirection.Outbound)).ConfigureAwait(false);
        await RunAsync(db, """
            UPDATE "DeskAgentActivity" SET "LastReplyAt" = (
                SELECT MAX("CreatedAt") FROM "Messages" WHERE "Direction" = @outbound AND "AuthorStaffId" = @sender)
            WHERE "StaffId" = @sender
            """, cancellationToken, ("@sender", plan.SenderId), ("@outbound", (int)MessageDirection.Outbound)).ConfigureAwait(false);
        return new BulkUndoResult(cancelled, restored);
    }

    /// <summary>
    /// The rollup triggers only count forwards (a reply written, a first response recorded): they cannot tell an
    /// unsent reply taken back from history. So the undo takes its replies and first responses out of the lead
    /// dashboard's counts itself, before the rows go, with the hour and bucket expressions the triggers use.
    /// </summary>
    private static async Task WithdrawFromRollupsAsync(HelpdeskDbContext db, BulkUndoPlan plan, CancellationToken cancellationToken)
    {
        var sql = ProviderSql.For(db);
        string Hour(string time) => sql.HourOf(time);
        var bucket = sql.ResponseBucket("t");
        (string, object?)[] values = [("@id", plan.BulkSendId), ("@queued", (int)BulkMemberOutcome.Queued), ("@outbound", (int)MessageDirection.Outbound)];
        await RunAsync(db, $"""
            UPDATE "DeskAgentHourly" SET "Replies" = "DeskAgentHourly"."Replies" - x.n
            FROM (SELECT {Hour("r.\"CreatedAt\"")} AS h, r."AuthorStaffId" AS s, COUNT(*) AS n FROM "Messages" AS r
                  WHERE r."Direction" = @outbound AND r."AuthorStaffId" IS NOT NULL AND r."MessageIdHeader" IN (
                      SELECT "ReplyMessageId" FROM "BulkSendMembers" WHERE "BulkSendId" = @id AND "Outcome" = @queued)
                  GROUP BY 1, 2) AS x
            WHERE "DeskAgentHourly"."Hour" = x.h AND "DeskAgentHourly"."StaffId" = x.s
            """, cancellationToken, values).ConfigureAwait(false);
        await RunAsync(db, """DELETE FROM "DeskAgentHourly" WHERE "Replies" <= 0""", cancellationToken).ConfigureAwait(false);
        await RunAsync(db, $"""
            UPDATE "DeskResponseTimes" SET "Tickets" = "DeskResponseTimes"."Tickets" - x.n
            FROM (SELECT {Hour("t.\"FirstResponseAt\"")} AS h, {bucket} AS mins, COUNT(*) AS n
                  FROM "Tickets" AS t JOIN "BulkSendMembers" AS m ON m."TicketNumber" = t."Number"
                  WHERE m."BulkSendId" = @id AND m."Outcome" = @queued AND m."PreviousFirstResponseAt" IS NULL AND t."FirstResponseAt" IS NOT NULL
                  GROUP BY 1, 2) AS x
            WHERE "DeskResponseTimes"."Hour" = x.h AND "DeskResponseTimes"."Minutes" = x.mins
            """, cancellationToken, values[..2]).ConfigureAwait(false);
        await RunAsync(db, """DELETE FROM "DeskResponseTimes" WHERE "Tickets" <= 0""", cancellationToken).ConfigureAwait(false);
    }

    private static async Task<int> RunAsync(HelpdeskDbContext db, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] values)
    {
        return await new RawSql(db).ExecuteAsync(sql, cancellationToken, values).ConfigureAwait(false);
    }
}
