namespace Helpdesk.Mail.Mime;

/// <summary>
/// One node of a message tree: a multipart (with <see cref="Children"/>), an attached message (with
/// <see cref="Message"/>), or a leaf whose body is <see cref="RawBody"/>. Bodies are slices of the bytes the
/// message was read from; nothing is copied until content is decoded.
/// </summary>
public sealed class MimeEntity
{
    private ReadOnlyMemory<byte>? _content;
    private bool _contentGarbage;

    internal MimeEntity(HeaderList headers, ContentType contentType, int depth)
    {
        Headers = headers;
        ContentType = contentType;
        Depth = depth;
    }

    public HeaderList Headers { get; }

    /// <summary>A part the reader found inside another part's text (a uuencoded file): no headers, decoded content.</summary>
    internal static MimeEntity FromContent(ContentType contentType, ReadOnlyMemory<byte> content, int depth) =>
        new(new HeaderList(), contentType, depth)
        {
            ContentTransferEncoding = "binary",
            RawBody = content,
            Raw = content,
            _content = content,
        };

    /// <summary>The Content-Type, or the RFC 2045 default (text/plain; message/rfc822 inside multipart/digest).</summary>
    public ContentType ContentType { get; internal set; }

    public ContentDisposition? ContentDisposition { get; internal set; }

    /// <summary>Lower-case Content-Transfer-Encoding; "7bit" when absent.</summary>
    public string ContentTransferEncoding { get; internal set; } = "7bit";

    /// <summary>Content-ID without angle brackets, or null.</summary>
    public string? ContentId { get; internal set; }

    /// <summary>Nesting level: 0 for the message itself.</summary>
    public int Depth { get; }

    /// <summary>The parts of a multipart, in order; empty otherwise.</summary>
    public IReadOnlyList<MimeEntity> Children => ChildList ?? (IReadOnlyList<MimeEntity>)[];

    internal List<MimeEntity>? ChildList { get; set; }

    /// <summary>The message inside a message/rfc822 part, or null.</summary>
    public MimeEntity? Message { get; internal set; }

    /// <summary>The body bytes before transfer decoding (for a multipart: everything after its headers).</summary>
    public ReadOnlyMemory<byte> RawBody { get; internal set; }

    /// <summary>Headers and body, as they arrived.</summary>
    public ReadOnlyMemory<byte> Raw { get; internal set; }

    /// <summary>Text before the first boundary of a multipart (ignored by readers; sometimes holds the only text).</summary>
    public ReadOnlyMemory<byte> Preamble { get; internal set; }

    /// <summary>True for a multipart whose boundary never appeared: its body is read as plain text.</summary>
    public bool IsBrokenMultipart { get; internal set; }

    public bool IsMultipart => ContentType.IsMultipart && !IsBrokenMultipart;

    /// <summary>True when the entity has neither children nor an attached message.</summary>
    public bool IsLeaf => ChildList is null && Message is null;

    /// <summary>File name from Content-Disposition, else Content-Type name; decoded; path stripped.</summary>
    public string? FileName
    {
        get
        {
            var name = ContentDisposition?.FileName ?? ContentType.Name;
            if (string.IsNullOrWhiteSpace(name))
                return null;
            var cut = name.LastIndexOfAny(['/', '\\']);
            name = (cut >= 0 ? name[(cut + 1)..] : name).Trim();
            return name.Length == 0 ? null : name;
        }
    }

    /// <summary>The body with the transfer encoding removed (computed once).</summary>
    public ReadOnlyMemory<byte> Content
    {
        get
        {
            if (_content is null)
                _content = DecodeContent(out _contentGarbage);
            return _content.Value;
        }
    }

    /// <summary>True when decoding found invalid data (base64 garbage, broken quoted-printable).</summary>
    public bool ContentHadErrors
    {
        get
        {
            _ = Content;
            return _contentGarbage;
        }
    }

    /// <summary>The content decoded as text with the part's charset (falling back to UTF-8, then windows-1252).</summary>
    public string GetText(MimeParserOptions? options = null) =>
        Charsets.Decode(Content.Span, ContentType.Charset, (options ?? MimeParserOptions.Default).FallbackEncoding);

    /// <summary>This entity and everything below it, depth first, attached messages included.</summary>
    public IEnumerable<MimeEntity> DescendantsAndSelf()
    {
        var stack = new Stack<MimeEntity>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            var e = stack.Pop();
            yield return e;
            if (e.Message is not null)
                stack.Push(e.Message);
            if (e.ChildList is not null)
                for (var i = e.ChildList.Count - 1; i >= 0; i--)
                    stack.Push(e.ChildList[i]);
        }
    }

    private ReadOnlyMemory<byte> DecodeContent(out bool garbage)
    {
        garbage = false;
        var raw = RawBody.Span;
        switch (ContentTransferEncoding)
        {
            // Decoded into an array of the largest possible size and kept as a slice of it: trimming it to the
            // exact length would be a second full-size copy of every attachment.
            case "base64":
            {
                var buffer = new byte[TransferEncoding.MaxBase64DecodedLength(raw.Length)];
                return buffer.AsMemory(0, TransferEncoding.DecodeBase64(raw, buffer, out garbage));
            }
            case "quoted-printable":
            {
                var buffer = new byte[raw.Length];
                return buffer.AsMemory(0, TransferEncoding.DecodeQuotedPrintable(raw, buffer, out garbage));
            }
            default:
                return RawBody;
        }
    }

    public override string ToString() => ContentType.MimeType;
}
