using System.Text.Json;
using Helpdesk.Core.Data;
using Helpdesk.Core.Diagnostics;
using Helpdesk.Core.Intake;
using Helpdesk.Core.Outbox;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Helpdesk.Web.Health;

/// <summary>
/// <c>/healthz</c>: the process answers (liveness; no checks, so a slow database never gets the desk restarted).
/// <c>/readyz</c>: the database answers, its schema is current, the intake and outbox workers go round (readiness).
/// Both answer JSON listing each check; 503 when one is unhealthy. No sign-in: they show no tickets.
/// </summary>
public static class HealthEndpoints
{
    public const string LivePath = "/healthz";
    public const string ReadyPath = "/readyz";
    private const string Ready = "ready";

    public static IServiceCollection AddHelpdeskHealth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HealthOptions>().BindConfiguration(HealthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // The desk makes its contexts from a pooled factory; the EF check resolves a context from the request scope.
        services.TryAddScoped(sp => sp.GetRequiredService<IDbContextFactory<HelpdeskDbContext>>().CreateDbContext());
        var checks = services.AddHealthChecks()
            .AddDbContextCheck<HelpdeskDbContext>("database", HealthStatus.Unhealthy, [Ready])
            .AddCheck<SchemaCurrentCheck>("schema", HealthStatus.Unhealthy, [Ready])
            .AddCheck<Startup.PreparationCheck>("preparation", HealthStatus.Unhealthy, [Ready]);
        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (database.Provider == DatabaseProvider.Postgres)
            checks.AddNpgSql(sp => sp.GetRequiredService<DatabaseTarget>().ConnectionString, name: "postgresql", tags: [Ready]);
        checks.Add(new HealthCheckRegistration("intake-worker", sp => new WorkerAliveCheck(WorkerHeartbeat.Intake,
            () => sp.GetRequiredService<IOptions<IntakeOptions>>().Value.Enabled && sp.GetServices<IHostedService>().Any(s => s is IntakeWorker or Startup.AfterPreparation { Inner: IntakeWorker }),
            IntakeStaleAfter(sp), sp.GetRequiredService<TimeProvider>()), HealthStatus.Unhealthy, [Ready]));
        checks.Add(new HealthCheckRegistration("outbox-worker", sp => new WorkerAliveCheck(WorkerHeartbeat.Outbox,
            () => sp.GetRequiredService<OutboxOptions>().IsConfigured,
            sp.GetRequiredService<IOptions<HealthOptions>>().Value.WorkerStaleAfter, sp.GetRequiredService<TimeProvider>()), HealthStatus.Unhealthy, [Ready]));
        return services;
    }

    /// <summary>A few drop-folder passes at least, however short the configured staleness.</summary>
    private static TimeSpan IntakeStaleAfter(IServiceProvider sp)
    {
        var stale = sp.GetRequiredService<IOptions<HealthOptions>>().Value.WorkerStaleAfter;
        var pass = sp.GetRequiredService<IOptions<IntakeOptions>>().Value.DropFolderInterval;
        return stale > pass * 5 ? stale : pass * 5;
    }

    public static void MapHelpdeskHealth(this WebApplication app)
    {
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteJson });
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = WriteJson });
    }

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    private static Task WriteJson(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        var body = new
        {
            status = report.Status.ToString(),
            durationMs = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            checks = report.Entries.Select(e => new
            {
                name = e.Key,
                status = e.Value.Status.ToString(),
                description = e.Value.Description ?? e.Value.Exception?.GetBaseException().Message,
                durationMs = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
            }),
        };
        return http.Response.WriteAsync(JsonSerializer.Serialize(body, Json), http.RequestAborted);
    }
}
