using Helpdesk.Core.Abstractions;
using Helpdesk.Core.Audit;
using Helpdesk.Core.Data;
using Helpdesk.Core.Intents;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Core.Replies;

/// <summary>One intent on the trainers' page, with what hangs on it.</summary>
public sealed record IntentRow(string Id, string DisplayName, string Description, bool IsActive, string? MergedInto, int Tickets, int Templates, int Examples);

/// <summary>
/// The desk's intents as trainers change them. A merge moves the tickets, templates and training examples of one intent
/// to another in one transaction; a rename that changes the id is a merge into a new intent, so everything follows.
/// The live classifier files new mail under the surviving intent at once; the next retrain learns it properly.
/// </summary>
public sealed class IntentCatalog(
    IDbContextFactory<HelpdeskDbContext> factory, ReplySuggester suggester, Classification.IntentClassifierService classifier, TimeProvider time)
{
    /// <summary>Adds the seed intents the database lacks (a desk started outside demo mode has none yet).</summary>
    public async Task EnsureSeededAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var present = (await db.Intents.Select(i => i.Id).ToListAsync(cancellationToken).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
        var now = time.GetUtcNow();
        var added = 0;
        foreach (var (id, name, description) in SeedIntents.All)
            if (!present.Contains(id)) { db.Intents.Add(new Intent(id, name, description, now)); added++; }
        if (added > 0) await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<IntentRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        await EnsureSeededAsync(cancellationToken).ConfigureAwait(false);
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var intents = await db.Intents.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        var tickets = await db.Tickets.AsNoTracking().Where(t => t.Intent != null).GroupBy(t => t.Intent!)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken).ConfigureAwait(false);
        var examples = await db.TrainingExamples.AsNoTracking().Where(e => e.State != TrainingExampleState.Rejected).GroupBy(e => e.IntentId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken).ConfigureAwait(false);
        var templateIntents = await db.ReplyTemplates.AsNoTracking().Where(t => !t.Archived).Select(t => t.Intents).ToListAsync(cancellationToken).ConfigureAwait(false);
        var templates = templateIntents.SelectMany(i => i.Split(',', StringSplitOptions.RemoveEmptyEntries))
            .GroupBy(i => i, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var seedOrder = SeedIntents.All.Select((s, i) => (s.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        return intents
            .OrderBy(i => i.IsActive ? 0 : 1).ThenBy(i => seedOrder.GetValueOrDefault(i.Id, int.MaxValue)).ThenBy(i => i.Id, StringComparer.Ordinal)
            .Select(i => new IntentRow(i.Id, i.DisplayName, i.Description, i.IsActive, i.MergedInto, tickets.GetValueOrDefault(i.Id),
                templates.GetValueOrDefault(i.Id), examples.GetValueOrDefault(i.Id)))
            .ToList();
    }

    /// <summary>The active intents (id, name), in list order: what pickers offer.</summary>
    public async Task<IReadOnlyList<(string Id, string Name)>> ActiveAsync(CancellationToken cancellationToken = default) =>
        (await ListAsync(cancellationToken).ConfigureAwait(false)).Where(i => i.IsActive).Select(i => (i.Id, i.DisplayName)).ToList();

    public async Task AddAsync(string id, string displayName, string description, long staffId, CancellationToken cancellationToken = default)
    {
        await EnsureSeededAsync(cancellationToken).ConfigureAwait(false);
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        id = (id ?? "").Trim();
        if (await db.Intents.AnyAsync(i => i.Id == id, cancellationToken).ConfigureAwait(false))
            throw new DomainException($"There is already an intent '{id}'.");
        if (string.IsNullOrWhiteSpace(displayName)) throw new DomainException("An intent needs a display name.");
        var now = time.GetUtcNow();
        db.Intents.Add(new Intent(id, displayName.Trim(), (description ?? "").Trim(), now));
        await AuditAsync(db, staffId, "intent.added", id, now, cancellationToken).ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Gives an intent a new display name and description; with <paramref name="newId"/> different from
    /// <paramref name="id"/> the intent gets a new id too, and its tickets, templates and examples move to it.
    /// </summary>
    public async Task RenameAsync(string id, string displayName, string description, long staffId, string? newId = null,
        CancellationToken cancellationToken = default)
    {
        await EnsureSeededAsync(cancellationToken).ConfigureAwait(false);
        if (newId is { Length: > 0 } && newId.Trim() != id)
        {
            await AddAsync(newId.Trim(), displayName, description, staffId, cancellationToken).ConfigureAwait(false);
            await MergeAsync(id, newId.Trim(), staffId, cancellationToken).ConfigureAwait(false);
            return;
        }
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var intent = await db.Intents.SingleOrDefaultAsync(i => i.Id == id, cancellationToken).ConfigureAwait(false)
            ?? throw new DomainException($"There is no intent '{id}'.");
        intent.Rename(displayName, description ?? "");
        var now = time.GetUtcNow();
        await AuditAsync(db, staffId, "intent.renamed", $"{id}: {intent.DisplayName}", now, cancellationToken).ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Moves everything of <paramref name="fromId"/> to <paramref name="intoId"/> and retires <paramref name="fromId"/>.</summary>
    public async Task<IntentMergeResult> MergeAsync(string fromId, string intoId, long staffId, CancellationToken cancellationToken = default)
    {
        await EnsureSeededAsync(cancellationToken).ConfigureAwait(false);
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var from = await db.Intents.SingleOrDefaultAsync(i => i.Id == fromId, cancellationToken).ConfigureAwait(false)
            ?? throw new DomainException($"There is no intent '{fromId}'.");
        var into = await db.Intents.SingleOrDefaultAsync(i => i.Id == intoId, cancellationToken).ConfigureAwait(false)
            ?? throw new DomainException($"There is no intent '{intoId}'.");
        if (!from.IsActive) throw new DomainException($"Intent '{fromId}' was already merged into '{from.MergedInto}'.");
        from.MergeInto(into);

        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // Bulk updates: a surge desk has hundreds of thousands of tickets, too many to load.
        var tickets = await db.Tickets.Where(t => t.Intent == fromId)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Intent, intoId), cancellationToken).ConfigureAwait(false);
        var examples = await db.TrainingExamples.Where(e => e.IntentId == fromId)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.IntentId, intoId), cancellationToken).ConfigureAwait(false);
        var templates = 0;
        foreach (var template in await db.ReplyTemplates.ToListAsync(cancellationToken).ConfigureAwait(false))
            if (template.ReplaceIntent(fromId, intoId)) templates++;
        var now = time.GetUtcNow();
        await AuditAsync(db, staffId, "intent.merged",
            $"{fromId} -> {intoId}: {tickets} tickets, {templates} templates, {examples} examples", now, cancellationToken).ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        suggester.Invalidate();
        await classifier.RefreshMergedIntentsAsync(cancellationToken).ConfigureAwait(false);
        return new IntentMergeResult(tickets, templates, examples);
    }

    private static async Task AuditAsync(HelpdeskDbContext db, long staffId, string action, string details, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var name = await db.Staff.AsNoTracking().Where(s => s.Id == staffId).Select(s => s.UserName)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        db.AuditEvents.Add(new AuditEvent(at, staffId, name ?? $"staff {staffId}", action, null, details));
    }
}

public sealed record IntentMergeResult(int Tickets, int Templates, int Examples);
