using Helpdesk.Core.Abstractions;
using Helpdesk.Core.Audit;
using Helpdesk.Core.Data;
using Helpdesk.Core.Intents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Helpdesk.Core.Templates;

/// <summary>What a trainer writes on the template editor.</summary>
public sealed record TemplateEdit(
    string Title, string Language, IReadOnlyList<string> Intents, string Body, bool PublishFaq = false, string? FaqQuestion = null,
    string? FaqAnswer = null);

/// <summary>
/// Trainers' changes to reply templates. Every save of a changed body is a new version: live at once, or waiting for a
/// Lead or Admin when <see cref="TemplateOptions.RequireApproval"/> is on. A save that only changes the description
/// (title, intents, FAQ) makes no version. Suggestions and the help page see a change at once.
/// </summary>
public sealed class TemplateEditor(
    IDbContextFactory<HelpdeskDbContext> factory,
    IOptions<TemplateOptions> options,
    TemplateCatalog catalog,
    HelpCenter help,
    CompanyOptions company,
    TimeProvider time,
    ReplyGuardrails guardrails)
{
    /// <summary>Intent ids a template may link besides the desk's intents: the acknowledgment and the "tell us more" reply.</summary>
    public static IReadOnlyList<string> SpecialIntents { get; } = ["ack", Incidents.IncidentBanner.Intent, TemplateCatalog.NeedsMoreInfoIntent];

    public bool RequiresApproval => options.Value.RequireApproval;

    /// <summary>The unknown merge fields in <paramref name="body"/> (empty when it may be saved).</summary>
    public static IReadOnlyList<string> UnknownFields(string body) => MergeFields.Validate(body ?? "");

    /// <summary>A new template with its first version.</summary>
    public async Task<ReplyTemplateVersion> CreateAsync(string id, TemplateEdit edit, long staffId, CancellationToken cancellationToken = default)
    {
        id = (id ?? "").Trim();
        if (!IsValidTemplateId(id))
            throw new DomainException($"Template id '{id}' must be lower-case letters, digits, dots and underscores, e.g. reset_help.link_expired.en.");
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        if (await db.ReplyTemplates.AnyAsync(t => t.Id == id, cancellationToken).ConfigureAwait(false))
            throw new DomainException($"There is already a template '{id}'.");
        await CheckAsync(db, edit, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var template = new ReplyTemplate(id, edit.Title, edit.Language, edit.Intents, now);
        template.Describe(edit.Title, edit.Language, edit.Intents, edit.PublishFaq, edit.FaqQuestion, edit.FaqAnswer);
        var version = template.SaveVersion(edit.Body.Trim(), staffId, RequiresApproval, now);
        db.ReplyTemplates.Add(template);
        await AuditAsync(db, staffId, "template.created", $"{id} v{version.Number} ({version.State})", now, cancellationToken).ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        Changed();
        return version;
    }

    /// <summary>
    /// Saves the trainer's edit. Returns the new version, or null when the body did not change (description only).
    /// Unknown merge fields and unknown intents are refused, each named.
    /// </summary>
    public async Task<ReplyTemplateVersion?> SaveAsync(string templateId, TemplateEdit edit, long staffId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var template = await db.ReplyTemplates.Include(t => t.Versions)
            .SingleOrDefaultAsync(t => t.Id == templateId, cancellationToken).ConfigureAwait(false)
            ?? throw new DomainException($"There is no template '{templateId}'.");
        await CheckAsync(db, edit, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        template.Describe(edit.Title, edit.Language, edit.Intents, edit.PublishFaq, edit.FaqQuestion, edit.FaqAnswer);
        var body = edit.Body.Trim();
        // The newest text a trainer has written: a pending version if one waits, else the live one.
        var latest = template.Versions.MaxBy(v => v.Number);
        ReplyTemplateVersion? version = null;
        if (latest is null || latest.Body != body || latest.State is TemplateVersionState.Rejected)
            version = template.SaveVersion(body, staffId, RequiresApproval, now);
        await AuditAsync(db, staffId, version is null ? "template.described" : "template.saved",
            version is null ? templateId : $"{templateId} v{version.Number} ({version.State})", now, cancellationToken).ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        Changed();
        return version;
    }

    /// <summary>A Lead or Admin lets a waiting version go live (the caller checks the role).</summary>
    public async Task ApproveAsync(string templateId, int number, long staffId, CancellationToken cancellationToken = default) =>
        await DecideAsync(templateId, number, staffId, approve: true, cancellationToken).ConfigureAwait(false);

    /// <summary>A Lead or Admin turns a waiting version down; the live version stays.</summary>
    public async Task RejectAsync(string templateId, int number, long staffId, CancellationToken cancellationToken = default) =>
        await DecideAsync(templateId, number, staffId, approve: false, cancellationToken).ConfigureAwait(false);

    /// <summary>Versions waiting for approval, oldest first.</summary>
    public async Task<IReadOnlyList<PendingTemplateVersion>> PendingAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await db.ReplyTemplateVersions.AsNoTracking().Where(v => v.State == TemplateVersionState.PendingApproval)
            .Join(db.ReplyTemplates.AsNoTracking(), v => v.TemplateId, t => t.Id, (v, t) => new { v, t.Title })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var templateIds = rows.Select(r => r.v.TemplateId).Distinct().ToList();
        var live = await db.ReplyTemplateVersions.AsNoTracking()
            .Where(v => templateIds.Contains(v.TemplateId) && v.State == TemplateVersionState.Live)
            .ToDictionaryAsync(v => v.TemplateId, v => v.Body, cancellationToken).ConfigureAwait(false);
        var authors = await StaffNamesAsync(db, rows.Select(r => r.v.AuthorStaffId), cancellationToken).ConfigureAwait(false);
        return rows.OrderBy(r => r.v.CreatedAt).ThenBy(r => r.v.Id)
            .Select(r => new PendingTemplateVersion(r.v.TemplateId, r.Title, r.v.Number, r.v.Body, live.GetValueOrDefault(r.v.TemplateId),
                r.v.AuthorStaffId is { } a ? authors.GetValueOrDefault(a) : null, r.v.CreatedAt))
            .ToList();
    }

    /// <summary>
    /// <paramref name="body"/> as the customer of ticket <paramref name="ticketNumber"/> would get it from agent
    /// <paramref name="agentStaffId"/>. Unknown fields are refused here too, so the preview never hides a typo.
    /// </summary>
    public async Task<string> PreviewAsync(string body, long ticketNumber, long? agentStaffId, CancellationToken cancellationToken = default)
    {
        RefuseUnknownFields(body);
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var ticket = await db.Tickets.AsNoTracking().Include(t => t.Customer)
            .SingleOrDefaultAsync(t => t.Number == ticketNumber, cancellationToken).ConfigureAwait(false)
            ?? throw new DomainException($"There is no ticket #{ticketNumber}.");
        var agent = agentStaffId is { } id
            ? await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken).ConfigureAwait(false)
            : null;
        return MergeFields.Render(body, MergeContextFor(ticket, agent?.FirstName), company);
    }

    /// <summary>The merge context of a ticket (loaded with its customer), as the console's suggestions use it.</summary>
    public static MergeContext MergeContextFor(Tickets.Ticket ticket, string? agentFirstName) =>
        new(ticket.Customer?.Name is { Length: > 0 } ? ticket.Customer.FirstName : null, ticket.Customer?.Name, ticket.Customer?.Address,
            ticket.Number, ticket.Subject, agentFirstName);

    public static bool IsValidTemplateId(string id) =>
        id.Length is > 0 and <= 128 && id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '.' or '-');

    private async Task DecideAsync(string templateId, int number, long staffId, bool approve, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var template = await db.ReplyTemplates.Include(t => t.Versions)
            .SingleOrDefaultAsync(t => t.Id == templateId, cancellationToken).ConfigureAwait(false)
            ?? throw new DomainException($"There is no template '{templateId}'.");
        var now = time.GetUtcNow();
        if (approve) template.Approve(number, staffId, now);
        else template.Reject(number, staffId, now);
        await AuditAsync(db, staffId, approve ? "template.approved" : "template.rejected", $"{templateId} v{number}", now, cancellationToken).ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        Changed();
    }

    private async Task CheckAsync(HelpdeskDbContext db, TemplateEdit edit, CancellationToken cancellationToken)
    {
        RefuseUnknownFields(edit.Body);
        if (string.IsNullOrWhiteSpace(edit.Body)) throw new DomainException("A template needs a body.");
        // A template is sent thousands of times: a link to a lookalike of our domain never gets into one.
        if (guardrails.LookalikeLinks(edit.Body + "\n" + edit.FaqAnswer) is [var lookalike, ..])
            throw new DomainException(lookalike.Message.Replace("the draft is kept", "the template was not saved", StringComparison.Ordinal));
        if (edit.FaqAnswer is { Length: > 0 } answer)
        {
            var unknown = MergeFields.Validate(answer);
            if (unknown.Count > 0) throw new DomainException($"The FAQ answer has unknown merge fields: {string.Join(", ", unknown)}.");
        }
        var active = await db.Intents.AsNoTracking().Where(i => i.IsActive).Select(i => i.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        var merged = await db.Intents.AsNoTracking().Where(i => !i.IsActive).Select(i => i.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        var known = active.Concat(SeedIntents.All.Select(i => i.Id).Except(merged)).Concat(SpecialIntents).ToHashSet(StringComparer.Ordinal);
        var strangers = edit.Intents.Select(i => i.Trim()).Where(i => i.Length > 0 && !known.Contains(i)).ToList();
        if (strangers.Count > 0) throw new DomainException($"Not intents of this desk: {string.Join(", ", strangers)}.");
    }

    private static void RefuseUnknownFields(string body)
    {
        var unknown = MergeFields.Validate(body ?? "");
        if (unknown.Count > 0)
            throw new DomainException($"Unknown merge field{(unknown.Count > 1 ? "s" : "")}: {string.Join(", ", unknown)}. " +
                                      $"Allowed: {string.Join(", ", MergeFields.Allowed.Select(f => "{{" + f + "}}"))}.");
    }

    private static async Task AuditAsync(HelpdeskDbContext db, long staffId, string action, string details, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var name = await db.Staff.AsNoTracking().Where(s => s.Id == staffId).Select(s => s.UserName)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        db.AuditEvents.Add(new AuditEvent(at, staffId, name ?? $"staff {staffId}", action, null, details));
    }

    internal static async Task<Dictionary<long, string>> StaffNamesAsync(HelpdeskDbContext db, IEnumerable<long?> ids, CancellationToken cancellationToken)
    {
        var list = ids.OfType<long>().Distinct().ToList();
        return await db.Staff.AsNoTracking().Where(s => list.Contains(s.Id))
            .ToDictionaryAsync(s => s.Id, s => s.DisplayName, cancellationToken).ConfigureAwait(false);
    }

    private void Changed()
    {
        catalog.NotifyChanged();
        help.NotifyChanged();
    }
}

/// <summary>A version waiting for a Lead or Admin, with the live text it would replace.</summary>
public sealed record PendingTemplateVersion(string TemplateId, string Title, int Number, string Body, string? LiveBody, string? Author, DateTimeOffset SavedAt);
