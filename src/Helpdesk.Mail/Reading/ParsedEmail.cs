using System.Security.Cryptography;
using Helpdesk.Mail.CustomerWords;
using Helpdesk.Mail.Mime;
using MimeKit;

namespace Helpdesk.Mail.Reading;

/// <summary>Everything the desk needs from one email, read by <see cref="EmailReader"/>.</summary>
public sealed class ParsedEmail
{
    private readonly Lazy<string?> _html;

    internal ParsedEmail(MimeMessage message, Func<string?> html)
    {
        Message = message;
        _html = new Lazy<string?>(html, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The message as MimeKit parsed it (repairs applied).</summary>
    public MimeMessage Message { get; }

    /// <summary>The top-level header fields.</summary>
    public HeaderList Headers => Message.Headers;

    /// <summary>Message-ID without angle brackets.</summary>
    public string? MessageId { get; internal init; }

    /// <summary>The first id of In-Reply-To, without angle brackets.</summary>
    public string? InReplyTo { get; internal init; }

    /// <summary>References, oldest first, without angle brackets.</summary>
    public IReadOnlyList<string> References { get; internal init; } = [];

    public DateTimeOffset? Date { get; internal init; }
    public EmailAddress? From { get; internal init; }
    // Read on first use: MimeKit's address parsing is a large share of a message's cost, and intake needs only From.
    private EmailAddress? _sender;
    private bool _senderRead;
    private IReadOnlyList<EmailAddress>? _replyTo, _to, _cc;

    public EmailAddress? Sender
    {
        get
        {
            if (!_senderRead)
            {
                _sender = Addresses.First(Message.Sender);
                _senderRead = true;
            }
            return _sender;
        }
    }

    public IReadOnlyList<EmailAddress> ReplyTo => _replyTo ??= Addresses.All(Message.ReplyTo);
    public IReadOnlyList<EmailAddress> To => _to ??= Addresses.All(Message.To);
    public IReadOnlyList<EmailAddress> Cc => _cc ??= Addresses.All(Message.Cc);

    /// <summary>The subject, encoded words decoded, unfolded; empty when absent.</summary>
    public string Subject { get; internal init; } = "";

    /// <summary>The whole body as plain text ("\n" line breaks): the text part, or the HTML part converted.</summary>
    public string Text { get; internal init; } = "";

    /// <summary>The customer's new words: <see cref="Text"/> without quoted replies, signatures and phone footers.</summary>
    public string VisibleText { get; internal init; } = "";

    /// <summary>The HTML body sanitized for display (remote images blocked), or null when the mail has no HTML.</summary>
    public string? Html => _html.Value;

    /// <summary>The HTML body as sent (unsafe to display), or null.</summary>
    public string? RawHtml { get; internal init; }

    /// <summary>Every part that is not the body text: files, inline images, attached messages, report parts.</summary>
    public IReadOnlyList<EmailAttachment> Attachments { get; internal init; } = [];

    /// <summary>Whether (and which) machine wrote the mail.</summary>
    public MachineMail Machine { get; internal init; } = MachineMail.Person;

    /// <summary>A message forwarded inline or attached, when the mail is a forward (never for machine mail).</summary>
    public ForwardedMessage? Forwarded { get; internal init; }

    /// <summary>
    /// The customer wrote nothing new (a reply that is only a quote, a forward without a word): <see cref="VisibleText"/>
    /// is then the whole text rather than nothing.
    /// </summary>
    public bool QuoteOnly { get; internal init; }

    /// <summary>What was wrong with the mail (<see cref="MimeDefects"/> codes); empty for a clean one.</summary>
    public IReadOnlyList<string> Defects { get; internal init; } = [];
}

/// <summary>A part of a mail that is not its body text, with its decoded content.</summary>
public sealed class EmailAttachment
{
    private readonly Func<ReadOnlyMemory<byte>> _decode;
    private ReadOnlyMemory<byte>? _content;
    private string? _sha256;

    internal EmailAttachment(MimeEntity entity, bool inline, Func<ReadOnlyMemory<byte>> decode, string? fileName = null)
    {
        Entity = entity;
        Inline = inline;
        _decode = decode;
        FileName = fileName ?? NameOf(entity);
    }

    /// <summary>The part in the message tree (for a file taken out of a uuencoded body or a TNEF part, a part made for it).</summary>
    public MimeEntity Entity { get; }

    /// <summary>The part's file name without any path; Outlook's TNEF part is "winmail.dat" when it names none, as clients show it.</summary>
    public string? FileName { get; }

    /// <summary>"type/subtype", lower-case.</summary>
    public string ContentType => Entity.ContentType.MimeType.ToLowerInvariant();

    /// <summary>The content with the transfer encoding removed (an attached message: its bytes as they arrived).</summary>
    public ReadOnlyMemory<byte> Content => _content ??= _decode();

    /// <summary>Size of <see cref="Content"/> in bytes.</summary>
    public long Size => Content.Length;

    /// <summary>True when the part is meant to be shown in the body (inline images, Content-Disposition: inline).</summary>
    public bool Inline { get; }

    /// <summary>Content-ID without angle brackets, or null.</summary>
    public string? ContentId => string.IsNullOrWhiteSpace(Entity.ContentId) ? null : Entity.ContentId;

    /// <summary>SHA-256 of <see cref="Content"/>, lower-case hex.</summary>
    public string Sha256 => _sha256 ??= Convert.ToHexStringLower(SHA256.HashData(Content.Span));

    /// <summary>Outlook's Transport Neutral Encapsulation Format (winmail.dat).</summary>
    internal static bool IsTnef(MimeEntity e) =>
        e.ContentType.MediaType.Equals("application", StringComparison.OrdinalIgnoreCase)
        && (e.ContentType.MediaSubtype.Equals("ms-tnef", StringComparison.OrdinalIgnoreCase) || e.ContentType.MediaSubtype.Equals("vnd.ms-tnef", StringComparison.OrdinalIgnoreCase));

    /// <summary>File name from Content-Disposition, else Content-Type name; decoded; path stripped.</summary>
    internal static string? NameOf(MimeEntity entity)
    {
        var name = entity.ContentDisposition?.FileName ?? entity.ContentType.Name;
        if (string.IsNullOrWhiteSpace(name))
            return IsTnef(entity) ? "winmail.dat" : null;
        var cut = name.LastIndexOfAny(['/', '\\']);
        name = (cut >= 0 ? name[(cut + 1)..] : name).Trim();
        return name.Length == 0 ? null : name;
    }
}
