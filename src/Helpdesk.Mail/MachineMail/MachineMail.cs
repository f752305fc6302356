namespace Helpdesk.Mail.Reading;

/// <summary>Who wrote a mail when it was not a person.</summary>
public enum MachineMailKind
{
    /// <summary>A person wrote it.</summary>
    None,
    /// <summary>A delivery status notification: our mail did not arrive (or is delayed).</summary>
    Bounce,
    /// <summary>Out-of-office, vacation, "we received your message" and other automatic answers (RFC 3834).</summary>
    AutoReply,
    /// <summary>A read or delivery receipt (RFC 8098 MDN and vendor forms).</summary>
    Receipt,
    /// <summary>A challenge-response spam filter asking us to prove we are human.</summary>
    Challenge,
    /// <summary>Mail sent through a list (List-Id), never an answer from a customer.</summary>
    MailingList,
    /// <summary>Another system's receipt for our mail: a ticket opened in their help desk, an order acknowledged.</summary>
    AutomaticReceipt,
    /// <summary>A notice that the address we wrote to is not read ("no-reply", "this mailbox is not monitored").</summary>
    NoReplyNotice,
}

/// <summary>The machine-mail verdict for one message: what kind, why, and for a bounce what bounced.</summary>
public sealed class MachineMail
{
    public static MachineMail Person { get; } = new(MachineMailKind.None, null, null);

    public MachineMail(MachineMailKind kind, string? reason, BounceReport? bounce)
    {
        Kind = kind;
        Reason = reason;
        Bounce = bounce;
    }

    public MachineMailKind Kind { get; }

    /// <summary>What gave it away ("Auto-Submitted: auto-replied", "subject: Automatic reply"), or null for a person.</summary>
    public string? Reason { get; }

    /// <summary>For <see cref="MachineMailKind.Bounce"/>: the recipients and the bounced Message-ID.</summary>
    public BounceReport? Bounce { get; }

    public bool IsMachine => Kind != MachineMailKind.None;
}

/// <summary>What a bounce says about the mail it returns.</summary>
public sealed class BounceReport(IReadOnlyList<BounceRecipient> recipients, string? originalMessageId, string? originalEnvelopeId = null)
{
    public IReadOnlyList<BounceRecipient> Recipients { get; } = recipients;

    /// <summary>The Message-ID of the mail that bounced (without angle brackets), when the bounce quotes it.</summary>
    public string? OriginalMessageId { get; } = originalMessageId;

    /// <summary>
    /// The envelope id we sent the mail with (RFC 3461 ENVID, "outbox-42" for the desk's outbox), from the report's
    /// Original-Envelope-Id or a mail service's notification; it names the outbox item even when the returned
    /// headers are cut off.
    /// </summary>
    public string? OriginalEnvelopeId { get; } = originalEnvelopeId;
}

/// <summary>One recipient in a bounce: the address, RFC 3464 action (failed, delayed ...), status (5.1.1) and the server's words.</summary>
public sealed partial record BounceRecipient(string Address, string? Action, string? Status, string? Diagnostic)
{
    /// <summary>
    /// Whether the address itself is refused for good: a failure without a 4.x.x (or 4xx) status that is not a full
    /// mailbox (X.2.2 or the server's words: a full mailbox empties again). Delays do not mark an address.
    /// </summary>
    public bool Permanent
    {
        get
        {
            if (IsFullMailbox())
                return false;
            if (string.Equals(Action, "failed", StringComparison.OrdinalIgnoreCase))
                return Status is not ['4', ..];
            return Action is null && Status is ['5', ..];
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(postfach|mailbox|buzón|boîte|casella|caixa|postvak|skrzynka|brevlåda|メールボックス|邮箱)\b.{0,40}\b(voll|full|lleno|pleine|piena|cheia|vol|pełna|full|いっぱい|已满)|quota|容量", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex FullMailboxWords();

    private bool IsFullMailbox()
    {
        if (Status is [_, '.', '2', '.', '2'])
            return true;
        var d = Diagnostic;
        return d is not null && (d.Contains("mailbox full", StringComparison.OrdinalIgnoreCase) || d.Contains("mailbox is full", StringComparison.OrdinalIgnoreCase)
            || d.Contains("over quota", StringComparison.OrdinalIgnoreCase) || d.Contains("quota exceeded", StringComparison.OrdinalIgnoreCase)
            || d.Contains("exceeded storage", StringComparison.OrdinalIgnoreCase) || d.Contains("insufficient storage", StringComparison.OrdinalIgnoreCase)
            || d.Contains("out of storage", StringComparison.OrdinalIgnoreCase) || FullMailboxWords().IsMatch(d));
    }
}
