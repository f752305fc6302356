using Helpdesk.Core.Audit;
using Helpdesk.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Core.Outbox;

/// <summary>How many replies are where. "Sending" are queued replies a dispatcher holds right now.</summary>
public sealed record OutboxCounts(int Queued, int Sending, int SentToday, int Failed, int Bounced, int Suppressed);

/// <summary>A reply that did not go out, with what the server said.</summary>
public sealed record OutboxProblemRow(long Id, long TicketNumber, string ToAddress, string? CustomerName, string Subject,
    OutboxState State, int Attempts, DateTimeOffset? LastAttemptAt, string? LastError, DateTimeOffset CreatedAt);

/// <summary>What leads see of the outbox, and the retry actions (audited).</summary>
public sealed class OutboxBoard(IDbContextFactory<HelpdeskDbContext> factory, TimeProvider time)
{
    /// <summary>"Sent today" counts from midnight UTC: the desk's one clock, whatever the browser's time zone.</summary>
    public async Task<OutboxCounts> CountsAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var midnight = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var byState = await db.Outbox.GroupBy(o => o.State).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken).ConfigureAwait(false);
        var sending = await db.Outbox.CountAsync(o => o.State == OutboxState.Queued && o.LeasedUntil != null && o.LeasedUntil > now, cancellationToken).ConfigureAwait(false);
        var sentToday = await db.Outbox.CountAsync(o => o.State == OutboxState.Sent && o.SentAt >= midnight, cancellationToken).ConfigureAwait(false);
        int Count(OutboxState s) => byState.GetValueOrDefault(s);
        return new OutboxCounts(Count(OutboxState.Queued) - sending, sending, sentToday, Count(OutboxState.Failed), Count(OutboxState.Bounced),
            Count(OutboxState.Suppressed));
    }

    /// <summary>Newest problem first.</summary>
    public async Task<IReadOnlyList<OutboxProblemRow>> ListAsync(OutboxState state, int take = 200, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.Outbox.AsNoTracking().Where(o => o.State == state)
            .OrderByDescending(o => o.LastAttemptAt ?? o.CreatedAt).ThenByDescending(o => o.Id).Take(take)
            .Select(o => new OutboxProblemRow(o.Id, o.TicketNumber, o.ToAddress,
                db.Customers.Where(c => c.Address == o.ToAddress).Select(c => c.Name).FirstOrDefault(),
                o.Subject, o.State, o.Attempts, o.LastAttemptAt, o.LastError, o.CreatedAt))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Queues one failed reply again, now. False when it is no longer failed (somebody else retried it).</summary>
    public async Task<bool> RetryAsync(long outboxId, long staffId, string actor, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var item = await db.Outbox.SingleOrDefaultAsync(o => o.Id == outboxId, cancellationToken).ConfigureAwait(false);
        if (item is not { State: OutboxState.Failed }) return false;
        item.Retry(now);
        db.AuditEvents.Add(new AuditEvent(now, staffId, actor, "outbox.retry", item.TicketNumber, $"outbox item {item.Id}: {item.LastError}"));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Queues every failed reply again (e.g. after the provider lifted a block). Returns how many.</summary>
    public async Task<int> RetryAllFailedAsync(long staffId, string actor, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var failed = await db.Outbox.Where(o => o.State == OutboxState.Failed).ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var item in failed) item.Retry(now);
        db.AuditEvents.Add(new AuditEvent(now, staffId, actor, "outbox.retry_all", null, $"{failed.Count} failed replies queued again"));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return failed.Count;
    }
}
