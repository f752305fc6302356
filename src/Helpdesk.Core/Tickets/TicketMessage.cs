using Helpdesk.Core.Abstractions;

namespace Helpdesk.Core.Tickets;

public enum MessageDirection
{
    /// <summary>From the customer.</summary>
    Inbound = 0,
    /// <summary>From the desk to the customer.</summary>
    Outbound = 1,
    /// <summary>Staff-only note; never sent.</summary>
    Note = 2,
    /// <summary>An auto-reply from the customer's side, kept in the thread, making no work.</summary>
    Machine = 3,
}

/// <summary>One email or note in a ticket's thread.</summary>
public sealed class TicketMessage
{
    private readonly List<MessageAttachment> _attachments = [];

    private TicketMessage() { Text = ""; VisibleText = ""; }

    private TicketMessage(MessageDirection direction, DateTimeOffset createdAt, string text, string? visibleText)
    {
        Direction = direction;
        CreatedAt = createdAt;
        Text = text;
        VisibleText = visibleText ?? text;
    }

    public long Id { get; private set; }

    public long TicketNumber { get; private set; }

    public MessageDirection Direction { get; private set; }

    /// <summary>The Message-ID header without angle brackets.</summary>
    public string? MessageIdHeader { get; private set; }

    public string? InReplyTo { get; private set; }

    /// <summary>References, space-separated, without angle brackets.</summary>
    public string? References { get; private set; }

    public string? FromAddress { get; private set; }

    public string? FromName { get; private set; }

    public string? Subject { get; private set; }

    /// <summary>The whole body as text (card numbers and apparent passwords masked).</summary>
    public string Text { get; private set; }

    /// <summary>The customer's new words only: quoted replies, signatures and footers removed.</summary>
    public string VisibleText { get; private set; }

    /// <summary>Sanitized HTML for the sandboxed view, or null.</summary>
    public string? SanitizedHtml { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The staff member who wrote an outbound message or note.</summary>
    public long? AuthorStaffId { get; private set; }

    /// <summary>The stored raw email this message was read from.</summary>
    public long? RawMessageId { get; private set; }

    /// <summary>The template version an outbound reply came from, when it came from one.</summary>
    public long? TemplateVersionId { get; private set; }

    /// <summary>The reply was sent as the template rendered it, without edits.</summary>
    public bool SentUnedited { get; private set; }

    public IReadOnlyList<MessageAttachment> Attachments => _attachments;

    /// <summary>Sender verdict of an inbound mail: "pass", "fail", "none"; null when it was not checked.</summary>
    public string? SenderVerdict { get; private set; }

    /// <summary>Why the verdict is what it is ("dmarc fail for meridian.example: ...", "dns unavailable").</summary>
    public string? SenderReason { get; private set; }

    /// <summary>The From domain the verdict is about.</summary>
    public string? SenderDomain { get; private set; }

    /// <summary>The From domain is one of the company's own.</summary>
    public bool SenderClaimsOwnDomain { get; private set; }

    /// <summary>The first lookalike host in From, Reply-To or the links, or null.</summary>
    public string? LookalikeHost { get; private set; }

    /// <summary>The company domain <see cref="LookalikeHost"/> imitates, and how ("meridian.example: added word 'support'").</summary>
    public string? LookalikeOf { get; private set; }

    /// <summary>For a forwarded suspicious mail: "ours", "not_ours" or "unknown", decided by evidence; null otherwise.</summary>
    public string? ForwardedFinding { get; private set; }

    /// <summary>Records what intake learnt about who sent this mail.</summary>
    public void RecordSender(Helpdesk.Mail.Authenticity.MailAuthenticity authenticity, Helpdesk.Mail.Authenticity.PhishingJudgment? forwarded)
    {
        ArgumentNullException.ThrowIfNull(authenticity);
        SenderVerdict = authenticity.Sender.VerdictName;
        SenderReason = Cut(authenticity.Sender.Reason, 500);
        SenderDomain = Cut(authenticity.Sender.Domain, 255);
        SenderClaimsOwnDomain = authenticity.Sender.ClaimsOwnDomain;
        if (authenticity.FirstLookalike is { } hit)
        {
            LookalikeHost = Cut(hit.Lookalike.Host, 255);
            LookalikeOf = Cut($"{hit.Lookalike.LooksLike}: {hit.Lookalike.Why} ({hit.Where})", 500);
        }
        ForwardedFinding = forwarded?.Finding switch
        {
            Helpdesk.Mail.Authenticity.PhishingFinding.Ours => "ours",
            Helpdesk.Mail.Authenticity.PhishingFinding.NotOurs => "not_ours",
            Helpdesk.Mail.Authenticity.PhishingFinding.Unknown => "unknown",
            _ => null,
        };
    }

    private static string? Cut(string? s, int max) => s is null || s.Length <= max ? s : s[..max];

    public static TicketMessage Inbound(string? messageId, string? inReplyTo, IEnumerable<string> references,
        string fromAddress, string? fromName, string? subject, string text, string visibleText, string? sanitizedHtml,
        DateTimeOffset receivedAt, long? rawMessageId) =>
        new(MessageDirection.Inbound, receivedAt, text, visibleText)
        {
            MessageIdHeader = messageId,
            InReplyTo = inReplyTo,
            References = JoinReferences(references),
            FromAddress = fromAddress,
            FromName = fromName,
            Subject = subject,
            SanitizedHtml = sanitizedHtml,
            RawMessageId = rawMessageId,
        };

    public static TicketMessage MachineReply(string? messageId, string fromAddress, string? subject, string text,
        DateTimeOffset receivedAt, long? rawMessageId) =>
        new(MessageDirection.Machine, receivedAt, text, text)
        {
            MessageIdHeader = messageId,
            FromAddress = fromAddress,
            Subject = subject,
            RawMessageId = rawMessageId,
        };

    public static TicketMessage Outbound(long authorStaffId, string messageId, string? inReplyTo,
        IEnumerable<string> references, string subject, string text, DateTimeOffset createdAt,
        long? templateVersionId = null, bool sentUnedited = false) =>
        new(MessageDirection.Outbound, createdAt, text, text)
        {
            AuthorStaffId = authorStaffId,
            MessageIdHeader = messageId,
            InReplyTo = inReplyTo,
            References = JoinReferences(references),
            Subject = subject,
            TemplateVersionId = templateVersionId,
            SentUnedited = sentUnedited,
        };

    public static TicketMessage Note(long authorStaffId, string text, DateTimeOffset createdAt)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new DomainException("A note needs some text.");
        return new TicketMessage(MessageDirection.Note, createdAt, text.Trim(), null) { AuthorStaffId = authorStaffId };
    }

    public IReadOnlyList<string> ReferenceList =>
        string.IsNullOrEmpty(References) ? [] : References.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public void AddAttachment(MessageAttachment attachment) => _attachments.Add(attachment);

    internal void AttachTo(Ticket ticket) => TicketNumber = ticket.Number;

    /// <summary>For writers that update the ticket row in SQL without loading the entity (bulk replies).</summary>
    internal void AttachTo(long ticketNumber) => TicketNumber = ticketNumber;

    /// <summary>Intake inserts its messages itself (a prepared command per batch); this records what the row got.</summary>
    internal void StoredAs(long id) => Id = id;

    private static string? JoinReferences(IEnumerable<string> references)
    {
        var joined = string.Join(' ', references.Where(r => !string.IsNullOrWhiteSpace(r)));
        return joined.Length == 0 ? null : joined;
    }
}

/// <summary>
/// A file that came with an email. The row describes it; its bytes stay where they arrived, inside the stored raw
/// email (<see cref="TicketMessage.RawMessageId"/>), and <see cref="AttachmentFiles"/> extracts them for a download.
/// Keeping one copy halves what a surge writes: attachments are most of the bytes of support mail.
/// Served only as a download, never inline.
/// </summary>
public sealed class MessageAttachment
{
    private MessageAttachment() { FileName = ""; ContentType = ""; Sha256 = ""; }

    public MessageAttachment(string fileName, string contentType, long size, string sha256, bool inline, string? contentId)
    {
        FileName = string.IsNullOrWhiteSpace(fileName) ? "attachment.bin" : fileName;
        ContentType = contentType;
        Size = size;
        Sha256 = sha256;
        Inline = inline;
        ContentId = contentId;
    }

    public long Id { get; private set; }

    public long MessageId { get; private set; }

    public string FileName { get; private set; }

    public string ContentType { get; private set; }

    /// <summary>Decoded size in bytes.</summary>
    public long Size { get; private set; }

    /// <summary>SHA-256 of the decoded content, lower-case hex: finds the part again in the raw email.</summary>
    public string Sha256 { get; private set; }

    public bool Inline { get; private set; }

    public string? ContentId { get; private set; }

    internal void AttachTo(TicketMessage message) => MessageId = message.Id;

    /// <summary>Intake inserts attachment rows itself; this records the id the row got.</summary>
    internal void StoredAs(long id) => Id = id;
}
