namespace Helpdesk.Classification.Features;

/// <summary>Raw feature counts of many documents (compressed rows: document d owns [Offsets[d], Offsets[d+1])).</summary>
internal sealed class DocumentCounts(int[] offsets, int[] keys, float[] counts)
{
    public int[] Offsets { get; } = offsets;
    public int[] Keys { get; } = keys;
    public float[] Counts { get; } = counts;
    public int Documents => Offsets.Length - 1;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static DocumentCounts Extract(FeatureExtractor extractor, IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var scratch = new FeatureScratch();
        var offsets = new int[texts.Count + 1];
        var keys = new List<int>(texts.Count * 512);
        var counts = new List<float>(texts.Count * 512);
        for (int d = 0; d < texts.Count; d++)
        {
            if ((d & 255) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            extractor.Extract(texts[d], scratch);
            FeatureCounts c = scratch.Counts;
            for (int i = 0; i < c.Count; i++)
            {
                keys.Add(c.KeyAt(i));
                counts.Add(c.CountAt(i));
            }

            offsets[d + 1] = keys.Count;
        }

        return new DocumentCounts(offsets, keys.ToArray(), counts.ToArray());
    }
}

/// <summary>Final feature vectors of many documents: model rows and TF-IDF values, L2-normalized per block.</summary>
internal sealed class SparseRows(int[] offsets, int[] rows, float[] values)
{
    public int[] Offsets { get; } = offsets;
    public int[] Rows { get; } = rows;
    public float[] Values { get; } = values;
    public int Documents => Offsets.Length - 1;
}
