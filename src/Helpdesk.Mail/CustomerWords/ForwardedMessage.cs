using Helpdesk.Mail.Mime;

namespace Helpdesk.Mail.CustomerWords;

/// <summary>How a forwarded message came: written into the body by the forwarder's client, or attached as a file.</summary>
public enum ForwardSource
{
    /// <summary>"---------- Forwarded message ---------", "Begin forwarded message:", an Outlook header block at the top.</summary>
    Inline,

    /// <summary>A message/rfc822 part or an .eml file, opened and read.</summary>
    Attached,

    /// <summary>An Outlook .msg file: kept as the outer file only (name and hash); the desk does not open it.</summary>
    AttachedUnread,
}

/// <summary>One header line of a forwarded message as its text or its part gave it ("From", "Date", "Subject" ...).</summary>
public sealed record ForwardedHeader(string Name, string Value);

/// <summary>A file that travelled with a forwarded message.</summary>
public sealed record ForwardedAttachment(string? FileName, string ContentType, long Size, string Sha256);

/// <summary>
/// A message a customer forwarded to the desk (a suspicious mail, most of the time), read as far as the forward
/// allows: who sent it, when, about what, where its links point, what files it carried. The forwarder's own
/// words are the mail's <c>VisibleText</c>, not part of this.
/// </summary>
public sealed record ForwardedMessage
{
    public required ForwardSource Source { get; init; }

    /// <summary>The original sender, as the forwarded header (or the attached message) names it.</summary>
    public EmailAddress? From { get; init; }

    public string? Subject { get; init; }

    public DateTimeOffset? Date { get; init; }

    public IReadOnlyList<EmailAddress> To { get; init; } = [];

    /// <summary>The header lines found, in order, with the labels as written (localized for inline forwards).</summary>
    public IReadOnlyList<ForwardedHeader> Headers { get; init; } = [];

    /// <summary>Web addresses in the forwarded text, in order of appearance, each once.</summary>
    public IReadOnlyList<string> Links { get; init; } = [];

    /// <summary>Files of the forwarded message (for an inline forward, the files the forward carried).</summary>
    public IReadOnlyList<ForwardedAttachment> Attachments { get; init; } = [];

    /// <summary>The forwarded message's text (without its header lines and quote marks).</summary>
    public string Text { get; init; } = "";

    /// <summary>For an attached forward: the attachment's file name.</summary>
    public string? FileName { get; init; }

    /// <summary>For an attached forward: SHA-256 of the attachment's bytes, lower-case hex.</summary>
    public string? Sha256 { get; init; }

    /// <summary>
    /// For an attached forward: the message as parsed, headers and all, so its DKIM signature can be checked where it
    /// survived the forward. Not part of the parse JSON.
    /// </summary>
    public MimeKit.MimeMessage? Message { get; init; }
}
