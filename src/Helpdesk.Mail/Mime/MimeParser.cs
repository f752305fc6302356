using System.Text;

namespace Helpdesk.Mail.Mime;

/// <summary>
/// Bytes to a <see cref="MimeEntity"/> tree in one forward pass over an in-memory buffer. Lines are found with
/// vectorized searches; inside bodies only "\n--" is searched for, so base64 and long text cost almost nothing.
/// Every boundary of every open multipart is checked at each candidate line, so a missing close boundary,
/// an outer boundary inside an inner part, or a part that ends in its headers all end up in the right place.
/// Never throws for bad input; problems are listed as <see cref="MimeDefects"/> codes.
/// </summary>
public sealed class MimeParser
{
    private readonly byte[] _data;
    private readonly int _end;
    private readonly MimeParserOptions _options;
    private readonly List<string> _defects;
    private readonly List<byte[]> _boundaries = [];
    private readonly ParseBudget _budget;

    private sealed class ParseBudget
    {
        public int Parts;
        public bool PartsReported;
    }

    private MimeParser(byte[] data, int end, MimeParserOptions options, List<string> defects, ParseBudget budget)
    {
        _data = data;
        _end = end;
        _options = options;
        _defects = defects;
        _budget = budget;
    }

    /// <summary>Parses a whole message held in <paramref name="data"/>[0..<paramref name="length"/>).</summary>
    public static MimeEntity Parse(byte[] data, int length, MimeParserOptions options, List<string> defects)
    {
        ArgumentNullException.ThrowIfNull(data);
        if ((uint)length > (uint)data.Length)
            throw new ArgumentOutOfRangeException(nameof(length));
        if (length > options.MaxMessageSize)
            throw new MessageTooLargeException(options.MaxMessageSize);
        var parser = new MimeParser(data, length, options, defects, new ParseBudget());
        return parser.ParseMessage(0, 0);
    }

    private MimeEntity ParseMessage(int pos, int depth)
    {
        var span = _data.AsSpan(0, _end);
        // Blank lines before the headers (left by some export tools) are not a header/body separator.
        while (pos < _end && (span[pos] is (byte)'\r' or (byte)'\n' or (byte)' ' or (byte)'\t'))
        {
            var nl = span[pos..].IndexOf((byte)'\n');
            var line = nl < 0 ? span[pos..] : span.Slice(pos, nl);
            if (!line.Trim(" \t\r"u8).IsEmpty)
                break;
            pos = nl < 0 ? _end : pos + nl + 1;
        }
        if (pos >= _end)
            AddDefect(MimeDefects.EmptyMessage);
        // mbox "From " separator line: storage framing, not a header.
        if (span[pos..].StartsWith("From "u8))
        {
            var nl = span[pos..].IndexOf((byte)'\n');
            pos = nl < 0 ? _end : pos + nl + 1;
            AddDefect(MimeDefects.MboxFromLine);
        }
        var entity = ParseEntity(ref pos, depth, null, out _);
        return entity;
    }

    private void AddDefect(string code)
    {
        if (_defects.Count < 100 && !_defects.Contains(code))
            _defects.Add(code);
    }

    private readonly struct BoundaryHit(int index, bool close, int lineStart, int next)
    {
        public int Index { get; } = index; // position in _boundaries, -1 when the data ended
        public bool Close { get; } = close;
        public int LineStart { get; } = lineStart;
        public int Next { get; } = next;

        // The line break before a boundary belongs to the boundary (RFC 2046 5.1.1).
        public int ContentEnd(byte[] data, int start)
        {
            if (Index < 0)
                return Math.Max(start, LineStart);
            var e = LineStart;
            if (e > start && data[e - 1] == (byte)'\n')
                e--;
            if (e > start && data[e - 1] == (byte)'\r')
                e--;
            return Math.Max(start, e);
        }
    }

    private MimeEntity ParseEntity(ref int pos, int depth, ContentType? defaultType, out BoundaryHit hit)
    {
        var start = pos;
        _budget.Parts++;
        var headers = new HeaderList();
        var headerResult = ParseHeaders(ref pos, headers, out hit);
        var entity = new MimeEntity(headers, defaultType ?? ContentType.TextPlain, depth);
        ApplyContentHeaders(entity);

        if (headerResult == HeaderEnd.Boundary)
        {
            entity.RawBody = ReadOnlyMemory<byte>.Empty;
            entity.Raw = _data.AsMemory(start, hit.ContentEnd(_data, start) - start);
            return entity;
        }

        var bodyStart = pos;
        var type = entity.ContentType;
        if (type.IsMultipart)
        {
            if (depth >= _options.MaxDepth)
            {
                AddDefect(MimeDefects.TooDeep);
                hit = ReadLeaf(entity, ref pos, bodyStart);
            }
            else
            {
                var boundary = type.Boundary;
                if (string.IsNullOrEmpty(boundary))
                {
                    AddDefect(MimeDefects.MissingBoundaryParameter);
                    boundary = GuessBoundary(bodyStart);
                }
                if (string.IsNullOrEmpty(boundary))
                {
                    entity.IsBrokenMultipart = true;
                    hit = ReadLeaf(entity, ref pos, bodyStart);
                }
                else
                    hit = ParseMultipart(entity, ref pos, depth, boundary);
            }
        }
        else if (type.MediaType == "message" && type.MediaSubtype is "rfc822" or "global" or "news")
        {
            if (depth >= _options.MaxDepth)
            {
                AddDefect(MimeDefects.TooDeep);
                hit = ReadLeaf(entity, ref pos, bodyStart);
            }
            else if (entity.ContentTransferEncoding is "base64" or "quoted-printable")
            {
                // Encoded attached message: decode, then read it with its own buffer.
                hit = ReadLeaf(entity, ref pos, bodyStart);
                var content = entity.Content;
                var decoded = System.Runtime.InteropServices.MemoryMarshal.TryGetArray(content, out var segment) && segment.Offset == 0 && segment.Array is not null
                    ? segment.Array
                    : content.ToArray();
                var inner = new MimeParser(decoded, content.Length, _options, _defects, _budget);
                var innerPos = 0;
                entity.Message = inner.ParseEntity(ref innerPos, depth + 1, null, out _);
            }
            else
            {
                var inner = ParseEntity(ref pos, depth + 1, null, out hit);
                entity.Message = inner;
                entity.RawBody = _data.AsMemory(bodyStart, hit.ContentEnd(_data, bodyStart) - bodyStart);
            }
        }
        else
            hit = ReadLeaf(entity, ref pos, bodyStart);

        entity.Raw = _data.AsMemory(start, hit.ContentEnd(_data, start) - start);
        return entity;
    }

    private BoundaryHit ReadLeaf(MimeEntity entity, ref int pos, int bodyStart)
    {
        var hit = ScanToBoundary(ref pos);
        entity.RawBody = _data.AsMemory(bodyStart, hit.ContentEnd(_data, bodyStart) - bodyStart);
        return hit;
    }

    private BoundaryHit ParseMultipart(MimeEntity entity, ref int pos, int depth, string boundary, bool isRetry = false)
    {
        var bodyStart = pos;
        _boundaries.Add(Encoding.UTF8.GetBytes(boundary));
        var mine = _boundaries.Count - 1;
        var children = new List<MimeEntity>();
        entity.ChildList = children;
        var childType = entity.ContentType.MediaSubtype == "digest" ? ContentType.MessageRfc822 : null;

        var hit = ScanToBoundary(ref pos);
        entity.Preamble = _data.AsMemory(bodyStart, hit.ContentEnd(_data, bodyStart) - bodyStart);
        var sawBoundary = hit.Index == mine;
        while (hit.Index == mine && !hit.Close)
        {
            pos = hit.Next;
            if (_budget.Parts >= _options.MaxPartCount)
            {
                if (!_budget.PartsReported)
                {
                    _budget.PartsReported = true;
                    AddDefect(MimeDefects.TooManyParts);
                }
                hit = ScanToBoundary(ref pos);
                continue;
            }
            var child = ParseEntity(ref pos, depth + 1, childType, out hit);
            children.Add(child);
        }

        _boundaries.RemoveAt(mine);
        if (hit.Index == mine)
        {
            // Close boundary: whatever follows up to an outer boundary is the epilogue.
            pos = hit.Next;
            var epilogueStart = pos;
            hit = ScanToBoundary(ref pos);
            entity.RawBody = _data.AsMemory(bodyStart, epilogueStart - bodyStart);
            return hit;
        }

        if (!sawBoundary && !isRetry && GuessBoundary(bodyStart, hit.LineStart) is { } guessed && guessed != boundary)
        {
            // The parameter names one boundary and the body uses another (a relay rewrote one of them): the body wins.
            AddDefect(MimeDefects.BoundaryMismatch);
            pos = bodyStart;
            return ParseMultipart(entity, ref pos, depth, guessed, isRetry: true);
        }
        if (!sawBoundary)
        {
            // The boundary never appeared: keep the body as text so the customer's words are not lost.
            AddDefect(MimeDefects.BoundaryNotFound);
            entity.ChildList = null;
            entity.IsBrokenMultipart = true;
        }
        else
            AddDefect(MimeDefects.MissingCloseBoundary);
        entity.RawBody = _data.AsMemory(bodyStart, hit.ContentEnd(_data, bodyStart) - bodyStart);
        return hit;
    }

    // A multipart without a boundary parameter: the first "--token" line is almost always it.
    private string? GuessBoundary(int pos, int end = -1)
    {
        var span = _data.AsSpan(pos, (end < 0 ? _end : end) - pos);
        var offset = 0;
        for (var lines = 0; lines < 200 && offset < span.Length; lines++)
        {
            var nl = span[offset..].IndexOf((byte)'\n');
            var line = nl < 0 ? span[offset..] : span.Slice(offset, nl);
            line = line.TrimEnd(" \t\r"u8);
            if (line.Length > 2 && line[0] == (byte)'-' && line[1] == (byte)'-' && line.Length <= 200)
            {
                var b = line[2..];
                if (b.EndsWith("--"u8))
                    b = b[..^2];
                if (!b.IsEmpty && b.IndexOfAnyExceptInRange((byte)0x21, (byte)0x7E) < 0)
                    return Encoding.ASCII.GetString(b);
            }
            if (nl < 0)
                break;
            offset += nl + 1;
        }
        return null;
    }

    /// <summary>
    /// Moves to the next line that is a boundary of any open multipart (innermost checked first) or to the end.
    /// <paramref name="pos"/> must be at a line start; it is left at the boundary line, not past it.
    /// </summary>
    private BoundaryHit ScanToBoundary(ref int pos)
    {
        if (_boundaries.Count == 0)
        {
            pos = _end;
            return new BoundaryHit(-1, false, _end, _end);
        }
        var span = _data.AsSpan(0, _end);
        var p = pos;
        while (p < _end)
        {
            if (span[p] == (byte)'-' && TryMatchBoundary(span, p, out var hit))
            {
                pos = p;
                return hit;
            }
            var idx = span[p..].IndexOf("\n--"u8);
            if (idx < 0)
                break;
            p += idx + 1;
        }
        pos = _end;
        return new BoundaryHit(-1, false, _end, _end);
    }

    private bool TryMatchBoundary(ReadOnlySpan<byte> span, int lineStart, out BoundaryHit hit)
    {
        hit = default;
        var rest = span[lineStart..];
        if (rest.Length < 2 || rest[1] != (byte)'-')
            return false;
        var nl = rest.IndexOf((byte)'\n');
        var line = nl < 0 ? rest : rest[..nl];
        var next = nl < 0 ? _end : lineStart + nl + 1;
        var afterDashes = line[2..];
        for (var k = _boundaries.Count - 1; k >= 0; k--)
        {
            var b = _boundaries[k];
            if (!afterDashes.StartsWith(b))
                continue;
            var tail = afterDashes[b.Length..];
            var close = tail.StartsWith("--"u8);
            if (close)
                tail = tail[2..];
            // Only transport whitespace may follow, or "--abc" would match inside "--abcdef".
            if (tail.Trim(" \t\r"u8).IsEmpty)
            {
                hit = new BoundaryHit(k, close, lineStart, next);
                return true;
            }
        }
        return false;
    }

    private enum HeaderEnd { BlankLine, Boundary, End, BodyStarted }

    private HeaderEnd ParseHeaders(ref int pos, HeaderList headers, out BoundaryHit hit)
    {
        hit = default;
        var span = _data.AsSpan(0, _end);
        int nameStart = -1, nameEnd = 0, valueStart = 0, valueEnd = 0;
        var count = 0;
        var tooMany = false;
        while (pos < _end)
        {
            var lineStart = pos;
            var nl = span[pos..].IndexOf((byte)'\n');
            var lineEnd = nl < 0 ? _end : pos + nl;
            var next = nl < 0 ? _end : lineEnd + 1;
            var contentEnd = lineEnd > lineStart && span[lineEnd - 1] == (byte)'\r' ? lineEnd - 1 : lineEnd;
            var line = span[lineStart..contentEnd];

            if (line.IsEmpty || (line.Trim(" \t"u8).IsEmpty && IsBlankBeforeBody(span, next)))
            {
                Flush();
                pos = next;
                return HeaderEnd.BlankLine;
            }
            if (line[0] == (byte)'-' && _boundaries.Count > 0 && TryMatchBoundary(span, lineStart, out hit))
            {
                Flush();
                AddDefect(MimeDefects.TruncatedHeaders);
                pos = lineStart;
                return HeaderEnd.Boundary;
            }
            if (line[0] is (byte)' ' or (byte)'\t')
            {
                if (nameStart >= 0)
                {
                    valueEnd = contentEnd;
                    pos = next;
                    continue;
                }
                // Indented text with no header before it: this entity has no headers, the body starts here.
                AddDefect(count == 0 ? MimeDefects.NoHeaders : MimeDefects.MissingHeaderBodySeparator);
                pos = lineStart;
                return HeaderEnd.BodyStarted;
            }
            var colon = line.IndexOf((byte)':');
            var name = colon > 0 ? line[..colon].TrimEnd(" \t"u8) : default;
            if (colon <= 0 || !IsFieldName(name))
            {
                if (line.StartsWith(">From "u8) || (line.StartsWith("From "u8) && headers.Count == 0 && nameStart < 0))
                {
                    AddDefect(MimeDefects.MboxFromLine);
                    pos = next;
                    continue;
                }
                Flush();
                AddDefect(headers.Count == 0 ? MimeDefects.NoHeaders : MimeDefects.MissingHeaderBodySeparator);
                pos = lineStart;
                return HeaderEnd.BodyStarted;
            }
            Flush();
            nameStart = lineStart;
            nameEnd = lineStart + name.Length;
            valueStart = lineStart + colon + 1;
            valueEnd = contentEnd;
            pos = next;
        }
        Flush();
        return HeaderEnd.End;

        void Flush()
        {
            if (nameStart < 0)
                return;
            count++;
            if (count > _options.MaxHeaderCount)
            {
                if (!tooMany)
                {
                    tooMany = true;
                    AddDefect(MimeDefects.TooManyHeaders);
                }
                nameStart = -1;
                return;
            }
            var length = valueEnd - valueStart;
            if (length > _options.MaxHeaderLength)
            {
                AddDefect(MimeDefects.HeaderTooLong);
                length = _options.MaxHeaderLength;
            }
            var name = HeaderNames.Get(_data.AsSpan(nameStart, nameEnd - nameStart));
            headers.Add(new Header(name, _data.AsMemory(valueStart, Math.Max(0, length))));
            nameStart = -1;
        }
    }

    // A whitespace-only line ends the headers when it is not a fold, which is when what follows is not a header
    // continuation either; real-world mail uses " \r\n" as the separator often enough to matter.
    private static bool IsBlankBeforeBody(ReadOnlySpan<byte> span, int next) =>
        next >= span.Length || span[next] is not ((byte)' ' or (byte)'\t');

    private static bool IsFieldName(ReadOnlySpan<byte> name)
    {
        if (name.IsEmpty || name.Length > 200)
            return false;
        foreach (var b in name)
            if (b is < 33 or > 126)
                return false;
        return true;
    }

    private void ApplyContentHeaders(MimeEntity entity)
    {
        var headers = entity.Headers;
        if (headers.Count == 0)
            return;
        // The first of repeated content fields wins, as in most readers.
        if (headers.Find("Content-Type") is { } ct)
            entity.ContentType = ContentType.Parse(ct.Value, _defects);
        if (headers.Find("Content-Transfer-Encoding") is { } te)
        {
            var cte = te.Value.Trim().Trim('"').ToLowerInvariant();
            var sp = cte.IndexOfAny([' ', ';', '(']);
            if (sp > 0)
                cte = cte[..sp];
            entity.ContentTransferEncoding = cte switch
            {
                "7bit" or "8bit" or "binary" or "base64" or "quoted-printable" => cte,
                "7-bit" => "7bit",
                "8-bit" => "8bit",
                "quoted-printed" or "qp" => "quoted-printable",
                "" => "7bit",
                _ => Unknown(),
            };
        }
        if (headers.Find("Content-Disposition") is { } cd)
            entity.ContentDisposition = ContentDisposition.Parse(cd.Value, _defects);
        if (headers.Find("Content-ID") is { } cid)
            entity.ContentId = MessageIds.ParseOne(cid.Value);
        DedupeDefects();

        string Unknown()
        {
            AddDefect(MimeDefects.UnknownTransferEncoding);
            return "binary";
        }
    }

    private void DedupeDefects()
    {
        // Content header parsing appends freely; keep each code once.
        for (var i = _defects.Count - 1; i > 0; i--)
            if (_defects.IndexOf(_defects[i]) < i)
                _defects.RemoveAt(i);
        if (_defects.Count > 100)
            _defects.RemoveRange(100, _defects.Count - 100);
    }
}

/// <summary>Interned names for the header fields every message has, so parsing them allocates nothing.</summary>
internal static class HeaderNames
{
    private static readonly string[] Common =
    [
        "Received", "From", "To", "Cc", "Bcc", "Subject", "Date", "Message-ID", "Message-Id", "In-Reply-To", "References",
        "Reply-To", "Sender", "Return-Path", "MIME-Version", "Mime-Version", "Content-Type", "Content-Transfer-Encoding",
        "Content-Disposition", "Content-ID", "Content-Id", "DKIM-Signature", "X-Mailer", "Thread-Topic", "Thread-Index",
        "Content-Language", "Accept-Language", "X-MS-Has-Attach", "X-MS-TNEF-Correlator", "Authentication-Results",
        "ARC-Seal", "ARC-Message-Signature", "ARC-Authentication-Results", "X-Originating-IP", "List-Id", "List-Unsubscribe",
        "Auto-Submitted", "Precedence", "X-Google-Smtp-Source", "X-Received", "Delivered-To", "User-Agent", "Importance",
        "X-Priority", "Received-SPF", "X-Spam-Status", "Organization", "Content-Description",
    ];

    private static readonly byte[][] CommonBytes = Common.Select(Encoding.ASCII.GetBytes).ToArray();

    public static string Get(ReadOnlySpan<byte> name)
    {
        for (var i = 0; i < CommonBytes.Length; i++)
            if (CommonBytes[i].Length == name.Length && name.SequenceEqual(CommonBytes[i]))
                return Common[i];
        return Encoding.ASCII.GetString(name);
    }
}
