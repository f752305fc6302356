using System.Net;
using System.Text;
using AngleSharp.Dom;

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
/// HTML for display, rebuilt from an allow-list: only known harmless elements and attributes are written back,
/// every URL is checked against a scheme list, inline CSS is filtered declaration by declaration. Scripts, event
/// handlers, forms, frames, SVG/MathML, javascript:/vbscript:/data: links and CSS expressions never survive.
/// The output is a fragment (what was inside body), meant for a sandboxed frame.
/// </summary>
public static class HtmlSanitizer
{
    // Dropped with everything inside them.
    private static readonly HashSet<string> Dropped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math", "form", "input",
        "button", "select", "textarea", "option", "link", "meta", "base", "head", "title", "noscript", "template",
        "audio", "video", "source", "track", "canvas", "portal", "xml", "param", "dialog", "noembed", "noframes",
        "plaintext", "xmp", "isindex", "keygen", "marquee", "bgsound", "layer", "ilayer", "slot",
    };

    private static readonly HashSet<string> Allowed = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "abbr", "address", "b", "bdi", "bdo", "big", "blockquote", "br", "caption", "center", "cite", "code", "col",
        "colgroup", "dd", "del", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "font", "h1", "h2", "h3", "h4",
        "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span",
        "strike", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "tt", "u", "ul", "var",
        "wbr", "section", "article", "header", "footer", "main", "nav", "aside", "details", "summary", "time",
    };

    private static readonly HashSet<string> Void = new(StringComparer.OrdinalIgnoreCase) { "br", "hr", "img", "col", "wbr" };

    private static readonly HashSet<string> GlobalAttributes = new(StringComparer.OrdinalIgnoreCase)
    {
        "style", "title", "dir", "lang", "align", "valign", "width", "height", "bgcolor", "color",
    };

    private static readonly Dictionary<string, string[]> ElementAttributes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["a"] = ["href", "name"],
        ["img"] = ["src", "alt", "border", "hspace", "vspace"],
        ["font"] = ["face", "size"],
        ["table"] = ["border", "cellpadding", "cellspacing", "summary"],
        ["td"] = ["colspan", "rowspan", "nowrap", "abbr", "headers", "scope"],
        ["th"] = ["colspan", "rowspan", "nowrap", "abbr", "headers", "scope"],
        ["col"] = ["span"],
        ["colgroup"] = ["span"],
        ["ol"] = ["start", "type", "reversed"],
        ["ul"] = ["type"],
        ["li"] = ["value", "type"],
        ["blockquote"] = ["cite"],
        ["q"] = ["cite"],
        ["time"] = ["datetime"],
        ["hr"] = ["size", "noshade"],
    };

    private static readonly string[] CssForbidden =
    [
        "expression", "javascript:", "vbscript:", "behavior", "-moz-binding", "@import", "\\", "url(", "image-set(",
        "position", "<", "&#",
    ];

    /// <summary>The sanitized fragment. Never throws on any input.</summary>
    public static string Sanitize(string html, HtmlSanitizerOptions? options = null)
    {
        if (string.IsNullOrWhiteSpace(html))
            return string.Empty;
        options ??= HtmlSanitizerOptions.Default;
        var document = HtmlDocuments.Parse(HtmlLimits.Cap(html));
        var sb = new StringBuilder(html.Length);
        var root = (INode?)document.Body ?? document.DocumentElement;
        WriteChildren(root, sb, options, 0);
        return sb.ToString().Trim();
    }

    private static void WriteChildren(INode node, StringBuilder sb, HtmlSanitizerOptions options, int depth)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText text:
                    sb.Append(WebUtility.HtmlEncode(text.Data));
                    break;
                case IElement element:
                    WriteElement(element, sb, options, depth);
                    break;
                // Comments (conditional comments included) and processing instructions are dropped.
            }
        }
    }

    private static void WriteElement(IElement e, StringBuilder sb, HtmlSanitizerOptions options, int depth)
    {
        var name = e.LocalName;
        if (Dropped.Contains(name) || e.NamespaceUri is not null && e.NamespaceUri != "http://www.w3.org/1999/xhtml")
            return;
        if (depth > HtmlLimits.MaxDepth)
        {
            // Past this depth the structure is an attack, not layout: keep the words, drop the nesting.
            sb.Append(WebUtility.HtmlEncode(HtmlLimits.FlatText(e)));
            return;
        }
        if (!Allowed.Contains(name))
        {
            // Unknown wrappers (o:p, body, html, custom tags): keep what is inside.
            WriteChildren(e, sb, options, depth + 1);
            return;
        }
        sb.Append('<').Append(name);
        ElementAttributes.TryGetValue(name, out var specific);
        var keptHref = false;
        foreach (var attr in e.Attributes)
        {
            var an = attr.LocalName.ToLowerInvariant();
            if (!GlobalAttributes.Contains(an) && (specific is null || Array.IndexOf(specific, an) < 0))
                continue;
            var value = attr.Value;
            switch (an)
            {
                case "href":
                    if (!IsSafeLink(value))
                        continue;
                    keptHref = true;
                    break;
                case "cite":
                    if (!IsSafeLink(value))
                        continue;
                    break;
                case "src":
                    var src = ImageSource(value, options);
                    if (src.Blocked is not null)
                    {
                        sb.Append(" data-blocked-src=\"").Append(WebUtility.HtmlEncode(src.Blocked)).Append('"');
                        continue;
                    }
                    if (src.Value is null)
                        continue;
                    value = src.Value;
                    break;
                case "style":
                    value = FilterCss(value);
                    if (value.Length == 0)
                        continue;
                    break;
            }
            sb.Append(' ').Append(an).Append("=\"").Append(WebUtility.HtmlEncode(value)).Append('"');
        }
        if (keptHref && !IsInPageLink(e))
            sb.Append(" target=\"_blank\" rel=\"noopener noreferrer nofollow\"");
        sb.Append('>');
        if (Void.Contains(name))
            return;
        WriteChildren(e, sb, options, depth + 1);
        sb.Append("</").Append(name).Append('>');
    }

    private static bool IsInPageLink(IElement a) => a.GetAttribute("href")?.TrimStart().StartsWith('#') == true;

    /// <summary>True for http, https, mailto, tel and in-page (#) links; false for every script-capable scheme.</summary>
    public static bool IsSafeLink(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
            return false;
        var u = Normalize(url);
        if (u.StartsWith('#'))
            return true;
        return u.StartsWith("http://", StringComparison.Ordinal) || u.StartsWith("https://", StringComparison.Ordinal)
            || u.StartsWith("mailto:", StringComparison.Ordinal) || u.StartsWith("tel:", StringComparison.Ordinal);
    }

    // Browsers ignore control characters and whitespace inside schemes ("java\tscript:"); so must the check.
    private static string Normalize(string url)
    {
        var sb = new StringBuilder(url.Length);
        foreach (var c in url.Trim())
            if (c > ' ' && c != '\u007F')
                sb.Append(char.ToLowerInvariant(c));
        return sb.ToString();
    }

    private static (string? Value, string? Blocked) ImageSource(string url, HtmlSanitizerOptions options)
    {
        var u = Normalize(url);
        if (u.StartsWith("cid:", StringComparison.Ordinal))
            return (url.Trim(), null);
        if (u.StartsWith("data:image/", StringComparison.Ordinal) && !u.StartsWith("data:image/svg", StringComparison.Ordinal))
            return (url.Trim(), null);
        if (u.StartsWith("http://", StringComparison.Ordinal) || u.StartsWith("https://", StringComparison.Ordinal) || u.StartsWith("//", StringComparison.Ordinal))
            return options.AllowRemoteImages && !u.StartsWith("//", StringComparison.Ordinal) ? (url.Trim(), null) : (null, url.Trim());
        return (null, null);
    }

    /// <summary>Keeps the inline CSS declarations that can neither run code nor load anything.</summary>
    public static string FilterCss(string css)
    {
        var sb = new StringBuilder();
        foreach (var declaration in css.Split(';'))
        {
            var colon = declaration.IndexOf(':');
            if (colon <= 0)
                continue;
            var property = declaration[..colon].Trim().ToLowerInvariant();
            var value = declaration[(colon + 1)..].Trim();
            if (property.Length == 0 || value.Length == 0 || !property.All(c => char.IsAsciiLetter(c) || c == '-'))
                continue;
            var check = Normalize(property + ":" + value);
            if (CssForbidden.Any(f => check.Contains(f, StringComparison.Ordinal)))
                continue;
            if (sb.Length > 0)
                sb.Append("; ");
            sb.Append(property).Append(": ").Append(value);
        }
        return sb.ToString();
    }
}
