using System.Data.Common;
using Helpdesk.Core.Data;
using Helpdesk.Core.Data.Sql;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Core.Security;

/// <summary>One domain, sender or link host as the security page lists it.</summary>
public sealed record IndicatorCount(IndicatorKind Kind, string Value, int Reports, int Customers, DateTimeOffset FirstSeen, DateTimeOffset LastSeen);

/// <summary>What the security page shows: totals and, per kind, the most reported values.</summary>
public sealed record SecuritySnapshot(DateTimeOffset At, int Reports, int Customers, DateTimeOffset? FirstReport, DateTimeOffset? LastReport,
    IReadOnlyList<IndicatorCount> Domains, IReadOnlyList<IndicatorCount> Senders, IReadOnlyList<IndicatorCount> LinkHosts,
    IReadOnlyList<AlertRow> Alerts);

/// <summary>An alert raised for the security team, and whether it reached them.</summary>
public sealed record AlertRow(long Id, string Domain, DateTimeOffset WindowStart, int Reports, DateTimeOffset RaisedAt, DateTimeOffset? DeliveredAt,
    int Attempts, string? LastError);

/// <summary>One report with its ticket, for the list of raw forwarded mails and the exports.</summary>
public sealed record ReportRow(long Id, DateTimeOffset ReportedAt, string ReporterAddress, long TicketNumber, long MessageId, long? RawMessageId,
    string? SenderAddress, string? SenderDomain, string? Subject, IReadOnlyList<string> LinkHosts, IReadOnlyList<ReportedAttachment> Attachments);

/// <summary>
/// The security page's figures: one GROUP BY over <see cref="ReportedIndicator"/> rows on their covering index, so
/// the page costs the same few queries at ten reports and at ten thousand.
/// </summary>
public sealed class SecurityFigures(IDbContextFactory<HelpdeskDbContext> factory, TimeProvider time)
{
    /// <summary>Rows per list on the page; the exports carry all of them.</summary>
    public const int PageRows = 100;

    public async Task<SecuritySnapshot> ReadAsync(int rowsPerKind = PageRows, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var sql = new RawSql(db);
        var totals = (await sql.ListAsync("""
            SELECT COUNT(*), COUNT(DISTINCT "CustomerId"), MIN("ReportedAt"), MAX("ReportedAt") FROM "PhishingReports"
            """, r => (Reports: RawSql.ReadInt(r, 0), Customers: RawSql.ReadInt(r, 1), First: RawSql.ReadNullableTime(r, 2), Last: RawSql.ReadNullableTime(r, 3)),
            cancellationToken).ConfigureAwait(false))[0];
        var counts = await CountsAsync(sql, rowsPerKind, cancellationToken).ConfigureAwait(false);
        var alerts = await sql.ListAsync("""
            SELECT "Id", "Domain", "WindowStart", "Reports", "RaisedAt", "DeliveredAt", "Attempts", "LastError" FROM "SecurityAlerts"
            ORDER BY "RaisedAt" DESC, "Id" DESC LIMIT 50
            """, r => new AlertRow(RawSql.ReadLong(r, 0), r.GetString(1), RawSql.ReadTime(r, 2), RawSql.ReadInt(r, 3), RawSql.ReadTime(r, 4),
                RawSql.ReadNullableTime(r, 5), RawSql.ReadInt(r, 6), r.IsDBNull(7) ? null : r.GetString(7)), cancellationToken).ConfigureAwait(false);
        return new SecuritySnapshot(time.GetUtcNow(), totals.Reports, totals.Customers, totals.First, totals.Last,
            counts.Where(c => c.Kind == IndicatorKind.Domain).ToList(), counts.Where(c => c.Kind == IndicatorKind.Sender).ToList(),
            counts.Where(c => c.Kind == IndicatorKind.LinkHost).ToList(), alerts);
    }

    /// <summary>Every domain, sender and link host with its counts, most reported first (for the exports: no limit).</summary>
    public async Task<IReadOnlyList<IndicatorCount>> AllCountsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await CountsAsync(new RawSql(db), null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The newest reports first, <paramref name="limit"/> of them, optionally only those of one sender domain.</summary>
    public async Task<IReadOnlyList<ReportRow>> ReportsAsync(string? domain, int limit, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var query = db.PhishingReports.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(domain)) query = query.Where(r => r.SenderDomain == domain.Trim().ToLowerInvariant());
        var rows = await query.OrderByDescending(r => r.Id).Take(limit).ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(r => new ReportRow(r.Id, r.ReportedAt, r.ReporterAddress, r.TicketNumber, r.MessageId, r.RawMessageId, r.SenderAddress,
            r.SenderDomain, r.Subject, r.LinkHostList, r.AttachmentList)).ToList();
    }

    private static async Task<List<IndicatorCount>> CountsAsync(RawSql sql, int? rowsPerKind, CancellationToken cancellationToken)
    {
        // One pass over the covering (Kind, Value, SeenAt, CustomerId) index; the top rows per kind are picked here
        // rather than by a window function, which would sort the groups once more in the database.
        var all = await sql.ListAsync("""
            SELECT "Kind", "Value", COUNT(*), COUNT(DISTINCT "CustomerId"), MIN("SeenAt"), MAX("SeenAt")
            FROM "ReportedIndicators" GROUP BY "Kind", "Value"
            """, r => Read(sql, r), cancellationToken).ConfigureAwait(false);
        return all.GroupBy(c => c.Kind)
            .SelectMany(g => g.OrderByDescending(c => c.Reports).ThenBy(c => c.Value, StringComparer.Ordinal).Take(rowsPerKind ?? int.MaxValue))
            .OrderBy(c => c.Kind).ThenByDescending(c => c.Reports).ThenBy(c => c.Value, StringComparer.Ordinal).ToList();
    }

    private static IndicatorCount Read(RawSql sql, DbDataReader r) =>
        new((IndicatorKind)RawSql.ReadInt(r, 0), r.GetString(1), RawSql.ReadInt(r, 2), RawSql.ReadInt(r, 3), RawSql.ReadTime(r, 4), RawSql.ReadTime(r, 5));
}
