using Helpdesk.Core.Abstractions;
using Helpdesk.Core.Intake;

namespace Helpdesk.Core.Security;

/// <summary>
/// Tells the security page that reports arrived and wakes the webhook sender when alerts were raised. Reports come
/// with tickets, so "tickets changed" from other instances (NOTIFY on PostgreSQL) wakes the page too; bursts are
/// coalesced to one refresh per <see cref="Coalescing"/>.
/// </summary>
public sealed class SecurityFeed : IDisposable
{
    public static readonly TimeSpan Coalescing = TimeSpan.FromSeconds(1);

    private readonly InProcessDeskNotifier _tickets;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _alerts = new(0, int.MaxValue);
    private int _pending;

    public SecurityFeed(InProcessDeskNotifier tickets, TimeProvider time)
    {
        _tickets = tickets;
        _time = time;
        _tickets.Changed += OnTicketsChanged;
    }

    /// <summary>Reports (may) have changed; subscribers re-read the figures.</summary>
    public event Action? Changed;

    /// <summary>Intake recorded reports in a committed batch.</summary>
    public void ReportsAdded(int alertsRaised)
    {
        if (alertsRaised > 0) _alerts.Release();
        Raise();
    }

    /// <summary>Waits until an alert was raised here or <paramref name="timeout"/> passed.</summary>
    public async Task WaitForAlertsAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(timeout, _time, timer.Token);
        var signal = _alerts.WaitAsync(timer.Token);
        await Task.WhenAny(delay, signal).ConfigureAwait(false);
        await timer.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }

    private void OnTicketsChanged(IReadOnlyCollection<long> _) => Raise();

    private void Raise()
    {
        if (Interlocked.Exchange(ref _pending, 1) == 1) return;
        _ = Task.Run(async () =>
        {
            // Wall-clock time on purpose: the coalescing is about screens, not about the desk's (testable) clock.
            try { await Task.Delay(Coalescing).ConfigureAwait(false); }
            finally { Volatile.Write(ref _pending, 0); }
            try { Changed?.Invoke(); }
            catch (Exception) { /* a broken page must not stop intake */ }
        });
    }

    public void Dispose()
    {
        _tickets.Changed -= OnTicketsChanged;
        _alerts.Dispose();
    }
}
