using Helpdesk.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Helpdesk.Core.Replies;

/// <summary>The reply templates in the database, and their first import from data/templates.</summary>
public sealed class TemplateCatalog(
    IDbContextFactory<HelpdeskDbContext> factory,
    IConfiguration configuration,
    DatabaseTarget database,
    TimeProvider time,
    ILogger<TemplateCatalog> logger)
{
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
}

/// <summary>A template's live version, as suggestions use it.</summary>
public sealed record LiveTemplate(string Id, string Title, string Language, IReadOnlyList<string> Intents, long VersionId, string Body);
