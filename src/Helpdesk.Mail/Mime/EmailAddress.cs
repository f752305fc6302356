using System.Text;

namespace Helpdesk.Mail.Mime;

/// <summary>A mailbox: the display name (decoded, or null) and the address as written (no angle brackets).</summary>
public sealed record EmailAddress(string? Name, string Address)
{
    public override string ToString() => Name is null ? Address : $"{Name} <{Address}>";
}

/// <summary>
/// Address lists (From, To, Cc, Reply-To ...) read leniently: groups ("undisclosed-recipients:;"), quoted and
/// encoded display names, comments used as names ("jo@x.example (Jo)"), obsolete routes ("&lt;@relay:jo@x&gt;"),
/// spaces around dots, missing angle brackets and trailing garbage. Group names are dropped; members are kept.
/// </summary>
public static class AddressParser
{
    /// <summary>Every mailbox in <paramref name="value"/>; unreadable entries are skipped with a defect.</summary>
    public static List<EmailAddress> Parse(string? value, List<string>? defects = null)
    {
        var result = new List<EmailAddress>();
        if (string.IsNullOrWhiteSpace(value))
            return result;
        var p = new Reader(value, result, defects);
        p.ParseList();
        return result;
    }

    private ref struct Reader(string s, List<EmailAddress> result, List<string>? defects)
    {
        private int _i;

        public void ParseList()
        {
            var guard = 0;
            while (_i < s.Length && guard++ < 10_000)
            {
                var before = _i;
                ParseMailboxOrGroup(inGroup: false);
                if (_i < s.Length && s[_i] is ',' or ';')
                    _i++;
                if (_i == before)
                    _i++; // never stall on a stray character
            }
        }

        private void ParseMailboxOrGroup(bool inGroup)
        {
            var words = new List<(string Text, bool Quoted)>(4);
            string? comment = null;
            var sawAt = false;
            while (_i < s.Length)
            {
                var c = s[_i];
                switch (c)
                {
                    case ' ' or '\t' or '\r' or '\n':
                        _i++;
                        break;
                    case '(':
                        var cm = ReadComment();
                        if (cm.Length > 0)
                            comment = cm;
                        break;
                    case '"':
                        words.Add((ReadQuoted(), true));
                        break;
                    case '<':
                        var address = ReadAngle();
                        SkipToSeparator(inGroup);
                        Emit(Phrase(words) ?? comment, address);
                        return;
                    case ':' when !inGroup && !sawAt:
                        _i++;
                        ParseGroupMembers();
                        return;
                    case ',':
                        EmitAddrSpec(words, comment);
                        return;
                    case ';':
                        EmitAddrSpec(words, comment);
                        if (!inGroup)
                            _i++;
                        return;
                    case '>' or ')':
                        _i++; // stray closer
                        break;
                    default:
                        var atom = ReadAtom(inGroup);
                        if (atom.Contains('@'))
                            sawAt = true;
                        words.Add((atom, false));
                        break;
                }
            }
            EmitAddrSpec(words, comment);
        }

        private void ParseGroupMembers()
        {
            while (_i < s.Length)
            {
                while (_i < s.Length && s[_i] is ' ' or '\t' or '\r' or '\n' or ',')
                    _i++;
                if (_i >= s.Length)
                    return;
                if (s[_i] == ';')
                {
                    _i++;
                    return;
                }
                var before = _i;
                ParseMailboxOrGroup(inGroup: true);
                if (_i == before)
                    _i++;
            }
        }

        private void EmitAddrSpec(List<(string Text, bool Quoted)> words, string? comment)
        {
            if (words.Count == 0)
                return;
            // An addr-spec without brackets: the words are the local part and domain, written with optional spaces.
            var sb = new StringBuilder();
            foreach (var (text, quoted) in words)
                sb.Append(quoted && NeedsQuotes(text) ? "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"" : text);
            var address = sb.ToString();
            if (!address.Contains('@') && words.Count > 1)
            {
                // "Jo Smith" with no address at all: nothing to deliver to.
                defects?.Add(MimeDefects.InvalidAddress);
                return;
            }
            if (address.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
                address = address[7..];
            Emit(comment, address);
        }

        private void Emit(string? name, string address)
        {
            address = address.Trim();
            if (address.Length == 0)
            {
                if (name is not null)
                    defects?.Add(MimeDefects.InvalidAddress);
                return;
            }
            name = name is null ? null : EncodedWords.Decode(name).Trim();
            if (string.IsNullOrEmpty(name))
                name = null;
            result.Add(new EmailAddress(name, address));
        }

        private static string? Phrase(List<(string Text, bool Quoted)> words)
        {
            if (words.Count == 0)
                return null;
            if (words.Count == 1)
                return words[0].Text;
            var sb = new StringBuilder();
            foreach (var (text, _) in words)
            {
                if (sb.Length > 0)
                    sb.Append(' ');
                sb.Append(text);
            }
            return sb.ToString();
        }

        private string ReadAngle()
        {
            _i++; // '<'
            var start = _i;
            var close = s.IndexOf('>', _i);
            var end = close < 0 ? s.Length : close;
            _i = close < 0 ? s.Length : close + 1;
            var inner = s.AsSpan(start, end - start).Trim();
            // Obsolete source route: "@a.example,@b.example:jo@c.example".
            if (inner.Length > 0 && inner[0] == '@')
            {
                var colon = inner.IndexOf(':');
                if (colon >= 0)
                    inner = inner[(colon + 1)..];
            }
            if (inner.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
                inner = inner[7..];
            // Spaces and comments inside brackets are legal but meaningless for the address.
            if (inner.IndexOfAny(' ', '(', '"') < 0)
                return inner.ToString();
            var sb = new StringBuilder(inner.Length);
            var depth = 0;
            var quoted = false;
            foreach (var c in inner)
            {
                if (quoted)
                {
                    sb.Append(c);
                    if (c == '"')
                        quoted = false;
                    continue;
                }
                if (c == '(')
                    depth++;
                else if (c == ')' && depth > 0)
                    depth--;
                else if (depth == 0 && c == '"')
                {
                    quoted = true;
                    sb.Append(c);
                }
                else if (depth == 0 && c is not (' ' or '\t'))
                    sb.Append(c);
            }
            return sb.ToString();
        }

        private void SkipToSeparator(bool inGroup)
        {
            while (_i < s.Length && s[_i] != ',' && !(s[_i] == ';' && inGroup))
            {
                if (s[_i] == '(')
                    ReadComment();
                else if (s[_i] == '"')
                    ReadQuoted();
                else
                    _i++;
            }
        }

        private string ReadAtom(bool inGroup)
        {
            var start = _i;
            while (_i < s.Length)
            {
                var c = s[_i];
                if (c == '=' && _i + 1 < s.Length && s[_i + 1] == '?' && SkipEncodedWord())
                    continue;
                // A colon ends a group name; inside a group it is just a character.
                if (c is ' ' or '\t' or '\r' or '\n' or '(' or '"' or '<' or '>' or ',' or ')' or ';' || (c == ':' && !inGroup))
                    break;
                _i++;
            }
            if (_i == start)
            {
                _i++;
                return s[start].ToString();
            }
            return s[start.._i];
        }

        // An encoded word may hold commas or parentheses in its Q text; step over it whole.
        private bool SkipEncodedWord()
        {
            var q1 = s.IndexOf('?', _i + 2);
            if (q1 < 0 || q1 + 2 >= s.Length || s[q1 + 2] != '?')
                return false;
            var close = s.IndexOf("?=", q1 + 3, StringComparison.Ordinal);
            if (close < 0 || s.AsSpan(_i, close - _i).IndexOfAny(' ', '\t', '"') >= 0)
                return false;
            _i = close + 2;
            return true;
        }

        private string ReadQuoted()
        {
            _i++; // opening quote
            var sb = new StringBuilder();
            while (_i < s.Length)
            {
                var c = s[_i++];
                if (c == '\\' && _i < s.Length)
                {
                    sb.Append(s[_i++]);
                    continue;
                }
                if (c == '"')
                    return sb.ToString();
                if (c is '\r' or '\n')
                    continue;
                sb.Append(c);
            }
            defects?.Add(MimeDefects.UnterminatedQuotedString);
            return sb.ToString();
        }

        private string ReadComment()
        {
            _i++; // '('
            var depth = 1;
            var sb = new StringBuilder();
            while (_i < s.Length)
            {
                var c = s[_i++];
                if (c == '\\' && _i < s.Length)
                {
                    sb.Append(s[_i++]);
                    continue;
                }
                if (c == '(')
                    depth++;
                else if (c == ')' && --depth == 0)
                    break;
                sb.Append(c);
            }
            return sb.ToString().Trim();
        }

        private static bool NeedsQuotes(string local)
        {
            foreach (var c in local)
                if (c is ' ' or '"' or '(' or ')' or ',' or ':' or ';' or '<' or '>' or '[' or ']' or '\\')
                    return true;
            return local.Length == 0;
        }
    }
}
