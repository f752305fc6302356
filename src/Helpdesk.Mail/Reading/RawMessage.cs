using System.Text;
using MimeKit;

namespace Helpdesk.Mail.Reading;

/// <summary>
/// One message as MimeKit parsed it from the stored bytes, with where each part lies in those bytes, and the
/// repairs a plain MimeKit parse does not make: a multipart whose boundary parameter does not match the body
/// (a relay rewrote one of them) is read with the boundary the body uses, and one whose boundary never appears
/// keeps its body as text. Parts are ranges of the buffer (persistent parse): nothing is copied until decoded.
/// </summary>
internal sealed class RawMessage
{
    private byte[] _buffer;
    private int _length;
    private readonly ParserOptions _options;
    private readonly List<string> _defects;
    private readonly EntityRanges _ranges = new();
    private readonly HashSet<MimeEntity> _textBodies = new(ReferenceEqualityComparer.Instance);

    // Boundary repairs per message: each one parses a part again, and hostile input can nest them without end.
    private const int MaxRepairs = 8;
    private int _repairs;

    public RawMessage(byte[] buffer, int length, ParserOptions options, List<string> defects, bool topLevel = true, int repairs = 0, int maxHeaders = 0)
    {
        _repairs = repairs;
        _buffer = buffer;
        _length = length;
        _options = options;
        _defects = defects;
        CheckBytes();
        if (topLevel && maxHeaders > 0 && LimitHeaders(buffer, length, maxHeaders, defects) is { } limited)
            (_buffer, _length) = (buffer, length) = limited;
        if (topLevel && maxHeaders > 0 && LimitPartHeaders(buffer, length, maxHeaders, defects) is { } partsLimited)
            (_buffer, _length) = (buffer, length) = partsLimited;
        Message = Parse(length);
        if (topLevel && BodyLineInHeaders(Message) is { } bodyStart)
        {
            // A sender left out the blank line after the headers: the first line that is no header field starts
            // the body (MimeKit keeps it as a nameless header and the words would be lost).
            defects.Add(MimeDefects.MissingHeaderBodySeparator);
            var separated = new byte[length + 2];
            buffer.AsSpan(0, bodyStart).CopyTo(separated);
            separated[bodyStart] = (byte)'\r';
            separated[bodyStart + 1] = (byte)'\n';
            buffer.AsSpan(bodyStart, length - bodyStart).CopyTo(separated.AsSpan(bodyStart + 2));
            (_buffer, _length) = (separated, length + 2);
            _ranges.Clear();
            Message = Parse(_length);
        }
        if (topLevel && Message.Headers.Count == 0)
            defects.Add(length == 0 ? MimeDefects.EmptyMessage : MimeDefects.NoHeaders);
        if (Message.Body is null)
            Message.Body = new TextPart("plain") { Text = "" };
        Repair(Message.Body, depth: 0);
    }

    public MimeMessage Message { get; }

    /// <summary>True for a multipart whose boundary never appeared: its body is read as plain text.</summary>
    public bool IsTextBody(MimeEntity entity) => _textBodies.Contains(entity);

    /// <summary>The bytes after an entity's headers, before transfer decoding (for a multipart: all its parts).</summary>
    public ReadOnlyMemory<byte> RawBody(MimeEntity entity)
    {
        if (!_ranges.TryGetValue(entity, out var r))
            return ReadOnlyMemory<byte>.Empty;
        var start = (int)Math.Min(r.HeadersEnd, _length);
        var end = (int)Math.Clamp(r.End, start, _length);
        // The blank line that ends the headers is not content.
        if (start < end && _buffer[start] == '\r')
            start++;
        if (start < end && _buffer[start] == '\n')
            start++;
        return _buffer.AsMemory(start, end - start);
    }

    private MimeMessage Parse(int count)
    {
        // Not disposed: the parts read their content from this stream for as long as the message lives.
        var stream = new MemoryStream(_buffer, 0, count, writable: false, publiclyVisible: true);
        // One parser per thread, pointed at each message in turn: its buffers cost more than a small message.
        var parser = t_parser ??= new RangeRecordingParser();
        parser.Start(_options, stream, _ranges);
        try
        {
            return parser.ParseMessage();
        }
        catch (FormatException)
        {
            // MimeKit refuses a message whose first line is no header field: all of it is read as text.
            _ranges.Clear();
            stream.Position = 0;
            var body = new TextPart("plain") { Content = new MimeContent(stream) };
            _ranges.Set(body, (0, count));
            _defects.Add(MimeDefects.NoHeaders);
            var message = new MimeMessage();
            message.Headers.Clear(); // no invented Date or Message-ID
            message.Body = body;
            return message;
        }
        finally
        {
            parser.Release(); // the thread's parser must not keep the last message alive
        }
    }

    /// <summary>
    /// A part whose body starts right after its headers, without the blank line: its body bytes (from the first
    /// line that is no header field), or null for a well-formed part.
    /// </summary>
    public ReadOnlyMemory<byte>? BodyWithoutSeparator(MimeEntity entity)
    {
        if (_foreign.TryGetValue(entity, out var other))
            return other.BodyWithoutSeparator(entity);
        if (FirstNamelessHeader(entity.Headers) is not { } start || !_ranges.TryGetValue(entity, out var r))
            return null;
        var end = (int)Math.Clamp(r.End, start, _length);
        return _buffer.AsMemory(start, end - start);
    }

    /// <summary>
    /// The message with old Mac line ends (CR only) turned into LF, only its first <paramref name="maxHeaders"/>
    /// header fields, and header lines cut at <see cref="MaxHeaderLine"/> bytes; null when nothing needed doing.
    /// Hostile mail repeats its header block thousands of times or sends megabytes without a line feed, and
    /// MimeKit's cost grows with both (a 3 MB message of CR-only lines allocated 1 GB in it).
    /// </summary>
    private static (byte[], int)? LimitHeaders(byte[] buffer, int length, int maxHeaders, List<string> defects)
    {
        var span = buffer.AsSpan(0, length);
        if (span.IndexOf((byte)'\n') < 0 && span.IndexOf((byte)'\r') >= 0)
        {
            var lf = span.ToArray();
            lf.AsSpan().Replace((byte)'\r', (byte)'\n');
            return LimitHeaders(lf, lf.Length, maxHeaders, defects) ?? (lf, lf.Length);
        }
        List<(int Start, int End)>? keep = null;
        var fields = 0;
        var pos = 0;
        var from = 0;
        while (pos < span.Length)
        {
            var nl = span[pos..].IndexOf((byte)'\n');
            var end = nl < 0 ? span.Length : pos + nl + 1;
            var line = span[pos..end].TrimEnd("\r\n"u8);
            if (line.IsEmpty)
                break; // the blank line that ends the headers
            if (line[0] is not (byte)' ' and not (byte)'\t' && ++fields > maxHeaders)
            {
                defects.Add(MimeDefects.TooManyHeaders);
                (keep ??= []).Add((from, pos));
                var rest = span[pos..];
                var blank = rest.IndexOf("\n\r\n"u8);
                var blankLf = rest.IndexOf("\n\n"u8);
                var cut = blank < 0 ? blankLf : blankLf < 0 ? blank : Math.Min(blank, blankLf);
                from = pos = cut < 0 ? span.Length : pos + cut + 1;
                break;
            }
            if (line.Length > MaxHeaderLine)
            {
                defects.Add(MimeDefects.HeaderTooLong);
                (keep ??= []).Add((from, pos + MaxHeaderLine));
                from = pos + line.Length;
            }
            pos = end;
        }
        if (keep is null)
            return null;
        keep.Add((from, span.Length));
        return Kept(span, keep);
    }

    /// <summary>The given ranges of the message, in order, as one new buffer.</summary>
    private static (byte[], int) Kept(ReadOnlySpan<byte> span, List<(int Start, int End)> keep)
    {
        var kept = new byte[keep.Sum(k => k.End - k.Start)];
        var o = 0;
        foreach (var (start, end) in keep)
        {
            span[start..end].CopyTo(kept.AsSpan(o));
            o += end - start;
        }
        return (kept, kept.Length);
    }

    /// <summary>
    /// The same limit for the header blocks inside the message: after a delimiter line of a boundary the message
    /// declares, and the headers of an attached message (after a part header block naming a message/ type). Only
    /// their first <paramref name="maxHeaders"/> fields are kept; null when no block is over. Fuzzed mail with
    /// 60,000 header lines inside a part took MimeKit 70-170 ms to parse (one Header object and one look-up table
    /// entry each). Body text is never cut: a run of lines only counts when it starts at a declared boundary or
    /// inside an attached message's headers.
    /// </summary>
    internal static (byte[], int)? LimitPartHeaders(byte[] buffer, int length, int maxHeaders, List<string> defects)
    {
        var span = buffer.AsSpan(0, length);
        if (span.Count((byte)'\n') <= maxHeaders)
            return null; // too few lines for any block to be over
        var boundaries = DeclaredBoundaries(span);
        List<(int Start, int End)>? drop = null;
        var inHeaders = true; // the message's own header block first (already limited: only its type matters)
        var fields = 0;
        var namesMessage = false;
        var cutFrom = -1;
        var pos = 0;
        while (pos < span.Length)
        {
            var nl = span[pos..].IndexOf((byte)'\n');
            var end = nl < 0 ? span.Length : pos + nl + 1;
            var line = span[pos..end].TrimEnd("\r\n"u8);
            var delimiter = line.StartsWith("--"u8) ? Delimiter(line[2..], boundaries) : 0;
            if (line.IsEmpty || delimiter != 0)
            {
                if (cutFrom >= 0)
                    (drop ??= []).Add((cutFrom, pos));
                cutFrom = -1;
                // After a part's headers that name a message/ type come the attached message's own headers.
                var attachedHeadersFollow = line.IsEmpty && inHeaders && namesMessage;
                inHeaders = delimiter == 1 || attachedHeadersFollow;
                fields = 0;
                namesMessage = false;
            }
            else if (inHeaders)
            {
                if (line[0] is not (byte)' ' and not (byte)'\t')
                {
                    if (++fields > maxHeaders && cutFrom < 0)
                        cutFrom = pos;
                    if (cutFrom < 0 && line.Length > 13 && Ascii.EqualsIgnoreCase(line[..13], "content-type:"u8)
                        && line.IndexOf("message/"u8) >= 0)
                        namesMessage = true;
                }
            }
            pos = end;
        }
        if (cutFrom >= 0)
            (drop ??= []).Add((cutFrom, span.Length));
        if (drop is null)
            return null;
        defects.Add(MimeDefects.TooManyHeaders);
        var keep = new List<(int Start, int End)>(drop.Count + 1);
        var from = 0;
        foreach (var (start, stop) in drop)
        {
            keep.Add((from, start));
            from = stop;
        }
        keep.Add((from, span.Length));
        return Kept(span, keep);
    }

    /// <summary>1 for a delimiter line of a declared boundary, 2 for its closing line ("--b--"), 0 for anything else.</summary>
    private static int Delimiter(ReadOnlySpan<byte> afterDashes, List<byte[]> boundaries)
    {
        var text = afterDashes.TrimEnd(" \t"u8);
        foreach (var b in boundaries)
        {
            if (!text.StartsWith(b))
                continue;
            var rest = text[b.Length..];
            if (rest.IsEmpty)
                return 1;
            if (rest.SequenceEqual("--"u8))
                return 2;
        }
        return 0;
    }

    /// <summary>Every boundary="..." parameter value in the message (at most 64): where its parts can start.</summary>
    private static List<byte[]> DeclaredBoundaries(ReadOnlySpan<byte> span)
    {
        var found = new List<byte[]>();
        var pos = 0;
        int at;
        while (found.Count < 64 && (at = span[pos..].IndexOf("oundary="u8)) >= 0)
        {
            var i = pos + at + "oundary="u8.Length;
            pos = i;
            if (i - 9 < 0 || (span[i - 9] | 0x20) != 'b')
                continue;
            var quoted = i < span.Length && span[i] == '"';
            if (quoted)
                i++;
            var start = i;
            while (i < span.Length && i - start < 200 && span[i] is not ((byte)'"' or (byte)'\r' or (byte)'\n')
                   && (quoted || span[i] is not ((byte)';' or (byte)' ' or (byte)'\t')))
                i++;
            if (i > start)
                found.Add(span[start..i].ToArray());
        }
        return found;
    }

    /// <summary>Bytes in one header line. Long References chains reach a few KiB; 64 KiB is far past any real one.</summary>
    private const int MaxHeaderLine = 64 * 1024;

    private static int? BodyLineInHeaders(MimeMessage message) => FirstNamelessHeader(message.Headers);

    private static int? FirstNamelessHeader(HeaderList headers)
    {
        foreach (var header in headers)
        {
            if (header.Offset is not { } offset || offset == 0)
                continue;
            // A field name is printable ASCII without spaces ('!' to '~'); anything else is a line of the body.
            if (header.Field.AsSpan().ContainsAnyExceptInRange('!', '~'))
                return (int)offset;
        }
        return null;
    }

    private void CheckBytes()
    {
        var span = _buffer.AsSpan(0, _length);
        if (span.StartsWith("From "u8))
            _defects.Add(MimeDefects.MboxFromLine);
        if (span.Contains((byte)0))
            _defects.Add(MimeDefects.NulBytes);
    }

    private void Repair(MimeEntity entity, int depth)
    {
        // Parts that came from a repair parse were repaired by it.
        if (depth > 64 || _foreign.ContainsKey(entity))
            return;
        switch (entity)
        {
            case MimePart part when !HasUsableContentType(part):
                // RFC 2045 5.2: a missing or unreadable Content-Type is text/plain (MimeKit says octet-stream).
                part.ContentType.MediaType = "text";
                part.ContentType.MediaSubtype = "plain";
                break;
            case Multipart multipart:
                if (multipart.Count == 0)
                    RepairEmptyMultipart(multipart);
                else if (!string.IsNullOrEmpty(multipart.Boundary) && !HasCloseBoundary(multipart))
                    _defects.Add(MimeDefects.MissingCloseBoundary);
                for (var i = 0; i < multipart.Count; i++)
                    Repair(multipart[i], depth + 1);
                break;
            case MessagePart { Message.Body: { } inner }:
                Repair(inner, depth + 1);
                break;
        }
    }

    private bool HasUsableContentType(MimePart part)
    {
        var value = part.Headers[HeaderId.ContentType];
        return value is null || (value.Contains('/') && ContentType.TryParse(_options, value, out _));
    }

    private bool HasCloseBoundary(Multipart multipart)
    {
        var body = RawBody(multipart).Span;
        var boundary = multipart.Boundary ?? "";
        Span<byte> close = stackalloc byte[Math.Min(boundary.Length + 4, 256)];
        var n = Encoding.ASCII.GetBytes(boundary.AsSpan(0, Math.Min(boundary.Length, 252)), close[2..]);
        close[0] = close[1] = (byte)'-';
        close[n + 2] = close[n + 3] = (byte)'-';
        return body.IndexOf(close[..(n + 4)]) >= 0;
    }

    // A multipart in which MimeKit found no part: its boundary never appears. When the body uses another
    // boundary, the part is read again with that one; otherwise its body is text, so the customer's words stay.
    private void RepairEmptyMultipart(Multipart multipart)
    {
        var body = RawBody(multipart);
        if (string.IsNullOrEmpty(multipart.Boundary) && body.Length > 0)
            _defects.Add(MimeDefects.MissingBoundaryParameter);
        if (_repairs < MaxRepairs && GuessBoundary(body.Span) is { } guessed && guessed != multipart.Boundary)
        {
            _repairs++;
            _defects.Add(MimeDefects.BoundaryMismatch);
            var header = Encoding.ASCII.GetBytes($"Content-Type: {multipart.ContentType.MimeType}; boundary=\"{guessed}\"\r\n\r\n");
            var bytes = new byte[header.Length + body.Length];
            header.CopyTo(bytes, 0);
            body.Span.CopyTo(bytes.AsSpan(header.Length));
            // The reparsed parts live in their own buffer; their ranges are recorded against it.
            var reparsed = new RawMessage(bytes, bytes.Length, _options, _defects, topLevel: false, repairs: _repairs);
            _repairs = Math.Max(_repairs, reparsed._repairs);
            if (reparsed.Message.Body is Multipart { Count: > 0 } fixedPart)
            {
                while (fixedPart.Count > 0)
                {
                    var child = fixedPart[0];
                    fixedPart.RemoveAt(0);
                    multipart.Add(child);
                }
                foreach (var entity in reparsed._ranges.Entities.Concat(reparsed._foreign.Keys))
                    _foreign[entity] = reparsed;
                return;
            }
        }
        if (body.Length > 0)
        {
            _defects.Add(MimeDefects.BoundaryNotFound);
            _textBodies.Add(multipart);
        }
    }

    // Parts that came from a repair parse: their bytes are in that parse's buffer.
    private readonly Dictionary<MimeEntity, RawMessage> _foreign = new(ReferenceEqualityComparer.Instance);

    /// <summary>The raw body of any entity of this message, repaired parts included.</summary>
    public ReadOnlyMemory<byte> RawBodyOf(MimeEntity entity) =>
        _foreign.TryGetValue(entity, out var other) ? other.RawBodyOf(entity) : RawBody(entity);

    /// <summary>Whether a repair found the entity to be text (see <see cref="IsTextBody"/>), repaired parts included.</summary>
    public bool IsBrokenMultipart(MimeEntity entity) =>
        _foreign.TryGetValue(entity, out var other) ? other.IsBrokenMultipart(entity) : IsTextBody(entity);

    // The first "--token" line is almost always the boundary the sender meant.
    private static string? GuessBoundary(ReadOnlySpan<byte> span)
    {
        var offset = 0;
        for (var lines = 0; lines < 200 && offset < span.Length; lines++)
        {
            var nl = span[offset..].IndexOf((byte)'\n');
            var line = (nl < 0 ? span[offset..] : span.Slice(offset, nl)).TrimEnd(" \t\r"u8);
            if (line.Length > 2 && line.Length <= 200 && line[0] == (byte)'-' && line[1] == (byte)'-')
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

    /// <summary>MimeKit's parser, noting where each entity's headers end and its body ends.</summary>
    private sealed class RangeRecordingParser() : MimeParser(Stream.Null, persistent: true)
    {
        private EntityRanges? _ranges;

        public void Start(ParserOptions options, Stream stream, EntityRanges ranges)
        {
            _ranges = ranges;
            Options = options;
            SetStream(stream, MimeFormat.Entity, persistent: true);
        }

        public void Release()
        {
            _ranges = null;
            SetStream(Stream.Null, MimeFormat.Entity, persistent: true);
        }

        protected override void OnMimeEntityEnd(MimeEntityEndEventArgs args)
        {
            _ranges?.Set(args.Entity, (args.HeadersEndOffset, args.EndOffset));
            base.OnMimeEntityEnd(args);
        }
    }

    [ThreadStatic]
    private static RangeRecordingParser? t_parser;
}

/// <summary>
/// Where each entity of one parse lies, by reference. A message has a handful of entities, and a list searched by
/// reference costs less than hashing each new object (the runtime's first hash of an object is its slow path);
/// past <see cref="ListLimit"/> entities (hostile mail) a dictionary takes over.
/// </summary>
internal sealed class EntityRanges
{
    private const int ListLimit = 32;
    private readonly List<(MimeEntity Entity, (long HeadersEnd, long End) Range)> _list = [];
    private Dictionary<MimeEntity, (long HeadersEnd, long End)>? _map;

    public void Set(MimeEntity entity, (long HeadersEnd, long End) range)
    {
        if (_map is not null)
        {
            _map[entity] = range;
            return;
        }
        for (var i = 0; i < _list.Count; i++)
        {
            if (ReferenceEquals(_list[i].Entity, entity))
            {
                _list[i] = (entity, range);
                return;
            }
        }
        _list.Add((entity, range));
        if (_list.Count > ListLimit)
        {
            _map = new Dictionary<MimeEntity, (long, long)>(ReferenceEqualityComparer.Instance);
            foreach (var (e, r) in _list)
                _map[e] = r;
        }
    }

    public bool TryGetValue(MimeEntity entity, out (long HeadersEnd, long End) range)
    {
        if (_map is not null)
            return _map.TryGetValue(entity, out range);
        foreach (var (e, r) in _list)
        {
            if (ReferenceEquals(e, entity))
            {
                range = r;
                return true;
            }
        }
        range = default;
        return false;
    }

    public IEnumerable<MimeEntity> Entities => _map is not null ? _map.Keys : _list.Select(x => x.Entity);

    public void Clear()
    {
        _list.Clear();
        _map = null;
    }
}
