using Helpdesk.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Helpdesk.Core.Templates;

/// <summary>The reply templates in the database, and their first import from data/templates.</summary>
public sealed class TemplateCatalog(
    IDbContextFactory<HelpdeskDbContext> factory,
    IConfiguration configuration,
    DatabaseTarget database,
    TimeProvider time,
    ILogger<TemplateCatalog> logger)
{
    /// <summary>The intent of the "tell us more" template, offered first for a ticket that needs triage.</summary>
    public const string NeedsMoreInfoIntent = "needs_more_info";

    private int _version;

    /// <summary>
    /// Goes up each time a trainer changes the templates (<see cref="NotifyChanged"/>): what caches live templates
    /// (the reply suggester) compares, so a save shows in suggestions at once without the templates knowing who reads them.
    /// </summary>
    public int Version => Volatile.Read(ref _version);

    /// <summary>Says the live templates changed.</summary>
    public void NotifyChanged() => Interlocked.Increment(ref _version);

    /// <summary><c>Helpdesk:Templates:SeedDirectory</c>, else data/templates (see <see cref="SeedFolder"/>).</summary>
    public string SeedDirectory => SeedFolder.Resolve(configuration["Helpdesk:Templates:SeedDirectory"], database.DataDirectory, "templates");

    /// <summary>
    /// Adds every seed template the database does not hold yet, with version 1 live. Existing templates are never
    /// touched: after the import trainers own them, and a restart must not undo their edits. Returns how many were added.
    /// </summary>
    public async Task<int> ImportSeedAsync(CancellationToken cancellationToken = default)
    {
        var directory = SeedDirectory;
        if (!Directory.Exists(directory))
        {
            logger.LogWarning("No seed templates at {Directory}; the desk starts without canned replies", directory);
            return 0;
        }
        return await ImportAsync(TemplateFiles.LoadDirectory(directory), cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> ImportAsync(IReadOnlyList<TemplateFile> files, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var existing = (await db.ReplyTemplates.Select(t => t.Id).ToListAsync(cancellationToken).ConfigureAwait(false))
            .ToHashSet(StringComparer.Ordinal);
        var now = time.GetUtcNow();
        var added = 0;
        foreach (var file in files)
        {
            if (existing.Contains(file.Id)) continue;
            var template = new ReplyTemplate(file.Id, file.Title, file.Language, [file.Intent], now);
            template.Describe(file.Title, file.Language, [file.Intent], file.PublishFaq, file.FaqQuestion);
            template.SaveVersion(file.Body, authorStaffId: null, requiresApproval: false, now);
            db.ReplyTemplates.Add(template);
            added++;
        }
        if (added > 0)
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Imported {Count} seed reply templates", added);
        }
        return added;
    }

    /// <summary>Live templates (not archived) with their live version, for suggestions and the FAQ.</summary>
    public async Task<IReadOnlyList<LiveTemplate>> LiveAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await db.ReplyTemplates.AsNoTracking().Where(t => !t.Archived)
            .Join(db.ReplyTemplateVersions.AsNoTracking().Where(v => v.State == TemplateVersionState.Live),
                t => t.Id, v => v.TemplateId, (t, v) => new { t.Id, t.Language, t.Intents, t.Title, VersionId = v.Id, v.Body })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.OrderBy(r => r.Id, StringComparer.Ordinal)
            .Select(r => new LiveTemplate(r.Id, r.Title, r.Language, r.Intents.Split(',', StringSplitOptions.RemoveEmptyEntries), r.VersionId, r.Body))
            .ToList();
    }

    /// <summary>
    /// Whether a newer version has replaced template version <paramref name="templateVersionId"/> (the
    /// <see cref="ReplySuggestion.VersionId"/> an agent holds). The console calls this before sending a suggestion that
    /// was rendered a while ago, and flags it. An unknown id is not superseded.
    /// </summary>
    public async Task<bool> IsSupersededAsync(long templateVersionId, CancellationToken cancellationToken = default) =>
        (await VersionStatusAsync(templateVersionId, cancellationToken).ConfigureAwait(false))?.IsSuperseded ?? false;

    /// <summary>A version's state and the live version of its template now; null for an unknown id.</summary>
    public async Task<TemplateVersionStatus?> VersionStatusAsync(long templateVersionId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var version = await db.ReplyTemplateVersions.AsNoTracking().Where(v => v.Id == templateVersionId)
            .Select(v => new { v.TemplateId, v.Number, v.State }).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (version is null) return null;
        var live = await db.ReplyTemplateVersions.AsNoTracking()
            .Where(v => v.TemplateId == version.TemplateId && v.State == TemplateVersionState.Live)
            .Select(v => new { v.Id, v.Number }).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return new TemplateVersionStatus(templateVersionId, version.TemplateId, version.Number, version.State, live?.Id, live?.Number);
    }
}

/// <summary>One template version's state, and which version of its template is live now.</summary>
public sealed record TemplateVersionStatus(long VersionId, string TemplateId, int Number, TemplateVersionState State, long? LiveVersionId, int? LiveNumber)
{
    /// <summary>A newer version replaced it: a reply drafted from it carries an answer trainers have changed.</summary>
    public bool IsSuperseded => State == TemplateVersionState.Superseded;
}

/// <summary>A template's live version, as suggestions use it.</summary>
public sealed record LiveTemplate(string Id, string Title, string Language, IReadOnlyList<string> Intents, long VersionId, string Body);
