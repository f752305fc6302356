using System.Collections.Frozen;
using System.Text;

namespace Helpdesk.Mail.Reading;

/// <summary>
/// A bound on how deep HTML nests before it reaches AngleSharp. HTML tree construction walks the stack of open
/// elements for most start and end tags (is a p open "in button scope", is this end tag's element in scope, ...), so
/// its cost is the number of tags times the depth of unclosed elements: 90 copies of a cut Gmail reply (about 1,000
/// elements never closed) took 120-250 ms, 20,000 unclosed &lt;i&gt; (60 KB) seconds. One pass over the markup
/// estimates the depth the parser will see, with the parser's commonest implied closings (p, li, dd/dt, table cells and
/// rows, options, headings, end tags that close what is open above them); a start tag that would open an element
/// deeper than the bound is left out with its end tag, like browsers that stop nesting at a depth (Chromium: 512). Its
/// text stays where it was; a left-out block or line element becomes a &lt;br&gt; and a table cell a space, so words
/// never run together. Real mail stays far below the bound and is handed over unchanged (the same string).
/// </summary>
internal static class HtmlNesting
{
    /// <summary>
    /// Elements open at once, as estimated. Chosen from data with <see cref="Measure"/> (2026-12-07, `Helpdesk.Benchmarks
    /// fuzz --depths`): the deepest of the 729 HTML bodies of the test corpora (golden, customer-words, RFC,
    /// lookalikes) estimates to 14, of the 216 in the 802 real-world messages of /tmp/helpdesk-realmail to 20 (spam
    /// with nested layout tables). 128 is six times that; a Gmail reply adds about 4 per quoted level, so a thread of
    /// some 30 replies still fits. It stays well under <see cref="HtmlLimits.MaxDepth"/> (256), where text conversion
    /// and the sanitizer flatten a subtree to bare text, so the line breaks standing for left-out blocks still count.
    /// The fuzz mutant of issue 18 estimates to 983. Not higher because the sanitizer walks its tree with an iterator
    /// per level: at 200 the mutant's sanitized HTML took about 100 ms, at 128 and below about 50-60.
    /// </summary>
    public const int MaxOpenElements = 128;

    /// <summary>What one pass found: the deepest estimated nesting, the start tags read, the tags (start and end) left out.</summary>
    public readonly record struct Scan(int MaxDepth, int StartTags, int Dropped);

    /// <summary>The HTML unchanged when it stays within the bound, else with the too-deep tags left out.</summary>
    /// <param name="html">The markup.</param>
    /// <param name="forDisplay">
    /// For the sanitizer: a left-out block becomes a line break character, not a &lt;br&gt; element. The sanitizer
    /// walks its tree with an iterator per level, so every element deep down costs a step per level; thousands of
    /// &lt;br&gt; there made the fuzz mutant's display slower than without the bound, while text between plain line
    /// breaks is one node. Text conversion keeps the &lt;br&gt;, so the lines stay lines.
    /// </param>
    public static string Bound(string html, bool forDisplay = false) => Bound(html, MaxOpenElements, out _, forDisplay);

    /// <summary>The estimate alone, for choosing the bound from data (nothing is rewritten).</summary>
    public static Scan Measure(string html)
    {
        _ = Bound(html, int.MaxValue, out var scan);
        return scan;
    }

    public static string Bound(string html, int maxDepth, out Scan scan, bool forDisplay = false)
    {
        // One scanner per thread: its stack and name table are reused, so a mail's HTML costs no allocation here.
        var state = t_scanner ??= new Scanner();
        try
        {
            state.Run(html, maxDepth, forDisplay ? "\n" : "<br>");
            scan = new Scan(state.MaxDepth, state.StartTags, state.Dropped);
            return state.Result();
        }
        finally
        {
            state.Clear();
        }
    }

    [ThreadStatic]
    private static Scanner? t_scanner;

    [Flags]
    private enum Kind
    {
        None = 0,
        Void = 1 << 0,            // never pushed
        RawText = 1 << 1,         // content up to its end tag is text (script, style, textarea, title ...)
        Ignored = 1 << 2,         // html, head, body: merged into the one the parser made, never nested
        ClosesP = 1 << 3,         // start tag closes an open p in button scope
        Special = 1 << 4,         // the spec's "special" category: an unknown end tag never closes past it
        DefaultScope = 1 << 5,    // boundary of "in scope"
        ButtonScope = 1 << 6,     // extra boundary of "in button scope"
        ListScope = 1 << 7,       // extra boundary of "in list item scope"
        TableScope = 1 << 8,      // boundary of "in table scope" (html, table, template)
        Breaking = 1 << 9,        // left out as a line break: a block or line the text would have broken at
        Cell = 1 << 10,           // td, th: left out as a space
        Heading = 1 << 11,
        ForeignRoot = 1 << 12,    // svg, math
        IntegrationPoint = 1 << 13, // foreignObject, desc, title, annotation-xml, mi ...: HTML again inside
        Plaintext = 1 << 14,
    }

    private static readonly FrozenDictionary<string, Kind> Kinds = BuildKinds();

    private static readonly FrozenDictionary<string, Kind>.AlternateLookup<ReadOnlySpan<char>> KindLookup =
        Kinds.GetAlternateLookup<ReadOnlySpan<char>>();

    private static FrozenDictionary<string, Kind> BuildKinds()
    {
        var kinds = new Dictionary<string, Kind>(StringComparer.OrdinalIgnoreCase);
        void Add(Kind kind, params string[] names)
        {
            foreach (var n in names)
                kinds[n] = kinds.GetValueOrDefault(n) | kind;
        }
        Add(Kind.Void, "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img", "input",
            "keygen", "link", "meta", "param", "source", "track", "wbr", "isindex");
        Add(Kind.RawText, "script", "style", "xmp", "iframe", "noembed", "noframes", "textarea", "title");
        Add(Kind.Plaintext, "plaintext");
        Add(Kind.Ignored, "html", "head", "body", "frameset");
        Add(Kind.ClosesP, "address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div", "dl",
            "fieldset", "figcaption", "figure", "footer", "header", "hgroup", "main", "menu", "nav", "ol", "p", "search",
            "section", "summary", "ul", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "listing", "form", "table", "hr", "xmp",
            "plaintext", "li", "dd", "dt");
        Add(Kind.Special, "address", "applet", "area", "article", "aside", "base", "basefont", "bgsound", "blockquote",
            "body", "br", "button", "caption", "center", "col", "colgroup", "dd", "details", "dir", "div", "dl", "dt", "embed",
            "fieldset", "figcaption", "figure", "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6",
            "head", "header", "hgroup", "hr", "html", "iframe", "img", "input", "keygen", "li", "link", "listing", "main",
            "marquee", "menu", "meta", "nav", "noembed", "noframes", "noscript", "object", "ol", "p", "param", "plaintext",
            "pre", "script", "search", "section", "select", "source", "style", "summary", "table", "tbody", "td", "template",
            "textarea", "tfoot", "th", "thead", "title", "tr", "track", "ul", "wbr", "xmp", "foreignobject", "desc", "mi",
            "mo", "mn", "ms", "mtext", "annotation-xml");
        Add(Kind.DefaultScope, "applet", "caption", "html", "table", "td", "th", "marquee", "object", "template",
            "foreignobject", "desc", "mi", "mo", "mn", "ms", "mtext", "annotation-xml");
        Add(Kind.ButtonScope, "button");
        Add(Kind.ListScope, "ol", "ul");
        Add(Kind.TableScope, "html", "table", "template");
        Add(Kind.Breaking, "p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "dl", "pre", "blockquote",
            "address", "figure", "div", "tr", "li", "dt", "dd", "section", "article", "header", "footer", "nav", "aside",
            "main", "center", "form", "fieldset", "legend", "caption", "thead", "tbody", "tfoot", "details", "summary",
            "figcaption", "o:p", "listing", "menu", "dir", "hgroup", "search", "dialog");
        Add(Kind.Cell, "td", "th");
        Add(Kind.Heading, "h1", "h2", "h3", "h4", "h5", "h6");
        Add(Kind.ForeignRoot, "svg", "math");
        Add(Kind.IntegrationPoint, "foreignobject", "desc", "title", "annotation-xml", "mi", "mo", "mn", "ms", "mtext");
        return kinds.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    private struct Entry
    {
        public string Name;        // lower-cased key shared by every element of that name
        public int PreviousSame;   // the next open element of the same name below, or -1
        public int Scope;          // nearest default-scope boundary at or below, or -1
        public int ButtonScope;    // ... of button scope
        public int ListScope;      // ... of list item scope
        public int TableScope;     // ... of table scope
        public int Special;        // nearest special element at or below, or -1
        public bool Kept;          // handed to the parser (false: left out, deeper than the bound)
        public bool Foreign;       // inside svg or math, where "/>" closes an element
        public Kind Kind;
    }

    private sealed class Scanner
    {
        private string _html = "";
        private int _maxDepth;
        private string _lineBreak = "<br>";
        private Entry[] _stack = new Entry[32];
        private int _count;
        private readonly Dictionary<string, int> _top = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _topLookup;
        private StringBuilder? _out;
        private int _copied;

        public int MaxDepth { get; private set; }
        public int StartTags { get; private set; }
        public int Dropped { get; private set; }

        public string Result()
        {
            if (_out is null)
                return _html;
            _out.Append(_html, _copied, _html.Length - _copied);
            return _out.ToString();
        }

        public Scanner() => _topLookup = _top.GetAlternateLookup<ReadOnlySpan<char>>();

        public void Clear()
        {
            Array.Clear(_stack, 0, _count);
            _count = 0;
            _top.Clear();
            _out = null;
            _copied = 0;
            _html = "";
            MaxDepth = StartTags = Dropped = 0;
        }

        public void Run(string input, int bound, string lineBreak)
        {
            _html = input;
            _maxDepth = bound;
            _lineBreak = lineBreak;
            var i = 0;
            var n = _html.Length;
            while (i < n)
            {
                var lt = _html.IndexOf('<', i);
                if (lt < 0 || lt + 1 >= n)
                    return;
                var c = _html[lt + 1];
                if (char.IsAsciiLetter(c))
                {
                    i = StartTag(lt);
                    if (i < 0)
                        return;
                }
                else if (c == '/')
                {
                    if (lt + 2 < n && char.IsAsciiLetter(_html[lt + 2]))
                    {
                        i = EndTag(lt);
                        if (i < 0)
                            return;
                    }
                    else
                    {
                        var gt = _html.IndexOf('>', lt + 2);
                        if (gt < 0)
                            return;
                        i = gt + 1;
                    }
                }
                else if (c == '!')
                {
                    if (string.CompareOrdinal(_html, lt, "<!--", 0, 4) == 0)
                    {
                        var end = _html.IndexOf("-->", lt + 4, StringComparison.Ordinal);
                        // "<!-->" and "<!--->" close at once
                        if (lt + 4 < n && _html[lt + 4] == '>')
                            end = lt + 2;
                        else if (lt + 5 < n && _html[lt + 4] == '-' && _html[lt + 5] == '>')
                            end = lt + 3;
                        if (end < 0)
                            return;
                        i = end + 3;
                    }
                    else
                    {
                        var gt = _html.IndexOf('>', lt + 2);
                        if (gt < 0)
                            return;
                        i = gt + 1;
                    }
                }
                else if (c == '?')
                {
                    var gt = _html.IndexOf('>', lt + 2);
                    if (gt < 0)
                        return;
                    i = gt + 1;
                }
                else
                    i = lt + 1;
            }
        }

        // Reads a tag's name and attributes from '<' (or "</"); returns the index after '>' or -1 at the end of the
        // input (an unterminated tag, which the parser drops too).
        private int ReadTag(int nameStart, out int nameEnd, out bool selfClosing)
        {
            var n = _html.Length;
            var i = nameStart;
            while (i < n && !IsSpace(_html[i]) && _html[i] != '/' && _html[i] != '>')
                i++;
            nameEnd = i;
            selfClosing = false;
            while (i < n)
            {
                var c = _html[i];
                if (c == '>')
                    return i + 1;
                if (c == '/')
                {
                    selfClosing = i + 1 < n && _html[i + 1] == '>';
                    i++;
                    continue;
                }
                if (IsSpace(c))
                {
                    i++;
                    continue;
                }
                // An attribute: its name (a quote or '=' may start it), then an optional value.
                i++;
                while (i < n && !IsSpace(_html[i]) && _html[i] != '/' && _html[i] != '>' && _html[i] != '=')
                    i++;
                while (i < n && IsSpace(_html[i]))
                    i++;
                if (i < n && _html[i] == '=')
                {
                    i++;
                    while (i < n && IsSpace(_html[i]))
                        i++;
                    if (i < n && _html[i] is '"' or '\'')
                    {
                        var close = _html.IndexOf(_html[i], i + 1);
                        if (close < 0)
                            return -1;
                        i = close + 1;
                    }
                    else
                    {
                        while (i < n && !IsSpace(_html[i]) && _html[i] != '>')
                            i++;
                    }
                }
                selfClosing = false;
            }
            return -1;
        }

        private static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f';

        private int StartTag(int lt)
        {
            var end = ReadTag(lt + 1, out var nameEnd, out var selfClosing);
            if (end < 0)
                return -1;
            var name = _html.AsSpan(lt + 1, nameEnd - lt - 1);
            KindLookup.TryGetValue(name, out var kind);
            StartTags++;
            if ((kind & Kind.Plaintext) != 0)
                return -1; // the rest is text
            if ((kind & (Kind.Void | Kind.Ignored)) != 0)
                return end;
            if ((kind & Kind.RawText) != 0)
                return SkipRawText(end, name);
            // "/>" closes an element only in svg or math (an HTML name there leaves the foreign content first).
            if (selfClosing && _count > 0 && _stack[_count - 1].Foreign && (_stack[_count - 1].Kind & Kind.IntegrationPoint) == 0
                && (kind & (Kind.ClosesP | Kind.Heading)) == 0)
                return end;

            CloseImplied(name, kind);
            var depth = _count;
            if (depth + 1 > MaxDepth)
                MaxDepth = depth + 1;
            var kept = depth < _maxDepth;
            if (!kept)
                Drop(lt, end, kind);
            Push(name, kind, kept);
            return end;
        }

        private int EndTag(int lt)
        {
            var end = ReadTag(lt + 2, out var nameEnd, out _);
            if (end < 0)
                return -1;
            var name = _html.AsSpan(lt + 2, nameEnd - lt - 2);
            KindLookup.TryGetValue(name, out var kind);
            if ((kind & (Kind.Void | Kind.Ignored)) != 0 || _count == 0)
                return end;
            var j = Top(name);
            if (j < 0)
                return end;
            var top = _count - 1;
            bool inScope;
            if ((kind & Kind.Special) != 0)
            {
                var boundary = name.Equals("p", StringComparison.OrdinalIgnoreCase) ? _stack[top].ButtonScope
                    : name.Equals("li", StringComparison.OrdinalIgnoreCase) ? _stack[top].ListScope
                    : (kind & (Kind.TableScope | Kind.Cell)) != 0 || IsTablePart(name) ? _stack[top].TableScope
                    : _stack[top].Scope;
                inScope = j >= boundary;
            }
            else
                inScope = j >= _stack[top].Special; // an unknown or inline end tag never closes past a block
            if (!inScope)
                return end; // the parser ignores it (or runs the adoption agency), the depth stays
            if (!_stack[j].Kept)
                Drop(lt, end, kind);
            PopTo(j);
            return end;
        }

        private static bool IsTablePart(ReadOnlySpan<char> name) =>
            name.Equals("tr", StringComparison.OrdinalIgnoreCase) || name.Equals("tbody", StringComparison.OrdinalIgnoreCase)
            || name.Equals("thead", StringComparison.OrdinalIgnoreCase) || name.Equals("tfoot", StringComparison.OrdinalIgnoreCase)
            || name.Equals("caption", StringComparison.OrdinalIgnoreCase);

        private int SkipRawText(int from, ReadOnlySpan<char> name)
        {
            var n = _html.Length;
            var i = from;
            while (true)
            {
                var close = _html.IndexOf("</", i, StringComparison.Ordinal);
                if (close < 0)
                    return -1;
                var after = close + 2 + name.Length;
                if (after <= n && _html.AsSpan(close + 2, name.Length).Equals(name, StringComparison.OrdinalIgnoreCase)
                    && (after == n || IsSpace(_html[after]) || _html[after] is '/' or '>'))
                {
                    var gt = _html.IndexOf('>', after);
                    return gt < 0 ? -1 : gt + 1;
                }
                i = close + 2;
            }
        }

        // The parser's commonest implied end tags, so ordinary sloppy markup (unclosed p and li) is not counted deep.
        private void CloseImplied(ReadOnlySpan<char> name, Kind kind)
        {
            if (_count == 0)
                return;
            if (_stack[_count - 1].Foreign && (kind & (Kind.ClosesP | Kind.Heading)) != 0)
            {
                // An HTML block inside svg or math leaves the foreign content first.
                while (_count > 0 && _stack[_count - 1].Foreign && (_stack[_count - 1].Kind & Kind.IntegrationPoint) == 0)
                    Pop();
                if (_count == 0)
                    return;
            }
            if ((kind & Kind.ClosesP) != 0)
                CloseIfInScope("p", _stack[_count - 1].ButtonScope);
            if (_count == 0)
                return;
            if (name.Equals("li", StringComparison.OrdinalIgnoreCase))
                CloseIfInScope("li", _stack[_count - 1].ListScope);
            else if (name.Equals("dd", StringComparison.OrdinalIgnoreCase) || name.Equals("dt", StringComparison.OrdinalIgnoreCase))
            {
                CloseIfInScope("dd", _stack[_count - 1].ListScope);
                if (_count > 0)
                    CloseIfInScope("dt", _stack[_count - 1].ListScope);
            }
            else if ((kind & Kind.Heading) != 0)
            {
                if ((_stack[_count - 1].Kind & Kind.Heading) != 0)
                    Pop();
            }
            else if ((kind & Kind.Cell) != 0 || name.Equals("tr", StringComparison.OrdinalIgnoreCase) || IsTablePart(name))
            {
                var tableScope = _stack[_count - 1].TableScope;
                CloseIfInScope("td", tableScope);
                CloseIfInScope("th", tableScope);
                if ((kind & Kind.Cell) == 0)
                {
                    CloseIfInScope("tr", tableScope);
                    if (!name.Equals("tr", StringComparison.OrdinalIgnoreCase))
                    {
                        CloseIfInScope("tbody", tableScope);
                        CloseIfInScope("thead", tableScope);
                        CloseIfInScope("tfoot", tableScope);
                    }
                }
            }
            else if (name.Equals("option", StringComparison.OrdinalIgnoreCase) || name.Equals("optgroup", StringComparison.OrdinalIgnoreCase))
            {
                if (_count > 0 && _stack[_count - 1].Name == "option")
                    Pop();
                if (name.Equals("optgroup", StringComparison.OrdinalIgnoreCase) && _count > 0 && _stack[_count - 1].Name == "optgroup")
                    Pop();
            }
            else if (name.Equals("a", StringComparison.OrdinalIgnoreCase) || name.Equals("button", StringComparison.OrdinalIgnoreCase)
                || name.Equals("nobr", StringComparison.OrdinalIgnoreCase))
            {
                // A second link inside an open one closes it (when no block was opened in between).
                var j = Top(name);
                if (j >= 0 && j >= _stack[_count - 1].Scope && j >= _stack[_count - 1].Special)
                    PopTo(j);
            }
        }

        private void CloseIfInScope(string name, int boundary)
        {
            if (_count == 0)
                return;
            var j = Top(name);
            if (j >= 0 && j >= boundary)
                PopTo(j);
        }

        private int Top(ReadOnlySpan<char> name) => _topLookup.TryGetValue(name, out var j) ? j : -1;

        private void Push(ReadOnlySpan<char> name, Kind kind, bool kept)
        {
            string key;
            int previous;
            if (_topLookup.TryGetValue(name, out var existing, out previous))
                key = existing;
            else
            {
                key = name.ToString().ToLowerInvariant();
                previous = -1;
            }
            if (_count == _stack.Length)
                Array.Resize(ref _stack, _stack.Length * 2);
            var i = _count;
            var below = i > 0 ? _stack[i - 1] : default;
            var none = i == 0;
            var foreign = (kind & Kind.ForeignRoot) != 0 || !none && below.Foreign && (below.Kind & Kind.IntegrationPoint) == 0;
            _stack[i] = new Entry
            {
                Name = key,
                PreviousSame = previous,
                Kind = kind,
                Kept = kept,
                Foreign = foreign,
                Scope = (kind & Kind.DefaultScope) != 0 ? i : none ? -1 : below.Scope,
                ButtonScope = (kind & (Kind.DefaultScope | Kind.ButtonScope)) != 0 ? i : none ? -1 : below.ButtonScope,
                ListScope = (kind & (Kind.DefaultScope | Kind.ListScope)) != 0 ? i : none ? -1 : below.ListScope,
                TableScope = (kind & Kind.TableScope) != 0 ? i : none ? -1 : below.TableScope,
                Special = (kind & Kind.Special) != 0 ? i : none ? -1 : below.Special,
            };
            _count++;
            _top[key] = i;
        }

        private void Pop()
        {
            var e = _stack[--_count];
            if (e.PreviousSame >= 0)
                _top[e.Name] = e.PreviousSame;
            else
                _top.Remove(e.Name);
            _stack[_count] = default;
        }

        private void PopTo(int index)
        {
            while (_count > index)
                Pop();
        }

        private void Drop(int start, int end, Kind kind)
        {
            Dropped++;
            _out ??= new StringBuilder(_html.Length);
            _out.Append(_html, _copied, start - _copied);
            if ((kind & Kind.Breaking) != 0)
                _out.Append(_lineBreak);
            else if ((kind & Kind.Cell) != 0)
                _out.Append(' ');
            _copied = end;
        }
    }
}
