using System.Globalization;
using System.Net.Http.Json;
using Helpdesk.Core.Data;
using Helpdesk.Core.Data.Sql;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Helpdesk.Core.Security;

/// <summary>The JSON the security team's webhook receives, once per domain and hour.</summary>
public sealed record SecurityAlertPayload(string Event, long AlertId, string Domain, DateTimeOffset WindowStart, DateTimeOffset WindowEnd,
    int Reports, int Threshold, DateTimeOffset RaisedAt);

/// <summary>
/// Delivers raised <see cref="SecurityAlert"/>s by POST. Each alert is claimed first with a conditional UPDATE (one
/// desk instance wins it), posted with an Idempotency-Key, and marked delivered; a failure frees it for a retry after
/// a doubling backoff. A crash between the POST and the mark can repeat one delivery, with the same key.
/// </summary>
public sealed partial class SecurityWebhook(IDbContextFactory<HelpdeskDbContext> factory, IOptions<SecurityOptions> options, TimeProvider time,
    ILogger<SecurityWebhook> logger) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = options.Value.WebhookTimeout };

    /// <summary>How long a claim holds off other instances: the POST's timeout and a margin.</summary>
    private TimeSpan ClaimFor => options.Value.WebhookTimeout + TimeSpan.FromSeconds(30);

    /// <summary>Sends every alert due now; returns how many were delivered.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken = default)
    {
        if (options.Value.WebhookUri is not { } uri) return 0;
        var now = time.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var sql = new RawSql(db);
        var due = await sql.ListAsync("""
            SELECT "Id", "Domain", "WindowStart", "Reports", "RaisedAt", "Attempts" FROM "SecurityAlerts"
            WHERE "DeliveredAt" IS NULL AND "NextAttemptAt" <= @now AND ("ClaimedUntil" IS NULL OR "ClaimedUntil" < @now)
            ORDER BY "Id" LIMIT 100
            """, r => (Id: RawSql.ReadLong(r, 0), Domain: r.GetString(1), Window: RawSql.ReadTime(r, 2), Reports: RawSql.ReadInt(r, 3),
                Raised: RawSql.ReadTime(r, 4), Attempts: RawSql.ReadInt(r, 5)), cancellationToken, ("now", sql.Time(now))).ConfigureAwait(false);
        var delivered = 0;
        foreach (var a in due)
        {
            if (!await ClaimAsync(sql, a.Id, now, cancellationToken).ConfigureAwait(false)) continue;
            var payload = new SecurityAlertPayload("phishing_domain_threshold", a.Id, a.Domain, a.Window, a.Window.AddHours(1), a.Reports,
                options.Value.WebhookThreshold, a.Raised);
            string? error;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = JsonContent.Create(payload, options: SecurityJson.Options) };
                request.Headers.Add("Idempotency-Key", $"helpdesk-security-alert-{a.Id}");
                using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                error = response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                error = e.Message;
            }
            var after = time.GetUtcNow();
            if (error is null)
            {
                await WriteAsync(sql, """
                    UPDATE "SecurityAlerts" SET "DeliveredAt" = @at, "Attempts" = "Attempts" + 1, "ClaimedUntil" = NULL, "LastError" = NULL WHERE "Id" = @id
                    """, cancellationToken, ("at", sql.Time(after)), ("id", a.Id)).ConfigureAwait(false);
                delivered++;
                Delivered(logger, a.Domain, a.Id);
            }
            else
            {
                var next = after + Backoff(a.Attempts + 1);
                await WriteAsync(sql, """
                    UPDATE "SecurityAlerts" SET "Attempts" = "Attempts" + 1, "ClaimedUntil" = NULL, "NextAttemptAt" = @next, "LastError" = @error WHERE "Id" = @id
                    """, cancellationToken, ("next", sql.Time(next)), ("error", error.Length > 1000 ? error[..1000] : error), ("id", a.Id)).ConfigureAwait(false);
                Failed(logger, a.Domain, a.Id, a.Attempts + 1, error, next);
            }
        }
        return delivered;
    }

    /// <summary>Wait before attempt <paramref name="attempt"/> + 1: the backoff doubled per failed attempt, capped.</summary>
    public TimeSpan Backoff(int attempt)
    {
        var first = options.Value.WebhookBackoff;
        var factor = Math.Pow(2, Math.Min(attempt - 1, 30));
        var wait = TimeSpan.FromTicks((long)Math.Min(first.Ticks * factor, options.Value.WebhookMaxBackoff.Ticks));
        return wait;
    }

    private async Task<bool> ClaimAsync(RawSql sql, long id, DateTimeOffset now, CancellationToken cancellationToken) =>
        await WriteAsync(sql, """
            UPDATE "SecurityAlerts" SET "ClaimedUntil" = @until
            WHERE "Id" = @id AND "DeliveredAt" IS NULL AND ("ClaimedUntil" IS NULL OR "ClaimedUntil" < @now)
            """, cancellationToken, ("until", sql.Time(now + ClaimFor)), ("id", id), ("now", sql.Time(now))).ConfigureAwait(false) == 1;

    // One writer at a time on SQLite: the delivery worker's writes queue on the gate with the desk's other writers.
    private static Task<int> WriteAsync(RawSql sql, string text, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
        sql.GatedAsync(() => sql.ExecuteAsync(text, cancellationToken, parameters), cancellationToken);

    public void Dispose() => _http.Dispose();

    [LoggerMessage(EventId = 2201, Level = LogLevel.Information, Message = "Security alert {AlertId} for {Domain} delivered to the webhook")]
    private static partial void Delivered(ILogger logger, string domain, long alertId);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Warning, Message = "Security alert {AlertId} for {Domain} not delivered (attempt {Attempt}): {Error}; next try at {Next}")]
    private static partial void Failed(ILogger logger, string domain, long alertId, int attempt, string error, DateTimeOffset next);
}

/// <summary>Sends raised security alerts: woken by intake when it raises one, else every poll interval.</summary>
public sealed class SecurityWebhookWorker(SecurityWebhook webhook, SecurityFeed feed, IOptions<SecurityOptions> options, ILogger<SecurityWebhookWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.WebhookUri is null) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await webhook.DeliverDueAsync(stoppingToken).ConfigureAwait(false);
                await feed.WaitForAlertsAsync(options.Value.WebhookPollInterval, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Security webhook pass failed; trying again in {Interval}", options.Value.WebhookPollInterval);
                try { await Task.Delay(options.Value.WebhookPollInterval, stoppingToken).ConfigureAwait(false); }
                catch (OperationCanceledException) { return; }
            }
        }
    }
}
