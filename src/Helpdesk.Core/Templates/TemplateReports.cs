using System.Globalization;
using System.Text;
using Helpdesk.Core.Abstractions;
using Helpdesk.Core.Data;
using Helpdesk.Core.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Core.Templates;

/// <summary>One template on the trainers' list.</summary>
public sealed record TemplateRow(
    string Id, string Title, string Language, IReadOnlyList<string> Intents, int? LiveNumber, int? PendingNumber, int Versions,
    bool PublishFaq, bool Archived, DateTimeOffset? LiveSince);

/// <summary>
/// How agents use one template: suggested, chosen into the reply box, sent, sent unedited, and how much the sent text
/// differs from the suggestion on average (normalized word edit distance over all sends; unedited sends count as 0).
/// </summary>
public sealed record TemplateUsageRow(
    string TemplateId, string Title, string Language, long Suggested, long Chosen, int Sent, int SentUnedited, double? MeanEditDistance)
{
    public double? UneditedShare => Sent == 0 ? null : (double)SentUnedited / Sent;
}

/// <summary>One customer who got a reply from a template version.</summary>
public sealed record TemplateRecipient(long TicketNumber, string CustomerAddress, string? CustomerName, DateTimeOffset SentAt, string? Agent, bool Unedited);

/// <summary>What the trainers' pages read about templates: the list, one template's history, usage, and who got a version.</summary>
public sealed class TemplateReports(IDbContextFactory<HelpdeskDbContext> factory, TemplateUsageRecorder usage, CompanyOptions company)
{
    /// <summary>Edited sends per template whose distance is computed (the newest); the mean of the rest is assumed alike.</summary>
    public const int EditSample = 200;

    public async Task<IReadOnlyList<TemplateRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var templates = await db.ReplyTemplates.AsNoTracking().Include(t => t.Versions).ToListAsync(cancellationToken).ConfigureAwait(false);
        return templates.OrderBy(t => t.Id, StringComparer.Ordinal).Select(t => new TemplateRow(t.Id, t.Title, t.Language, t.IntentList,
                t.LiveVersion?.Number, t.PendingVersion?.Number, t.Versions.Count, t.PublishFaq, t.Archived, t.LiveVersion?.LiveFrom))
            .ToList();
    }

    /// <summary>One template with every version, or null.</summary>
    public async Task<ReplyTemplate?> GetAsync(string templateId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.ReplyTemplates.AsNoTracking().Include(t => t.Versions)
            .SingleOrDefaultAsync(t => t.Id == templateId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Staff display names by id, for "saved by" and "approved by".</summary>
    public async Task<IReadOnlyDictionary<long, string>> StaffNamesAsync(IEnumerable<long?> ids, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await TemplateEditor.StaffNamesAsync(db, ids, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>How many replies each version of <paramref name="templateId"/> went out in, by version number.</summary>
    public async Task<IReadOnlyDictionary<int, int>> SendsByVersionAsync(string templateId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await db.ReplyTemplateVersions.AsNoTracking().Where(v => v.TemplateId == templateId)
            .Select(v => new { v.Number, Sent = db.Messages.Count(m => m.TemplateVersionId == v.Id) })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.ToDictionary(r => r.Number, r => r.Sent);
    }

    /// <summary>Usage of every template, counts not yet flushed included.</summary>
    public async Task<IReadOnlyList<TemplateUsageRow>> UsageAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var templates = await db.ReplyTemplates.AsNoTracking().Select(t => new { t.Id, t.Title, t.Language })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var versions = await db.ReplyTemplateVersions.AsNoTracking().Select(v => new { v.Id, v.TemplateId, v.Body })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var templateOf = versions.ToDictionary(v => v.Id, v => v.TemplateId);
        var counted = await db.TemplateUsage.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        var suggested = new Dictionary<string, (long Suggested, long Chosen)>(StringComparer.Ordinal);
        void Add(long versionId, long s, long c)
        {
            if (!templateOf.TryGetValue(versionId, out var t)) return;
            var (s0, c0) = suggested.GetValueOrDefault(t);
            suggested[t] = (s0 + s, c0 + c);
        }
        foreach (var u in counted) Add(u.TemplateVersionId, u.Suggested, u.Chosen);
        foreach (var (id, (s, c)) in usage.Unflushed) Add(id, s, c);

        var sends = await db.Messages.AsNoTracking().Where(m => m.TemplateVersionId != null)
            .GroupBy(m => new { m.TemplateVersionId, m.SentUnedited })
            .Select(g => new { g.Key.TemplateVersionId, g.Key.SentUnedited, Count = g.Count() })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var sent = new Dictionary<string, (int Sent, int Unedited)>(StringComparer.Ordinal);
        foreach (var s in sends)
        {
            if (!templateOf.TryGetValue(s.TemplateVersionId!.Value, out var t)) continue;
            var (n, u) = sent.GetValueOrDefault(t);
            sent[t] = (n + s.Count, u + (s.SentUnedited ? s.Count : 0));
        }

        var rows = new List<TemplateUsageRow>(templates.Count);
        foreach (var t in templates.OrderBy(t => t.Id, StringComparer.Ordinal))
        {
            var (s, c) = suggested.GetValueOrDefault(t.Id);
            var (n, u) = sent.GetValueOrDefault(t.Id);
            double? distance = null;
            if (n > 0)
            {
                var edited = n - u;
                var ids = versions.Where(v => v.TemplateId == t.Id).Select(v => v.Id).ToList();
                var meanEdited = edited == 0 ? 0 : await MeanEditedDistanceAsync(db, ids, versions.ToDictionary(v => v.Id, v => v.Body), cancellationToken).ConfigureAwait(false);
                distance = meanEdited * edited / n;
            }
            rows.Add(new TemplateUsageRow(t.Id, t.Title, t.Language, s, c, n, u, distance));
        }
        return rows;
    }

    /// <summary>Every reply sent from version <paramref name="number"/> of <paramref name="templateId"/>, newest first.</summary>
    public async Task<IReadOnlyList<TemplateRecipient>> RecipientsAsync(string templateId, int number, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var versionId = await db.ReplyTemplateVersions.AsNoTracking().Where(v => v.TemplateId == templateId && v.Number == number)
            .Select(v => (long?)v.Id).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new DomainException($"Template '{templateId}' has no version {number}.");
        var rows = await db.Messages.AsNoTracking()
            .Where(m => m.TemplateVersionId == versionId && m.Direction == MessageDirection.Outbound)
            .Join(db.Tickets.AsNoTracking(), m => m.TicketNumber, t => t.Number, (m, t) => new { m, t.CustomerId })
            .Join(db.Customers.AsNoTracking(), x => x.CustomerId, c => c.Id, (x, c) => new
            {
                x.m.TicketNumber, c.Address, c.Name, x.m.CreatedAt, x.m.AuthorStaffId, x.m.SentUnedited, x.m.Id,
            })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var names = await TemplateEditor.StaffNamesAsync(db, rows.Select(r => r.AuthorStaffId), cancellationToken).ConfigureAwait(false);
        return rows.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
            .Select(r => new TemplateRecipient(r.TicketNumber, r.Address, r.Name, r.CreatedAt,
                r.AuthorStaffId is { } a ? names.GetValueOrDefault(a) : null, r.SentUnedited))
            .ToList();
    }

    /// <summary>The recipients as CSV (RFC 4180: CRLF lines, fields quoted when they hold a comma, quote or line break).</summary>
    public static string RecipientsCsv(IEnumerable<TemplateRecipient> recipients)
    {
        var csv = new StringBuilder("ticket,customer_email,customer_name,sent_at_utc,agent,unedited\r\n");
        foreach (var r in recipients)
        {
            csv.Append(r.TicketNumber.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(Field(r.CustomerAddress)).Append(',')
                .Append(Field(r.CustomerName)).Append(',')
                .Append(r.SentAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)).Append(',')
                .Append(Field(r.Agent)).Append(',')
                .Append(r.Unedited ? "yes" : "no").Append("\r\n");
        }
        return csv.ToString();
    }

    private static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        // A leading = + - @ would run as a formula when a lead opens the file in a spreadsheet; customers choose their names.
        if (value[0] is '=' or '+' or '-' or '@') value = "'" + value;
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    private async Task<double> MeanEditedDistanceAsync(HelpdeskDbContext db, List<long> versionIds, Dictionary<long, string> bodies,
        CancellationToken cancellationToken)
    {
        var sends = await db.Messages.AsNoTracking()
            .Where(m => m.TemplateVersionId != null && versionIds.Contains(m.TemplateVersionId.Value) && !m.SentUnedited)
            .OrderByDescending(m => m.Id).Take(EditSample)
            .Select(m => new { m.TicketNumber, m.Text, m.TemplateVersionId, m.AuthorStaffId })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (sends.Count == 0) return 0;
        var numbers = sends.Select(s => s.TicketNumber).Distinct().ToList();
        var tickets = await db.Tickets.AsNoTracking().Include(t => t.Customer).Where(t => numbers.Contains(t.Number))
            .ToDictionaryAsync(t => t.Number, cancellationToken).ConfigureAwait(false);
        var staffIds = sends.Select(s => s.AuthorStaffId).OfType<long>().Distinct().ToList();
        var agents = await db.Staff.AsNoTracking().Where(s => staffIds.Contains(s.Id))
            .ToDictionaryAsync(s => s.Id, cancellationToken).ConfigureAwait(false);
        double total = 0;
        foreach (var s in sends)
        {
            // The suggestion as the agent saw it: the version rendered for that ticket and that agent.
            var context = tickets.TryGetValue(s.TicketNumber, out var ticket)
                ? TemplateEditor.MergeContextFor(ticket, s.AuthorStaffId is { } a && agents.TryGetValue(a, out var agent) ? agent.FirstName : null)
                : new MergeContext();
            var suggested = MergeFields.Render(bodies[s.TemplateVersionId!.Value], context, company);
            total += TextChanges.NormalizedWordDistance(suggested, s.Text);
        }
        return total / sends.Count;
    }
}
