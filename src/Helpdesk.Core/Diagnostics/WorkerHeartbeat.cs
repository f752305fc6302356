namespace Helpdesk.Core.Diagnostics;

/// <summary>
/// When a background worker last went round its loop. The worker beats once per pass; the readiness check
/// (/readyz) calls the worker dead when the last beat is older than a few passes. Static instances, like
/// <see cref="DeskMetrics"/>, so a worker records with one call; a process runs one desk.
/// </summary>
public sealed class WorkerHeartbeat(string name)
{
    /// <summary>The intake worker: each pass of each source's loop (the drop folder's runs every few seconds).</summary>
    public static WorkerHeartbeat Intake { get; } = new("intake");

    /// <summary>The outbox worker: each dispatch pass (a quarter second apart when idle).</summary>
    public static WorkerHeartbeat Outbox { get; } = new("outbox");

    private long _lastTicks = long.MinValue;

    public string Name { get; } = name;

    /// <summary>The last beat, or null before the first.</summary>
    public DateTimeOffset? Last
    {
        get
        {
            var ticks = Interlocked.Read(ref _lastTicks);
            return ticks == long.MinValue ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    public void Beat(TimeProvider time) => Interlocked.Exchange(ref _lastTicks, time.GetUtcNow().UtcTicks);
}
