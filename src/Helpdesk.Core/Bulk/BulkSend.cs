using Helpdesk.Core.Tickets;

namespace Helpdesk.Core.Bulk;

public enum BulkSendState
{
    /// <summary>Replies are in the outbox, held until <see cref="BulkSend.HoldUntil"/>; after that they go out as usual.</summary>
    Queued = 0,
    /// <summary>Withdrawn within the undo window: nothing was sent and the tickets were put back.</summary>
    Undone = 1,
}

/// <summary>One lead's answer to a cluster: which template version went to which tickets, and which were skipped.</summary>
public sealed class BulkSend
{
    private readonly List<BulkSendMember> _members = [];

    private BulkSend() { TemplateId = ""; Intent = ""; }

    public BulkSend(long staffId, string intent, string templateId, long templateVersionId, DateTimeOffset createdAt, DateTimeOffset holdUntil)
    {
        StaffId = staffId;
        Intent = intent;
        TemplateId = templateId;
        TemplateVersionId = templateVersionId;
        CreatedAt = createdAt;
        HoldUntil = holdUntil;
        State = BulkSendState.Queued;
    }

    public long Id { get; private set; }

    public long StaffId { get; private set; }

    public string Intent { get; private set; }

    public string TemplateId { get; private set; }

    public long TemplateVersionId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>End of the undo window; the outbox items carry the same hold.</summary>
    public DateTimeOffset HoldUntil { get; private set; }

    public BulkSendState State { get; private set; }

    public DateTimeOffset? UndoneAt { get; private set; }

    public int QueuedCount { get; private set; }

    public int SkippedCount { get; private set; }

    public IReadOnlyList<BulkSendMember> Members => _members;

    public bool CanUndo(DateTimeOffset now) => State == BulkSendState.Queued && now < HoldUntil;

    public void Add(BulkSendMember member)
    {
        _members.Add(member);
        if (member.Outcome == BulkMemberOutcome.Skipped) SkippedCount++;
        else QueuedCount++;
    }

    /// <summary>The id the row got from the bulk writer's own INSERT.</summary>
    internal void StoredAs(long id) => Id = id;
}

public enum BulkMemberOutcome
{
    Queued = 0,
    Skipped = 1,
    Undone = 2,
}

/// <summary>One ticket of a bulk send: its reply, or why it was left out, and what to put back on undo.</summary>
public sealed class BulkSendMember
{
    private BulkSendMember() { }

    public static BulkSendMember Queued(long ticketNumber, string replyMessageId, TicketStatus previousStatus, DateTimeOffset? previousFirstResponseAt) =>
        new()
        {
            TicketNumber = ticketNumber, Outcome = BulkMemberOutcome.Queued, ReplyMessageId = replyMessageId,
            PreviousStatus = previousStatus, PreviousFirstResponseAt = previousFirstResponseAt,
        };

    public static BulkSendMember Skipped(long ticketNumber, string reason) =>
        new() { TicketNumber = ticketNumber, Outcome = BulkMemberOutcome.Skipped, SkipReason = reason };

    public long Id { get; private set; }

    public long BulkSendId { get; private set; }

    public long TicketNumber { get; private set; }

    public BulkMemberOutcome Outcome { get; private set; }

    /// <summary>Why the ticket was left out, in the lead's words ("claimed by Priya", "wrote again").</summary>
    public string? SkipReason { get; private set; }

    /// <summary>Message-ID of the reply (no angle brackets): the outbox item and the ticket's outbound message share it.</summary>
    public string? ReplyMessageId { get; private set; }

    public TicketStatus PreviousStatus { get; private set; }

    public DateTimeOffset? PreviousFirstResponseAt { get; private set; }

    internal void BelongsTo(long bulkSendId) => BulkSendId = bulkSendId;
}
