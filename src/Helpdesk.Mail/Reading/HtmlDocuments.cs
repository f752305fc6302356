using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using AngleSharp.Html.Parser.Tokens.Struct;

namespace Helpdesk.Mail.Reading;

/// <summary>One AngleSharp parser per thread: building one per call costs more than parsing a short mail.</summary>
internal static class HtmlDocuments
{
    private static readonly ThreadLocal<HtmlParser> Parser = new(() => new HtmlParser(new HtmlParserOptions
    {
        IsScripting = false, // noscript content is then parsed as markup and can be dropped like the rest
        IsKeepingSourceReferences = false,
    }));

    public static IHtmlDocument Parse(string html) => Parser.Value!.ParseDocument(html);

    // For HTML to text only: an image's src/srcset are never read there, while AngleSharp parses them as URLs for
    // each image it builds (about a tenth of the parse on newsletters), and no source positions are needed. The
    // sanitizer keeps the full parser: it needs the sources.
    private static readonly ThreadLocal<HtmlParser> TextParser = new(() => new HtmlParser(new HtmlParserOptions
    {
        IsScripting = false,
        IsKeepingSourceReferences = false,
        DisableElementPositionTracking = true,
        ShouldEmitAttribute = (ref token, name) => !IsImageSource(ref token, name.Span),
    }));

    /// <summary>A document for <see cref="HtmlToText"/>: images without their sources.</summary>
    public static IHtmlDocument ParseForText(string html) => TextParser.Value!.ParseDocument(html);

    private static bool IsImageSource(ref StructHtmlToken token, ReadOnlySpan<char> name) =>
        (name.Equals("src", StringComparison.OrdinalIgnoreCase) || name.Equals("srcset", StringComparison.OrdinalIgnoreCase))
        && token.Name.Memory.Span.Equals("img", StringComparison.OrdinalIgnoreCase);
}

/// <summary>Bounds on HTML work, so one hostile body cannot take the stack or seconds of CPU.</summary>
public static class HtmlLimits
{
    /// <summary>Element nesting walked recursively; deeper content is read as flat text.</summary>
    public const int MaxDepth = 256;

    /// <summary>
    /// Characters of HTML given to the HTML parser (256 Ki): real mail, newsletters included, stays below, since
    /// Gmail clips any HTML body over about 100 KB and senders design for that; a longer body is cut there,
    /// because the parser costs about 60 ms and 25 MiB of garbage per 512 Ki of markup.
    /// </summary>
    public const int MaxLength = 256 * 1024;

    /// <summary>HTML cut to <see cref="MaxLength"/>.</summary>
    public static string Cap(string html) => html.Length <= MaxLength ? html : html[..MaxLength];

    /// <summary>The text of a subtree, collected without recursion.</summary>
    public static string FlatText(INode node)
    {
        var sb = new System.Text.StringBuilder();
        var stack = new Stack<INode>();
        stack.Push(node);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            if (n is IText t)
            {
                sb.Append(t.Data);
                continue;
            }
            if (n is IElement el && el.LocalName is "script" or "style" or "head" or "template")
                continue;
            for (var i = n.ChildNodes.Length - 1; i >= 0; i--)
                stack.Push(n.ChildNodes[i]);
        }
        return sb.ToString();
    }
}
