namespace Helpdesk.Core.Audit;

/// <summary>One thing a person (or the desk itself) did; append-only.</summary>
public sealed class AuditEvent
{
    private AuditEvent() { Action = ""; Actor = ""; }

    public AuditEvent(DateTimeOffset at, long? staffId, string actor, string action, long? ticketNumber, string? details)
    {
        At = at;
        StaffId = staffId;
        Actor = actor;
        Action = action;
        TicketNumber = ticketNumber;
        Details = details;
    }

    public long Id { get; private set; }

    public DateTimeOffset At { get; private set; }

    public long? StaffId { get; private set; }

    /// <summary>User name, or "system" for the desk's own workers.</summary>
    public string Actor { get; private set; }

    /// <summary>What was done, as a stable dotted name: "ticket.reply", "ticket.skip", "staff.sign_in" ...</summary>
    public string Action { get; private set; }

    public long? TicketNumber { get; private set; }

    public string? Details { get; private set; }
}
