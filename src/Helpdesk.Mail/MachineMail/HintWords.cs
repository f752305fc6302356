using System.Buffers;

namespace Helpdesk.Mail.Reading;

/// <summary>
/// Words a rule needs before its regex is worth running, found in one vectorized pass. SearchValues is fast for
/// ASCII words compared without case but slow for words with other letters, so those (é, ß, ł, CJK ...) are found
/// by their first non-ASCII letter, a rare character that one vectorized IndexOfAny finds, and checked there.
/// </summary>
internal sealed class HintWords
{
    private readonly SearchValues<string>? _ascii;
    private readonly SearchValues<char>? _anchors;
    private readonly Dictionary<char, (string Word, int Offset)[]> _byAnchor = [];
    private readonly Dictionary<char, string[]> _asciiByFirstLetter = [];

    public HintWords(params string[] words)
    {
        var ascii = words.Where(w => w.All(char.IsAscii)).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        _ascii = ascii.Length == 0 ? null : SearchValues.Create(ascii, StringComparison.OrdinalIgnoreCase);
        foreach (var group in ascii.GroupBy(w => char.ToLowerInvariant(w[0])))
            _asciiByFirstLetter[group.Key] = [.. group];
        var anchored = new Dictionary<char, List<(string, int)>>();
        foreach (var word in words.Where(w => !w.All(char.IsAscii)).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var offset = word.AsSpan().IndexOfAnyExceptInRange('\0', '\u007f');
            foreach (var c in new[] { char.ToLowerInvariant(word[offset]), char.ToUpperInvariant(word[offset]) }.Distinct())
            {
                if (!anchored.TryGetValue(c, out var list))
                    anchored[c] = list = [];
                list.Add((word, offset));
            }
        }
        foreach (var (c, list) in anchored)
            _byAnchor[c] = [.. list];
        _anchors = anchored.Count == 0 ? null : SearchValues.Create([.. anchored.Keys]);
    }

    /// <summary>Whether a text has any character beyond ASCII (then the other words are looked for too).</summary>
    public static bool HasNonAscii(ReadOnlySpan<char> text) => text.ContainsAnyExceptInRange('\0', '\u007f');

    /// <summary>The index of a hint word in <paramref name="text"/> (the first ASCII one, or an earlier other one), or -1.</summary>
    public int IndexIn(ReadOnlySpan<char> text, bool nonAscii)
    {
        var a = _ascii is null ? -1 : text.IndexOfAny(_ascii);
        if (!nonAscii || _anchors is null)
            return a;
        var limit = a < 0 ? text.Length : a;
        var from = 0;
        while (from < limit)
        {
            var i = text[from..limit].IndexOfAny(_anchors);
            if (i < 0)
                break;
            i += from;
            foreach (var (word, offset) in _byAnchor[text[i]])
            {
                var start = i - offset;
                if (start >= 0 && text[start..].StartsWith(word, StringComparison.OrdinalIgnoreCase))
                    return start;
            }
            from = i + 1;
        }
        return a;
    }

    public bool In(ReadOnlySpan<char> text, bool nonAscii) => IndexIn(text, nonAscii) >= 0;

    /// <summary>
    /// Whether one of the ASCII words starts at the first character of an ASCII text, compared as <see cref="In"/>
    /// compares (ordinal, ignoring case). With another set's <see cref="IndexIn"/> finding each place where any
    /// word starts, one pass tells several sets apart (see HeaderlessMachineMail).
    /// </summary>
    public bool AsciiWordAt(ReadOnlySpan<char> asciiText)
    {
        if (asciiText.IsEmpty || !_asciiByFirstLetter.TryGetValue(char.ToLowerInvariant(asciiText[0]), out var words))
            return false;
        foreach (var word in words)
            if (asciiText.StartsWith(word, StringComparison.OrdinalIgnoreCase))
                return true;
        return false;
    }
}
