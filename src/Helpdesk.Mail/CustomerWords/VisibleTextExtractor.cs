using System.Text;
using System.Text.RegularExpressions;
using Helpdesk.Mail.Mime;
using Helpdesk.Mail.Reading;

namespace Helpdesk.Mail.CustomerWords;

/// <summary>A message forwarded inside another, as far as its text tells (inline) or its part says (attached).</summary>
public sealed record ForwardedEmail(EmailAddress? From, DateTimeOffset? Date, string? Subject, IReadOnlyList<EmailAddress> To, string Text);

/// <summary>The customer's new words, and what was cut away to find them.</summary>
public sealed record VisibleTextResult(string VisibleText, ForwardedEmail? Forwarded, bool QuoteRemoved, bool SignatureRemoved);

/// <summary>
/// Finds the new words in a plain-text mail body: cuts quoted replies ("On ... wrote:" in en, de, fr, es, nl,
/// it, pt, sv, da, pl; Outlook "-----Original Message-----" separators and "From: / Sent:" blocks; "&gt;" lines),
/// signatures ("-- ") and mobile footers ("Sent from my iPhone" and its translations), and reads an inline
/// forwarded message out as such. Works on any text, not just parsed mail (training data, pasted notices).
/// </summary>
public static partial class VisibleTextExtractor
{
    /// <summary>The new words only.</summary>
    public static string Extract(string text) => Analyze(text).VisibleText;

    /// <summary>The new words, and the forwarded message when the text carries one.</summary>
    public static VisibleTextResult Analyze(string text, string? subject = null, int maxLength = 256 * 1024)
    {
        if (string.IsNullOrEmpty(text))
            return new VisibleTextResult(string.Empty, null, false, false);
        if (text.Length > maxLength)
            text = text[..maxLength];
        var lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        var isForwardSubject = subject is not null && ForwardSubject().IsMatch(subject);

        var cut = lines.Length;
        var forwardAt = -1;
        var bodyAfterForwardHeader = -1;
        var quoteRemoved = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var trimmed = line.AsSpan().Trim();
            if (trimmed.IsEmpty)
                continue;
            if (IsForwardMarker(line))
            {
                cut = forwardAt = i;
                bodyAfterForwardHeader = i + 1;
                break;
            }
            if (IsOriginalMessageSeparator(line))
            {
                cut = i;
                if (isForwardSubject)
                {
                    forwardAt = i;
                    bodyAfterForwardHeader = i + 1;
                }
                break;
            }
            var headerLines = ReplyHeaderLength(lines, i);
            if (headerLines > 0)
            {
                // Bottom-posted or inline reply: the quote is followed by the customer's own words. Keep those.
                if (HasOwnWordsAfterQuote(lines, i + headerLines))
                {
                    for (var k = i; k < i + headerLines; k++)
                        lines[k] = "> ";
                    quoteRemoved = true;
                    i += headerLines - 1;
                    continue;
                }
                cut = i;
                break;
            }
            if (IsOutlookHeaderBlock(lines, i))
            {
                cut = i > 0 && IsRule(lines[i - 1]) ? i - 1 : i;
                if (isForwardSubject)
                {
                    forwardAt = cut;
                    bodyAfterForwardHeader = i;
                }
                break;
            }
        }
        if (cut < lines.Length)
            quoteRemoved = true;

        ForwardedEmail? forwarded = null;
        if (forwardAt >= 0)
            forwarded = ReadForwarded(lines, bodyAfterForwardHeader);

        // Keep the new words: drop ">" lines (inline quoting), then the signature and phone footers.
        var kept = new List<string>(cut);
        for (var i = 0; i < cut; i++)
        {
            var line = lines[i];
            if (line.StartsWith('>') || line.StartsWith(" >", StringComparison.Ordinal))
            {
                quoteRemoved = true;
                continue;
            }
            kept.Add(line.TrimEnd());
        }
        var signatureRemoved = TrimSignature(kept);
        return new VisibleTextResult(Join(kept), forwarded, quoteRemoved, signatureRemoved);
    }

    private static bool HasOwnWordsAfterQuote(string[] lines, int from)
    {
        var sawQuote = false;
        for (var i = from; i < lines.Length; i++)
        {
            var t = lines[i].Trim();
            if (t.Length == 0)
                continue;
            if (t.StartsWith('>'))
            {
                sawQuote = true;
                continue;
            }
            if (!sawQuote)
                return false; // unmarked quote (Outlook style): everything below is old text
            if (IsSignatureDelimiter(lines[i]) || IsMobileFooter(t))
                return false;
            return true;
        }
        return false;
    }

    private static bool TrimSignature(List<string> kept)
    {
        var removed = false;
        for (var i = 0; i < kept.Count; i++)
        {
            if (IsSignatureDelimiter(kept[i]))
            {
                kept.RemoveRange(i, kept.Count - i);
                removed = true;
                break;
            }
        }
        // Phone and app footers sit at the end, after the words; look at the last few non-empty lines only.
        var seen = 0;
        for (var i = kept.Count - 1; i >= 0 && seen < 4; i--)
        {
            var t = kept[i].Trim();
            if (t.Length == 0)
                continue;
            seen++;
            if (IsMobileFooter(t))
            {
                kept.RemoveRange(i, kept.Count - i);
                removed = true;
                seen = 0;
            }
        }
        return removed;
    }

    private static bool IsSignatureDelimiter(string line) => line is "-- " or "--" or "-- \r" or "—";

    private static string Join(List<string> lines)
    {
        var sb = new StringBuilder();
        var blank = 0;
        foreach (var line in lines)
        {
            if (line.Trim().Length == 0)
            {
                blank++;
                continue;
            }
            if (sb.Length > 0)
                sb.Append(blank > 0 ? "\n\n" : "\n");
            blank = 0;
            sb.Append(line);
        }
        return sb.ToString();
    }

    private static bool IsRule(string line)
    {
        var t = line.Trim();
        return t.Length >= 8 && t.All(c => c is '_' or '-' or '=' or '*');
    }

    private static bool IsForwardMarker(string line)
    {
        var t = line.Trim();
        if (t.Length < 10 || t.Length > 120)
            return false;
        return ForwardMarker().IsMatch(t);
    }

    private static bool IsOriginalMessageSeparator(string line)
    {
        var t = line.Trim();
        return t.Length is >= 10 and <= 80 && t[0] is '-' or '_' or '=' && OriginalMessage().IsMatch(t);
    }

    /// <summary>How many lines (1-3) an "On ... wrote:" header spans at <paramref name="i"/>, or 0.</summary>
    private static int ReplyHeaderLength(string[] lines, int i)
    {
        var first = lines[i].TrimStart();
        if (first.Length == 0)
            return 0;
        // Yahoo's HTML puts the attribution and the first quoted line on one line: "On ... wrote:   Hello Maureen,".
        if (ReplyOpener().IsMatch(first) && InlineReplyHeader().IsMatch(first.Length > 400 ? first[..400] : first))
            return 1;
        if (first.Length > 300)
            return 0;
        var joined = first;
        for (var n = 1; n <= 3 && i + n - 1 < lines.Length; n++)
        {
            if (n > 1)
            {
                var more = lines[i + n - 1].Trim();
                if (more.Length == 0 || more.StartsWith('>'))
                    return 0;
                joined += " " + more;
            }
            var end = joined.TrimEnd();
            if (end.EndsWith(':') || end.EndsWith(": ", StringComparison.Ordinal))
                return ReplyHeader().IsMatch(end) ? n : 0;
            if (n == 1 && !ReplyOpener().IsMatch(first))
                return 0;
        }
        return 0;
    }

    private static bool IsOutlookHeaderBlock(string[] lines, int i)
    {
        var first = lines[i].TrimStart('*', ' ', '\t', '>');
        if (first.Length > 400 || !OutlookFrom().IsMatch(first))
            return false;
        var labels = 0;
        for (var k = i + 1; k < lines.Length && k <= i + 8; k++)
        {
            var t = lines[k].TrimStart('*', ' ', '\t', '>');
            if (t.Length == 0)
            {
                if (labels > 0)
                    break;
                continue;
            }
            if (OutlookLabel().IsMatch(t))
                labels++;
        }
        return labels >= 2;
    }

    private static bool IsMobileFooter(string line) => line.Length <= 90 && MobileFooter().IsMatch(line);

    private static ForwardedEmail ReadForwarded(string[] lines, int start)
    {
        EmailAddress? from = null;
        DateTimeOffset? date = null;
        string? subject = null;
        var to = new List<EmailAddress>();
        var i = start;
        while (i < lines.Length && lines[i].Trim().Length == 0)
            i++;
        var sawHeader = false;
        for (; i < lines.Length; i++)
        {
            var t = lines[i].TrimStart('>', ' ', '\t', '*');
            if (t.Length == 0)
            {
                if (sawHeader)
                    break;
                continue;
            }
            var m = ForwardHeader().Match(t);
            if (!m.Success)
            {
                if (sawHeader)
                    break;
                continue;
            }
            sawHeader = true;
            var label = m.Groups[1].Value.ToLowerInvariant().Trim('*', ' ');
            var value = m.Groups[2].Value.Trim('*', ' ');
            // Outlook writes "Name [mailto:a@b]" and "Name <mailto:a@b>".
            value = value.Replace("[mailto:", "<", StringComparison.OrdinalIgnoreCase).Replace("<mailto:", "<", StringComparison.OrdinalIgnoreCase);
            if (value.Contains('<') && !value.Contains('>'))
                value = value.Replace("]", ">");
            else
                value = value.Replace("]", "");
            switch (label)
            {
                case "from" or "von" or "de" or "van" or "da" or "från" or "fra" or "od":
                    from ??= Addresses.Parse(value).FirstOrDefault();
                    break;
                case "date" or "sent" or "datum" or "gesendet" or "envoyé" or "fecha" or "enviado" or "enviada" or "verzonden" or "data" or "inviato" or "skickat" or "sendt":
                    date ??= Dates.Parse(value);
                    break;
                case "subject" or "betreff" or "objet" or "asunto" or "onderwerp" or "oggetto" or "assunto" or "ämne" or "emne":
                    subject ??= value;
                    break;
                case "to" or "an" or "à" or "a" or "para" or "aan" or "till" or "til":
                    to.AddRange(Addresses.Parse(value));
                    break;
            }
        }
        var body = new List<string>();
        for (; i < lines.Length; i++)
        {
            var l = lines[i];
            body.Add(l.StartsWith("> ", StringComparison.Ordinal) ? l[2..] : l.StartsWith('>') ? l[1..] : l);
        }
        return new ForwardedEmail(from, date, subject, to, Join(body.Select(b => b.TrimEnd()).ToList()));
    }

    [GeneratedRegex(@"^\s*(fwd?|fw|wg|tr|rv|doorst|enc|i|vs|vl)\s*(\[\d+\])?\s*:", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ForwardSubject();

    [GeneratedRegex(@"^[-_=*\s]*(forwarded message|begin forwarded message|weitergeleitete nachricht|anfang der weitergeleiteten nachricht|message transféré|début du message réexpédié|message réexpédié|mensaje reenviado|inicio del mensaje reenviado|doorgestuurd bericht|begin doorgestuurd bericht|messaggio inoltrato|inizio messaggio inoltrato|mensagem encaminhada|início da mensagem reencaminhada|forwarded email|original message follows)\s*:?[-_=*\s]*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ForwardMarker();

    [GeneratedRegex(@"^[-_=\s]{2,}\s*(original message|ursprüngliche nachricht|originalnachricht|message d'origine|message d’origine|mensaje original|oorspronkelijk bericht|origineel bericht|messaggio originale|mensagem original|ursprungligt meddelande|original meddelelse|oprindelig meddelelse|alkuperäinen viesti|wiadomość oryginalna)\s*[-_=\s]{2,}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OriginalMessage();

    [GeneratedRegex(@"^(on|am|le|el|op|il|em|den|på|w dniu|dne|в)\s", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReplyOpener();

    // "On <date>, <name> wrote:" and translations; also "<name> wrote:" and "<name> <addr> schrieb am <date>:".
    [GeneratedRegex(@"^((on|am|le|el|op|il|em|den|på|w dniu|dne)\s.{4,250}?(wrote|writes|schrieb|a écrit|a ecrit|escribió|escribio|schreef|heeft geschreven|ha scritto|scrisse|escreveu|skrev|napisał|napsal)(\s+[^\s].{0,120})?|.{1,150}\s(wrote|schrieb|a écrit|escribió|schreef|ha scritto|escreveu|skrev)(\s+(am|le|on|el|op|il|em)\s.{1,80})?)\s*:$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex ReplyHeader();

    [GeneratedRegex(@"^(on|am|le|el|op|il|em)\s.{4,250}?\s(wrote|schrieb|a écrit|escribió|schreef|ha scritto|escreveu):\s{2,}\S", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex InlineReplyHeader();

    [GeneratedRegex(@"^(from|von|de|van|da|från|fra|od)\s*:\s*\S", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OutlookFrom();

    [GeneratedRegex(@"^(sent|date|to|cc|subject|gesendet|datum|an|betreff|envoyé|date|à|objet|enviado|enviada|fecha|para|asunto|verzonden|aan|onderwerp|inviato|data|a|oggetto|assunto|skickat|till|ämne|sendt|til|emne)\s*:", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OutlookLabel();

    [GeneratedRegex(@"^(from|von|de|van|da|från|fra|od|date|sent|datum|gesendet|envoyé|fecha|enviado|enviada|verzonden|data|inviato|skickat|sendt|subject|betreff|objet|asunto|onderwerp|oggetto|assunto|ämne|emne|to|an|à|a|para|aan|till|til|cc|reply-to)\s*:\s*(.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ForwardHeader();

    // Each form is a short line of a few words: "Sent from my work computer the link fails" is a sentence, not a footer.
    [GeneratedRegex(@"^(sent (from|via|with|using) (my |the |\[)?\S+(\s+\S+){0,5}|get outlook for (ios|android)\S*|sent on the go\S*|von meinem \S+(\s+\S+){0,3} gesendet\.?|gesendet (von|mit) \S+(\s+\S+){0,4}|envoyé (de|depuis) (mon|ma|l'application|outlook|yahoo)(\s+\S+){0,4}|enviado (desde|de|do) (mi|meu|o|outlook|yahoo|el)(\s+\S+){0,4}|verzonden (vanaf|met|via) (mijn|outlook|yahoo)(\s+\S+){0,4}|verstuurd (vanaf|met) (mijn|outlook)(\s+\S+){0,4}|inviato (da|dal|dalla|tramite) \S+(\s+\S+){0,4}|skickat från (min|outlook)(\s+\S+){0,4}|sendt fra (min|outlook)(\s+\S+){0,4})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MobileFooter();
}
