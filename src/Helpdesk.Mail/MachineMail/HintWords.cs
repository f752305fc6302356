using System.Buffers;

namespace Helpdesk.Mail.Reading;

/// <summary>
/// Words a rule needs before its regex is worth running, found in one vectorized pass. SearchValues is fast for
/// ASCII words compared without case and slow for other words compared without case, so the two are kept apart:
/// ASCII words ignore case, the others (é, ß, CJK ...) are matched as written, in lower, Title and UPPER case, and
/// only when the text has a non-ASCII character at all.
/// </summary>
internal sealed class HintWords
{
    private readonly SearchValues<string>? _ascii;
    private readonly SearchValues<string>? _other;

    public HintWords(params string[] words)
    {
        var ascii = words.Where(w => w.All(char.IsAscii)).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        var other = words.Where(w => !w.All(char.IsAscii))
            .SelectMany(w => new[] { w.ToLowerInvariant(), char.ToUpperInvariant(w[0]) + w[1..].ToLowerInvariant(), w.ToUpperInvariant() })
            .Distinct(StringComparer.Ordinal).ToArray();
        _ascii = ascii.Length == 0 ? null : SearchValues.Create(ascii, StringComparison.OrdinalIgnoreCase);
        _other = other.Length == 0 ? null : SearchValues.Create(other, StringComparison.Ordinal);
    }

    /// <summary>Whether a text has any character beyond ASCII (then the non-ASCII words are looked for too).</summary>
    public static bool HasNonAscii(ReadOnlySpan<char> text) => text.ContainsAnyExceptInRange('\0', '\u007f');

    /// <summary>The index of the first hint word in <paramref name="text"/>, or -1.</summary>
    public int IndexIn(ReadOnlySpan<char> text, bool nonAscii)
    {
        var a = _ascii is null ? -1 : text.IndexOfAny(_ascii);
        if (!nonAscii || _other is null)
            return a;
        var b = (a < 0 ? text : text[..a]).IndexOfAny(_other);
        return b >= 0 ? b : a;
    }

    public bool In(ReadOnlySpan<char> text, bool nonAscii) => IndexIn(text, nonAscii) >= 0;
}
