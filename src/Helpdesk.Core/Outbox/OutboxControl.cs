using Helpdesk.Core.Audit;
using Helpdesk.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Core.Outbox;

/// <summary>The single row that says whether the desk sends (table OutboxPause, Id 1): shared by every desk instance.</summary>
public sealed class OutboxPauseRow
{
    public const int SingleId = 1;

    public int Id { get; set; } = SingleId;

    public bool IsPaused { get; set; }

    /// <summary>Why sending stopped (a lead's words or the SMTP server's refusal); null while sending.</summary>
    public string? Reason { get; set; }

    /// <summary>Who paused or resumed last: a user name, or "system".</summary>
    public string? ChangedBy { get; set; }

    public DateTimeOffset? ChangedAt { get; set; }
}

/// <summary>Whether the outbox sends, and who said so when.</summary>
public sealed record OutboxPauseState(bool IsPaused, string? Reason, string? ChangedBy, DateTimeOffset? ChangedAt)
{
    public static readonly OutboxPauseState Sending = new(false, null, null, null);
}

/// <summary>
/// Pause and resume for the whole outbox (leads; and the dispatcher itself when the SMTP login is refused). The state
/// lives in the database so that every desk instance obeys it; each instance re-reads it at most every
/// <see cref="OutboxOptions.PauseCheckInterval"/>, so a pause reaches all dispatchers within that time.
/// </summary>
public sealed class OutboxControl(IDbContextFactory<HelpdeskDbContext> factory, OutboxOptions options, TimeProvider time)
{
    private sealed record Snapshot(OutboxPauseState State, DateTimeOffset ReadAt);

    private volatile Snapshot? _snapshot;
    private int _startPausedApplied;

    /// <summary>The state as last read (no database access); before the first read, whether the desk starts paused.</summary>
    public bool IsPaused => _snapshot?.State.IsPaused ?? options.StartPaused;

    /// <summary>The reason as last read; null while sending.</summary>
    public string? PausedBecause => _snapshot is { } s ? (s.State.IsPaused ? s.State.Reason : null)
        : options.StartPaused ? StartPausedReason : null;

    private const string StartPausedReason = "Started paused (Helpdesk:Outbox:StartPaused).";

    public async ValueTask<bool> IsPausedAsync(CancellationToken cancellationToken = default) =>
        (await GetStateAsync(cancellationToken).ConfigureAwait(false)).IsPaused;

    /// <summary>The shared state, read from the database when the cached copy is older than the check interval.</summary>
    public async ValueTask<OutboxPauseState> GetStateAsync(CancellationToken cancellationToken = default)
    {
        if (options.StartPaused && Interlocked.Exchange(ref _startPausedApplied, 1) == 0)
            await PauseAsync(StartPausedReason, "system", null, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        if (_snapshot is { } s && now - s.ReadAt < options.PauseCheckInterval && now >= s.ReadAt) return s.State;
        return await ReadAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Forgets the cached state: the next check reads the database.</summary>
    public void Invalidate() => _snapshot = null;

    public Task PauseAsync(string reason, string by, long? staffId, CancellationToken cancellationToken = default) =>
        WriteAsync(paused: true, reason, by, staffId, cancellationToken);

    public Task ResumeAsync(string by, long? staffId, CancellationToken cancellationToken = default) =>
        WriteAsync(paused: false, null, by, staffId, cancellationToken);

    private async Task<OutboxPauseState> ReadAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var row = await db.OutboxPause.AsNoTracking().SingleOrDefaultAsync(r => r.Id == OutboxPauseRow.SingleId, cancellationToken).ConfigureAwait(false);
        var state = row is null ? OutboxPauseState.Sending : new OutboxPauseState(row.IsPaused, row.Reason, row.ChangedBy, row.ChangedAt);
        _snapshot = new Snapshot(state, time.GetUtcNow());
        return state;
    }

    private async Task WriteAsync(bool paused, string? reason, string by, long? staffId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var row = await db.OutboxPause.SingleOrDefaultAsync(r => r.Id == OutboxPauseRow.SingleId, cancellationToken).ConfigureAwait(false);
        if (row is null) db.OutboxPause.Add(row = new OutboxPauseRow());
        row.IsPaused = paused;
        row.Reason = reason is { Length: > 1000 } ? reason[..1000] : reason;
        row.ChangedBy = by.Length > 100 ? by[..100] : by;
        row.ChangedAt = now;
        db.AuditEvents.Add(new AuditEvent(now, staffId, row.ChangedBy, paused ? "outbox.pause" : "outbox.resume", null, row.Reason));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        _snapshot = new Snapshot(new OutboxPauseState(paused, row.Reason, row.ChangedBy, now), now);
    }
}
