using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Helpdesk.Web.Startup;

/// <summary>
/// Where the desk is in its start-up work (schema, templates, demo data with the first intent model, first Admin). The
/// desk listens from the first second; until this is <see cref="IsReady"/> every page answers with what it is doing
/// (<see cref="PreparationGate"/>) and the workers wait (<see cref="AfterPreparation"/>).
/// </summary>
public sealed class DeskPreparation
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Stopwatch _elapsed = Stopwatch.StartNew();
    private volatile string _step = "Starting";

    /// <summary>Completes when the desk can serve; faults when start-up failed.</summary>
    public Task Ready => _ready.Task;

    public bool IsReady => _ready.Task.IsCompletedSuccessfully;

    /// <summary>What the desk is doing now, in a sentence a person waiting for it understands.</summary>
    public string Step => _step;

    /// <summary>Why start-up failed (the log has the whole error), or null.</summary>
    public string? Failure { get; private set; }

    public TimeSpan Elapsed => _elapsed.Elapsed;

    public void Doing(string step) => _step = step;

    public void Done()
    {
        _elapsed.Stop();
        _ready.TrySetResult();
    }

    public void Failed(Exception error)
    {
        Failure = error.Message;
        _ready.TrySetException(error);
    }
}

/// <summary>/readyz: not ready while the desk prepares (the schema may already be current while the demo desk loads).</summary>
public sealed class PreparationCheck(DeskPreparation preparation) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(preparation.IsReady
            ? HealthCheckResult.Healthy($"prepared in {preparation.Elapsed.TotalSeconds:F1} s")
            : HealthCheckResult.Unhealthy(preparation.Failure is { } failure ? "start-up failed: " + failure : "preparing: " + preparation.Step));
}
