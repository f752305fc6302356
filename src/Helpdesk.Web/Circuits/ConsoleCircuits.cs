using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Helpdesk.Web.Circuits;

/// <summary>
/// How many console circuits the server holds now (connected, or disconnected and still retained). A paused or evicted
/// circuit no longer counts: what is left of it is the page's persisted state.
/// </summary>
public sealed class ConsoleCircuits
{
    private int _open;

    public int Open => Volatile.Read(ref _open);

    internal void Opened() => Interlocked.Increment(ref _open);

    internal void Closed() => Interlocked.Decrement(ref _open);

    /// <summary>One per circuit (scoped), reporting to the one counter.</summary>
    public sealed class Handler(ConsoleCircuits circuits) : CircuitHandler
    {
        public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            circuits.Opened();
            return Task.CompletedTask;
        }

        public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            circuits.Closed();
            return Task.CompletedTask;
        }
    }
}
