using System.Data.Common;
using Helpdesk.Core.Audit;
using Helpdesk.Core.Data;
using Helpdesk.Core.Data.Sql;
using Helpdesk.Core.Outbox;
using Helpdesk.Core.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Core.Bulk;

/// <summary>
/// Writes a <see cref="BulkPlan"/> in one transaction with prepared commands instead of EF's change tracking (which
/// cost most of the 10,000-reply send's time). Each ticket is solved by an UPDATE that repeats the checks the plan
/// made on its read (same version, still queued, no live claim): a ticket an agent claimed or a customer wrote to in
/// between matches no row, is left alone and reported as skipped. Plain SQL keeps the rollup triggers firing.
/// </summary>
internal static class BulkWriter
{
    public const string ChangedWhileWriting = "changed while the replies were being written";

    /// <summary>The bulk send as written, with its final members; throws <see cref="BulkNothingToSendException"/> when no ticket could be answered.</summary>
    public static Task<BulkSend> WriteAsync(HelpdeskDbContext db, BulkPlan plan, CancellationToken cancellationToken) =>
        SqliteWriteGate.InTransactionAsync(db, ct => WriteInTransactionAsync(db, plan, ct), cancellationToken);

    private static async Task<BulkSend> WriteInTransactionAsync(HelpdeskDbContext db, BulkPlan plan, CancellationToken cancellationToken)
    {
        var written = new List<BulkDraft>(plan.Drafts.Count);
        var skipped = new List<BulkSkip>(plan.Skipped);
        await using (var solve = SolveCommand(db, plan.Now))
        {
            foreach (var draft in plan.Drafts)
            {
                solve.Parameters[0].Value = draft.Ticket.Number;
                solve.Parameters[1].Value = draft.Ticket.Version;
                if (await solve.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1) written.Add(draft);
                else skipped.Add(new BulkSkip(draft.Ticket.Number, ChangedWhileWriting));
            }
        }
        if (written.Count == 0) throw new BulkNothingToSendException(skipped);

        var bulk = new BulkSend(plan.StaffId, plan.Request.Intent, plan.Template.Id, plan.Version.Id, plan.Now, plan.HoldUntil);
        var writtenNumbers = written.Select(d => d.Ticket.Number).ToHashSet();
        // Members in the lead's order, skipped ones with their reasons.
        var reasons = skipped.ToDictionary(s => s.TicketNumber, s => s.Reason);
        foreach (var target in plan.Request.Tickets.DistinctBy(t => t.TicketNumber))
        {
            if (reasons.TryGetValue(target.TicketNumber, out var reason)) bulk.Add(BulkSendMember.Skipped(target.TicketNumber, reason));
        }
        foreach (var draft in written)
            bulk.Add(BulkSendMember.Queued(draft.Ticket.Number, draft.Reply.MessageIdHeader!, draft.Ticket.Status, draft.Ticket.FirstResponseAt));

        await using (var sends = new PreparedInsert<BulkSend>(db))
            bulk.StoredAs(await sends.InsertAsync(bulk, cancellationToken).ConfigureAwait(false));
        foreach (var member in bulk.Members) member.BelongsTo(bulk.Id);
        await using (var members = new PreparedInsert<BulkSendMember>(db))
            await members.InsertAllAsync(bulk.Members.ToList(), cancellationToken).ConfigureAwait(false);
        await using (var messages = new PreparedInsert<TicketMessage>(db))
        {
            var ids = await messages.InsertAllAsync(written.Select(d => d.Reply).ToList(), cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < ids.Length; i++) written[i].Reply.StoredAs(ids[i]);
        }
        foreach (var draft in written) draft.Item.BelongsToBulk(bulk.Id);
        await using (var outbox = new PreparedInsert<OutboxItem>(db))
            await outbox.InsertAllAsync(written.Select(d => d.Item).ToList(), cancellationToken).ConfigureAwait(false);
        await using (var audit = new PreparedInsert<AuditEvent>(db))
        {
            var version = $"template {plan.Template.Id} version {plan.Version.Number} (id {plan.Version.Id}), held until {plan.HoldUntil:u}";
            var events = written.Select(draft => new AuditEvent(plan.Now, plan.StaffId, plan.StaffUserName, "ticket.bulk_reply", draft.Ticket.Number, version))
                .Append(new AuditEvent(plan.Now, plan.StaffId, plan.StaffUserName, "bulk.send", null,
                    $"{written.Count} replies with template {plan.Template.Id} version {plan.Version.Number} for intent {plan.Request.Intent}; "
                    + $"{skipped.Count} skipped; undo until {plan.HoldUntil:u}"))
                .ToList();
            await audit.InsertAllAsync(events, cancellationToken).ConfigureAwait(false);
        }
        return bulk;
    }

    /// <summary>
    /// What <see cref="Ticket.ReplyInBulk"/> does, as one statement guarded by the checks made on the read. @p0 is the
    /// ticket number, @p1 the version read.
    /// </summary>
    private static DbCommand SolveCommand(HelpdeskDbContext db, DateTimeOffset now)
    {
        var command = new RawSql(db).Command("""
            UPDATE "Tickets" SET "Status" = @solved, "SolvedAt" = @now, "FirstResponseAt" = COALESCE("FirstResponseAt", @now),
              "ClaimedBy" = NULL, "ClaimedAt" = NULL, "ClaimExpiresAt" = NULL,
              "UpdatedAt" = CASE WHEN "UpdatedAt" > @now THEN "UpdatedAt" ELSE @now END, "Version" = "Version" + 1
            WHERE "Number" = @p0 AND "Version" = @p1 AND "Status" IN (0, 1)
              AND ("ClaimedBy" IS NULL OR "ClaimExpiresAt" IS NULL OR "ClaimExpiresAt" <= @now)
            """);
        RawSql.Add(command, "@p0", 0L);
        RawSql.Add(command, "@p1", 0);
        RawSql.Add(command, "@solved", (int)TicketStatus.Solved);
        RawSql.Add(command, "@now", ProviderSql.For(db).Time(now));
        return command;
    }
}
