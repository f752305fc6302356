namespace Helpdesk.Mail.Writing;

/// <summary>An email the desk sends: who, what, and the threading headers that make it land in the customer's thread.</summary>
public sealed class OutgoingMail
{
    /// <summary>Display name (may be null or non-ASCII) and address of the sender.</summary>
    public required (string? Name, string Address) From { get; init; }

    public required (string? Name, string Address) To { get; init; }

    public required string Subject { get; init; }

    /// <summary>Message-ID without angle brackets; fixed before the first send so a resend threads as the same mail.</summary>
    public required string MessageId { get; init; }

    public required DateTimeOffset Date { get; init; }

    /// <summary>The plain-text body ("\n" or "\r\n" line breaks).</summary>
    public required string Text { get; init; }

    /// <summary>The HTML alternative; null builds one from <see cref="Text"/> (escaped, links made clickable).</summary>
    public string? Html { get; init; }

    /// <summary>Message-ID this answers, without angle brackets.</summary>
    public string? InReplyTo { get; init; }

    /// <summary>The thread's ids, oldest first, without angle brackets.</summary>
    public IReadOnlyList<string> References { get; init; } = [];

    /// <summary>Replies come back here when set (the desk's address, not the agent's). Default none.</summary>
    public string? ReplyTo { get; init; }

    /// <summary>
    /// RFC 3834 Auto-Submitted value for automatic mail ("auto-replied"): the customer's own auto-responder then stays
    /// quiet (Exchange reads X-Auto-Response-Suppress for the same). Null for a person's reply.
    /// </summary>
    public string? AutoSubmitted { get; init; }
}
