using System.Buffers;
using System.Runtime.InteropServices;

namespace Helpdesk.Mail.Mime;

/// <summary>
/// Bytes to everything the desk needs from one email: addresses, threading ids, the body as text, the
/// customer's new words, sanitized HTML, attachments, and whether a machine wrote it. Thread-safe; one
/// instance can serve every worker.
/// </summary>
public sealed class EmailReader
{
    private readonly MimeParserOptions _options;
    private readonly HtmlSanitizerOptions _htmlOptions;

    public EmailReader(MimeParserOptions? options = null, HtmlSanitizerOptions? htmlOptions = null)
    {
        _options = options ?? MimeParserOptions.Default;
        _htmlOptions = htmlOptions ?? HtmlSanitizerOptions.Default;
    }

    public MimeParserOptions Options => _options;

    /// <summary>
    /// Reads a message from a stream (to its end). Never throws for bad mail: defects are listed.
    /// </summary>
    /// <exception cref="MessageTooLargeException">The stream holds more than <see cref="MimeParserOptions.MaxMessageSize"/> bytes.</exception>
    /// <exception cref="IOException">The stream itself failed.</exception>
    public ParsedEmail Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var (buffer, length) = ReadAll(stream, _options.MaxMessageSize);
        return Read(buffer, length);
    }

    /// <summary>Reads a message from a stream asynchronously (see <see cref="Read(Stream)"/>).</summary>
    public async Task<ParsedEmail> ReadAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var limit = _options.MaxMessageSize;
        var buffer = new byte[InitialSize(stream, limit)];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
                buffer = Grow(buffer, limit);
            var n = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (n == 0)
                break;
            length += n;
            if (length > limit)
                throw new MessageTooLargeException(limit);
        }
        return Read(buffer, length);
    }

    /// <summary>Reads a message held in memory. Never throws for bad mail.</summary>
    /// <exception cref="MessageTooLargeException">More than <see cref="MimeParserOptions.MaxMessageSize"/> bytes.</exception>
    public ParsedEmail Read(ReadOnlyMemory<byte> raw)
    {
        if (raw.Length > _options.MaxMessageSize)
            throw new MessageTooLargeException(_options.MaxMessageSize);
        // Parts keep slices of the buffer, so it must be an array the reader may hold on to.
        if (MemoryMarshal.TryGetArray(raw, out var segment) && segment.Offset == 0 && segment.Array is not null)
            return Read(segment.Array, segment.Count);
        var copy = raw.ToArray();
        return Read(copy, copy.Length);
    }

    private ParsedEmail Read(byte[] buffer, int length)
    {
        var defects = new List<string>();
        var root = MimeParser.Parse(buffer, length, _options, defects);
        var headers = root.Headers;

        var addressDefects = new List<string>();
        var fromList = AddressParser.Parse(headers["From"], addressDefects);
        var subject = headers.Find("Subject")?.Text ?? "";

        var body = new BodyCollector(_options, defects);
        body.Walk(root);
        var text = body.BuildText();

        var dateValue = headers["Date"];
        var date = DateParser.Parse(dateValue);
        if (date is null && !string.IsNullOrWhiteSpace(dateValue))
            defects.Add(MimeDefects.InvalidDate);
        var messageId = MessageIds.ParseOne(headers["Message-ID"]);

        var visible = VisibleTextExtractor.Analyze(text, subject, _options.MaxTextLength);
        var machine = MachineMailDetector.Detect(root, fromList.FirstOrDefault(), subject, text, visible, _options);
        var forwarded = visible.Forwarded;
        if (forwarded is null && machine.Kind == MachineMailKind.None)
            forwarded = body.AttachedMessageAsForward(_options);

        foreach (var d in addressDefects)
            defects.Add(d);
        var rawHtml = body.BuildHtml();
        var htmlOptions = _htmlOptions;
        return new ParsedEmail(root, () => rawHtml is null ? null : HtmlSanitizer.Sanitize(rawHtml, htmlOptions))
        {
            MessageId = messageId,
            InReplyTo = MessageIds.ParseOne(headers["In-Reply-To"]),
            References = MessageIds.ParseList(headers["References"]),
            Date = date,
            From = fromList.FirstOrDefault(),
            Sender = AddressParser.Parse(headers["Sender"]).FirstOrDefault(),
            ReplyTo = AddressParser.Parse(headers["Reply-To"], defects),
            To = AddressParser.Parse(headers["To"], defects),
            Cc = AddressParser.Parse(headers["Cc"], defects),
            Subject = subject,
            Text = text,
            // Machine mail has no new words to find: trimming would eat transcripts and returned copies.
            VisibleText = machine.Kind is MachineMailKind.None or MachineMailKind.MailingList ? visible.VisibleText : text,
            RawHtml = rawHtml,
            Attachments = body.Attachments,
            Machine = machine,
            Forwarded = forwarded,
            Defects = defects.Distinct().ToList(),
        };
    }

    private static int InitialSize(Stream stream, long limit)
    {
        try
        {
            if (stream.CanSeek)
            {
                var remaining = stream.Length - stream.Position;
                if (remaining > limit)
                    throw new MessageTooLargeException(limit);
                return (int)Math.Max(remaining + 1, 256);
            }
        }
        catch (NotSupportedException)
        {
        }
        return 16 * 1024;
    }

    private static byte[] Grow(byte[] buffer, long limit)
    {
        var size = (long)buffer.Length * 2;
        if (size > limit + 1)
            size = limit + 1;
        if (size > Array.MaxLength)
            size = Array.MaxLength;
        if (size <= buffer.Length)
            throw new MessageTooLargeException(limit);
        var bigger = new byte[size];
        buffer.CopyTo(bigger, 0);
        return bigger;
    }

    private static (byte[] Buffer, int Length) ReadAll(Stream stream, long limit)
    {
        var buffer = new byte[InitialSize(stream, limit)];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
                buffer = Grow(buffer, limit);
            var n = stream.Read(buffer, length, buffer.Length - length);
            if (n == 0)
                break;
            length += n;
            if (length > limit)
                throw new MessageTooLargeException(limit);
        }
        return (buffer, length);
    }
}
