namespace Helpdesk.Core.Templates;

public enum LineChange
{
    Same = 0,
    Added = 1,
    Removed = 2,
}

/// <summary>How much and where two texts differ: a line diff for version history, a word edit distance for usage.</summary>
public static class TextChanges
{
    /// <summary>
    /// The lines of <paramref name="before"/> and <paramref name="after"/> as kept, removed and added, in order (longest
    /// common subsequence of lines; templates are a few dozen lines, so the quadratic table is small).
    /// </summary>
    public static IReadOnlyList<(LineChange Change, string Line)> LineDiff(string before, string after)
    {
        var a = Lines(before);
        var b = Lines(after);
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
            for (var j = b.Length - 1; j >= 0; j--)
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
        var result = new List<(LineChange, string)>(a.Length + b.Length);
        int x = 0, y = 0;
        while (x < a.Length && y < b.Length)
        {
            if (a[x] == b[y]) { result.Add((LineChange.Same, a[x])); x++; y++; }
            else if (lcs[x + 1, y] >= lcs[x, y + 1]) result.Add((LineChange.Removed, a[x++]));
            else result.Add((LineChange.Added, b[y++]));
        }
        while (x < a.Length) result.Add((LineChange.Removed, a[x++]));
        while (y < b.Length) result.Add((LineChange.Added, b[y++]));
        return result;
    }

    /// <summary>
    /// Word-level edit distance divided by the longer text's word count: 0 = the same words, 1 = nothing in common.
    /// Words, not characters, because agents change phrases, and a character table for two 2,000-character replies
    /// would be 4 million cells per send.
    /// </summary>
    public static double NormalizedWordDistance(string suggested, string sent)
    {
        var a = Words(suggested);
        var b = Words(sent);
        var longest = Math.Max(a.Length, b.Length);
        if (longest == 0) return 0;
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = string.Equals(a[i - 1], b[j - 1], StringComparison.Ordinal) ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return (double)previous[b.Length] / longest;
    }

    private static string[] Lines(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n');

    private static string[] Words(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
}
