using System.Buffers;
using System.Text;

namespace Helpdesk.Mail.Mime;

/// <summary>
/// RFC 2047 encoded words (=?charset?B|Q?text?=), read the way real clients write them: inside quoted
/// strings, glued to other text, with a multibyte character split across two words, with RFC 2231 language
/// tags (=?utf-8*en?Q?...?=), with spaces in Q text, and with charsets nobody has heard of.
/// </summary>
public static class EncodedWords
{
    /// <summary>Decodes every encoded word in <paramref name="value"/>; whitespace between two encoded words is dropped.</summary>
    public static string Decode(string value)
    {
        if (string.IsNullOrEmpty(value) || !value.Contains("=?", StringComparison.Ordinal))
            return value;

        var sb = new StringBuilder(value.Length);
        var run = new ArrayBufferWriter<byte>(64);
        string? runCharset = null;
        var i = 0;
        var lastWasWord = false;
        while (i < value.Length)
        {
            var start = value.IndexOf("=?", i, StringComparison.Ordinal);
            if (start < 0 || !TryParseWord(value, start, out var charset, out var encoding, out var textStart, out var textEnd, out var end))
            {
                if (start < 0)
                {
                    Flush(sb, run, ref runCharset);
                    sb.Append(value, i, value.Length - i);
                    break;
                }
                Flush(sb, run, ref runCharset);
                sb.Append(value, i, start + 2 - i);
                i = start + 2;
                lastWasWord = false;
                continue;
            }

            var between = value.AsSpan(i, start - i);
            if (!(lastWasWord && between.IsWhiteSpace()))
            {
                Flush(sb, run, ref runCharset);
                sb.Append(between);
            }
            if (runCharset is not null && !runCharset.Equals(charset, StringComparison.OrdinalIgnoreCase))
                Flush(sb, run, ref runCharset);
            runCharset = charset;
            AppendWordBytes(value.AsSpan(textStart, textEnd - textStart), encoding, run);
            lastWasWord = true;
            i = end;
        }
        Flush(sb, run, ref runCharset);
        return sb.ToString();
    }

    private static void Flush(StringBuilder sb, ArrayBufferWriter<byte> run, ref string? charset)
    {
        if (charset is null)
            return;
        sb.Append(Charsets.Decode(run.WrittenSpan, charset));
        run.ResetWrittenCount();
        charset = null;
    }

    private static bool TryParseWord(string s, int start, out string charset, out char encoding, out int textStart, out int textEnd, out int end)
    {
        charset = "";
        encoding = '\0';
        textStart = textEnd = end = 0;
        var p = start + 2;
        var q = s.IndexOf('?', p);
        if (q <= p || q - p > 64)
            return false;
        var label = s.AsSpan(p, q - p);
        foreach (var c in label)
            if (c <= ' ' || c >= 127 || c is '(' or ')' or '<' or '>' or '"' or '=' or ',' or ';')
                return false;
        var star = label.IndexOf('*'); // RFC 2231 language suffix
        if (star >= 0)
            label = label[..star];
        if (label.IsEmpty || q + 2 >= s.Length || s[q + 2] != '?')
            return false;
        var enc = char.ToUpperInvariant(s[q + 1]);
        if (enc is not ('B' or 'Q'))
            return false;
        textStart = q + 3;
        var close = s.IndexOf("?=", textStart, StringComparison.Ordinal);
        if (close < 0)
            return false;
        textEnd = close;
        // A word is a single token; a line break inside it means a missing "?=" swallowed text. (Spaces are
        // tolerated: some clients leave them in Q text.)
        if (s.AsSpan(textStart, textEnd - textStart).IndexOfAny('\r', '\n') >= 0)
            return false;
        charset = label.ToString();
        encoding = enc;
        end = close + 2;
        return true;
    }

    private static void AppendWordBytes(ReadOnlySpan<char> text, char encoding, ArrayBufferWriter<byte> run)
    {
        if (encoding == 'B')
        {
            Span<byte> ascii = text.Length <= 512 ? stackalloc byte[text.Length] : new byte[text.Length];
            for (var k = 0; k < text.Length; k++)
                ascii[k] = text[k] < 128 ? (byte)text[k] : (byte)'?';
            var dest = run.GetSpan(TransferEncoding.MaxBase64DecodedLength(text.Length));
            var n = TransferEncoding.DecodeBase64(ascii, dest, out _);
            run.Advance(n);
            return;
        }
        var span = run.GetSpan(text.Length * 3);
        var o = 0;
        for (var k = 0; k < text.Length; k++)
        {
            var c = text[k];
            if (c == '_')
                span[o++] = (byte)' ';
            else if (c == '=' && k + 2 < text.Length && text[k + 1] < 128 && text[k + 2] < 128
                     && TransferEncoding.IsHex((byte)text[k + 1]) && TransferEncoding.IsHex((byte)text[k + 2]))
            {
                span[o++] = (byte)((TransferEncoding.HexValue((byte)text[k + 1]) << 4) | TransferEncoding.HexValue((byte)text[k + 2]));
                k += 2;
            }
            else if (c < 128)
                span[o++] = (byte)c;
            else
                o += Encoding.UTF8.GetBytes(text.Slice(k, 1), span[o..]);
        }
        run.Advance(o);
    }
}
