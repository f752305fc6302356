using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Helpdesk.Classification.Text;

/// <summary>
/// Turns raw customer text into the token stream the model sees: HTML remnants cleaned, Unicode NFKC, culture-invariant
/// lower case, URLs / e-mail addresses / card-like digit runs / numbers replaced by placeholder
/// tokens, punctuation dropped, tokens joined by single spaces. Placeholders matter because the
/// exact link, address or order number says nothing about the intent, while "there is a link here"
/// often does (phishing checks forward one).
/// </summary>
public static class TextNormalizer
{
    /// <summary>Replaces a web address.</summary>
    public const string UrlToken = "_url_";
    /// <summary>Replaces an e-mail address.</summary>
    public const string EmailToken = "_email_";
    /// <summary>Replaces a run of 13-19 digits, optionally grouped by spaces or dashes (a payment card).</summary>
    public const string CardToken = "_card_";
    /// <summary>Replaces any other all-digit token.</summary>
    public const string NumberToken = "_num_";

    private const int MinCardDigits = 13;

    /// <summary>A chunk without any of these cannot be a URL or an e-mail address.</summary>
    private static readonly SearchValues<char> AddressMarkers = SearchValues.Create("./@:");
    private const int MaxCardDigits = 19;

    /// <summary>Normalizes <paramref name="text"/>; the result has no leading or trailing space.</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        char[] buffer = new char[Math.Max(16, text.Length + 16)];
        int length = NormalizeInto(text, ref buffer);
        return new string(buffer, 0, length);
    }

    /// <summary>
    /// Writes the normalized form of <paramref name="text"/> into <paramref name="buffer"/> (grown when
    /// needed) and returns its length. The hot path of prediction: no allocation for NFKC-clean text.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int NormalizeInto(string text, ref char[] buffer)
    {
        string s = ToNfkc(HtmlRemnants.Clean(text));
        var writer = new TokenWriter(buffer);
        int n = s.Length;
        int i = 0;
        while (i < n)
        {
            if (char.IsWhiteSpace(s[i]))
            {
                i++;
                continue;
            }

            int end = i + 1;
            while (end < n && !char.IsWhiteSpace(s[end]))
            {
                end++;
            }

            ReadOnlySpan<char> chunk = s.AsSpan(i, end - i);
            int marker = chunk.IndexOfAny(AddressMarkers);
            if (marker < 0)
            {
                i = WriteWords(s, i, end, ref writer);
                continue;
            }

            if (LooksLikeUrl(chunk))
            {
                writer.Write(UrlToken);
                i = end;
                continue;
            }

            if (LooksLikeEmail(chunk))
            {
                writer.Write(EmailToken);
                i = end;
                continue;
            }

            i = WriteWords(s, i, end, ref writer);
        }

        buffer = writer.Buffer;
        return writer.Length;
    }

    /// <summary>
    /// The accent-free spelling of a token ("contraseña" -> "contrasena", "straße" -> "strasse"),
    /// or null when it has none. Customers type both spellings, so the model sees both.
    /// </summary>
    public static string? FoldAccents(ReadOnlySpan<char> token)
    {
        bool ascii = true;
        foreach (char c in token)
        {
            if (c > 0x7f)
            {
                ascii = false;
                break;
            }
        }

        if (ascii)
        {
            return null;
        }

        string decomposed = token.ToString().Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length + 2);
        foreach (char c in decomposed)
        {
            UnicodeCategory category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                continue;
            }

            switch (c)
            {
                case 'ß': sb.Append("ss"); break;
                case 'æ': sb.Append("ae"); break;
                case 'œ': sb.Append("oe"); break;
                case 'ø': sb.Append('o'); break;
                case 'ł': sb.Append('l'); break;
                case 'đ': sb.Append('d'); break;
                default: sb.Append(c); break;
            }
        }

        string folded = sb.ToString();
        return token.SequenceEqual(folded) ? null : folded;
    }

    private static string ToNfkc(string text)
    {
        try
        {
            // ASCII is always NFKC; asking ICU costs more than the rest of the normalizer.
            return Ascii.IsValid(text) || text.IsNormalized(NormalizationForm.FormKC) ? text : text.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            // Lone surrogates from a badly decoded message: classify the text as it is rather than fail.
            return text;
        }
    }

    /// <summary>Writes the word tokens of the chunk s[start..end); returns where scanning resumes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int WriteWords(string s, int start, int end, ref TokenWriter writer)
    {
        int j = start;
        while (j < end)
        {
            char c = s[j];
            if (!IsWordChar(c))
            {
                j++;
                continue;
            }

            if (char.IsAsciiDigit(c))
            {
                int cardEnd = CardEnd(s, j);
                if (cardEnd > 0)
                {
                    writer.Write(CardToken);
                    if (cardEnd >= end)
                    {
                        return cardEnd; // the card ran across whitespace into later chunks
                    }

                    j = cardEnd;
                    continue;
                }
            }

            int k = j;
            bool allDigits = true;
            while (k < end && IsWordChar(s[k]))
            {
                allDigits &= char.IsDigit(s[k]);
                k++;
            }

            if (allDigits)
            {
                writer.Write(NumberToken);
            }
            else
            {
                writer.WriteLower(s.AsSpan(j, k - j));
            }

            j = k;
        }

        return end;
    }

    /// <summary>End of a card-like digit run starting at <paramref name="start"/>, or 0 when it is not one.</summary>
    private static int CardEnd(string s, int start)
    {
        int digits = 0;
        int pos = start;
        while (pos < s.Length)
        {
            char c = s[pos];
            if (char.IsAsciiDigit(c))
            {
                digits++;
                pos++;
            }
            else if ((c == ' ' || c == '-') && pos + 1 < s.Length && char.IsAsciiDigit(s[pos + 1]) && digits < MaxCardDigits)
            {
                pos++;
            }
            else
            {
                break;
            }
        }

        bool boundary = pos >= s.Length || !IsWordChar(s[pos]);
        return boundary && digits is >= MinCardDigits and <= MaxCardDigits ? pos : 0;
    }

    private static bool LooksLikeUrl(ReadOnlySpan<char> chunk)
    {
        ReadOnlySpan<char> t = chunk.Trim("<>()[]{}\"'`,;:!?.*");
        if (t.StartsWith("www.", StringComparison.OrdinalIgnoreCase) || t.Contains("://", StringComparison.Ordinal))
        {
            return true;
        }

        // A bare host with a path ("meridian.example/account/new-password") is a link too; a bare
        // host alone stays words, since the name of the site carries meaning.
        int slash = t.IndexOf('/');
        if (slash <= 0)
        {
            return false;
        }

        ReadOnlySpan<char> host = t[..slash];
        int lastDot = host.LastIndexOf('.');
        if (lastDot <= 0 || lastDot >= host.Length - 2)
        {
            return false;
        }

        foreach (char c in host)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '.' || c == '-'))
            {
                return false;
            }
        }

        foreach (char c in host[(lastDot + 1)..])
        {
            if (!char.IsAsciiLetter(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool LooksLikeEmail(ReadOnlySpan<char> chunk)
    {
        ReadOnlySpan<char> t = chunk.Trim("<>()[]{}\"'`,;:!?.*");
        int at = t.IndexOf('@');
        if (at <= 0 || at >= t.Length - 3)
        {
            return false;
        }

        ReadOnlySpan<char> domain = t[(at + 1)..];
        int dot = domain.IndexOf('.');
        return dot > 0 && dot < domain.Length - 1 && IsWordChar(t[at - 1]) && IsWordChar(domain[0]);
    }

    internal static bool IsWordChar(char c)
    {
        if (c < 0x80)
        {
            return char.IsAsciiLetterOrDigit(c);
        }

        if (char.IsLetterOrDigit(c))
        {
            return true;
        }

        UnicodeCategory category = CharUnicodeInfo.GetUnicodeCategory(c);
        return category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
    }

    /// <summary>Appends space-separated tokens to a growable char buffer.</summary>
    private ref struct TokenWriter(char[] buffer)
    {
        public char[] Buffer = buffer;
        public int Length;

        public void Write(ReadOnlySpan<char> token)
        {
            Span<char> target = Reserve(token.Length);
            token.CopyTo(target);
        }

        public void WriteLower(ReadOnlySpan<char> token)
        {
            Span<char> target = Reserve(token.Length);
            token.ToLowerInvariant(target);
        }

        private Span<char> Reserve(int tokenLength)
        {
            int needed = Length + tokenLength + 1;
            if (needed > Buffer.Length)
            {
                Array.Resize(ref Buffer, Math.Max(needed, Buffer.Length * 2));
            }

            if (Length > 0)
            {
                Buffer[Length++] = ' ';
            }

            Span<char> target = Buffer.AsSpan(Length, tokenLength);
            Length += tokenLength;
            return target;
        }
    }
}
