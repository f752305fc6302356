using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Helpdesk.Classification.Features;

/// <summary>
/// The feature keys a model knows (those seen in enough training documents), each with its model
/// row and inverse document frequency. Keys never seen in training carry no weight, so they are left
/// out of the vector entirely (as a fitted TfidfVectorizer ignores unknown terms); that also keeps
/// the model file to the rows it actually uses.
/// Key-to-row lookup is an open-addressing table of (key, row) pairs at most half full, not a dense
/// array over the hash space: the hot rows' entries then fit in the CPU cache, which is what makes
/// prediction fast (a dense 2^21-entry array missed the cache on nearly every feature).
/// </summary>
internal sealed class Vocabulary
{
    private const int Empty = -1;
    private readonly int[] _table; // slot i: key at 2i, row at 2i+1
    private readonly int _shift;
    private readonly int _mask;

    public Vocabulary(FeatureSettings settings, int[] rowKeys, float[] idf)
    {
        if (rowKeys.Length != idf.Length)
        {
            throw new ArgumentException("Each row needs one IDF value.", nameof(idf));
        }

        RowKeys = rowKeys;
        Idf = idf;
        int slots = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, rowKeys.Length * 2));
        _shift = 32 - BitOperations.Log2((uint)slots);
        _mask = slots - 1;
        _table = new int[slots * 2];
        Array.Fill(_table, Empty);
        for (int r = 0; r < rowKeys.Length; r++)
        {
            int key = rowKeys[r];
            if ((uint)key >= (uint)settings.KeySpace)
            {
                throw new InvalidDataException($"Feature key {key} is outside the hash space.");
            }

            int slot = Slot(key);
            while (_table[2 * slot] != Empty)
            {
                if (_table[2 * slot] == key)
                {
                    throw new InvalidDataException($"Feature key {key} is listed twice.");
                }

                slot = (slot + 1) & _mask;
            }

            _table[2 * slot] = key;
            _table[(2 * slot) + 1] = r;
        }
    }

    /// <summary>Feature key of each row.</summary>
    public int[] RowKeys { get; }

    /// <summary>Smoothed IDF of each row: ln((1 + n) / (1 + df)) + 1.</summary>
    public float[] Idf { get; }

    public int Count => RowKeys.Length;

    /// <summary>Row of <paramref name="key"/>, or -1 when the model has no weights for it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int RowOf(int key)
    {
        ref int table = ref MemoryMarshal.GetArrayDataReference(_table);
        int slot = Slot(key);
        while (true)
        {
            int k = Unsafe.Add(ref table, 2 * slot);
            if (k == key)
            {
                return Unsafe.Add(ref table, (2 * slot) + 1);
            }

            if (k == Empty)
            {
                return -1;
            }

            slot = (slot + 1) & _mask;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Slot(int key) => (int)(((uint)key * 2654435769u) >> _shift);

    /// <summary>Sublinear term frequency: a word said five times is not five times the evidence.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Tf(float count) => count == 1f ? 1f : 1f + MathF.Log(count);

    /// <summary>
    /// Rows for every key found in at least <paramref name="minDocumentFrequency"/> of the given
    /// documents, most frequent first (ties by key), so the hot rows sit together in memory.
    /// </summary>
    public static Vocabulary Build(FeatureSettings settings, DocumentCounts docs, int[] documents, int minDocumentFrequency)
    {
        var df = new int[settings.KeySpace];
        foreach (int d in documents)
        {
            for (int i = docs.Offsets[d]; i < docs.Offsets[d + 1]; i++)
            {
                df[docs.Keys[i]]++;
            }
        }

        var keys = new List<int>();
        for (int key = 0; key < df.Length; key++)
        {
            if (df[key] >= Math.Max(1, minDocumentFrequency))
            {
                keys.Add(key);
            }
        }

        int[] rowKeys = keys.ToArray();
        Array.Sort(rowKeys, (a, b) => df[a] != df[b] ? df[b].CompareTo(df[a]) : a.CompareTo(b));
        var idf = new float[rowKeys.Length];
        double n = documents.Length;
        for (int r = 0; r < rowKeys.Length; r++)
        {
            idf[r] = (float)(Math.Log((1 + n) / (1 + df[rowKeys[r]])) + 1);
        }

        return new Vocabulary(settings, rowKeys, idf);
    }

    /// <summary>TF-IDF vectors of the given documents, each block L2-normalized, entries in first-seen order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public SparseRows Vectorize(DocumentCounts docs, int[] documents)
    {
        long capacity = 0;
        foreach (int d in documents)
        {
            capacity += docs.Offsets[d + 1] - docs.Offsets[d];
        }

        var offsets = new int[documents.Length + 1];
        var rows = new int[capacity];
        var values = new float[capacity];
        var blocks = new byte[capacity];
        Span<double> norm = stackalloc double[2];
        Span<float> scale = stackalloc float[2];
        int n = 0;
        for (int i = 0; i < documents.Length; i++)
        {
            int d = documents[i];
            int first = n;
            norm.Clear();
            for (int j = docs.Offsets[d]; j < docs.Offsets[d + 1]; j++)
            {
                int key = docs.Keys[j];
                int row = RowOf(key);
                if (row < 0)
                {
                    continue;
                }

                float v = Tf(docs.Counts[j]) * Idf[row];
                norm[key & 1] += (double)v * v;
                rows[n] = row;
                values[n] = v;
                blocks[n] = (byte)(key & 1);
                n++;
            }

            BlockScales(norm, scale);
            for (int j = first; j < n; j++)
            {
                values[j] *= scale[blocks[j]];
            }

            offsets[i + 1] = n;
        }

        Array.Resize(ref rows, n);
        Array.Resize(ref values, n);
        return new SparseRows(offsets, rows, values);
    }

    /// <summary>
    /// Scale of each block: 1/‖block‖, times 1/√(non-empty blocks) so the whole vector has unit
    /// length. Normalizing the blocks apart keeps the many character n-grams from drowning the words
    /// (the same as concatenating two separately normalized vectorizers).
    /// </summary>
    public static void BlockScales(ReadOnlySpan<double> squaredNorms, Span<float> scales)
    {
        int nonEmpty = (squaredNorms[0] > 0 ? 1 : 0) + (squaredNorms[1] > 0 ? 1 : 0);
        double overall = nonEmpty == 0 ? 0 : 1 / Math.Sqrt(nonEmpty);
        for (int b = 0; b < 2; b++)
        {
            scales[b] = squaredNorms[b] > 0 ? (float)(overall / Math.Sqrt(squaredNorms[b])) : 0f;
        }
    }
}
