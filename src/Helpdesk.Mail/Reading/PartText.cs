using System.Buffers;
using System.Text;

namespace Helpdesk.Mail.Reading;

/// <summary>
/// Body bytes to the text the desk keeps, with one full-size allocation: the bytes are decoded into a pooled
/// buffer, line ends and blank lines are normalized in place, and only the final string is allocated. A part of
/// a few megabytes used to cost five full-size copies (string, builder, string, builder, string), all on the
/// large-object heap, and the gen-2 collections they forced were most of the time spent on such messages.
/// </summary>
internal static class PartText
{
    /// <summary>
    /// The first <paramref name="maxChars"/> characters' worth of <paramref name="bytes"/>, cut at a line break
    /// when one is near; <paramref name="truncated"/> tells whether anything was dropped.
    /// </summary>
    public static ReadOnlySpan<byte> Cap(ReadOnlySpan<byte> bytes, int maxChars, out bool truncated)
    {
        // No charset yields more characters than bytes, so a byte cap is a character cap.
        truncated = bytes.Length > maxChars;
        if (!truncated)
            return bytes;
        var cut = bytes[..maxChars];
        var nl = cut.LastIndexOf((byte)'\n');
        return nl >= maxChars - 4096 && nl > 0 ? cut[..(nl + 1)] : cut;
    }

    /// <summary>Decodes and normalizes (see <see cref="NormalizeInPlace"/>) in one pass over a pooled buffer.</summary>
    public static string DecodeNormalized(ReadOnlySpan<byte> bytes, string? charset, Encoding fallback)
    {
        if (bytes.IsEmpty)
            return string.Empty;
        var encoding = TextCharsets.Choose(bytes, charset, fallback);
        var buffer = ArrayPool<char>.Shared.Rent(encoding.GetMaxCharCount(bytes.Length));
        try
        {
            var n = TextCharsets.GetChars(encoding, bytes, buffer);
            n = NormalizeInPlace(buffer.AsSpan(0, n));
            return new string(buffer, 0, n);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>Normalizes a string (see <see cref="NormalizeInPlace"/>) with one allocation for the result.</summary>
    public static string Normalize(string text)
    {
        if (text.Length == 0)
            return text;
        var buffer = ArrayPool<char>.Shared.Rent(text.Length);
        try
        {
            text.CopyTo(buffer);
            var n = NormalizeInPlace(buffer.AsSpan(0, text.Length));
            return n == text.Length ? text : new string(buffer, 0, n);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// "\n" line breaks, no trailing spaces at line ends, at most one blank line in a row, none at either end,
    /// no NUL characters. Every input character yields at most one output character, so the write position never
    /// passes the read position and the text is rewritten where it lies. Returns the new length.
    /// </summary>
    public static int NormalizeInPlace(Span<char> text)
    {
        var w = 0;
        var blankLines = 0;
        var lineStart = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0')
                continue;
            if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                    i++;
                while (w > lineStart && text[w - 1] is ' ' or '\t')
                    w--;
                if (w == lineStart)
                {
                    blankLines++;
                    if (blankLines > 1 || w == 0)
                        continue; // at most one blank line in a row, none at the start
                }
                else
                    blankLines = 0;
                text[w++] = '\n';
                lineStart = w;
                continue;
            }
            text[w++] = c;
        }
        while (w > lineStart && text[w - 1] is ' ' or '\t')
            w--;
        while (w > 0 && text[w - 1] == '\n')
            w--;
        return w;
    }
}
