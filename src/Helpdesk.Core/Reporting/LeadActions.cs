using Helpdesk.Core.Abstractions;
using Helpdesk.Core.Audit;
using Helpdesk.Core.Data;
using Helpdesk.Core.Staff;
using Helpdesk.Core.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Core.Reporting;

/// <summary>
/// What a lead does from the drill-down list: hand a ticket to an agent, change its priority, free a claim an agent
/// left behind. Each is the ticket's named transition plus an audit entry in one SaveChanges, then a notification so
/// every open dashboard and queue sees it.
/// </summary>
public sealed class LeadActions(IDbContextFactory<HelpdeskDbContext> factory, TimeProvider time, DeskFiguresOptions options, IDeskNotifier notifier)
{
    /// <summary>Gives the ticket to <paramref name="agentId"/>: any other claim is released and the agent holds it for
    /// <see cref="DeskFiguresOptions.AssignmentHold"/> (their console renews it once they open it).</summary>
    public Task ReassignAsync(long leadId, long ticketNumber, long agentId, CancellationToken cancellationToken = default) =>
        ChangeAsync(leadId, ticketNumber, "ticket.reassign", async (db, ticket, now) =>
        {
            var agent = await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.Id == agentId, cancellationToken).ConfigureAwait(false)
                ?? throw new DomainException($"There is no staff member {agentId}.");
            if (agent.IsDisabled || !agent.HasRole(StaffRoles.Agent)) throw new DomainException($"{agent.DisplayName} cannot take tickets.");
            var from = ticket.ClaimedBy;
            ticket.ForceRelease();
            ticket.Claim(agentId, now, options.AssignmentHold);
            return $"to {agent.UserName}{(from is { } f && f != agentId ? $" (was staff {f})" : "")}";
        }, cancellationToken);

    public Task ReprioritizeAsync(long leadId, long ticketNumber, TicketPriority priority, CancellationToken cancellationToken = default) =>
        ChangeAsync(leadId, ticketNumber, "ticket.reprioritize", (_, ticket, now) =>
        {
            var from = ticket.Priority;
            ticket.Reprioritize(priority, now);
            return Task.FromResult($"{from} -> {priority}");
        }, cancellationToken);

    /// <summary>Frees the ticket whoever holds it; it goes back to the queue in its place.</summary>
    public Task ReleaseClaimAsync(long leadId, long ticketNumber, CancellationToken cancellationToken = default) =>
        ChangeAsync(leadId, ticketNumber, "ticket.release_claim", (_, ticket, _) =>
        {
            if (ticket.ClaimedBy is not { } holder) throw new DomainException($"Ticket #{ticket.Number} is not held by anyone.");
            ticket.ForceRelease();
            return Task.FromResult($"was held by staff {holder}");
        }, cancellationToken);

    private async Task ChangeAsync(long leadId, long ticketNumber, string action,
        Func<HelpdeskDbContext, Ticket, DateTimeOffset, Task<string>> change, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var lead = await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.Id == leadId, cancellationToken).ConfigureAwait(false);
        if (lead is null || lead.IsDisabled || !lead.HasRole(StaffRoles.Lead)) throw new DomainException("Only a team lead can do that.");
        var ticket = await db.Tickets.SingleOrDefaultAsync(t => t.Number == ticketNumber, cancellationToken).ConfigureAwait(false)
            ?? throw new DomainException($"There is no ticket #{ticketNumber}.");
        var details = await change(db, ticket, now).ConfigureAwait(false);
        db.AuditEvents.Add(new AuditEvent(now, leadId, lead.UserName, action, ticketNumber, details));
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new DomainException($"Ticket #{ticketNumber} changed while you were looking at it; reload and try again.");
        }
        notifier.TicketsChanged([ticketNumber]);
    }
}
