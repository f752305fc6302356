using Helpdesk.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Core.Intents;

/// <summary>Where merged intents live on (the trainers merge them in Replies/IntentCatalog.cs; the classifier reads this).</summary>
public static class IntentMerges
{
    /// <summary>Retired intent id → the active intent it lives on in (following chains of merges).</summary>
    public static async Task<IReadOnlyDictionary<string, string>> MergedLabelsAsync(HelpdeskDbContext db, CancellationToken cancellationToken)
    {
        var merged = await db.Intents.AsNoTracking().Where(i => i.MergedInto != null)
            .ToDictionaryAsync(i => i.Id, i => i.MergedInto!, cancellationToken).ConfigureAwait(false);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in merged.Keys)
        {
            var target = merged[id];
            for (var hops = 0; merged.TryGetValue(target, out var next) && hops < 64; hops++) target = next;
            result[id] = target;
        }
        return result;
    }
}
