using Helpdesk.Classification.Clustering;
using Helpdesk.Core.Classification;
using Helpdesk.Core.Data;
using Helpdesk.Core.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Helpdesk.Core.Bulk;

/// <summary>A waiting ticket that may be answered in bulk, with the customer's visible words.</summary>
public sealed record BulkCandidate(long TicketNumber, string Intent, double Confidence, string Subject, string Text,
    string CustomerAddress, string? CustomerName, DateTimeOffset ReceivedAt, int Version);

/// <summary>A cluster member and how alike it is to the representative (0..1).</summary>
public sealed record BulkMember(BulkCandidate Ticket, double Similarity);

/// <summary>
/// Tickets asking the same thing in nearly the same words. <see cref="Key"/> ("intent:ticket") names the cluster by its
/// representative, so it is found again after a refresh as long as that ticket still waits.
/// </summary>
public sealed record BulkCluster(string Key, string Intent, IReadOnlyList<BulkMember> Members, IReadOnlyList<BulkMember> Samples,
    IReadOnlyList<BulkMember> Outliers)
{
    public int Size => Members.Count;

    public BulkMember Representative => Members[0];
}

/// <summary>One intent's candidates: its clusters, biggest first, and how many tickets matched no other.</summary>
public sealed record BulkIntentClusters(string Intent, int Candidates, int Unclustered, IReadOnlyList<BulkCluster> Clusters);

public sealed record BulkClusterReport(DateTimeOffset At, int Candidates, IReadOnlyList<BulkIntentClusters> Intents)
{
    public BulkCluster? Find(string key) => Intents.SelectMany(i => i.Clusters).FirstOrDefault(c => c.Key == key);
}

/// <summary>
/// Clusters the waiting tickets a bulk reply may answer: one inbound message (nobody wrote again), no attachment
/// (a screenshot may change the answer), a confident intent (at or above the triage threshold), not escalated, not
/// held by an agent. Grouped by intent first, then by near-duplicate visible text (quoted notice and signature are
/// already removed at intake, so the quoted notice does not make every reply look alike). Deterministic: tickets
/// are taken oldest first, and the clustering has fixed seeds.
/// </summary>
public sealed class BulkClusters(IDbContextFactory<HelpdeskDbContext> factory, BulkOptions options,
    IOptions<ClassificationOptions> classification, TimeProvider time)
{
    public async Task<IReadOnlyList<BulkCandidate>> CandidatesAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        // Bulk replies keep asking the fallback certainty unless the setting names a threshold (the model's own may be lower).
        var threshold = classification.Value.TriageThreshold ?? ClassificationOptions.FallbackTriageThreshold;
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await db.Tickets.AsNoTracking()
            .Where(t => (t.Status == TicketStatus.New || t.Status == TicketStatus.Open) && t.InboundCount == 1 && !t.HasAttachments
                && t.Intent != null && t.IntentConfidence >= threshold && !t.NeedsTriage && !t.IsSpam && !t.Escalated
                && (t.ClaimExpiresAt == null || t.ClaimExpiresAt <= now))
            .Join(db.Messages.AsNoTracking().Where(m => m.Direction == MessageDirection.Inbound), t => t.Number, m => m.TicketNumber,
                (t, m) => new
                {
                    t.Number, t.Intent, t.IntentConfidence, t.Subject, m.VisibleText, t.Customer!.Address, t.Customer.Name, t.ReceivedAt, t.Version,
                })
            .OrderBy(r => r.ReceivedAt).ThenBy(r => r.Number)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(r => new BulkCandidate(r.Number, r.Intent!, r.IntentConfidence ?? 0, r.Subject, r.VisibleText, r.Address, r.Name,
            r.ReceivedAt, r.Version)).ToList();
    }

    public async Task<BulkClusterReport> ClusterAsync(CancellationToken cancellationToken = default)
    {
        var candidates = await CandidatesAsync(cancellationToken).ConfigureAwait(false);
        return Cluster(candidates, options, time.GetUtcNow());
    }

    /// <summary>The pure step: candidates (in the order to take them) to clusters.</summary>
    public static BulkClusterReport Cluster(IReadOnlyList<BulkCandidate> candidates, BulkOptions options, DateTimeOffset at)
    {
        var byNumber = candidates.ToDictionary(c => c.TicketNumber);
        var clusters = NearDuplicateClusterer.Cluster(
            candidates.Select(c => new ClusterInput(c.TicketNumber, c.Intent, c.Text)).ToList(),
            new NearDuplicateOptions { Threshold = options.Similarity, MinSize = options.MinClusterSize });
        var intents = candidates.GroupBy(c => c.Intent, StringComparer.Ordinal)
            .Select(g =>
            {
                var mine = clusters.Where(c => c.Group == g.Key).Select(c => View(c, byNumber, options)).ToList();
                return new BulkIntentClusters(g.Key, g.Count(), g.Count() - mine.Sum(c => c.Size), mine);
            })
            .OrderByDescending(i => i.Clusters.Sum(c => c.Size)).ThenBy(i => i.Intent, StringComparer.Ordinal)
            .ToList();
        return new BulkClusterReport(at, candidates.Count, intents);
    }

    private static BulkCluster View(NearDuplicateCluster cluster, Dictionary<long, BulkCandidate> byNumber, BulkOptions options)
    {
        var members = cluster.Members.Select(m => new BulkMember(byNumber[m.Id], m.Similarity)).ToList();
        var samples = members.Take(options.Samples).ToList();
        // The least alike, least alike first: what the lead should read before answering them all the same way.
        var outliers = members.Skip(samples.Count).Reverse().Take(options.Outliers).ToList();
        return new BulkCluster($"{cluster.Group}:{cluster.RepresentativeId}", cluster.Group, members, samples, outliers);
    }
}
