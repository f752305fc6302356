using System.Net;
using Helpdesk.Core.Diagnostics;
using Helpdesk.Core.Queue;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Helpdesk.Web.Metrics;

/// <summary>Bound from <c>Helpdesk:Metrics</c>.</summary>
public sealed class MetricsOptions
{
    public const string Section = "Helpdesk:Metrics";

    /// <summary>
    /// Networks (CIDR, e.g. 10.0.0.0/8) besides the machine itself that may read /metrics. The connection's own address
    /// is compared, never X-Forwarded-For: a header is whatever the caller writes.
    /// </summary>
    public List<string> AllowedNetworks { get; set; } = [];

    /// <summary>An OTLP collector (e.g. http://otel-collector:4317); metrics and traces are pushed there when set.</summary>
    public string? OtlpEndpoint { get; set; }

    internal IReadOnlyList<IPNetwork> Networks() => AllowedNetworks.Select(IPNetwork.Parse).ToList();
}

/// <summary>Start-up stops with the setting's name when a network or the OTLP address does not parse.</summary>
internal sealed class MetricsOptionsValidation : IValidateOptions<MetricsOptions>
{
    public ValidateOptionsResult Validate(string? name, MetricsOptions options)
    {
        var problems = new List<string>();
        for (var i = 0; i < options.AllowedNetworks.Count; i++)
            if (!IPNetwork.TryParse(options.AllowedNetworks[i], out _))
                problems.Add($"Helpdesk:Metrics:AllowedNetworks:{i} is '{options.AllowedNetworks[i]}', not a network in CIDR form such as 10.0.0.0/8.");
        if (options.OtlpEndpoint is { Length: > 0 } otlp && !Uri.TryCreate(otlp, UriKind.Absolute, out _))
            problems.Add($"Helpdesk:Metrics:OtlpEndpoint is '{otlp}', not an absolute URL such as http://collector:4317.");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

/// <summary>
/// OpenTelemetry in the web host: the desk's meter, ASP.NET Core's and EF Core's built-in meters, exported at
/// <c>/metrics</c> in Prometheus text format (loopback or <see cref="MetricsOptions.AllowedNetworks"/> only) and by
/// OTLP when <see cref="MetricsOptions.OtlpEndpoint"/> is set.
/// </summary>
public static class MetricsSetup
{
    public const string Path = "/metrics";

    public static IServiceCollection AddHelpdeskMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MetricsOptions>, MetricsOptionsValidation>();
        services.AddHostedService<QueueDepthSampler>();
        var otlp = configuration[$"{MetricsOptions.Section}:OtlpEndpoint"] is { Length: > 0 } e && Uri.TryCreate(e, UriKind.Absolute, out var u) ? u : null;
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("helpdesk"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(DeskMetrics.MeterName)
                    .AddAspNetCoreInstrumentation()
                    .AddMeter("Microsoft.EntityFrameworkCore") // EF Core 9+ meters: queries, SaveChanges, errors
                    .AddPrometheusExporter();
                if (otlp is not null) metrics.AddOtlpExporter(o => o.Endpoint = otlp);
            });
        // Traces only go somewhere when a collector is configured; without one they would be built and thrown away.
        if (otlp is not null) telemetry.WithTracing(tracing => tracing.AddAspNetCoreInstrumentation().AddOtlpExporter(o => o.Endpoint = otlp));
        return services;
    }

    /// <summary>Refuses /metrics (404, as if absent) to callers outside loopback and the configured networks.</summary>
    public static void UseMetricsGate(this WebApplication app)
    {
        var networks = app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value.Networks();
        app.UseWhen(http => http.Request.Path.StartsWithSegments(Path), gated => gated.Use(async (http, next) =>
        {
            if (!IsAllowed(http.Connection.RemoteIpAddress, networks))
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            await next(http);
        }));
    }

    public static void MapHelpdeskMetrics(this WebApplication app) => app.MapPrometheusScrapingEndpoint(Path);

    internal static bool IsAllowed(IPAddress? remote, IReadOnlyList<IPNetwork> networks)
    {
        if (remote is null) return false;
        if (remote.IsIPv4MappedToIPv6) remote = remote.MapToIPv4();
        return IPAddress.IsLoopback(remote) || networks.Any(n => n.Contains(remote));
    }
}
