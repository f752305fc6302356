using System.Collections.Frozen;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

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

    // For HTML to text only: the text reads a handful of attributes (below), while AngleSharp builds an attribute
    // object for every one it meets and runs observers on some (an image's src and srcset are parsed as URLs):
    // newsletters carry dozens per element (style, width, bgcolor, cellpadding ...). Every other attribute is
    // dropped as it is read; no source positions are needed. The sanitizer keeps the full parser.
    private static readonly ThreadLocal<HtmlParser> TextParser = new(() => new HtmlParser(new HtmlParserOptions
    {
        IsScripting = false,
        IsKeepingSourceReferences = false,
        DisableElementPositionTracking = true,
        ShouldEmitAttribute = (ref token, name) => IsReadForText(name.Span),
    }));

    /// <summary>A document for <see cref="HtmlToText"/>: only the attributes text conversion or the tree needs.</summary>
    public static IHtmlDocument ParseForText(string html) => TextParser.Value!.ParseDocument(html);

    private static readonly FrozenSet<string> TextAttributes = new[]
    {
        // Read by HtmlToText (hidden elements, link targets) and HtmlQuotes (quote and signature containers).
        "style", "hidden", "href", "class", "id", "type",
        // Read by HTML tree construction itself, so the tree stays the one the full parser builds: input type=hidden
        // in tables (type, above), font color/face/size leaving SVG or MathML, annotation-xml encoding, the old
        // isindex element's prompt/action/name, meta charset, declarative shadow roots.
        "color", "face", "size", "encoding", "prompt", "action", "name", "charset", "http-equiv", "content", "shadowrootmode",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> TextAttributeLookup =
        TextAttributes.GetAlternateLookup<ReadOnlySpan<char>>();

    internal static bool IsReadForText(ReadOnlySpan<char> name) => TextAttributeLookup.Contains(name);
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

    /// <summary>
    /// What the HTML parser is given: cut to <see cref="MaxLength"/>, and nested no deeper than
    /// <see cref="HtmlNesting.MaxOpenElements"/> (tree construction is quadratic in the depth of unclosed elements).
    /// </summary>
    public static string Bound(string html, bool forDisplay = false) => HtmlNesting.Bound(Cap(html), forDisplay);

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
