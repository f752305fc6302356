using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Helpdesk.Mail.Mime;

/// <summary>One AngleSharp parser per thread: building one per call costs more than parsing a short mail.</summary>
internal static class HtmlDocuments
{
    private static readonly ThreadLocal<HtmlParser> Parser = new(() => new HtmlParser(new HtmlParserOptions
    {
        IsScripting = false, // noscript content is then parsed as markup and can be dropped like the rest
        IsKeepingSourceReferences = false,
    }));

    public static IHtmlDocument Parse(string html) => Parser.Value!.ParseDocument(html);
}
