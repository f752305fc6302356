using System.Text.RegularExpressions;

namespace Helpdesk.Mail.CustomerWords;

/// <summary>
/// What follows a customer's words but is not theirs to say this time: the "-- " signature, phone and app
/// footers ("Sent from my iPhone" and its translations, "Get Outlook for Android"), and legal disclaimers
/// appended by company mail servers.
/// </summary>
internal static partial class Signatures
{
    /// <summary>The signature delimiter ("-- " by RFC 3676; clients and HTML conversion often lose the space).</summary>
    public static bool IsDelimiter(string line) => line is "-- " or "--" or "—" or "-- \u00a0";

    /// <summary>A phone or app footer: a short line, alone, in one of the shapes clients write.</summary>
    public static bool IsFooter(string trimmed)
    {
        if (trimmed.Length is < 6 or > 140)
            return false;
        // Outlook mobile writes "Get Outlook for Android<https://aka.ms/...>"; HTML conversion writes "(https://...)".
        var cut = trimmed.IndexOf("<http", StringComparison.OrdinalIgnoreCase);
        if (cut < 0)
            cut = trimmed.IndexOf(" (http", StringComparison.OrdinalIgnoreCase);
        var line = cut > 0 ? trimmed[..cut].TrimEnd() : trimmed;
        return line.Length <= 90 && Footer().IsMatch(line);
    }

    /// <summary>
    /// Removes the signature and footers from the end of <paramref name="kept"/>: everything from a "-- " line,
    /// footers among the last few lines, and a trailing legal disclaimer. True when anything went.
    /// </summary>
    public static bool Trim(List<string> kept)
    {
        var removed = false;
        for (var i = 0; i < kept.Count; i++)
        {
            if (IsDelimiter(kept[i]) && HasWordsBefore(kept, i))
            {
                kept.RemoveRange(i, kept.Count - i);
                removed = true;
                break;
            }
        }
        // Footers sit at the end, after the words; look at the last few non-empty lines only.
        var seen = 0;
        for (var i = kept.Count - 1; i >= 0 && seen < 4; i--)
        {
            var t = kept[i].Trim();
            if (t.Length == 0)
                continue;
            seen++;
            if (IsFooter(t))
            {
                kept.RemoveRange(i, kept.Count - i);
                removed = true;
                seen = 0;
            }
        }
        return TrimDisclaimer(kept) || removed;
    }

    private static bool HasWordsBefore(List<string> kept, int index)
    {
        for (var i = 0; i < index; i++)
            if (!string.IsNullOrWhiteSpace(kept[i]))
                return true;
        return false;
    }

    /// <summary>A closing paragraph that is a confidentiality notice: long, and made of the words such notices use.</summary>
    private static bool TrimDisclaimer(List<string> kept)
    {
        // Find the start of the last paragraph.
        var end = kept.Count - 1;
        while (end >= 0 && string.IsNullOrWhiteSpace(kept[end]))
            end--;
        if (end < 0)
            return false;
        var start = end;
        while (start > 0 && !string.IsNullOrWhiteSpace(kept[start - 1]))
            start--;
        if (start == 0)
            return false; // the customer's only paragraph is never a disclaimer
        var length = 0;
        for (var i = start; i <= end; i++)
            length += kept[i].Length + 1;
        if (length < 120)
            return false;
        var paragraph = string.Join(" ", kept.GetRange(start, end - start + 1));
        if (!HasTwoDisclaimerWords(paragraph))
            return false;
        kept.RemoveRange(start, kept.Count - start);
        return true;
    }

    // The regex's words found by one vectorized search first: most last paragraphs hold none, and the regex (an
    // alternation whose first letters are half the alphabet) costs several times more than the search. Compared
    // without case, the search finds every place the regex could match, except through the Kelvin sign, which
    // the regex takes for "k" and the search does not: text with one goes to the regex directly.
    private static readonly System.Buffers.SearchValues<string> DisclaimerHints = System.Buffers.SearchValues.Create(
        ["confidential", "intended recipient", "privileged", "unauthorised", "unauthorized", "vertraulich", "irrtümlich", "adressat",
         "confidentiel", "destinataire", "destinatario", "confidencial", "esclusivament", "mittente", "geadresseerde", "vertrouwelijk",
         "destinatari", "riservat", "per errore", "poufn", "adresat", "konfidentiell", "mottagare", "luottamuksellinen", "fortrolig",
         "modtager", "конфиденциальн", "адресат", "機密", "保密", "disclaimer", "aviso legal", "ten onrechte", "par erreur"],
        StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether <see cref="DisclaimerWords"/> matches at least twice.</summary>
    internal static bool HasTwoDisclaimerWords(string paragraph)
    {
        if (paragraph.AsSpan().IndexOfAny(DisclaimerHints) < 0 && !paragraph.Contains('\u212A'))
            return false;
        var first = DisclaimerWords().Match(paragraph);
        return first.Success && first.NextMatch().Success;
    }

    // Each form is a short line of a few words: "Sent from my work computer the link fails" is a sentence, not a footer.
    [GeneratedRegex(@"^(sent (from|via|with|using) (my |the |\[)?\S+(\s+\S+){0,5}|sent with proton mail( secure email)?\.?|get outlook for (ios|android)|sent on the go\S*"
        + @"|von meinem \S+(\s+\S+){0,3} gesendet\.?|gesendet (von|mit) \S+(\s+\S+){0,4}|outlook für (ios|android) herunterladen"
        + @"|envoyé (de|depuis|à partir de) (mon|ma|l'application|outlook|yahoo)(\s+\S+){0,4}|obtenir outlook pour (ios|android)"
        + @"|enviado (desde|de|do) (mi|meu|o|outlook|yahoo|el)(\s+\S+){0,4}|obtener outlook para (ios|android)|obter o outlook para (ios|android)"
        + @"|(verstuurd|verzonden) (vanaf|met|via) (mijn|outlook|yahoo)(\s+\S+){0,4}|outlook voor (ios|android) downloaden"
        + @"|inviato (da|dal|dalla|tramite) \S+(\s+\S+){0,4}|scarica outlook per (ios|android)"
        + @"|wysłan[eo] z (mojego |mojej )?\S+(\s+\S+){0,3}|pobierz (aplikację )?outlook dla (systemu )?(ios|android)"
        + @"|skickat från (min|mitt|outlook)(\s+\S+){0,4}|hämta outlook för (ios|android)"
        + @"|lähetetty \S+(\s+\S+){0,3}|hanki outlook (iosille|androidille)"
        + @"|sendt fra (min|mitt|outlook)(\s+\S+){0,4}|last ned outlook for (ios|android)|hent outlook til (ios|android)"
        + @"|отправлено (с|из) \S+(\s+\S+){0,3}|скачайте outlook для (ios|android)"
        + @"|\S{2,20}から送信|(ios|android) 版 outlook を入手|发自我的\S{2,20}|从我的\S{2,20}发送|從我的 ?\S{2,20}傳送|获取 (ios|android) 版 outlook)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Footer();

    [GeneratedRegex(@"confidential|intended recipient|privileged|unauthori[sz]ed|vertraulich|irrtümlich|adressat|confidentiel|destinataire"
        + @"|destinatario|confidencial|esclusivament|mittente|geadresseerde|vertrouwelijk|destinatari|riservat|per errore|poufn|adresat|konfidentiell|mottagare"
        + @"|luottamuksellinen|fortrolig|modtager|конфиденциальн|адресат|機密|保密|disclaimer|aviso legal|ten onrechte|par erreur",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    internal static partial Regex DisclaimerWords();
}
