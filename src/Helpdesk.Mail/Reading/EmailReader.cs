using System.Text;
using Helpdesk.Mail.CustomerWords;
using MimeKit;
using MimeKit.Utils;

namespace Helpdesk.Mail.Reading;

/// <summary>
/// Bytes to everything the desk needs from one email: addresses, threading ids, the body as text, the
/// customer's new words, sanitized HTML, attachments, and whether a machine wrote it. MimeKit reads the
/// structure, headers, charsets and transfer encodings; this layer chooses the body the way a mail client
/// shows it and repairs what MimeKit leaves as it found (see <see cref="MessageRepair"/>). Thread-safe; one
/// instance can serve every worker.
/// </summary>
public sealed class EmailReader
{
    private static readonly bool CodePagesRegistered = RegisterCodePagesOnce();

    private readonly MimeParserOptions _options;
    private readonly ParserOptions _parserOptions;
    private readonly HtmlSanitizerOptions _htmlOptions;

    public EmailReader(MimeParserOptions? options = null, HtmlSanitizerOptions? htmlOptions = null)
    {
        _ = CodePagesRegistered;
        _options = options ?? MimeParserOptions.Default;
        _parserOptions = _options.ToParserOptions();
        _htmlOptions = htmlOptions ?? HtmlSanitizerOptions.Default;
    }

    public MimeParserOptions Options => _options;

    /// <summary>
    /// Legacy code pages (ISO-2022-JP, Shift_JIS, KOI8-R, Big5 ...) for MimeKit's header decoding and the
    /// desk's body decoding; .NET ships only the Unicode ones.
    /// </summary>
    internal static void RegisterCodePages() => _ = CodePagesRegistered;

    private static bool RegisterCodePagesOnce()
    {
        Encoding.RegisterProvider(CodePages.Instance);
        return true;
    }

    /// <summary>Reads a message from a stream (to its end). Never throws for bad mail: defects are listed.</summary>
    /// <exception cref="MessageTooLargeException">The stream holds more than <see cref="MimeParserOptions.MaxMessageSize"/> bytes.</exception>
    /// <exception cref="IOException">The stream itself failed.</exception>
    public ParsedEmail Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var (buffer, length) = RawBytes.ReadAll(stream, _options.MaxMessageSize);
        return Read(buffer, length);
    }

    /// <summary>Reads a message from a stream asynchronously (see <see cref="Read(Stream)"/>).</summary>
    public async Task<ParsedEmail> ReadAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var (buffer, length) = await RawBytes.ReadAllAsync(stream, _options.MaxMessageSize, cancellationToken).ConfigureAwait(false);
        return Read(buffer, length);
    }

    /// <summary>Reads a message held in memory. Never throws for bad mail.</summary>
    /// <exception cref="MessageTooLargeException">More than <see cref="MimeParserOptions.MaxMessageSize"/> bytes.</exception>
    public ParsedEmail Read(ReadOnlyMemory<byte> raw)
    {
        if (raw.Length > _options.MaxMessageSize)
            throw new MessageTooLargeException(_options.MaxMessageSize);
        // MimeKit's parts keep ranges of the buffer (no copies), so it must be an array the reader may hold on to.
        if (System.Runtime.InteropServices.MemoryMarshal.TryGetArray(raw, out var segment) && segment.Offset == 0 && segment.Array is not null)
            return Read(segment.Array, segment.Count);
        var copy = raw.ToArray();
        return Read(copy, copy.Length);
    }

    private ParsedEmail Read(byte[] buffer, int length)
    {
        var defects = new List<string>();
        var source = new RawMessage(buffer, length, _parserOptions, defects, maxHeaders: _options.MaxHeaderCount);
        var message = source.Message;
        var headers = message.Headers;

        var from = Addresses.First(message.From, headers, "From", defects);
        var subject = message.Subject ?? "";

        var body = new BodyCollector(_options, source, defects);
        body.Walk(message.Body!);
        var (text, markedText) = body.BuildTexts();

        var date = Dates.Parse(headers[HeaderId.Date]);
        if (date is null && !string.IsNullOrWhiteSpace(headers[HeaderId.Date]))
            defects.Add(MimeDefects.InvalidDate);

        var visible = VisibleTextExtractor.Analyze(text, subject, _options.MaxTextLength, markedText);
        // A mail with nothing new shows its whole text; machine-mail rules must still judge only new words (none).
        var words = visible.OnlyQuoted ? visible with { VisibleText = "" } : visible;
        var machine = MachineMailDetector.Detect(message, from, subject, text, words, _options);
        var forwarded = visible.Forwarded;
        if (forwarded is not null && forwarded.Attachments.Count == 0 && body.Attachments.Count > 0)
            forwarded = forwarded with { Attachments = ForwardedFiles(body.Attachments) };
        if (forwarded is null && machine.Kind == MachineMailKind.None)
            forwarded = AttachedForwards.Find(body.Attachments, _options, _parserOptions, source);

        var rawHtml = body.BuildHtml();
        var htmlOptions = _htmlOptions;
        return new ParsedEmail(message, () => rawHtml is null ? null : HtmlSanitizer.Sanitize(rawHtml, htmlOptions))
        {
            MessageId = MessageIds.One(headers[HeaderId.MessageId]),
            InReplyTo = MessageIds.One(headers[HeaderId.InReplyTo]),
            References = MessageIds.List(headers[HeaderId.References]),
            Date = date,
            From = from,
            Subject = subject,
            Text = text,
            // Machine mail has no new words to find: trimming would eat transcripts and returned copies.
            VisibleText = machine.Kind is MachineMailKind.None or MachineMailKind.MailingList ? visible.VisibleText : text,
            RawHtml = rawHtml,
            Attachments = body.Attachments,
            Machine = machine,
            Forwarded = machine.Kind is MachineMailKind.None or MachineMailKind.MailingList ? forwarded : null,
            QuoteOnly = machine.Kind is MachineMailKind.None or MachineMailKind.MailingList && visible.OnlyQuoted,
            Defects = defects.Distinct().ToList(),
        };
    }

    // An inline forward carries the forwarded message's files as the forward's own attachments.
    private static List<ForwardedAttachment> ForwardedFiles(IReadOnlyList<EmailAttachment> attachments) =>
        attachments.Where(a => !a.Inline).Select(a => new ForwardedAttachment(a.FileName, a.ContentType, a.Size, a.Sha256)).ToList();
}

/// <summary>Dates as mail writes them, through MimeKit's lenient date parser.</summary>
internal static class Dates
{
    public static DateTimeOffset? Parse(string? value) =>
        !string.IsNullOrWhiteSpace(value) && DateUtils.TryParse(value, out var date) ? date : null;
}
