using System.Text.RegularExpressions;

namespace Helpdesk.Mail.CustomerWords;

/// <summary>The customer's new words, and what was cut away to find them.</summary>
/// <param name="VisibleText">What the customer wrote this time.</param>
/// <param name="Forwarded">The message the customer forwarded, when the text carries one.</param>
/// <param name="QuoteRemoved">Quoted history was cut.</param>
/// <param name="SignatureRemoved">A signature, phone footer or disclaimer was cut.</param>
/// <param name="OnlyQuoted">
/// Nothing new was written (a reply that is only a quote, a forward without a word): <paramref name="VisibleText"/>
/// is then the whole text, so an agent still has something to read.
/// </param>
public sealed record VisibleTextResult(string VisibleText, ForwardedMessage? Forwarded, bool QuoteRemoved, bool SignatureRemoved, bool OnlyQuoted = false);

/// <summary>
/// Finds the new words in a mail body. Cuts what the customer's client put under them: the quote below an
/// attribution (<see cref="QuoteHeaders"/>), an Outlook header block, a separator (<see cref="Separators"/>),
/// "&gt;" lines, the signature, phone footers and disclaimers (<see cref="Signatures"/>). Keeps words written
/// below a quote or between quoted lines. Reads a forward written into the body (<see cref="Forwards"/>).
/// Works on any text, not just parsed mail (training data, pasted notices).
/// </summary>
public static partial class VisibleTextExtractor
{
    /// <summary>The new words only.</summary>
    public static string Extract(string text) => Analyze(text).VisibleText;

    /// <summary>The new words, and the forwarded message when the text carries one.</summary>
    public static VisibleTextResult Analyze(string text, string? subject = null, int maxLength = 256 * 1024) =>
        Analyze(text, subject, maxLength, markedText: null);

    /// <summary>
    /// As <see cref="Analyze(string, string?, int)"/>; <paramref name="markedText"/> is the same body with quote
    /// containers of its HTML written as "&gt;" lines and signature containers left out (see
    /// <see cref="HtmlQuotes"/>), read instead of <paramref name="text"/> when given.
    /// </summary>
    public static VisibleTextResult Analyze(string text, string? subject, int maxLength, string? markedText)
    {
        if (string.IsNullOrEmpty(text))
            return new VisibleTextResult(string.Empty, null, false, false);
        if (text.Length > maxLength)
            text = text[..maxLength];
        var source = markedText ?? text;
        if (source.Length > maxLength)
            source = source[..maxLength];
        var lines = source.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        var isForward = Forwards.IsForwardSubject(subject, lines);
        var isReply = subject is not null && ReplySubject().IsMatch(subject);

        var cut = lines.Length;
        var forwardStart = -1;
        var sawQuoteHeader = false;
        HashSet<int>? headerLines = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var t = line.AsSpan().Trim();
            if (t.IsEmpty)
                continue;
            var quoted = t[0] == '>';
            var separator = Separators.Kind(line);
            if (separator == SeparatorKind.Forward || (separator == SeparatorKind.Original && !quoted))
            {
                cut = i;
                if (separator == SeparatorKind.Forward || isForward)
                    forwardStart = i + 1;
                break;
            }
            if (quoted)
                continue;
            var attribution = QuoteHeaders.AttributionLength(lines, i);
            if (attribution > 0)
            {
                sawQuoteHeader = true;
                // Bottom-posted or inline reply: the quote is followed by the customer's own words. Keep those.
                if (OwnWordsAfterQuote(lines, i + attribution))
                {
                    headerLines ??= [];
                    for (var k = i; k < i + attribution; k++)
                        headerLines.Add(k);
                    i += attribution - 1;
                    continue;
                }
                cut = i;
                break;
            }
            if (QuoteHeaders.IsHeaderBlock(lines, i))
            {
                cut = RuleAbove(lines, i);
                if (isForward)
                    forwardStart = i;
                break;
            }
            // The notice pasted back under a bare rule: a reply's old text with no header at all.
            if (isReply && Separators.IsRule(line) && !NextIsHeaderBlock(lines, i) && HasWordsBefore(lines, i) && NonEmptyAfter(lines, i) >= 3)
            {
                cut = i;
                break;
            }
        }

        var lone = !sawQuoteHeader && cut == lines.Length && CountQuoteLines(lines) == 1;
        var kept = new List<string>(Math.Min(cut, lines.Length));
        var quoteRemoved = cut < lines.Length || headerLines is not null;
        for (var i = 0; i < cut; i++)
        {
            if (headerLines?.Contains(i) == true)
                continue;
            var line = lines[i];
            if (IsQuoteLine(line))
            {
                // One "> 5 minutes later" line between the customer's own lines is their text; one at the end is a
                // line of our mail quoted back ("> Your payment card information was not affected.").
                if (!lone || !WordsAfter(lines, i + 1, cut))
                {
                    quoteRemoved = true;
                    continue;
                }
            }
            kept.Add(line.TrimEnd());
        }
        var signatureRemoved = Signatures.Trim(kept);
        var visible = Forwards.Join(kept);
        var forwarded = forwardStart >= 0 ? Forwards.Read(lines, forwardStart) : null;
        if (visible.Length > 0)
            return new VisibleTextResult(visible, forwarded, quoteRemoved, signatureRemoved);
        // Nothing new: show the mail as it came rather than nothing.
        var whole = Forwards.Join(text.Replace("\r\n", "\n").Split('\n').Select(l => l.TrimEnd()).ToList());
        return new VisibleTextResult(whole, forwarded, quoteRemoved, signatureRemoved, OnlyQuoted: whole.Length > 0);
    }

    private static bool IsQuoteLine(string line)
    {
        var t = line.AsSpan().TrimStart(" \t");
        return !t.IsEmpty && t[0] == '>';
    }

    private static bool WordsAfter(string[] lines, int from, int end)
    {
        for (var k = from; k < end; k++)
            if (!string.IsNullOrWhiteSpace(lines[k]))
                return true;
        return false;
    }

    private static int CountQuoteLines(string[] lines)
    {
        var n = 0;
        foreach (var l in lines)
            if (IsQuoteLine(l) && ++n > 1)
                break;
        return n;
    }

    /// <summary>Whether a "&gt;" quote starts right after the header and the customer's own words come after it.</summary>
    private static bool OwnWordsAfterQuote(string[] lines, int from)
    {
        var sawQuote = false;
        for (var i = from; i < lines.Length; i++)
        {
            var t = lines[i].Trim();
            if (t.Length == 0)
                continue;
            if (t[0] == '>')
            {
                sawQuote = true;
                continue;
            }
            if (!sawQuote)
                return false; // unmarked quote (Outlook, Yahoo): everything below is old text
            return !Signatures.IsDelimiter(lines[i]) && !Signatures.IsFooter(t);
        }
        return false;
    }

    private static int RuleAbove(string[] lines, int i)
    {
        var k = i - 1;
        while (k >= 0 && string.IsNullOrWhiteSpace(lines[k]))
            k--;
        return k >= 0 && Separators.IsRule(lines[k]) ? k : i;
    }

    private static bool NextIsHeaderBlock(string[] lines, int i)
    {
        for (var k = i + 1; k < lines.Length; k++)
        {
            if (string.IsNullOrWhiteSpace(lines[k]))
                continue;
            return QuoteHeaders.IsHeaderBlock(lines, k) || Separators.Kind(lines[k]) != SeparatorKind.None;
        }
        return false;
    }

    private static bool HasWordsBefore(string[] lines, int i)
    {
        for (var k = 0; k < i; k++)
            if (!string.IsNullOrWhiteSpace(lines[k]))
                return true;
        return false;
    }

    private static int NonEmptyAfter(string[] lines, int i)
    {
        var n = 0;
        for (var k = i + 1; k < lines.Length && n < 3; k++)
            if (!string.IsNullOrWhiteSpace(lines[k]))
                n++;
        return n;
    }

    [GeneratedRegex(@"^\s*(re|aw|sv|vs|odp|r|rif|antw|atb|ynt|回复|回覆|答复|返信)\s*(\[\d+\])?\s*[:：]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReplySubject();
}
