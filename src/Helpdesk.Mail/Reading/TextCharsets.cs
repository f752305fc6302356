using System.Collections.Concurrent;
using System.Text;

namespace Helpdesk.Mail.Reading;

/// <summary>
/// The desk's rule for which charset a body part's bytes are really in. MimeKit maps labels to encodings; on top,
/// the desk reads what senders meant rather than what they wrote: Latin-1 and ASCII labels as windows-1252 (a
/// superset senders have used under those names for decades), and any of those, or no label, as UTF-8 when the
/// bytes are valid UTF-8. Decoding never throws: invalid bytes become U+FFFD.
/// </summary>
internal static class TextCharsets
{
    private static readonly ConcurrentDictionary<string, Encoding?> Cache = new(StringComparer.OrdinalIgnoreCase);

    // Labels MimeKit maps to a narrower table than senders meant.
    private static readonly Dictionary<string, int> Wider = new(StringComparer.OrdinalIgnoreCase)
    {
        ["latin1"] = 1252, ["latin-1"] = 1252, ["iso-8859-1"] = 1252, ["iso8859-1"] = 1252, ["iso_8859-1"] = 1252,
        ["us-ascii"] = 1252, ["ascii"] = 1252, ["ansi_x3.4-1968"] = 1252,
        ["gb2312"] = 54936, ["gbk"] = 54936, ["x-gbk"] = 54936, ["cp936"] = 54936,
        ["tis-620"] = 874, ["iso-8859-11"] = 874,
    };

    // Labels seen in real mail that .NET does not know by that name.
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["utf8"] = "utf-8", ["utf-8-sig"] = "utf-8", ["unicode-1-1-utf-8"] = "utf-8", ["x-unicode20utf8"] = "utf-8",
        ["cp1252"] = "windows-1252", ["iso-8859-8-i"] = "iso-8859-8", ["iso-8859-6-i"] = "iso-8859-6",
        ["ks_c_5601"] = "ks_c_5601-1987", ["x-sjis"] = "shift_jis", ["sjis"] = "shift_jis", ["cp932"] = "shift_jis",
        ["windows-31j"] = "shift_jis", ["x-mac-roman"] = "macintosh", ["big5-hkscs"] = "big5",
    };

    static TextCharsets() => EmailReader.RegisterCodePages();

    /// <summary>UTF-8 that replaces invalid bytes.</summary>
    public static Encoding Utf8 { get; } = new UTF8Encoding(false, false);

    public static Encoding Windows1252 { get; } = Encoding.GetEncoding(1252, EncoderFallback.ReplacementFallback, DecoderFallback.ReplacementFallback);

    /// <summary>The encoding for a charset label, or null when it is unknown.</summary>
    public static Encoding? Find(string? charset)
    {
        if (string.IsNullOrWhiteSpace(charset))
            return null;
        return Cache.GetOrAdd(charset.Trim(), static name =>
        {
            var label = name.Trim('"', '\'', ' ');
            try
            {
                var encoding = Wider.TryGetValue(label, out var wider)
                    ? Encoding.GetEncoding(wider, EncoderFallback.ReplacementFallback, DecoderFallback.ReplacementFallback)
                    : Encoding.GetEncoding(Aliases.GetValueOrDefault(label, label), EncoderFallback.ReplacementFallback, DecoderFallback.ReplacementFallback);
                // UTF-7 is obsolete and a known way of hiding script in "text": treated as unknown.
                return encoding.CodePage switch { 65001 => Utf8, 65000 => null, _ => encoding };
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException)
            {
                return null;
            }
        });
    }

    /// <summary>The encoding to decode these bytes with (see the class summary).</summary>
    public static Encoding Choose(ReadOnlySpan<byte> bytes, string? charset, Encoding fallback)
    {
        var encoding = Find(charset);
        if (encoding is null || encoding.CodePage == 1252)
        {
            if (bytes.IndexOfAnyExceptInRange((byte)0, (byte)0x7F) < 0)
                return Encoding.ASCII;
            if (System.Text.Unicode.Utf8.IsValid(bytes))
                return Utf8;
            encoding ??= fallback;
        }
        return encoding;
    }

    /// <summary>Decodes with <see cref="Choose"/>.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes, string? charset, Encoding? fallback = null)
    {
        if (bytes.IsEmpty)
            return string.Empty;
        var encoding = Choose(bytes, charset, fallback ?? Windows1252);
        if (encoding.CodePage != 65001)
            return encoding.GetString(bytes);
        var buffer = System.Buffers.ArrayPool<char>.Shared.Rent(bytes.Length + 1);
        try
        {
            return new string(buffer, 0, GetChars(encoding, bytes, buffer));
        }
        finally
        {
            System.Buffers.ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Decodes into <paramref name="chars"/> (at least GetMaxCharCount long). Invalid UTF-8 goes through the
    /// vectorized converter: the Encoding replacement fallback costs tens of milliseconds per megabyte of
    /// garbage, which damaged base64 produces.
    /// </summary>
    public static int GetChars(Encoding encoding, ReadOnlySpan<byte> bytes, Span<char> chars)
    {
        if (encoding.CodePage != 65001)
            return encoding.GetChars(bytes, chars);
        System.Text.Unicode.Utf8.ToUtf16(bytes, chars, out _, out var written, replaceInvalidSequences: true);
        return written;
    }
}
