namespace Helpdesk.Classification.Features;

/// <summary>
/// The feature keys a model knows (those seen in enough training documents), each with its model
/// row and inverse document frequency. Keys never seen in training carry no weight, so they are left
/// out of the vector entirely (as a fitted TfidfVectorizer ignores unknown terms); that also keeps
/// the model file to the rows it actually uses.
/// </summary>
internal sealed class Vocabulary
{
    private readonly int[] _rowOfKey;

    public Vocabulary(FeatureSettings settings, int[] rowKeys, float[] idf)
    {
        if (rowKeys.Length != idf.Length)
        {
            throw new ArgumentException("Each row needs one IDF value.", nameof(idf));
        }

        RowKeys = rowKeys;
        Idf = idf;
        _rowOfKey = new int[settings.KeySpace];
        Array.Fill(_rowOfKey, -1);
        for (int r = 0; r < rowKeys.Length; r++)
        {
            int key = rowKeys[r];
            if ((uint)key >= (uint)_rowOfKey.Length || _rowOfKey[key] >= 0)
            {
                throw new InvalidDataException($"Feature key {key} is out of range or listed twice.");
            }

            _rowOfKey[key] = r;
        }
    }

    /// <summary>Feature key of each row.</summary>
    public int[] RowKeys { get; }

    /// <summary>Smoothed IDF of each row: ln((1 + n) / (1 + df)) + 1.</summary>
    public float[] Idf { get; }

    public int Count => RowKeys.Length;

    public int RowOf(int key) => _rowOfKey[key];

    /// <summary>Sublinear term frequency: a word said five times is not five times the evidence.</summary>
    public static float Tf(float count) => 1f + MathF.Log(count);

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

    /// <summary>TF-IDF vectors of the given documents, each block L2-normalized, entries sorted by row.</summary>
    public SparseRows Vectorize(DocumentCounts docs, int[] documents)
    {
        var offsets = new int[documents.Length + 1];
        var rows = new List<int>(docs.Keys.Length);
        var values = new List<float>(docs.Keys.Length);
        var docRows = new List<int>();
        var docValues = new List<float>();
        var docBlocks = new List<int>();
        Span<double> norm = stackalloc double[2];
        Span<float> scale = stackalloc float[2];
        for (int i = 0; i < documents.Length; i++)
        {
            int d = documents[i];
            docRows.Clear();
            docValues.Clear();
            docBlocks.Clear();
            norm.Clear();
            for (int j = docs.Offsets[d]; j < docs.Offsets[d + 1]; j++)
            {
                int key = docs.Keys[j];
                int row = _rowOfKey[key];
                if (row < 0)
                {
                    continue;
                }

                float v = Tf(docs.Counts[j]) * Idf[row];
                norm[key & 1] += (double)v * v;
                docRows.Add(row);
                docValues.Add(v);
                docBlocks.Add(key & 1);
            }

            BlockScales(norm, scale);
            int[] rowArray = docRows.ToArray();
            var valueArray = new float[rowArray.Length];
            for (int j = 0; j < rowArray.Length; j++)
            {
                valueArray[j] = docValues[j] * scale[docBlocks[j]];
            }

            Array.Sort(rowArray, valueArray);
            rows.AddRange(rowArray);
            values.AddRange(valueArray);
            offsets[i + 1] = rows.Count;
        }

        return new SparseRows(offsets, rows.ToArray(), values.ToArray());
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
