using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace Helpdesk.Mail.CustomerWords;

/// <summary>The field a header label names, in whichever language the client wrote it.</summary>
internal enum HeaderField
{
    From,
    Date,
    To,
    Cc,
    Subject,
    ReplyTo,
}

/// <summary>
/// The lines a mail client writes above a quote: the attribution ("On … wrote:", "Am … schrieb …:",
/// "… napisał(a):", "… 写道：", Gmail's verb-less "пт, 20 нояб. 2026 г. в 10:15, Name &lt;addr&gt;:"), possibly
/// wrapped over two or three lines, and Outlook's header block ("From: / Sent: / To: / Subject:" in the client's
/// language). One table per idea, so adding a language is adding words, not code.
/// </summary>
internal static partial class QuoteHeaders
{
    /// <summary>The verbs (and verb phrases) of attribution lines, lower case.</summary>
    private static readonly string[] WroteWords =
    [
        "wrote", "writes", "schrieb", "geschrieben", "a écrit", "a ecrit", "escribió", "escribio", "schreef", "geschreven",
        "ha scritto", "scrisse", "escreveu", "escribiu", "napisał", "napisala", "napisała", "napisana", "pisze", "skrev", "kirjoitti",
        "написал", "написала", "пишет", "写道", "寫道", "のメール", "のメッセージ", "が書きました", "napsal", "írta",
    ];

    /// <summary>Attributions without a verb that name the quoted author ("Quoting X:", Horde and friends).</summary>
    private static readonly string[] QuotingOpeners = ["quoting ", "zitat von ", "citando ", "citation de ", "cytuję ", "citerar "];

    /// <summary>Words an attribution starts with, so a wrapped first line can be recognised before its colon.</summary>
    private static readonly string[] Openers =
    [
        "on ", "am ", "le ", "el ", "op ", "il ", "il giorno ", "em ", "no dia ", "às ", "w dniu ", "den ", "dne ", "в ", "wiadomość napisana",
    ];

    private static readonly FrozenDictionary<string, HeaderField> Labels = new Dictionary<string, HeaderField>
    {
        // From
        ["from"] = HeaderField.From, ["von"] = HeaderField.From, ["de"] = HeaderField.From, ["van"] = HeaderField.From,
        ["da"] = HeaderField.From, ["från"] = HeaderField.From, ["fra"] = HeaderField.From, ["od"] = HeaderField.From,
        ["lähettäjä"] = HeaderField.From, ["от"] = HeaderField.From, ["差出人"] = HeaderField.From, ["发件人"] = HeaderField.From,
        ["寄件者"] = HeaderField.From, ["remitente"] = HeaderField.From, ["expéditeur"] = HeaderField.From, ["afzender"] = HeaderField.From,
        // Date / Sent
        ["sent"] = HeaderField.Date, ["date"] = HeaderField.Date, ["gesendet"] = HeaderField.Date, ["datum"] = HeaderField.Date,
        ["envoyé"] = HeaderField.Date, ["envoyé le"] = HeaderField.Date, ["enviado el"] = HeaderField.Date, ["enviado"] = HeaderField.Date,
        ["enviada"] = HeaderField.Date, ["fecha"] = HeaderField.Date, ["verzonden"] = HeaderField.Date, ["inviato"] = HeaderField.Date,
        ["data"] = HeaderField.Date, ["wysłano"] = HeaderField.Date, ["wysłane"] = HeaderField.Date, ["skickat"] = HeaderField.Date,
        ["lähetetty"] = HeaderField.Date, ["päivämäärä"] = HeaderField.Date, ["sendt"] = HeaderField.Date, ["dato"] = HeaderField.Date,
        ["отправлено"] = HeaderField.Date, ["дата"] = HeaderField.Date, ["送信日時"] = HeaderField.Date, ["日時"] = HeaderField.Date,
        ["发送时间"] = HeaderField.Date, ["日期"] = HeaderField.Date, ["時間"] = HeaderField.Date, ["傳送時間"] = HeaderField.Date,
        // To
        ["to"] = HeaderField.To, ["an"] = HeaderField.To, ["à"] = HeaderField.To, ["a"] = HeaderField.To, ["para"] = HeaderField.To,
        ["aan"] = HeaderField.To, ["do"] = HeaderField.To, ["till"] = HeaderField.To, ["vastaanottaja"] = HeaderField.To,
        ["til"] = HeaderField.To, ["кому"] = HeaderField.To, ["宛先"] = HeaderField.To, ["收件人"] = HeaderField.To, ["收件者"] = HeaderField.To,
        // Cc
        ["cc"] = HeaderField.Cc, ["kopie"] = HeaderField.Cc, ["copie"] = HeaderField.Cc, ["dw"] = HeaderField.Cc, ["kopia"] = HeaderField.Cc,
        ["kopio"] = HeaderField.Cc, ["kopi"] = HeaderField.Cc, ["копия"] = HeaderField.Cc, ["抄送"] = HeaderField.Cc, ["副本"] = HeaderField.Cc,
        // Subject
        ["subject"] = HeaderField.Subject, ["betreff"] = HeaderField.Subject, ["objet"] = HeaderField.Subject, ["asunto"] = HeaderField.Subject,
        ["onderwerp"] = HeaderField.Subject, ["oggetto"] = HeaderField.Subject, ["assunto"] = HeaderField.Subject, ["temat"] = HeaderField.Subject,
        ["ämne"] = HeaderField.Subject, ["aihe"] = HeaderField.Subject, ["emne"] = HeaderField.Subject, ["тема"] = HeaderField.Subject,
        ["件名"] = HeaderField.Subject, ["主题"] = HeaderField.Subject, ["主旨"] = HeaderField.Subject,
        // Reply-To
        ["reply-to"] = HeaderField.ReplyTo, ["antwort an"] = HeaderField.ReplyTo, ["répondre à"] = HeaderField.ReplyTo,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// How many lines (1-3) an attribution spans starting at <paramref name="i"/>, or 0. A header that does
    /// not carry its own proof (a verb with a date or an address) counts only when a "&gt;" quote follows it.
    /// </summary>
    public static int AttributionLength(string[] lines, int i)
    {
        // Cheap first: an attribution ends in a colon within three lines (or is Yahoo's "wrote:  text" line).
        var span = lines[i].AsSpan().Trim();
        if (span.IsEmpty || span[0] == '>' || span.Length > 400)
            return 0;
        var colonAt = EndsWithColon(span) ? 1
            : i + 1 < lines.Length && EndsWithColon(lines[i + 1].AsSpan().TrimEnd()) ? 2
            : i + 2 < lines.Length && EndsWithColon(lines[i + 2].AsSpan().TrimEnd()) ? 3
            : 0;
        if (colonAt == 0)
            return span.IndexOf(":  ", StringComparison.Ordinal) > 0 && InlineAttribution().IsMatch(span) ? 1 : 0;
        var first = span.ToString();
        if (colonAt == 1)
            return IsAttribution(first, QuoteFollows(lines, i + 1)) ? 1 : 0;
        // Only an attribution's own first line is worth joining: "Thanks" above "On … wrote:" is not one.
        if (first.Length > 200 || !LooksLikeStart(first))
            return 0;
        var joined = first;
        for (var n = 2; n <= colonAt; n++)
        {
            var previous = lines[i + n - 2].TrimEnd();
            var more = lines[i + n - 1].Trim();
            // A wrapped attribution continues an unfinished line; a sentence that ended does not.
            if (more.Length == 0 || more[0] == '>' || more.Length > 200 || previous.EndsWith('.') || previous.EndsWith('!') || previous.EndsWith('?'))
                return 0;
            joined += " " + more;
        }
        return IsAttribution(joined, QuoteFollows(lines, i + colonAt)) ? colonAt : 0;
    }

    private static bool EndsWithColon(ReadOnlySpan<char> s) => !s.IsEmpty && s[^1] is ':' or '：';

    /// <summary>Whether the next non-empty line is a "&gt;" quote.</summary>
    public static bool QuoteFollows(string[] lines, int from)
    {
        for (var k = from; k < lines.Length; k++)
        {
            var t = lines[k].AsSpan().TrimStart();
            if (t.IsEmpty)
                continue;
            return t[0] == '>';
        }
        return false;
    }

    internal static bool IsAttribution(string text, bool quoteFollows)
    {
        if (text.Length > 400)
            return false;
        var lower = text.ToLowerInvariant();
        var hasVerb = false;
        foreach (var w in WroteWords)
        {
            if (lower.Contains(w, StringComparison.Ordinal))
            {
                hasVerb = true;
                break;
            }
        }
        var hasAddress = lower.Contains('@') && AddressLike().IsMatch(lower);
        var hasDate = DateLike().IsMatch(lower);
        if (hasVerb && (hasAddress || hasDate || quoteFollows || StartsWithOpener(lower)))
            return true;
        foreach (var q in QuotingOpeners)
            if (lower.StartsWith(q, StringComparison.Ordinal) && (hasAddress || quoteFollows))
                return true;
        // Mutt: "* Name <addr> [2026-11-20 10:15 +0100]:".
        if (lower.StartsWith("* ", StringComparison.Ordinal) && hasAddress && lower.TrimEnd(':', ' ').EndsWith(']'))
            return true;
        // Gmail in Russian, Japanese and others writes no verb: "<date>, <name> <addr>:".
        return hasAddress && hasDate && quoteFollows;
    }

    private static bool LooksLikeStart(string line)
    {
        var lower = line.ToLowerInvariant();
        return StartsWithOpener(lower) || lower.Contains('@') || lower.EndsWith('<') || DateLike().IsMatch(lower);
    }

    private static bool StartsWithOpener(string lower)
    {
        foreach (var o in Openers)
            if (lower.StartsWith(o, StringComparison.Ordinal))
                return true;
        return false;
    }

    /// <summary>
    /// The field a "Label: value" line names, or null. Labels end in ":" (French puts a space before it, Chinese
    /// clients write "："); Outlook for Mac's plain text wraps them in "*".
    /// </summary>
    public static HeaderField? Label(ReadOnlySpan<char> line, out ReadOnlySpan<char> value)
    {
        value = default;
        var t = line.TrimStart(" \t>*\u00a0");
        var colon = t.IndexOfAny(':', '：');
        if (colon <= 0 || colon > 24)
            return null;
        var label = t[..colon].Trim(" \t*\u00a0");
        if (label.IsEmpty)
            return null;
        var lookup = Labels.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(label, out var field))
            return null;
        value = t[(colon + 1)..].Trim(" \t*\u00a0");
        return field;
    }

    /// <summary>Outlook's block: a From line, then at least two more labels before a blank line.</summary>
    public static bool IsHeaderBlock(string[] lines, int i)
    {
        var first = lines[i].AsSpan();
        if (first.Length > 400 || Label(first, out var value) != HeaderField.From || value.IsEmpty)
            return false;
        var labels = 0;
        for (var k = i + 1; k < lines.Length && k <= i + 8; k++)
        {
            var t = lines[k].AsSpan().Trim(" \t>");
            if (t.IsEmpty)
            {
                if (labels > 0)
                    break;
                continue;
            }
            if (Label(t, out _) is { } f && f != HeaderField.From)
                labels++;
        }
        return labels >= 2;
    }

    // Yahoo's HTML puts the attribution and the first quoted line on one line: "On ... wrote:   Hello Maureen,".
    [GeneratedRegex(@"^(on|am|le|el|op|il|em)\s.{4,250}?\s(wrote|schrieb|a écrit|escribió|schreef|ha scritto|escreveu):\s{2,}\S", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex InlineAttribution();

    [GeneratedRegex(@"[\w.+-]@\s*[\w-]+(\.[\w-]+)+|<\s*[\w.+-]+@", RegexOptions.CultureInvariant)]
    private static partial Regex AddressLike();

    [GeneratedRegex(@"\d{1,2}[:.h]\d{2}|\d{4}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d+年", RegexOptions.CultureInvariant)]
    private static partial Regex DateLike();
}
