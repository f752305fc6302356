using Helpdesk.Core.Abstractions;
using Helpdesk.Core.Classification;
using Helpdesk.Core.Data;
using Helpdesk.Core.Staff;
using Helpdesk.Core.Templates;
using Helpdesk.Core.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Core.Replies;

/// <summary>One suggested reply: the template, the live version it came from, the text with merge fields filled.</summary>
public sealed record ReplySuggestion(string TemplateId, long VersionId, string Title, string Language, string Text, double Score);

/// <summary>
/// Three replies for a ticket from the live templates of its likely intents. Score = intent probability × (1 + the
/// share of that template's sends that went out unedited), so templates agents trust rise. Templates in the customer's
/// language come first; English fills the remaining places (there are no French or German templates yet). A ticket
/// needing triage gets the "needs more information" template first: no confident answer.
/// </summary>
public sealed class ReplySuggester(
    TemplateCatalog catalog,
    IDbContextFactory<HelpdeskDbContext> factory,
    ITicketClassifier classifier,
    CompanyOptions company,
    TimeProvider time,
    TemplateUsageRecorder usage)
{
    public const int Count = 3;
    public const string NeedsMoreInfoIntent = TemplateCatalog.NeedsMoreInfoIntent;

    /// <summary>The reply for a forwarded mail the evidence says was not ours (lookalike, failed signature, other domain).</summary>
    public const string NotUsTemplate = "phishing_check.not_us.en";

    /// <summary>The reply for a forwarded mail the evidence says was our own notice (our signature, our Message-ID).</summary>
    public const string OurNoticeTemplate = "phishing_check.our_notice.en";
    private const string FallbackLanguage = "en";
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);

    private readonly Lock _cacheLock = new();
    private Snapshot? _cache;
    // The one load in flight (any caller's), so 300 agents whose cache ran out in the same second start one query, not 300.
    private Task<Snapshot>? _loading;
    private int _generation; // moved on by Invalidate, so a load begun before it does not put back what it forgot

    private sealed record Snapshot(DateTimeOffset At, int Version, IReadOnlyDictionary<string, double> Rates, IReadOnlyList<LiveTemplate> Templates);

    /// <summary>Suggestions for a ticket (loaded with its customer and messages): classifies its first customer message again,
    /// unless an agent corrected the intent.</summary>
    public async Task<IReadOnlyList<ReplySuggestion>> SuggestAsync(Ticket ticket, StaffUser? agent, CancellationToken cancellationToken = default)
    {
        var inbound = ticket.Messages.FirstOrDefault(m => m.Direction == MessageDirection.Inbound);
        var visible = inbound?.VisibleText ?? "";
        // An agent's correction outranks the model: suggestions follow the intent the agent chose.
        var prediction = ticket.IntentChangedByAgent && ticket.Intent is { } corrected
            ? new IntentPrediction(corrected, 1.0, NeedsTriage: false, [new IntentScore(corrected, 1.0)])
            : classifier.Classify(ticket.Subject, visible);
        var context = new MergeContext(ticket.Customer?.Name is { Length: > 0 } ? ticket.Customer.FirstName : null, ticket.Customer?.Name,
            ticket.Customer?.Address ?? inbound?.FromAddress, ticket.Number, ticket.Subject, agent?.FirstName);
        // A forwarded "is this real?" mail: the evidence found at intake (never the customer's words) picks the answer.
        var finding = ticket.Messages.LastOrDefault(m => m.Direction == MessageDirection.Inbound && m.ForwardedFinding is not null)?.ForwardedFinding;
        var first = finding switch { "not_ours" => NotUsTemplate, "ours" => OurNoticeTemplate, _ => null };
        return await SuggestAsync(prediction, LanguageGuess.Detect(ticket.Subject + "\n" + visible), context, cancellationToken, first).ConfigureAwait(false);
    }

    /// <param name="firstTemplateId">A template that goes first whatever the scores (the evidence chose it), when it is live.</param>
    public async Task<IReadOnlyList<ReplySuggestion>> SuggestAsync(IntentPrediction prediction, string language, MergeContext context,
        CancellationToken cancellationToken = default, string? firstTemplateId = null)
    {
        var snapshot = await SnapshotAsync(cancellationToken).ConfigureAwait(false);
        var (rates, templates) = (snapshot.Rates, snapshot.Templates);
        var candidates = new List<(LiveTemplate Template, double Score, int Tier)>();
        foreach (var t in templates)
        {
            double probability = 0;
            foreach (var intent in t.Intents)
            {
                var p = prediction.Top.FirstOrDefault(s => s.Intent == intent)?.Probability ?? 0;
                if (prediction.NeedsTriage && intent == NeedsMoreInfoIntent) p = 2; // before any intent's template
                probability = Math.Max(probability, p);
            }
            if (probability <= 0) continue;
            var tier = t.Language == language ? 0 : t.Language == FallbackLanguage ? 1 : 2;
            candidates.Add((t, probability * (1 + rates.GetValueOrDefault(t.Id)), tier));
        }
        if (firstTemplateId is not null && templates.FirstOrDefault(t => t.Id == firstTemplateId) is { } chosen)
        {
            candidates.RemoveAll(c => c.Template.Id == firstTemplateId);
            candidates.Add((chosen, double.MaxValue, -1));
        }
        var suggestions = candidates
            .OrderBy(c => c.Tier).ThenByDescending(c => c.Score).ThenBy(c => c.Template.Id, StringComparer.Ordinal)
            .Take(Count)
            .Select(c => new ReplySuggestion(c.Template.Id, c.Template.VersionId, c.Template.Title, c.Template.Language,
                MergeFields.Render(c.Template.Body, context, company), c.Score))
            .ToList();
        foreach (var s in suggestions) usage.RecordSuggested(s.VersionId);
        return suggestions;
    }

    /// <summary>Share of each template's sends that went out unedited, per template id (cached for a minute).</summary>
    public async Task<IReadOnlyDictionary<string, double>> UneditedRatesAsync(CancellationToken cancellationToken = default) =>
        (await SnapshotAsync(cancellationToken).ConfigureAwait(false)).Rates;

    /// <summary>Forgets the cached rates and templates, e.g. after a trainer merges intents (a template save is seen
    /// through <see cref="TemplateCatalog.Version"/>).</summary>
    public void Invalidate()
    {
        lock (_cacheLock)
        {
            _cache = null;
            _generation++;
        }
    }

    /// <summary>
    /// The templates and unedited rates, cached for <see cref="CacheFor"/>. Counting every templated send is a scan of the
    /// replies that grows with the week: when the minute is up the stale rates are returned at once while one load
    /// refreshes them in the background (the rates move slowly; a reply should not wait for them). After a template save
    /// (a new <see cref="TemplateCatalog.Version"/>) callers wait for the load, since stale templates would be wrong.
    /// Concurrent callers share one load either way.
    /// </summary>
    private async Task<Snapshot> SnapshotAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        // Read before loading: a save while this loads leaves the cache a version behind, so the next call loads again.
        var version = catalog.Version;
        Task<Snapshot> loading;
        lock (_cacheLock)
        {
            if (_cache is { } c && c.Version == version)
            {
                if (now - c.At < CacheFor) return c;
                if (_loading is null || _loading.IsCompleted) _loading = StartLoad(version);
                return c;
            }
            if (_loading is null || _loading.IsCompleted) _loading = StartLoad(version);
            loading = _loading;
        }
        var loaded = await loading.WaitAsync(cancellationToken).ConfigureAwait(false);
        // A load begun for an older version (a save landed meanwhile): load again for this one.
        return loaded.Version == version ? loaded : await SnapshotAsync(cancellationToken).ConfigureAwait(false);
    }

    // On the thread pool, never inline under the lock: SQLite's "async" reads complete synchronously.
    private Task<Snapshot> StartLoad(int version)
    {
        var generation = _generation;
        return Task.Run(() => LoadAsync(version, generation));
    }

    private async Task<Snapshot> LoadAsync(int version, int generation)
    {
        try
        {
            // Shared by every waiting caller, so no one caller's cancellation stops it.
            var templates = await catalog.LiveAsync(CancellationToken.None).ConfigureAwait(false);
            await using var db = await factory.CreateDbContextAsync(CancellationToken.None).ConfigureAwait(false);
            var sends = await db.Messages.AsNoTracking()
                .Where(m => m.TemplateVersionId != null)
                .Join(db.ReplyTemplateVersions.AsNoTracking(), m => m.TemplateVersionId, v => (long?)v.Id, (m, v) => new { v.TemplateId, m.SentUnedited })
                .GroupBy(x => x.TemplateId)
                .Select(g => new { TemplateId = g.Key, Sent = g.Count(), Unedited = g.Count(x => x.SentUnedited) })
                .ToListAsync(CancellationToken.None).ConfigureAwait(false);
            var rates = sends.Where(s => s.Sent > 0).ToDictionary(s => s.TemplateId, s => (double)s.Unedited / s.Sent, StringComparer.Ordinal);
            var snapshot = new Snapshot(time.GetUtcNow(), version, rates, templates);
            lock (_cacheLock)
                if (generation == _generation && (_cache is null || _cache.Version <= version)) _cache = snapshot;
            return snapshot;
        }
        finally
        {
            lock (_cacheLock) _loading = null;
        }
    }
}
