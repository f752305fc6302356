using AngleSharp.Dom;

namespace Helpdesk.Mail.CustomerWords;

/// <summary>What reply trimming makes of an element of an HTML body.</summary>
internal enum HtmlQuoteRole
{
    /// <summary>Old text: written as "&gt; " lines, so trimming drops it and keeps what stands below it.</summary>
    Quote,

    /// <summary>A signature container: not written at all.</summary>
    Drop,
}

/// <summary>
/// Finds the quote and signature containers clients put in HTML replies, where the markup says more than the
/// text will: Gmail's <c>gmail_quote</c> and <c>gmail_signature</c>, Yahoo's <c>yahoo_quoted</c>, Thunderbird's
/// <c>moz-cite-prefix</c> and <c>moz-signature</c>, Outlook's <c>divRplyFwdMsg</c> (the header, and the old
/// mail that follows it as siblings), Apple's <c>blockquote type=cite</c>, the mobile apps' signature blocks.
/// Used only when the HTML part is what the desk reads (no plain alternative).
/// </summary>
internal static class HtmlQuotes
{
    private static readonly string[] Markers =
    [
        "gmail_quote", "gmail_signature", "yahoo_quoted", "moz-cite-prefix", "moz-signature", "divRplyFwdMsg", "type=\"cite\"", "type=cite", "type='cite'",
        "ms-outlook-mobile-signature", "composer_signature", "ymail_android_signature", "AppleMailSignature",
    ];

    private const string QuoteSelector = ".gmail_quote, .yahoo_quoted, .moz-cite-prefix, blockquote[type=cite]";

    private const string DropSelector = ".gmail_signature, .gmail_signature_prefix, .moz-signature, #ms-outlook-mobile-signature, "
        + "#composer_signature, #ymail_android_signature, #AppleMailSignature, #Signature";

    /// <summary>A cheap look at the markup before any parsing: false means no container can be there.</summary>
    public static bool MayHaveContainers(string html)
    {
        foreach (var m in Markers)
            if (html.Contains(m, StringComparison.OrdinalIgnoreCase))
                return true;
        return false;
    }

    /// <summary>The containers of <paramref name="document"/> and their roles, or null when it has none.</summary>
    public static Dictionary<INode, HtmlQuoteRole>? Find(IDocument document)
    {
        Dictionary<INode, HtmlQuoteRole>? roles = null;
        void Mark(INode node, HtmlQuoteRole role) => (roles ??= [])[node] = role;

        foreach (var e in document.QuerySelectorAll(QuoteSelector))
            Mark(e, HtmlQuoteRole.Quote);
        foreach (var e in document.QuerySelectorAll(DropSelector))
            Mark(e, HtmlQuoteRole.Drop);
        // Outlook on the web and new Outlook: the header div, then the old mail as its following siblings.
        if (document.GetElementById("divRplyFwdMsg") is { } header)
        {
            for (INode? n = header; n is not null; n = n.NextSibling)
                Mark(n, HtmlQuoteRole.Quote);
        }
        return roles;
    }
}
