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
public sealed class BounceReport(IReadOnlyList<BounceRecipient> recipients, string? originalMessageId)
{
    public IReadOnlyList<BounceRecipient> Recipients { get; } = recipients;

    /// <summary>The Message-ID of the mail that bounced (without angle brackets), when the bounce quotes it.</summary>
    public string? OriginalMessageId { get; } = originalMessageId;
}

/// <summary>One recipient in a bounce: the address, RFC 3464 action (failed, delayed ...), status (5.1.1) and the server's words.</summary>
public sealed record BounceRecipient(string Address, string? Action, string? Status, string? Diagnostic);
