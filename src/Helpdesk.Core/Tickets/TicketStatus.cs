namespace Helpdesk.Core.Tickets;

/// <summary>
/// New: nobody has answered yet. Open: the customer wrote again and waits for us. Pending: we answered and wait
/// for the customer. Solved: done, reopens if the customer writes. Closed: final.
/// New and Open are the agents' queue.
/// </summary>
public enum TicketStatus
{
    New = 0,
    Open = 1,
    Pending = 2,
    Solved = 3,
    Closed = 4,
}

public enum TicketPriority
{
    Low = 0,
    Normal = 1,
    High = 2,
    Urgent = 3,
}
