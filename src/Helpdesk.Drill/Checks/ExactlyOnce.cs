using Helpdesk.Core.Customers;
using Helpdesk.Core.Intake;
using Helpdesk.Core.Outbox;
using Helpdesk.Core.Tickets;
using Helpdesk.Drill.Desk;
using Helpdesk.Drill.Mail;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Drill.Checks;

/// <summary>One of the drill's closing checks: what it looked at, whether it held, and a few examples when not.</summary>
public sealed record CheckResult(string Name, bool Passed, string Detail, IReadOnlyList<string> Examples);

/// <summary>
/// What the drill proves at the end, each against the servers' own records rather than the desk's word:
/// every mail Dovecot saved for the desk is exactly one ticket message or one machine mail; no customer got two
/// acknowledgments, no customer message got two replies; every reply the desk marked sent was saved in the
/// recipient's mailbox (deliverable customers) or came back as a bounce that marked the address (undeliverable ones).
/// </summary>
public static class ExactlyOnce
{
    private const int ExampleCount = 5;

    public static async Task<IReadOnlyList<CheckResult>> RunAsync(DrillDesk desk, string dovecotLog, IReadOnlyList<DrillMail> written,
        IReadOnlyDictionary<string, double> accepted, long logFrom, CancellationToken cancellationToken)
    {
        var results = new List<CheckResult>();
        await using var db = await desk.Factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(5));

        var deskSaved = DeliveryLog.SavedFor(dovecotLog, MailMix.DeskUser, logFrom);
        var inbound = await db.Messages.AsNoTracking().Where(m => m.Direction == MessageDirection.Inbound && m.MessageIdHeader != null)
            .GroupBy(m => m.MessageIdHeader!).Select(g => new { Id = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Id, g => g.Count, StringComparer.Ordinal, cancellationToken).ConfigureAwait(false);
        var machine = await db.RawMessages.AsNoTracking()
            .Where(r => r.State == RawMessageState.Processed && r.MachineKind != null && r.MachineKind != "none" && r.MessageIdHeader != null)
            .GroupBy(r => r.MessageIdHeader!).Select(g => new { Id = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Id, g => g.Count, StringComparer.Ordinal, cancellationToken).ConfigureAwait(false);

        // 0. Every mail a customer's SMTP session had accepted was saved in the desk's mailbox (the servers lost nothing).
        var notSaved = accepted.Keys.Where(id => !deskSaved.ContainsKey(id)).ToList();
        results.Add(new("every accepted customer mail was saved by Dovecot", notSaved.Count == 0,
            $"{accepted.Count:N0} accepted by Postfix, {notSaved.Count:N0} not in Dovecot's delivery log", notSaved.Take(ExampleCount).ToList()));

        // 1. Exactly once: each delivered Message-ID is one ticket message or one machine mail, never none, never two.
        var missing = new List<string>();
        var doubled = new List<string>();
        foreach (var id in deskSaved.Keys)
        {
            var n = inbound.GetValueOrDefault(id) + machine.GetValueOrDefault(id);
            if (n == 0) missing.Add(id);
            else if (n > 1) doubled.Add($"{id} ({n}x)");
        }
        results.Add(new("every delivered mail is exactly one ticket message or one machine mail", missing.Count == 0 && doubled.Count == 0,
            $"{deskSaved.Count:N0} delivered to {MailMix.DeskUser} ({deskSaved.Values.Sum():N0} saves); {inbound.Count:N0} ticket messages, "
            + $"{machine.Count:N0} machine mails; {missing.Count:N0} lost, {doubled.Count:N0} doubled",
            [.. await LostExamplesAsync(db, missing, cancellationToken).ConfigureAwait(false), .. doubled.Take(ExampleCount).Select(d => "doubled: " + d)]));

        // 1b. Machine mail made no work and human mail did: the drill knows what it wrote.
        var wrong = written.Where(w => accepted.ContainsKey(w.MessageId) && (w.IsMachine ? inbound.ContainsKey(w.MessageId) : machine.ContainsKey(w.MessageId)))
            .Select(w => $"{w.MessageId} ({w.Kind})").ToList();
        results.Add(new("auto-replies made no ticket work and customers' words did", wrong.Count == 0,
            $"{written.Count(w => w.IsMachine):N0} auto-replies written, {wrong.Count:N0} taken the wrong way", wrong.Take(ExampleCount).ToList()));

        // 2. No customer got two acknowledgments.
        var acks = await db.Outbox.AsNoTracking().Where(o => o.Kind == OutboxKind.Acknowledgment && o.State != OutboxState.Cancelled && o.State != OutboxState.Suppressed)
            .GroupBy(o => o.ToAddress).Select(g => new { To = g.Key, Count = g.Count() }).Where(g => g.Count > 1)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var ackTotal = await db.Outbox.CountAsync(o => o.Kind == OutboxKind.Acknowledgment, cancellationToken).ConfigureAwait(false);
        results.Add(new("no customer got two acknowledgments", acks.Count == 0,
            $"{ackTotal:N0} acknowledgments; {acks.Count:N0} customers with more than one", acks.Take(ExampleCount).Select(a => $"{a.To} ({a.Count}x)").ToList()));

        // 3. No customer message got two replies (agents' and bulk replies together).
        var replyTargets = await (from o in db.Outbox.AsNoTracking()
                                  join m in db.Messages.AsNoTracking() on o.MessageIdHeader equals m.MessageIdHeader
                                  where (o.Kind == OutboxKind.Reply || o.Kind == OutboxKind.BulkReply) && o.State != OutboxState.Cancelled
                                        && m.Direction == MessageDirection.Outbound && m.InReplyTo != null
                                  select m.InReplyTo!).ToListAsync(cancellationToken).ConfigureAwait(false);
        var twice = replyTargets.GroupBy(t => t, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => $"{g.Key} ({g.Count()}x)").ToList();
        results.Add(new("no customer message got two replies", twice.Count == 0,
            $"{replyTargets.Count:N0} replies; {twice.Count:N0} messages answered more than once", twice.Take(ExampleCount).ToList()));

        // 4. Every reply (and acknowledgment) marked sent to a deliverable customer was saved in that customer's mailbox, once.
        var patronSaved = DeliveryLog.SavedFor(dovecotLog, MailMix.CustomerUser, logFrom);
        var sent = await db.Outbox.AsNoTracking().Where(o => o.State == OutboxState.Sent || o.State == OutboxState.Bounced)
            .Select(o => new { o.MessageIdHeader, o.ToAddress, o.Kind, o.State }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var toPatrons = sent.Where(s => s.ToAddress.StartsWith("patron+", StringComparison.OrdinalIgnoreCase)).ToList();
        var notDelivered = toPatrons.Where(s => patronSaved.GetValueOrDefault(s.MessageIdHeader) != 1)
            .Select(s => $"{s.Kind} {s.MessageIdHeader} to {s.ToAddress}: saved {patronSaved.GetValueOrDefault(s.MessageIdHeader)}x").ToList();
        results.Add(new("every sent reply is in the recipient's mailbox, once", notDelivered.Count == 0,
            $"{toPatrons.Count:N0} sent to deliverable customers ({toPatrons.Count(s => s.Kind != OutboxKind.Acknowledgment):N0} replies); "
            + $"{notDelivered.Count:N0} not saved exactly once", notDelivered.Take(ExampleCount).ToList()));

        // 5. Every bounce marked its address: whatever went to an undeliverable customer came back and marked them.
        var toGone = sent.Where(s => s.ToAddress.StartsWith("gone+", StringComparison.OrdinalIgnoreCase)).Select(s => s.ToAddress.ToLowerInvariant()).Distinct().ToList();
        var marked = await db.Customers.AsNoTracking().Where(c => c.Undeliverable).Select(c => c.Address)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var markedSet = marked.Select(Customer.NormalizeAddress).ToHashSet(StringComparer.Ordinal);
        var unmarked = toGone.Where(a => !markedSet.Contains(a)).ToList();
        var wronglyMarked = marked.Where(a => a.StartsWith("patron+", StringComparison.OrdinalIgnoreCase)).ToList();
        var bounces = machine.Count == 0 ? 0 : await db.RawMessages.CountAsync(r => r.MachineKind == "bounce", cancellationToken).ConfigureAwait(false);
        results.Add(new("every bounce marked its address", unmarked.Count == 0 && wronglyMarked.Count == 0,
            $"{toGone.Count:N0} undeliverable customers were sent mail; {bounces:N0} bounces taken in; {unmarked.Count:N0} addresses not marked, "
            + $"{wronglyMarked.Count:N0} deliverable addresses marked", [.. unmarked.Take(ExampleCount), .. wronglyMarked.Take(ExampleCount).Select(w => "wrongly: " + w)]));
        return results;
    }

    /// <summary>What became of a lost mail, as far as the desk's stored emails tell: never taken in, or taken in and left in which state.</summary>
    private static async Task<List<string>> LostExamplesAsync(Helpdesk.Core.Data.HelpdeskDbContext db, List<string> missing, CancellationToken cancellationToken)
    {
        var examples = new List<string>();
        foreach (var id in missing.Take(ExampleCount))
        {
            var rows = await db.RawMessages.AsNoTracking().Where(r => r.MessageIdHeader == id)
                .Select(r => new { r.Id, r.State, r.MachineKind, r.TicketNumber, r.Error }).ToListAsync(cancellationToken).ConfigureAwait(false);
            examples.Add(rows.Count == 0
                ? $"lost: {id} (no stored email has this Message-ID: never taken in, or stored without it)"
                : $"lost: {id} (" + string.Join("; ", rows.Select(r => $"stored email {r.Id}: {r.State}, kind {r.MachineKind ?? "-"}, ticket {r.TicketNumber?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}{(r.Error is null ? "" : ", " + r.Error)}")) + ")");
        }
        return examples;
    }

    /// <summary>The fault switch: deletes one delivered customer question's ticket message, as a lost mail would leave the desk.</summary>
    public static async Task<string?> DropOneMailAsync(DrillDesk desk, CancellationToken cancellationToken)
    {
        await using var db = await desk.Factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var victim = await db.Messages.Where(m => m.Direction == MessageDirection.Inbound && m.MessageIdHeader != null && m.MessageIdHeader.StartsWith("q"))
            .OrderBy(m => m.Id).Select(m => new { m.Id, m.MessageIdHeader }).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (victim is null) return null;
        await db.Messages.Where(m => m.Id == victim.Id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        return victim.MessageIdHeader;
    }
}
