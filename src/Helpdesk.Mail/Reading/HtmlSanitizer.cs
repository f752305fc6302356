using AngleSharp.Dom;
using Ganss.Xss;

namespace Helpdesk.Mail.Reading;

/// <summary>What the sanitizer lets through beyond its fixed allow-list.</summary>
public sealed class HtmlSanitizerOptions
{
    public static HtmlSanitizerOptions Default { get; } = new();

    /// <summary>
    /// Load images from the internet. Default false: a remote image tells the sender that (and when, and from
    /// where) an agent opened the mail. Blocked images keep their address in data-blocked-src.
    /// </summary>
    public bool AllowRemoteImages { get; init; }
}

/// <summary>
/// Customer HTML for display, through the HtmlSanitizer package (Ganss.Xss) with the desk's allow-list: known
/// harmless elements and attributes only, http/https/mailto/tel links (opened in a new tab without an opener),
/// images only from the mail itself (cid:, data:image except SVG) unless remote images are allowed, inline CSS
/// that loads nothing. Scripts, handlers, forms, frames, SVG/MathML and styles sheets go with everything inside
/// them; unknown wrappers (o:p, custom tags) go and keep their text. The output is a fragment for the sandboxed
/// frame with its strict CSP, which stays the second wall.
/// </summary>
public static class HtmlSanitizer
{
    // Dropped with everything inside them (the package would keep their text, as it does for unknown wrappers).
    private static readonly HashSet<string> Dropped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math", "form", "input",
        "button", "select", "textarea", "option", "link", "meta", "base", "head", "title", "noscript", "template",
        "audio", "video", "source", "track", "canvas", "portal", "xml", "param", "dialog", "noembed", "noframes",
        "plaintext", "xmp", "isindex", "keygen", "marquee", "bgsound", "layer", "ilayer", "slot",
    };

    private static readonly string[] Tags =
    [
        "a", "abbr", "address", "b", "bdi", "bdo", "big", "blockquote", "br", "caption", "center", "cite", "code", "col",
        "colgroup", "dd", "del", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "font", "h1", "h2", "h3", "h4",
        "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span",
        "strike", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "tt", "u", "ul", "var",
        "wbr", "section", "article", "header", "footer", "main", "nav", "aside", "details", "summary", "time",
    ];

    private static readonly string[] Attributes =
    [
        "style", "title", "dir", "lang", "align", "valign", "width", "height", "bgcolor", "color",
        "href", "name", "src", "alt", "border", "hspace", "vspace", "face", "size", "cellpadding", "cellspacing",
        "summary", "colspan", "rowspan", "nowrap", "abbr", "headers", "scope", "span", "start", "type", "reversed",
        "value", "cite", "datetime", "noshade",
    ];

    // Layout properties only: nothing that positions over the desk's own page or loads a resource.
    private static readonly string[] CssProperties =
    [
        "color", "background-color", "font", "font-family", "font-size", "font-style", "font-weight", "font-variant",
        "text-align", "text-decoration", "text-indent", "text-transform", "line-height", "letter-spacing",
        "word-spacing", "white-space", "vertical-align", "direction", "margin", "margin-top", "margin-right",
        "margin-bottom", "margin-left", "padding", "padding-top", "padding-right", "padding-bottom", "padding-left",
        "border", "border-top", "border-right", "border-bottom", "border-left", "border-color", "border-style",
        "border-width", "border-collapse", "border-spacing", "border-radius", "width", "height", "max-width",
        "min-width", "max-height", "min-height", "display", "list-style-type", "table-layout", "caption-side",
        "empty-cells", "float", "clear", "overflow",
    ];

    private static readonly Ganss.Xss.HtmlSanitizer BlockingRemoteImages = Create(allowRemoteImages: false);
    private static readonly Ganss.Xss.HtmlSanitizer AllowingRemoteImages = Create(allowRemoteImages: true);

    /// <summary>The sanitized fragment. Never throws on any input.</summary>
    public static string Sanitize(string html, HtmlSanitizerOptions? options = null)
    {
        if (string.IsNullOrWhiteSpace(html))
            return string.Empty;
        var sanitizer = options?.AllowRemoteImages == true ? AllowingRemoteImages : BlockingRemoteImages;
        return sanitizer.Sanitize(Flatten(HtmlLimits.Bound(html, forDisplay: true))).Trim();
    }

    private static Ganss.Xss.HtmlSanitizer Create(bool allowRemoteImages)
    {
        var options = new Ganss.Xss.HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(Tags, StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(Attributes, StringComparer.OrdinalIgnoreCase),
            AllowedCssProperties = new HashSet<string>(CssProperties, StringComparer.OrdinalIgnoreCase),
            AllowedSchemes = new HashSet<string>(["http", "https", "mailto", "tel"], StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(["href", "src", "cite"], StringComparer.OrdinalIgnoreCase),
        };
        var sanitizer = new Ganss.Xss.HtmlSanitizer(options) { KeepChildNodes = true };
        sanitizer.RemovingTag += (_, e) =>
        {
            if (!Dropped.Contains(e.Tag.LocalName) && e.Tag.NamespaceUri is null or "http://www.w3.org/1999/xhtml")
                return;
            e.Cancel = true;
            e.Tag.Remove();
        };
        sanitizer.FilterUrl += (_, e) => e.SanitizedUrl = FilterUrl(e.Tag, e.OriginalUrl, e.SanitizedUrl, allowRemoteImages);
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is IElement { LocalName: "a" } a && a.GetAttribute("href") is { } href && !href.TrimStart().StartsWith('#'))
            {
                a.SetAttribute("target", "_blank");
                a.SetAttribute("rel", "noopener noreferrer nofollow");
            }
        };
        return sanitizer;
    }

    // Links keep the package's scheme check; an image source is the desk's call; any other URL (in CSS) loads
    // something from the internet when the frame renders, so it goes.
    private static string? FilterUrl(IElement tag, string url, string? sanitized, bool allowRemoteImages)
    {
        if (tag.LocalName is "a" or "blockquote" or "q" && (tag.GetAttribute("href") == url || tag.GetAttribute("cite") == url))
            return sanitized;
        if (tag.LocalName != "img" || tag.GetAttribute("src") != url)
            return null;
        var u = Squeeze(url);
        if (u.StartsWith("cid:", StringComparison.Ordinal)
            || (u.StartsWith("data:image/", StringComparison.Ordinal) && !u.StartsWith("data:image/svg", StringComparison.Ordinal)))
            return url.Trim();
        if (u.StartsWith("http://", StringComparison.Ordinal) || u.StartsWith("https://", StringComparison.Ordinal) || u.StartsWith("//", StringComparison.Ordinal))
        {
            if (allowRemoteImages && !u.StartsWith("//", StringComparison.Ordinal))
                return sanitized;
            tag.SetAttribute("data-blocked-src", url.Trim());
        }
        return null;
    }

    // Browsers ignore control characters and whitespace inside schemes ("java\tscript:"); so must the check.
    private static string Squeeze(string url) =>
        string.Concat(url.Trim().Where(c => c > ' ' && c != '\u007F').Select(char.ToLowerInvariant));

    // Past this depth the structure is an attack, not layout: keep the words, drop the nesting (also keeps the
    // package's recursive walk far from the stack's end).
    private static string Flatten(string html)
    {
        var document = HtmlDocuments.Parse(html);
        if (document.Body is not { } body)
            return html;
        var tooDeep = new List<IElement>();
        var stack = new Stack<(IElement Element, int Depth)>();
        stack.Push((body, 0));
        while (stack.Count > 0)
        {
            var (e, depth) = stack.Pop();
            if (depth == HtmlLimits.MaxDepth)
            {
                if (e.FirstElementChild is not null)
                    tooDeep.Add(e);
                continue;
            }
            foreach (var child in e.Children)
                stack.Push((child, depth + 1));
        }
        if (tooDeep.Count == 0)
            return html;
        foreach (var e in tooDeep)
            e.TextContent = HtmlLimits.FlatText(e);
        return body.InnerHtml;
    }
}
