using System.Runtime.CompilerServices;
using System.Text;
using Helpdesk.Classification.Text;

namespace Helpdesk.Classification.Features;

/// <summary>
/// Counts the hashed features of one message: word 1..N-grams and character n-grams taken inside
/// space-padded words (the "char_wb" scheme: n-grams never span two words, and the padding marks
/// word starts and ends). Works on the UTF-8 bytes of the normalized text framed by one space on
/// each side, so every padded word, word and word pair is a contiguous byte span: no copies.
/// A feature key is (bucket &lt;&lt; 1) | block, so words and characters have separate hash spaces.
/// </summary>
internal sealed class FeatureExtractor
{
    public const int WordBlock = 0;
    public const int CharBlock = 1;

    private readonly FeatureSettings _settings;
    private readonly uint _bucketMask;

    public FeatureExtractor(FeatureSettings settings)
    {
        settings.Validate();
        _settings = settings;
        _bucketMask = (1u << settings.HashBits) - 1;
    }

    /// <summary>Fills <c>scratch.Counts</c> with the feature counts of <paramref name="text"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Extract(string text, FeatureScratch scratch)
    {
        FeatureCounts counts = scratch.Counts;
        counts.Clear();
        int charLength = TextNormalizer.NormalizeInto(text, ref scratch.Chars);
        if (charLength == 0)
        {
            return;
        }

        int maxBytes = (charLength * 3) + 2;
        if (scratch.Bytes.Length < maxBytes)
        {
            scratch.Bytes = new byte[Math.Max(maxBytes, scratch.Bytes.Length * 2)];
        }

        byte[] bytes = scratch.Bytes;
        bytes[0] = (byte)' ';
        int written = Encoding.UTF8.GetBytes(scratch.Chars.AsSpan(0, charLength), bytes.AsSpan(1));
        int total = written + 2;
        bytes[total - 1] = (byte)' ';

        int wordMax = _settings.WordNgramMax;
        Span<int> recentStarts = stackalloc int[4]; // starts of the previous wordMax-1 tokens, newest first
        int recent = 0;
        int pos = 1;
        while (pos < total - 1)
        {
            int start = pos;
            int end = Array.IndexOf(bytes, (byte)' ', start, total - start);
            ReadOnlySpan<byte> token = bytes.AsSpan(start, end - start);

            AddWord(counts, token);
            for (int r = 0; r < recent; r++)
            {
                AddWord(counts, bytes.AsSpan(recentStarts[r], end - recentStarts[r]));
            }

            bool ascii = System.Text.Ascii.IsValid(token);
            if (!ascii && _settings.FoldAccents)
            {
                AddFolded(counts, token);
            }

            AddCharNgrams(counts, bytes.AsSpan(start - 1, end - start + 2), ascii, scratch);

            if (wordMax > 1)
            {
                for (int r = Math.Min(recent, wordMax - 2); r > 0; r--)
                {
                    recentStarts[r] = recentStarts[r - 1];
                }

                recentStarts[0] = start;
                recent = Math.Min(recent + 1, wordMax - 1);
            }

            pos = end + 1;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AddWord(FeatureCounts counts, ReadOnlySpan<byte> span)
    {
        uint bucket = MurmurHash3.Hash32(span, _settings.HashSeed) & _bucketMask;
        counts.Add((int)(bucket << 1) | WordBlock);
    }

    private void AddFolded(FeatureCounts counts, ReadOnlySpan<byte> token)
    {
        string? folded = TextNormalizer.FoldAccents(Encoding.UTF8.GetString(token));
        if (folded is not null)
        {
            AddWord(counts, Encoding.UTF8.GetBytes(folded));
        }
    }

    /// <summary>Character n-grams of one padded word, counted by characters, not bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddCharNgrams(FeatureCounts counts, ReadOnlySpan<byte> padded, bool ascii, FeatureScratch scratch)
    {
        int min = _settings.CharNgramMin;
        int max = _settings.CharNgramMax;
        uint seed = _settings.HashSeed;
        if (ascii)
        {
            int m = padded.Length;
            for (int n = min; n <= max; n++)
            {
                if (m <= n)
                {
                    AddChar(counts, MurmurHash3.Hash32(padded, seed));
                    break;
                }

                for (int i = 0; i + n <= m; i++)
                {
                    AddChar(counts, MurmurHash3.Hash32(padded.Slice(i, n), seed));
                }
            }

            return;
        }

        // starts[c] = byte offset of character c; starts[chars] = end.
        if (scratch.CharStarts.Length < padded.Length + 1)
        {
            scratch.CharStarts = new int[padded.Length * 2];
        }

        int[] starts = scratch.CharStarts;
        int chars = 0;
        for (int b = 0; b < padded.Length; b++)
        {
            if ((padded[b] & 0xC0) != 0x80)
            {
                starts[chars++] = b;
            }
        }

        starts[chars] = padded.Length;
        for (int n = min; n <= max; n++)
        {
            if (chars <= n)
            {
                AddChar(counts, MurmurHash3.Hash32(padded, seed));
                break;
            }

            for (int i = 0; i + n <= chars; i++)
            {
                AddChar(counts, MurmurHash3.Hash32(padded[starts[i]..starts[i + n]], seed));
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AddChar(FeatureCounts counts, uint hash)
    {
        counts.Add((int)((hash & _bucketMask) << 1) | CharBlock);
    }
}

/// <summary>Per-thread working memory of feature extraction and scoring, reused across messages.</summary>
internal sealed class FeatureScratch
{
    [ThreadStatic]
    private static FeatureScratch? t_current;

    public char[] Chars = new char[1024];
    public byte[] Bytes = new byte[2048];
    public int[] CharStarts = new int[64];
    public readonly FeatureCounts Counts = new();
    public float[] Scores = new float[16];
    public float[] Block = new float[16];

    /// <summary>The calling thread's scratch; never shared between threads.</summary>
    public static FeatureScratch ForCurrentThread() => t_current ??= new FeatureScratch();
}
