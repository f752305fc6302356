using System.Text;

namespace Helpdesk.Mail.Mime;

/// <summary>
/// Parameters of a structured MIME header (Content-Type, Content-Disposition), with RFC 2231 continuations
/// and charsets joined and decoded, and RFC 2047 words in values decoded (Outlook writes them in filenames).
/// </summary>
public sealed class HeaderParameters
{
    private readonly Dictionary<string, string> _values = new(StringComparer.OrdinalIgnoreCase);

    public static HeaderParameters Empty { get; } = new();

    /// <summary>One parameter, for parts the reader makes itself (uuencoded files).</summary>
    internal static HeaderParameters Of(string name, string value)
    {
        var p = new HeaderParameters();
        p._values[name] = value;
        return p;
    }

    /// <summary>The decoded value, or null.</summary>
    public string? this[string name] => _values.GetValueOrDefault(name);

    /// <summary>Every parameter name, lower-case.</summary>
    public IEnumerable<string> Names => _values.Keys;

    public int Count => _values.Count;

    /// <summary>
    /// Reads "token; a=b; c*=utf-8''%E2%82%AC; d*0=x; d*1=y" and returns the leading token (trimmed, may be empty).
    /// Never throws; problems go to <paramref name="defects"/> when given.
    /// </summary>
    public static string Parse(string value, out HeaderParameters parameters, List<string>? defects = null)
    {
        parameters = new HeaderParameters();
        var semi = value.IndexOf(';');
        var tokenEnd = semi < 0 ? value.Length : semi;
        var token = value.AsSpan(0, tokenEnd).Trim();
        // "multipart/mixed boundary=abc" (no semicolon): split at the first whitespace before a name=.
        var ws = token.IndexOfAny(' ', '\t');
        var paramStart = semi < 0 ? value.Length : semi + 1;
        if (ws > 0 && token[ws..].Contains('='))
        {
            defects?.Add(MimeDefects.MissingParameterSeparator);
            paramStart = value.IndexOf(token[ws..].TrimStart().ToString(), StringComparison.Ordinal);
            token = token[..ws];
        }
        var tokenText = token.ToString();
        if (paramStart < value.Length)
            parameters.ParseList(value.AsSpan(paramStart), defects);
        return tokenText;
    }

    private sealed record Section(int Index, bool Encoded, string Value);

    private void ParseList(ReadOnlySpan<char> s, List<string>? defects)
    {
        Dictionary<string, List<Section>>? sections = null;
        var i = 0;
        while (i < s.Length)
        {
            while (i < s.Length && (s[i] is ';' or ' ' or '\t' or '\r' or '\n'))
                i++;
            if (i >= s.Length)
                break;
            var nameStart = i;
            while (i < s.Length && s[i] is not ('=' or ';'))
                i++;
            var name = s[nameStart..i].Trim().ToString();
            if (i >= s.Length || s[i] == ';')
            {
                if (name.Length > 0)
                    defects?.Add(MimeDefects.InvalidParameter);
                continue;
            }
            i++; // '='
            while (i < s.Length && s[i] is ' ' or '\t')
                i++;
            string val;
            if (i < s.Length && s[i] == '"')
            {
                var sb = new StringBuilder();
                i++;
                var closed = false;
                while (i < s.Length)
                {
                    var c = s[i];
                    if (c == '\\' && i + 1 < s.Length)
                    {
                        // Windows paths arrive unescaped in quoted filenames: keep a backslash that escapes nothing special.
                        if (s[i + 1] is '"' or '\\')
                        {
                            sb.Append(s[i + 1]);
                            i += 2;
                            continue;
                        }
                        sb.Append(c);
                        i++;
                        continue;
                    }
                    if (c == '"')
                    {
                        closed = true;
                        i++;
                        break;
                    }
                    sb.Append(c);
                    i++;
                }
                if (!closed)
                    defects?.Add(MimeDefects.UnterminatedQuotedString);
                val = sb.ToString();
                // Skip anything up to the next separator.
                while (i < s.Length && s[i] != ';')
                    i++;
            }
            else
            {
                var valueStart = i;
                while (i < s.Length && s[i] != ';')
                    i++;
                val = s[valueStart..i].Trim().ToString();
            }
            if (name.Length == 0)
            {
                defects?.Add(MimeDefects.InvalidParameter);
                continue;
            }

            var star = name.IndexOf('*');
            if (star < 0)
            {
                _values.TryAdd(name.ToLowerInvariant(), val);
                continue;
            }
            var baseName = name[..star].ToLowerInvariant();
            var rest = name.AsSpan(star + 1);
            var encoded = rest.EndsWith("*");
            if (encoded)
                rest = rest[..^1];
            var index = -1;
            if (rest.Length > 0 && !int.TryParse(rest, out index))
            {
                defects?.Add(MimeDefects.InvalidParameter);
                continue;
            }
            if (rest.Length == 0)
            {
                index = 0;
                encoded = true; // "name*=" is always encoded
            }
            sections ??= new Dictionary<string, List<Section>>(StringComparer.Ordinal);
            if (!sections.TryGetValue(baseName, out var list))
                sections[baseName] = list = [];
            if (list.Count < 1000)
                list.Add(new Section(index, encoded, val));
        }

        if (sections is null)
            return;
        foreach (var (name, list) in sections)
        {
            list.Sort((a, b) => a.Index.CompareTo(b.Index));
            string? charset = null;
            var bytes = new List<byte>();
            for (var k = 0; k < list.Count; k++)
            {
                var sec = list[k];
                var text = sec.Value.AsSpan();
                if (sec.Encoded && k == 0)
                {
                    var q1 = text.IndexOf('\'');
                    var q2 = q1 < 0 ? -1 : text[(q1 + 1)..].IndexOf('\'');
                    if (q1 >= 0 && q2 >= 0)
                    {
                        charset = text[..q1].ToString();
                        text = text[(q1 + 1 + q2 + 1)..];
                    }
                }
                if (sec.Encoded)
                    PercentDecode(text, bytes);
                else
                    foreach (var c in text)
                        AppendChar(c, bytes);
            }
            // RFC 2231 value wins over a plain one for the same name (clients send both for old readers).
            _values[name] = Charsets.Decode(bytes.ToArray(), string.IsNullOrEmpty(charset) ? null : charset);
        }
    }

    private static void PercentDecode(ReadOnlySpan<char> text, List<byte> bytes)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '%' && i + 2 < text.Length && text[i + 1] < 128 && text[i + 2] < 128
                && TransferEncoding.IsHex((byte)text[i + 1]) && TransferEncoding.IsHex((byte)text[i + 2]))
            {
                bytes.Add((byte)((TransferEncoding.HexValue((byte)text[i + 1]) << 4) | TransferEncoding.HexValue((byte)text[i + 2])));
                i += 2;
            }
            else
                AppendChar(c, bytes);
        }
    }

    private static void AppendChar(char c, List<byte> bytes)
    {
        if (c < 128)
        {
            bytes.Add((byte)c);
            return;
        }
        Span<byte> tmp = stackalloc byte[4];
        var n = Encoding.UTF8.GetBytes([c], tmp);
        for (var k = 0; k < n; k++)
            bytes.Add(tmp[k]);
    }

    internal void DecodeEncodedWords()
    {
        foreach (var key in _values.Keys.ToList())
        {
            var v = _values[key];
            if (v.Contains("=?", StringComparison.Ordinal))
                _values[key] = EncodedWords.Decode(v);
        }
    }
}

/// <summary>A parsed Content-Type: media type and subtype (lower-case) with parameters.</summary>
public sealed class ContentType
{
    internal static ContentType TextPlain { get; } = new("text", "plain", HeaderParameters.Empty);
    internal static ContentType MessageRfc822 { get; } = new("message", "rfc822", HeaderParameters.Empty);

    public ContentType(string mediaType, string mediaSubtype, HeaderParameters parameters)
    {
        MediaType = mediaType;
        MediaSubtype = mediaSubtype;
        Parameters = parameters;
    }

    public string MediaType { get; }
    public string MediaSubtype { get; }
    public HeaderParameters Parameters { get; }

    /// <summary>"type/subtype", lower-case.</summary>
    public string MimeType => MediaType + "/" + MediaSubtype;

    public string? Charset => Parameters["charset"];
    public string? Boundary => Parameters["boundary"];
    public string? Name => Parameters["name"];

    public bool Is(string type, string subtype) =>
        MediaType.Equals(type, StringComparison.Ordinal) && (subtype == "*" || MediaSubtype.Equals(subtype, StringComparison.Ordinal));

    public bool IsMultipart => MediaType == "multipart";

    public override string ToString() => MimeType;

    /// <summary>Parses a Content-Type value; falls back to text/plain (RFC 2045 default) with a defect when unreadable.</summary>
    public static ContentType Parse(string value, List<string>? defects = null)
    {
        var token = HeaderParameters.Parse(value, out var parameters, defects);
        parameters.DecodeEncodedWords();
        var slash = token.IndexOf('/');
        string type, subtype;
        if (slash < 0)
        {
            // "text" alone, or garbage: the RFC default is text/plain.
            defects?.Add(MimeDefects.InvalidContentType);
            type = "text";
            subtype = "plain";
            if (token.Equals("multipart", StringComparison.OrdinalIgnoreCase) && parameters["boundary"] is not null)
            {
                type = "multipart";
                subtype = "mixed";
            }
        }
        else
        {
            type = token[..slash].Trim().ToLowerInvariant();
            subtype = token[(slash + 1)..].Trim().ToLowerInvariant();
            if (!IsToken(type) || !IsToken(subtype))
            {
                defects?.Add(MimeDefects.InvalidContentType);
                if (!IsToken(type))
                    (type, subtype) = ("application", "octet-stream");
                else
                    subtype = new string(subtype.TakeWhile(c => c > ' ' && c < 127 && c is not ('(' or ')' or '<' or '>' or '@' or ',' or ';' or ':' or '\\' or '"' or '/' or '[' or ']' or '?' or '=')).ToArray()) is { Length: > 0 } s ? s : "octet-stream";
            }
        }
        return new ContentType(type, subtype, parameters);
    }

    private static bool IsToken(string s)
    {
        if (s.Length == 0)
            return false;
        foreach (var c in s)
            if (c <= ' ' || c >= 127 || c is '(' or ')' or '<' or '>' or '@' or ',' or ';' or ':' or '\\' or '"' or '/' or '[' or ']' or '?' or '=')
                return false;
        return true;
    }
}

/// <summary>A parsed Content-Disposition: "inline" or "attachment" (lower-case) with parameters.</summary>
public sealed class ContentDisposition
{
    public ContentDisposition(string disposition, HeaderParameters parameters)
    {
        Disposition = disposition;
        Parameters = parameters;
    }

    public string Disposition { get; }
    public HeaderParameters Parameters { get; }
    public string? FileName => Parameters["filename"];
    public bool IsAttachment => Disposition == "attachment";
    public bool IsInline => Disposition == "inline";

    public static ContentDisposition Parse(string value, List<string>? defects = null)
    {
        var token = HeaderParameters.Parse(value, out var parameters, defects);
        parameters.DecodeEncodedWords();
        return new ContentDisposition(token.ToLowerInvariant(), parameters);
    }
}
