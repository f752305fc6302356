using Helpdesk.Core.Abstractions;
using Helpdesk.Core.Audit;
using Helpdesk.Core.Data;
using Helpdesk.Core.Intake;
using Helpdesk.Core.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Core.Queue;

/// <summary>
/// What an agent can do to a ticket besides replying: escalate it to a lead, mark it as spam, add an internal note.
/// Each is the ticket's named transition plus an audit entry in one SaveChanges; a ticket another agent holds is refused.
/// </summary>
public sealed class AgentActions(IDbContextFactory<HelpdeskDbContext> factory, IDeskNotifier notifier, TimeProvider time)
{
    /// <summary>Hands the ticket to the leads (raised priority, out of the agents' queue); an optional reason becomes a note.</summary>
    public Task EscalateAsync(long staffId, long ticketNumber, string? reason, CancellationToken cancellationToken = default) =>
        ChangeAsync(staffId, ticketNumber, "ticket.escalate", reason, (ticket, now) =>
        {
            if (!string.IsNullOrWhiteSpace(reason)) ticket.AddNote(TicketMessage.Note(staffId, "Escalated: " + reason.Trim(), now));
            ticket.Escalate(now);
        }, cancellationToken);

    /// <summary>A lead hands an escalated ticket back to the agents' queue; an optional reason becomes a note.</summary>
    public Task ReturnToAgentsAsync(long staffId, long ticketNumber, string? reason, CancellationToken cancellationToken = default) =>
        ChangeAsync(staffId, ticketNumber, "ticket.return_to_agents", reason, (ticket, now) =>
        {
            if (!string.IsNullOrWhiteSpace(reason)) ticket.AddNote(TicketMessage.Note(staffId, "Back to the agents: " + reason.Trim(), now));
            ticket.ReturnToAgents(now);
        }, cancellationToken);

    /// <summary>Closes the ticket as spam: no reply, out of every queue.</summary>
    public Task MarkSpamAsync(long staffId, long ticketNumber, CancellationToken cancellationToken = default) =>
        ChangeAsync(staffId, ticketNumber, "ticket.spam", null, (ticket, now) => ticket.MarkSpam(now), cancellationToken);

    /// <summary>
    /// A staff-only note. It changes the ticket's version, so the caller must re-read the ticket before replying
    /// (the console does); returns the new version.
    /// </summary>
    public async Task<int> AddNoteAsync(long staffId, long ticketNumber, string text, CancellationToken cancellationToken = default)
    {
        var version = 0;
        await ChangeAsync(staffId, ticketNumber, "ticket.note", null, (ticket, now) =>
        {
            ticket.AddNote(TicketMessage.Note(staffId, text, now));
            version = ticket.Version;
        }, cancellationToken).ConfigureAwait(false);
        return version;
    }

    private async Task ChangeAsync(long staffId, long ticketNumber, string action, string? details, Action<Ticket, DateTimeOffset> change,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var ticket = await db.Tickets.SingleOrDefaultAsync(t => t.Number == ticketNumber, cancellationToken).ConfigureAwait(false)
            ?? throw new DomainException($"There is no ticket #{ticketNumber}.");
        if (ticket.IsHeldByAnother(staffId, now))
            throw new DomainException($"Ticket #{ticketNumber} is being answered by another agent.");
        var actor = await db.Staff.Where(s => s.Id == staffId).Select(s => s.UserName).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        change(ticket, now);
        db.AuditEvents.Add(new AuditEvent(now, staffId, actor ?? $"staff {staffId}", action, ticketNumber,
            details is { Length: > 200 } ? details[..200] : details));
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new DomainException($"Ticket #{ticketNumber} changed at the same moment; open it again and retry.");
        }
        notifier.TicketsChanged([ticketNumber]);
    }
}
