using System.Security.Cryptography;

namespace Helpdesk.Core.Intake;

public enum RawMessageState
{
    /// <summary>Stored, not yet turned into a ticket message (a crash here re-processes it on start).</summary>
    Pending = 0,
    Processed = 1,
    /// <summary>Could not be processed; kept with the reason, shown to leads, the rest flows.</summary>
    Quarantined = 2,
    /// <summary>Same Message-ID and content as one already taken in.</summary>
    Duplicate = 3,
}

/// <summary>
/// The exact bytes of one fetched email, stored before the mailbox is told anything (no mail is lost), with the
/// identity that makes a re-fetch harmless: (mailbox, UIDVALIDITY, UID) and Message-ID + SHA-256.
/// </summary>
public sealed class RawMessage
{
    private RawMessage() { Source = ""; Sha256 = ""; Bytes = []; }

    public RawMessage(string source, long? uidValidity, long? uid, byte[] bytes, DateTimeOffset fetchedAt)
    {
        Source = source;
        UidValidity = uidValidity;
        Uid = uid;
        Bytes = bytes;
        Size = bytes.LongLength;
        Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        FetchedAt = fetchedAt;
        State = RawMessageState.Pending;
    }

    public long Id { get; private set; }

    /// <summary>Mailbox name (or "drop", "import", "demo") the message came from.</summary>
    public string Source { get; private set; }

    public long? UidValidity { get; private set; }

    public long? Uid { get; private set; }

    public string? MessageIdHeader { get; private set; }

    public string Sha256 { get; private set; }

    public long Size { get; private set; }

    public byte[] Bytes { get; private set; }

    public DateTimeOffset FetchedAt { get; private set; }

    public RawMessageState State { get; private set; }

    /// <summary>none, bounce, auto_reply, receipt, challenge, mailing_list, automatic_receipt, no_reply_notice: as the parser judged it.</summary>
    public string? MachineKind { get; private set; }

    /// <summary>Parser defects, semicolon-separated; a message with defects is still processed when it can be.</summary>
    public string? Defects { get; private set; }

    /// <summary>Why the message was quarantined.</summary>
    public string? Error { get; private set; }

    public long? TicketNumber { get; private set; }

    public DateTimeOffset? ProcessedAt { get; private set; }

    public void SetMessageId(string? messageId) => MessageIdHeader = messageId;

    /// <summary>The id the database gave the row, when it was inserted without EF (see IntakeStore).</summary>
    internal void StoredAs(long id) => Id = id;

    public void MarkProcessed(string machineKind, string? defects, long? ticketNumber, DateTimeOffset at)
    {
        MachineKind = machineKind;
        Defects = defects;
        TicketNumber = ticketNumber;
        State = RawMessageState.Processed;
        ProcessedAt = at;
        Error = null;
    }

    /// <summary>
    /// A write that was rolled back left its marks only on this object (state, ticket number): the row is still Pending,
    /// so a retry starts from Pending again instead of writing the number of a ticket that was never committed.
    /// </summary>
    internal void ForgetUncommittedOutcome()
    {
        State = RawMessageState.Pending;
        MachineKind = null;
        Defects = null;
        Error = null;
        TicketNumber = null;
        ProcessedAt = null;
    }

    public void MarkDuplicate(DateTimeOffset at)
    {
        State = RawMessageState.Duplicate;
        ProcessedAt = at;
    }

    public void Quarantine(string error, DateTimeOffset at)
    {
        State = RawMessageState.Quarantined;
        Error = error.Length > 2000 ? error[..2000] : error;
        ProcessedAt = at;
    }
}

/// <summary>Where intake stands in one mailbox: the UID cursor and what the lead dashboard shows as lag.</summary>
public sealed class MailboxCursor
{
    private MailboxCursor() { Mailbox = ""; }

    public MailboxCursor(string mailbox) => Mailbox = mailbox;

    public long Id { get; private set; }

    public string Mailbox { get; private set; }

    public long UidValidity { get; private set; }

    /// <summary>The highest UID stored; everything at or below it is safe in the database.</summary>
    public long LastUid { get; private set; }

    public DateTimeOffset? LastPollAt { get; private set; }

    public DateTimeOffset? LastGoodPollAt { get; private set; }

    public int WaitingOnServer { get; private set; }

    public string? LastError { get; private set; }

    /// <summary>The mailbox's UIDVALIDITY changed: UIDs restart, so the cursor does too (dedup by content covers the overlap).</summary>
    public bool ResetIfUidValidityChanged(long uidValidity)
    {
        if (UidValidity == uidValidity) return false;
        UidValidity = uidValidity;
        LastUid = 0;
        return true;
    }

    public void Advance(long uid)
    {
        if (uid > LastUid) LastUid = uid;
    }

    public void RecordPoll(DateTimeOffset at, int waiting, string? error)
    {
        LastPollAt = at;
        WaitingOnServer = waiting;
        LastError = error;
        if (error is null) LastGoodPollAt = at;
    }
}
