using System.Text;
using AngleSharp.Dom;
using Helpdesk.Mail.CustomerWords;

namespace Helpdesk.Mail.Reading;

/// <summary>
/// HTML mail to readable plain text: paragraphs become blank lines, list items get "- " or "1. ",
/// links keep their address ("text (https://...)"), blockquotes become "> " lines so reply trimming can see
/// them, tables become lines of cells; scripts, styles and images leave nothing.
/// </summary>
public static class HtmlToText
{
    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "head", "title", "template", "noscript", "svg", "math", "object", "iframe", "embed", "applet",
        "select", "button", "input", "textarea", "map", "audio", "video", "canvas", "frameset", "frame",
    };

    private static readonly HashSet<string> Paragraphs = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "dl", "pre", "blockquote", "address", "figure",
    };

    private static readonly HashSet<string> Lines = new(StringComparer.OrdinalIgnoreCase)
    {
        "div", "tr", "li", "dt", "dd", "section", "article", "header", "footer", "nav", "aside", "main", "center",
        "form", "fieldset", "legend", "caption", "hr", "thead", "tbody", "tfoot", "details", "summary", "figcaption",
        "o:p",
    };

    /// <summary>Converts an HTML document or fragment to text with "\n" line breaks.</summary>
    public static string Convert(string html)
    {
        if (string.IsNullOrWhiteSpace(html))
            return string.Empty;
        var document = HtmlDocuments.ParseForText(HtmlLimits.Bound(html));
        var writer = new Writer(null);
        writer.Walk(document.Body ?? (INode)document.DocumentElement);
        return writer.ToString();
    }

    /// <summary>
    /// The text, and the text for reply trimming when the HTML has quote or signature containers
    /// (<see cref="HtmlQuotes"/>): quotes written as "&gt; " lines, signatures left out. One parse for both.
    /// </summary>
    internal static (string Text, string? Words) ConvertWithWords(string html)
    {
        if (string.IsNullOrWhiteSpace(html))
            return (string.Empty, null);
        var document = HtmlDocuments.ParseForText(HtmlLimits.Bound(html));
        var root = document.Body ?? (INode)document.DocumentElement;
        var writer = new Writer(null);
        writer.Walk(root);
        var text = writer.ToString();
        if (!HtmlQuotes.MayHaveContainers(html) || HtmlQuotes.Find(document) is not { } roles)
            return (text, null);
        var words = new Writer(roles);
        words.Walk(root);
        return (text, words.ToString());
    }

    private sealed class Writer(Dictionary<INode, HtmlQuoteRole>? roles)
    {
        private readonly StringBuilder _sb = new();
        private int _pendingBreaks;   // line breaks owed before the next text
        private int _pendingBreakDepth; // quote depth for blank lines among them (the shallowest since they were owed)
        private bool _pendingSpace;
        private bool _atLineStart = true;
        private int _quoteDepth;
        private int _preDepth;
        private readonly Stack<int> _lists = new(); // -1 for ul, counter for ol

        private int _depth;

        public void Walk(INode node)
        {
            // Hostile mail nests thousands of elements; past a depth no layout survives anyway, so read the rest
            // as plain text without recursing (which would overflow the stack).
            if (_depth > HtmlLimits.MaxDepth)
            {
                AppendText(HtmlLimits.FlatText(node));
                return;
            }
            _depth++;
            try
            {
                WalkChildren(node);
            }
            finally
            {
                _depth--;
            }
        }

        private void WalkChildren(INode node)
        {
            foreach (var child in node.ChildNodes)
            {
                if (roles is not null && roles.TryGetValue(child, out var role))
                {
                    if (role == HtmlQuoteRole.Drop)
                        continue;
                    Break(1);
                    _quoteDepth++;
                    Visit(child);
                    _quoteDepth--;
                    Break(1);
                    continue;
                }
                Visit(child);
            }
        }

        private void Visit(INode child)
        {
            {
                switch (child)
                {
                    case IText text:
                        AppendText(text.Data);
                        break;
                    case IElement element:
                        VisitElement(element);
                        break;
                }
            }
        }

        private void VisitElement(IElement e)
        {
            var name = e.LocalName;
            if (Skipped.Contains(name) || IsHidden(e))
                return;
            switch (name)
            {
                case "br":
                    _pendingSpace = false;
                    NewLine(force: true);
                    return;
                case "img":
                    return;
                case "a":
                    Walk(e);
                    AppendLinkTarget(e);
                    return;
                case "blockquote":
                    Break(2);
                    _quoteDepth++;
                    Walk(e);
                    _quoteDepth--;
                    Break(2);
                    return;
                case "pre":
                    Break(2);
                    _preDepth++;
                    Walk(e);
                    _preDepth--;
                    Break(2);
                    return;
                case "ul" or "ol":
                    Break(_lists.Count == 0 ? 2 : 1);
                    _lists.Push(name == "ol" ? 1 : -1);
                    Walk(e);
                    _lists.Pop();
                    Break(_lists.Count == 0 ? 2 : 1);
                    return;
                case "li":
                    Break(1);
                    var marker = "- ";
                    if (_lists.Count > 0 && _lists.Peek() > 0)
                    {
                        var n = _lists.Pop();
                        marker = n + ". ";
                        _lists.Push(n + 1);
                    }
                    AppendRaw(new string(' ', Math.Max(0, _lists.Count - 1) * 2) + marker);
                    Walk(e);
                    Break(1);
                    return;
                case "td" or "th":
                    _pendingSpace = true;
                    Walk(e);
                    _pendingSpace = true;
                    return;
            }
            if (Paragraphs.Contains(name))
            {
                Break(2);
                Walk(e);
                Break(2);
                return;
            }
            if (Lines.Contains(name))
            {
                Break(1);
                Walk(e);
                Break(1);
                return;
            }
            Walk(e);
        }

        private static bool IsHidden(IElement e)
        {
            var style = e.GetAttribute("style");
            if (style is null)
                return e.HasAttribute("hidden");
            // Tracking pixels and preheader text hide themselves this way.
            var compact = style.Replace(" ", "", StringComparison.Ordinal);
            return compact.Contains("display:none", StringComparison.OrdinalIgnoreCase)
                || compact.Contains("visibility:hidden", StringComparison.OrdinalIgnoreCase);
        }

        private void AppendLinkTarget(IElement a)
        {
            var href = a.GetAttribute("href")?.Trim();
            if (string.IsNullOrEmpty(href))
                return;
            var isWeb = href.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || href.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
            var isMail = href.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase);
            if (!isWeb && !isMail)
                return;
            var text = a.TextContent.Trim();
            var shown = isMail ? href[7..] : href;
            if (text.Length == 0)
            {
                AppendText(shown);
                return;
            }
            // The link text already says where it goes.
            if (text.Contains(shown, StringComparison.OrdinalIgnoreCase) || shown.Contains(text, StringComparison.OrdinalIgnoreCase) && text.Contains('.'))
                return;
            if (isMail)
                return;
            AppendText(" (" + href + ")");
        }

        private void Break(int lines)
        {
            if (_sb.Length == 0)
                return;
            _pendingSpace = false;
            _pendingBreakDepth = _pendingBreaks == 0 ? _quoteDepth : Math.Min(_pendingBreakDepth, _quoteDepth);
            if (lines > _pendingBreaks)
                _pendingBreaks = lines;
        }

        private void NewLine(bool force)
        {
            if (!force)
                return;
            FlushBreaks();
            _sb.Append('\n');
            _atLineStart = true;
        }

        private void FlushBreaks()
        {
            if (_pendingBreaks == 0)
                return;
            // Count the breaks already written so nested blocks do not pile up blank lines.
            var existing = 0;
            for (var i = _sb.Length - 1; i >= 0 && _sb[i] == '\n' && existing < 2; i--)
                existing++;
            if (!_atLineStart)
                existing = 0;
            for (var k = existing; k < _pendingBreaks; k++)
            {
                if (k > 0 && _pendingBreakDepth > 0)
                    _sb.Append('>', _pendingBreakDepth);
                _sb.Append('\n');
            }
            _atLineStart = true;
            _pendingBreaks = 0;
        }

        private void StartLineIfNeeded()
        {
            FlushBreaks();
            if (_atLineStart)
            {
                if (_quoteDepth > 0)
                    _sb.Append('>', _quoteDepth).Append(' ');
                _atLineStart = false;
                _pendingSpace = false;
            }
        }

        private void AppendRaw(string s)
        {
            StartLineIfNeeded();
            _sb.Append(s);
        }

        private void AppendText(string text)
        {
            if (_preDepth > 0)
            {
                var lines = text.Replace("\r\n", "\n").Split('\n');
                for (var i = 0; i < lines.Length; i++)
                {
                    if (i > 0)
                        NewLine(force: true);
                    if (lines[i].Length > 0)
                    {
                        StartLineIfNeeded();
                        _sb.Append(lines[i]);
                    }
                }
                return;
            }
            var span = text.AsSpan();
            var i0 = 0;
            while (i0 < span.Length)
            {
                var c = span[i0];
                if (IsCollapsible(c))
                {
                    _pendingSpace = true;
                    i0++;
                    continue;
                }
                var start = i0;
                while (i0 < span.Length && !IsCollapsible(span[i0]))
                    i0++;
                var wasPendingSpace = _pendingSpace && !_atLineStart && _pendingBreaks == 0;
                StartLineIfNeeded();
                if (wasPendingSpace)
                    _sb.Append(' ');
                _pendingSpace = false;
                _sb.Append(span[start..i0]);
            }
        }

        private static bool IsCollapsible(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f' or '\u200B' or '\u200C' or '\u00AD';

        public override string ToString()
        {
            // Non-breaking spaces are layout, not meaning; trailing spaces on lines are noise; at most one blank
            // line in a row. One pass over the written text into one pooled buffer.
            var length = _sb.Length;
            if (length == 0)
                return string.Empty;
            var source = System.Buffers.ArrayPool<char>.Shared.Rent(length);
            var target = System.Buffers.ArrayPool<char>.Shared.Rent(length + 1);
            try
            {
                _sb.CopyTo(0, source, length);
                var text = source.AsSpan(0, length);
                text.Replace('\u00A0', ' ');
                var w = 0;
                var blank = 0;
                while (true)
                {
                    var nl = text.IndexOf('\n');
                    var line = (nl < 0 ? text : text[..nl]).TrimEnd();
                    if (line.IsEmpty)
                        blank++;
                    else
                        blank = 0;
                    if (blank <= 1)
                    {
                        line.CopyTo(target.AsSpan(w));
                        w += line.Length;
                        target[w++] = '\n';
                    }
                    if (nl < 0)
                        break;
                    text = text[(nl + 1)..];
                }
                return new string(target.AsSpan(0, w).Trim('\n'));
            }
            finally
            {
                System.Buffers.ArrayPool<char>.Shared.Return(source);
                System.Buffers.ArrayPool<char>.Shared.Return(target);
            }
        }
    }
}
