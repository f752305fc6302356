using System.Collections.Concurrent;
using System.Text;

namespace Helpdesk.Mail.Mime;

/// <summary>
/// Charset names as mail writes them, mapped to .NET encodings (legacy code pages through
/// <see cref="CodePagesEncodingProvider"/>, registered once). Decoding never throws: invalid bytes become U+FFFD.
/// </summary>
public static class Charsets
{
    // First field: initializers run in order, and the code pages must be registered before any lookup below.
    private static readonly bool ProviderRegistered = Register();

    private static readonly ConcurrentDictionary<string, Encoding?> Cache = new(StringComparer.OrdinalIgnoreCase);

    // Labels seen in real mail that .NET does not know or maps to a narrower table than senders meant.
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["utf8"] = "utf-8",
        ["utf-8-sig"] = "utf-8",
        ["unicode-1-1-utf-8"] = "utf-8",
        ["x-unicode20utf8"] = "utf-8",
        ["latin1"] = "windows-1252",
        ["latin-1"] = "windows-1252",
        ["iso-8859-1"] = "windows-1252", // senders labelled cp1252 text as latin1 for decades; 1252 is a superset
        ["iso8859-1"] = "windows-1252",
        ["iso_8859-1"] = "windows-1252",
        ["us-ascii"] = "windows-1252",   // mislabelled 8-bit text decodes as 1252; pure ASCII decodes the same
        ["ascii"] = "windows-1252",
        ["ansi_x3.4-1968"] = "windows-1252",
        ["cp1252"] = "windows-1252",
        ["iso-8859-8-i"] = "iso-8859-8",
        ["iso-8859-6-i"] = "iso-8859-6",
        ["gb2312"] = "gb18030",
        ["gbk"] = "gb18030",
        ["x-gbk"] = "gb18030",
        ["cp936"] = "gb18030",
        ["ks_c_5601-1987"] = "ks_c_5601-1987",
        ["ks_c_5601"] = "ks_c_5601-1987",
        ["x-sjis"] = "shift_jis",
        ["sjis"] = "shift_jis",
        ["cp932"] = "shift_jis",
        ["windows-31j"] = "shift_jis",
        ["x-mac-roman"] = "macintosh",
        ["big5-hkscs"] = "big5",
        ["tis-620"] = "windows-874",
        ["iso-8859-11"] = "windows-874",
    };

    private static bool Register()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return true;
    }

    /// <summary>True once legacy code pages are available (always, after first use of this class).</summary>
    public static bool CodePagesRegistered => ProviderRegistered;

    /// <summary>UTF-8 that replaces invalid bytes.</summary>
    public static Encoding Utf8 { get; } = new UTF8Encoding(false, false);

    /// <summary>The usual fallback for undeclared 8-bit text.</summary>
    public static Encoding Windows1252 { get; } = GetEncoding("windows-1252")!;

    /// <summary>The encoding for a charset label, or null when it is unknown.</summary>
    public static Encoding? GetEncoding(string? charset)
    {
        if (string.IsNullOrWhiteSpace(charset))
            return null;
        return Cache.GetOrAdd(charset.Trim(), static name =>
        {
            var label = name.Trim('"', '\'', ' ');
            if (Aliases.TryGetValue(label, out var alias))
                label = alias;
            if (label.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
                return Utf8;
            try
            {
                var e = Encoding.GetEncoding(label, EncoderFallback.ReplacementFallback, DecoderFallback.ReplacementFallback);
                // UTF-7 is obsolete and a known vector for hiding script in "text"; treat it as unknown.
                return e.CodePage == 65000 ? null : e;
            }
            catch (ArgumentException)
            {
                // Labels like "windows-1252 " or "cp-1251" with extra punctuation: try the digits.
                var digits = new string(label.Where(char.IsAsciiDigit).ToArray());
                if (digits.Length is >= 3 and <= 5 && int.TryParse(digits, out var cp) && label.Contains("125"))
                {
                    try { return Encoding.GetEncoding(cp, EncoderFallback.ReplacementFallback, DecoderFallback.ReplacementFallback); }
                    catch (ArgumentException) { }
                    catch (NotSupportedException) { }
                }
                return null;
            }
            catch (NotSupportedException)
            {
                return null;
            }
        });
    }

    /// <summary>
    /// Decodes bytes that claim <paramref name="charset"/>. Unknown or absent charsets: UTF-8 when the bytes are
    /// valid UTF-8, else <paramref name="fallback"/>. A declared ASCII/Latin-1 that is really UTF-8 (a common
    /// mislabel) is read as UTF-8 too.
    /// </summary>
    public static string Decode(ReadOnlySpan<byte> bytes, string? charset, Encoding? fallback = null)
    {
        if (bytes.IsEmpty)
            return string.Empty;
        var encoding = ChooseEncoding(bytes, charset, fallback);
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
    internal static int GetChars(Encoding encoding, ReadOnlySpan<byte> bytes, Span<char> chars)
    {
        if (encoding.CodePage != 65001)
            return encoding.GetChars(bytes, chars);
        System.Text.Unicode.Utf8.ToUtf16(bytes, chars, out _, out var written, replaceInvalidSequences: true);
        return written;
    }

    /// <summary>The encoding <see cref="Decode"/> uses for these bytes.</summary>
    internal static Encoding ChooseEncoding(ReadOnlySpan<byte> bytes, string? charset, Encoding? fallback)
    {
        var encoding = GetEncoding(charset);
        if (encoding is null || encoding.CodePage == 1252)
        {
            if (bytes.IndexOfAnyExceptInRange((byte)0, (byte)0x7F) < 0)
                return Encoding.ASCII;
            if (System.Text.Unicode.Utf8.IsValid(bytes))
                return Utf8;
            encoding ??= fallback ?? Windows1252;
        }
        return encoding;
    }

    /// <summary>True when the charset label is one this machine can decode.</summary>
    public static bool IsKnown(string? charset) => GetEncoding(charset) is not null;
}
