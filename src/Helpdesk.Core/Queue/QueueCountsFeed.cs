using Helpdesk.Core.Abstractions;
using Helpdesk.Core.Diagnostics;
using Helpdesk.Core.Intake;
using Microsoft.Extensions.Logging;

namespace Helpdesk.Core.Queue;

/// <summary>
/// One set of queue counts per desk process, shared by every open queue page. Counting a million-ticket queue costs
/// several queries; with 300 agents connected, recounting per page on every "tickets changed" would cost 300 times that
/// per change. Instead a change starts one recount after <see cref="QueueOptions.CountsCoalescing"/> (so a burst of
/// changes costs one recount) and the same snapshot is pushed to every subscriber.
/// </summary>
public sealed class QueueCountsFeed : IDisposable
{
    private readonly QueueOverview _overview;
    private readonly InProcessDeskNotifier _notifier;
    private readonly TimeProvider _time;
    private readonly ILogger<QueueCountsFeed> _logger;
    private readonly TimeSpan _coalescing;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Action<QueueCountsSnapshot>> _subscribers = [];
    private QueueCountsSnapshot? _latest;
    private Task? _pending;
    private Task<QueueCountsSnapshot>? _counting;
    private bool _dirty;
    private long _recounts;

    public QueueCountsFeed(QueueOverview overview, InProcessDeskNotifier notifier, QueueOptions options, TimeProvider time,
        ILogger<QueueCountsFeed> logger)
    {
        _overview = overview;
        _notifier = notifier;
        _time = time;
        _logger = logger;
        _coalescing = options.CountsCoalescing;
        _notifier.Changed += OnTicketsChanged;
    }

    /// <summary>How many times the counts were computed since start (for tests and diagnostics).</summary>
    public long Recounts => Interlocked.Read(ref _recounts);

    /// <summary>
    /// The last snapshot, counted now if there is none yet or it is older than <paramref name="maxAge"/> (a page's
    /// fallback timer uses this, so an idle desk still shows current "being answered" counts as claims expire).
    /// </summary>
    public async Task<QueueCountsSnapshot> CurrentAsync(TimeSpan maxAge, CancellationToken cancellationToken = default)
    {
        var latest = Volatile.Read(ref _latest);
        if (latest is not null && _time.GetUtcNow() - latest.CountedAt <= maxAge) return latest;
        // Pages whose fallback timers fire together share one count instead of each running its own.
        Task<QueueCountsSnapshot> counting;
        lock (_gate)
        {
            if (_counting is null || _counting.IsCompleted) _counting = RecountAsync(push: false, _stop.Token);
            counting = _counting;
        }
        return await counting.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Calls <paramref name="onCounts"/> with every new snapshot (on a pool thread) until the result is disposed.</summary>
    public IDisposable Subscribe(Action<QueueCountsSnapshot> onCounts)
    {
        lock (_gate) _subscribers.Add(onCounts);
        return new Subscription(this, onCounts);
    }

    /// <summary>Subscribers now connected (for tests and diagnostics).</summary>
    public int SubscriberCount
    {
        get { lock (_gate) return _subscribers.Count; }
    }

    private void OnTicketsChanged(IReadOnlyCollection<long> numbers)
    {
        lock (_gate)
        {
            if (_subscribers.Count == 0) { _latest = null; return; }
            _dirty = true;
            if (_pending is not null) return;
            _pending = Task.Run(CoalesceAsync);
        }
    }

    private async Task CoalesceAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                await Task.Delay(_coalescing, _time, _stop.Token).ConfigureAwait(false);
                lock (_gate) _dirty = false;
                await RecountAsync(push: true, _stop.Token).ConfigureAwait(false);
                lock (_gate)
                {
                    // Changes during the recount may not be in it: one more round, never one per change.
                    if (!_dirty) { _pending = null; return; }
                }
            }
        }
        catch (OperationCanceledException) { }
        catch (Exception ex)
        {
            _logger.QueueCountsNotRecounted(ex);
        }
        lock (_gate) _pending = null;
    }

    private async Task<QueueCountsSnapshot> RecountAsync(bool push, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _recounts);
        var counts = await _overview.CountsAsync(cancellationToken).ConfigureAwait(false);
        var snapshot = new QueueCountsSnapshot(counts, _time.GetUtcNow());
        Volatile.Write(ref _latest, snapshot);
        if (!push) return snapshot;
        Action<QueueCountsSnapshot>[] subscribers;
        lock (_gate) subscribers = [.. _subscribers];
        foreach (var subscriber in subscribers)
        {
            try { subscriber(snapshot); }
            catch (Exception ex) { _logger.QueuePageCountsFailed(ex); }
        }
        return snapshot;
    }

    public void Dispose()
    {
        _notifier.Changed -= OnTicketsChanged;
        _stop.Cancel();
        _stop.Dispose();
    }

    private sealed class Subscription(QueueCountsFeed feed, Action<QueueCountsSnapshot> onCounts) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
            lock (feed._gate) feed._subscribers.Remove(onCounts);
        }
    }
}

/// <summary>Queue counts and the moment they were counted.</summary>
public sealed record QueueCountsSnapshot(QueueCounts Counts, DateTimeOffset CountedAt);
