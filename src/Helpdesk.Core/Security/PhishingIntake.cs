using Helpdesk.Core.Data;
using Helpdesk.Core.Data.Sql;

namespace Helpdesk.Core.Security;

/// <summary>
/// Intake's part in the security picture, inside the batch's transaction: the batch's phishing reports and what they
/// point at are inserted, then every sender domain that now has the threshold's number of reports in the report's
/// clock hour gets its alert row (at most one per domain and hour: the unique index decides between instances).
/// </summary>
internal sealed class PhishingIntake(HelpdeskDbContext db, SecurityOptions options)
{
    private readonly RawSql _sql = new(db);

    /// <summary>Inserts the reports; returns how many alerts this batch raised.</summary>
    public async Task<int> InsertAsync(IReadOnlyList<PhishingReport> reports, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (reports.Count == 0) return 0;
        await using (var insertReport = new PreparedInsert<PhishingReport>(db))
        await using (var insertIndicator = new PreparedInsert<ReportedIndicator>(db))
        {
            var ids = await insertReport.InsertAllAsync(reports, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < ids.Length; i++) reports[i].StoredAs(ids[i]);
            // Indicators refer to their report's id, so they are made once the reports have one.
            await insertIndicator.InsertAllAsync(reports.SelectMany(r => r.Indicators()).ToList(), cancellationToken).ConfigureAwait(false);
        }
        return options.WebhookUri is null ? 0 : await RaiseAlertsAsync(reports, now, cancellationToken).ConfigureAwait(false);
    }

    private async Task<int> RaiseAlertsAsync(IReadOnlyList<PhishingReport> reports, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var windows = reports.Where(r => r.SenderDomain is not null)
            .Select(r => (Domain: r.SenderDomain!, Window: SecurityAlert.WindowOf(r.ReportedAt))).Distinct()
            .OrderBy(w => w.Domain, StringComparer.Ordinal).ThenBy(w => w.Window).ToList();
        var raised = 0;
        foreach (var (domain, window) in windows)
        {
            // On PostgreSQL two instances may take in the same domain at once; each counts after the other's rows are
            // committed (the lock is held to the end of the transaction), so the crossing is seen by exactly one.
            if (_sql.Provider.TransactionLock is { } takeTurns) await _sql.ExecuteAsync(takeTurns, cancellationToken, ("key", LockKey(domain))).ConfigureAwait(false);
            var count = Convert.ToInt32(await _sql.ScalarAsync("""
                SELECT COUNT(*) FROM "ReportedIndicators" WHERE "Kind" = 0 AND "Value" = @domain AND "SeenAt" >= @from AND "SeenAt" < @to
                """, cancellationToken, ("domain", domain), ("from", _sql.Time(window)), ("to", _sql.Time(window.AddHours(1)))).ConfigureAwait(false),
                System.Globalization.CultureInfo.InvariantCulture);
            if (count < options.WebhookThreshold) continue;
            raised += await _sql.ExecuteAsync("""
                INSERT INTO "SecurityAlerts" ("Domain", "WindowStart", "Reports", "RaisedAt", "NextAttemptAt", "Attempts")
                VALUES (@domain, @window, @reports, @now, @now, 0) ON CONFLICT ("Domain", "WindowStart") DO NOTHING
                """, cancellationToken, ("domain", domain), ("window", _sql.Time(window)), ("reports", count), ("now", _sql.Time(now))).ConfigureAwait(false);
        }
        return raised;
    }

    /// <summary>A stable 64-bit key per domain for the advisory lock (string.GetHashCode differs per process).</summary>
    internal static long LockKey(string domain)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("helpdesk-alert:" + domain));
        return BitConverter.ToInt64(hash, 0);
    }
}
