using System.ComponentModel.DataAnnotations;
using Helpdesk.Core.Data;
using Helpdesk.Core.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Helpdesk.Web.Health;

/// <summary>Bound from <c>Helpdesk:Health</c>.</summary>
public sealed class HealthOptions
{
    public const string Section = "Helpdesk:Health";

    /// <summary>
    /// A worker whose last pass is older than this is reported dead by /readyz. Default 1 minute: the outbox goes round
    /// every quarter second when idle and the drop folder every 2 seconds, so a minute is many missed passes, yet
    /// long enough for one large intake batch.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan WorkerStaleAfter { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>The schema is the one this build expects (start-up migrated it, nobody put an older or newer one under us).</summary>
public sealed class SchemaCurrentCheck(SchemaMigrator migrator) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var pending = await migrator.PendingAsync(cancellationToken);
        return pending.Count == 0
            ? HealthCheckResult.Healthy("every schema migration of this build is applied")
            : HealthCheckResult.Unhealthy($"schema migrations not applied: {string.Join(", ", pending)}");
    }
}

/// <summary>
/// A background worker is alive: it is switched off, or its <see cref="WorkerHeartbeat"/> beat within
/// <paramref name="staleAfter"/>. A worker that has not finished its first pass counts as not ready.
/// </summary>
public sealed class WorkerAliveCheck(WorkerHeartbeat heartbeat, Func<bool> enabled, TimeSpan staleAfter, TimeProvider time) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!enabled()) return Task.FromResult(HealthCheckResult.Healthy($"the {heartbeat.Name} worker is switched off"));
        if (heartbeat.Last is not { } last) return Task.FromResult(HealthCheckResult.Unhealthy($"the {heartbeat.Name} worker has not started yet"));
        var age = time.GetUtcNow() - last;
        return Task.FromResult(age <= staleAfter
            ? HealthCheckResult.Healthy($"last pass {age.TotalSeconds:F1} s ago")
            : HealthCheckResult.Unhealthy($"last pass {age.TotalSeconds:F0} s ago (more than {staleAfter.TotalSeconds:F0} s): the {heartbeat.Name} worker is stuck or stopped"));
    }
}
