using Helpdesk.Core.Data;
using Helpdesk.Core.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Core.Queue;

public sealed record QueueCounts(int New, int Open, int Pending, int Solved, int Closed, int Claimed, int NeedsTriage,
    int Unclassified, DateTimeOffset? OldestWaiting)
{
    public int Waiting => New + Open;
}

public sealed record QueueRow(long Number, string Subject, string CustomerAddress, string? CustomerName, TicketStatus Status,
    TicketPriority Priority, string? Intent, double? Confidence, bool NeedsTriage, DateTimeOffset ReceivedAt,
    DateTimeOffset WaitingSince, int InboundCount, bool Escalated, string? ClaimedBy);

public sealed record QueueQuery(string? Intent = null, string? Search = null, bool IncludeAnswered = false, int Skip = 0, int Take = 50);

/// <summary>What the queue page shows: counts and the waiting tickets in the order agents will get them.</summary>
public sealed class QueueOverview(IDbContextFactory<HelpdeskDbContext> factory, TimeProvider time)
{
    public async Task<QueueCounts> CountsAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var byStatus = await db.Tickets.GroupBy(t => t.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        int Count(TicketStatus s) => byStatus.FirstOrDefault(x => x.Key == s)?.Count ?? 0;
        var queued = db.Tickets.Where(t => t.Status == TicketStatus.New || t.Status == TicketStatus.Open);
        var claimed = await queued.CountAsync(t => t.ClaimedBy != null && t.ClaimExpiresAt > now, cancellationToken);
        var triage = await queued.CountAsync(t => t.NeedsTriage, cancellationToken);
        var unclassified = await queued.CountAsync(t => t.Intent == null && !t.NeedsTriage, cancellationToken);
        var oldest = await queued.OrderBy(t => t.WaitingSince).Select(t => (DateTimeOffset?)t.WaitingSince).FirstOrDefaultAsync(cancellationToken);
        return new QueueCounts(Count(TicketStatus.New), Count(TicketStatus.Open), Count(TicketStatus.Pending),
            Count(TicketStatus.Solved), Count(TicketStatus.Closed), claimed, triage, unclassified, oldest);
    }

    public async Task<(IReadOnlyList<QueueRow> Rows, int Total)> ListAsync(QueueQuery query, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var tickets = db.Tickets.AsNoTracking();
        if (!query.IncludeAnswered) tickets = tickets.Where(t => t.Status == TicketStatus.New || t.Status == TicketStatus.Open);
        if (!string.IsNullOrWhiteSpace(query.Intent))
            tickets = query.Intent == "unclassified" ? tickets.Where(t => t.Intent == null) : tickets.Where(t => t.Intent == query.Intent);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var s = query.Search.Trim().TrimStart('#');
            if (long.TryParse(s, out var number)) tickets = tickets.Where(t => t.Number == number);
            else
            {
                var lower = s.ToLowerInvariant();
                // Message text too: agents search for what the customer wrote ("order 55123", a phrase from a phishing mail).
                tickets = tickets.Where(t => t.Customer!.Address.Contains(lower) || t.Subject.Contains(s)
                    || db.Messages.Any(m => m.TicketNumber == t.Number && m.Text.Contains(s)));
            }
        }
        var total = await tickets.CountAsync(cancellationToken);
        var rows = await tickets
            .OrderByDescending(t => t.Priority).ThenBy(t => t.WaitingSince).ThenBy(t => t.Number)
            .Skip(query.Skip).Take(Math.Clamp(query.Take, 1, 500))
            .Select(t => new QueueRow(t.Number, t.Subject, t.Customer!.Address, t.Customer.Name, t.Status, t.Priority, t.Intent,
                t.IntentConfidence, t.NeedsTriage, t.ReceivedAt, t.WaitingSince, t.InboundCount, t.Escalated,
                t.ClaimedBy != null && t.ClaimExpiresAt > now
                    ? db.Staff.Where(s => s.Id == t.ClaimedBy).Select(s => s.DisplayName).FirstOrDefault()
                    : null))
            .ToListAsync(cancellationToken);
        return (rows, total);
    }
}
