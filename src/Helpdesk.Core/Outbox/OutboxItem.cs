using Helpdesk.Core.Abstractions;

namespace Helpdesk.Core.Outbox;

public enum OutboxState
{
    /// <summary>Written with the ticket change; waits for the dispatcher (or for its hold to pass).</summary>
    Queued = 0,
    Sent = 1,
    /// <summary>Permanent failure (5xx) or too many attempts: visible to leads with the server's words.</summary>
    Failed = 2,
    /// <summary>Came back as a bounce after it was sent.</summary>
    Bounced = 3,
    /// <summary>Withdrawn in its undo window; never sent.</summary>
    Cancelled = 4,
    /// <summary>Not sent because the address is known to be undeliverable.</summary>
    Suppressed = 5,
}

public enum OutboxKind
{
    Reply = 0,
    Acknowledgment = 1,
    BulkReply = 2,
}

/// <summary>
/// One email the desk owes a customer. Written in the same transaction as the ticket change (a reply goes out once),
/// carrying the Message-ID it will be sent with, so that a resend after a crash threads as the same message.
/// </summary>
public sealed class OutboxItem
{
    private OutboxItem() { MessageIdHeader = ""; ToAddress = ""; Subject = ""; FromAddress = ""; }

    public OutboxItem(OutboxKind kind, long ticketNumber, long? ticketMessageId, string messageIdHeader,
        string fromAddress, string toAddress, string subject, DateTimeOffset createdAt, DateTimeOffset? holdUntil = null)
    {
        Kind = kind;
        TicketNumber = ticketNumber;
        TicketMessageId = ticketMessageId;
        MessageIdHeader = messageIdHeader;
        FromAddress = fromAddress;
        ToAddress = toAddress;
        Subject = subject;
        CreatedAt = createdAt;
        NextAttemptAt = holdUntil ?? createdAt;
        HoldUntil = holdUntil;
        State = OutboxState.Queued;
    }

    public long Id { get; private set; }

    public OutboxKind Kind { get; private set; }

    public long TicketNumber { get; private set; }

    public long? TicketMessageId { get; private set; }

    /// <summary>Stable Message-ID (no angle brackets), fixed when the reply is written.</summary>
    public string MessageIdHeader { get; private set; }

    public string FromAddress { get; private set; }

    public string ToAddress { get; private set; }

    public string Subject { get; private set; }

    /// <summary>The rendered MIME message, built once so every attempt sends the same bytes.</summary>
    public byte[]? Mime { get; private set; }

    public OutboxState State { get; private set; }

    public int Attempts { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset NextAttemptAt { get; private set; }

    /// <summary>Bulk replies wait here until their undo window has passed.</summary>
    public DateTimeOffset? HoldUntil { get; private set; }

    public DateTimeOffset? SentAt { get; private set; }

    public string? LastError { get; private set; }

    /// <summary>When the server last answered (or failed to) for this reply; null before the first attempt.</summary>
    public DateTimeOffset? LastAttemptAt { get; private set; }

    public long? BulkBatchId { get; private set; }

    /// <summary>A dispatcher is sending it until then; another dispatcher (another instance) leaves it alone.</summary>
    public DateTimeOffset? LeasedUntil { get; private set; }

    /// <summary>Queued, its next attempt reached and any undo-window hold passed (whether or not a dispatcher holds it).</summary>
    public static System.Linq.Expressions.Expression<Func<OutboxItem, bool>> WaitingAt(DateTimeOffset now) =>
        o => o.State == OutboxState.Queued && o.NextAttemptAt <= now && (o.HoldUntil == null || o.HoldUntil <= now);

    public void Lease(DateTimeOffset until) => LeasedUntil = until;

    /// <summary>Leased by an outbox pass that has not recorded its outcome yet (Sent, a retry or a failure).</summary>
    public bool SendInFlight => State == OutboxState.Queued && LeasedUntil is not null;

    public void SetMime(byte[] mime) => Mime = mime;

    public void BelongsToBulk(long batchId) => BulkBatchId = batchId;

    public void MarkSent(DateTimeOffset at)
    {
        LeasedUntil = null;
        State = OutboxState.Sent;
        SentAt = at;
        LastAttemptAt = at;
        Attempts++;
        LastError = null;
    }

    public void RecordTemporaryFailure(string error, DateTimeOffset at, DateTimeOffset nextAttempt)
    {
        LeasedUntil = null;
        LastAttemptAt = at;
        Attempts++;
        LastError = error;
        NextAttemptAt = nextAttempt;
    }

    public void MarkFailed(string error, DateTimeOffset at)
    {
        LeasedUntil = null;
        LastAttemptAt = at;
        Attempts++;
        State = OutboxState.Failed;
        LastError = error;
    }

    public void Retry(DateTimeOffset at)
    {
        if (State != OutboxState.Failed) throw new DomainException($"Outbox item {Id} is {State}; only a failed reply can be retried.");
        State = OutboxState.Queued;
        NextAttemptAt = at;
        // A lead's retry starts a fresh series: otherwise a reply that gave up after the last allowed attempt would
        // fail again at its first temporary error. The last error stays for the record until the next attempt.
        Attempts = 0;
    }

    public void MarkBounced(string reason)
    {
        State = OutboxState.Bounced;
        LastError = reason;
    }

    /// <summary>Sending stopped for a reason that is not this message's fault (e.g. the desk's SMTP login): try again soon.</summary>
    public void ReleaseLease() => LeasedUntil = null;

    public void Suppress(string reason)
    {
        LeasedUntil = null;
        State = OutboxState.Suppressed;
        LastError = reason;
    }
}
