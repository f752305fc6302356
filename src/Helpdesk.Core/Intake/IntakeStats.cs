using Helpdesk.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Core.Intake;

/// <summary>Lag of one mailbox as the last poll saw it.</summary>
public sealed record MailboxLag(string Mailbox, long LastUid, int WaitingOnServer, DateTimeOffset? LastPollAt, DateTimeOffset? LastGoodPollAt, string? LastError);

/// <summary>Counts for operators (`helpdesk stats --json`) and the lead dashboard.</summary>
public sealed record IntakeCounts(
    int Tickets,
    int Messages,
    int RawMessages,
    int Pending,
    int Quarantined,
    int Duplicates,
    IReadOnlyDictionary<string, int> MachineMailByKind,
    IReadOnlyDictionary<string, int> TicketsByIntent,
    IReadOnlyDictionary<string, int> TicketsByStatus,
    DateTimeOffset? OldestPendingFetchedAt,
    IReadOnlyList<MailboxLag> Mailboxes)
{
    public static async Task<IntakeCounts> ReadAsync(IDbContextFactory<HelpdeskDbContext> factory, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var raws = await db.RawMessages.GroupBy(r => new { r.State, r.MachineKind }).Select(g => new { g.Key.State, g.Key.MachineKind, Count = g.Count() })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var byIntent = await db.Tickets.GroupBy(t => t.Intent).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var byStatus = await db.Tickets.GroupBy(t => t.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var oldestPending = await db.RawMessages.Where(r => r.State == RawMessageState.Pending).OrderBy(r => r.Id)
            .Select(r => (DateTimeOffset?)r.FetchedAt).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        var cursors = await db.MailboxCursors.AsNoTracking().OrderBy(c => c.Mailbox).ToListAsync(cancellationToken).ConfigureAwait(false);
        return new IntakeCounts(
            await db.Tickets.CountAsync(cancellationToken).ConfigureAwait(false),
            await db.Messages.CountAsync(cancellationToken).ConfigureAwait(false),
            raws.Sum(r => r.Count),
            raws.Where(r => r.State == RawMessageState.Pending).Sum(r => r.Count),
            raws.Where(r => r.State == RawMessageState.Quarantined).Sum(r => r.Count),
            raws.Where(r => r.State == RawMessageState.Duplicate).Sum(r => r.Count),
            raws.Where(r => r.State == RawMessageState.Processed && r.MachineKind is not null && r.MachineKind != "none")
                .GroupBy(r => r.MachineKind!).ToDictionary(g => g.Key, g => g.Sum(r => r.Count)),
            byIntent.ToDictionary(i => i.Key ?? "unclassified", i => i.Count),
            byStatus.ToDictionary(s => s.Key.ToString(), s => s.Count),
            oldestPending,
            cursors.Select(c => new MailboxLag(c.Mailbox, c.LastUid, c.WaitingOnServer, c.LastPollAt, c.LastGoodPollAt, c.LastError)).ToList());
    }
}
