using Helpdesk.Core.Abstractions;
using Helpdesk.Core.Audit;
using Helpdesk.Core.Data;
using Helpdesk.Core.Intake;
using Helpdesk.Core.Replies;
using Helpdesk.Core.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Core.Queue;

/// <summary>An attachment's description, without its bytes (those are only ever downloaded).</summary>
public sealed record AttachmentInfo(long Id, long MessageId, string FileName, string ContentType, long Size);

/// <summary>Another ticket of the same customer, for context.</summary>
public sealed record CustomerTicket(long Number, string Subject, TicketStatus Status, DateTimeOffset ReceivedAt, string? Intent);

/// <summary>
/// Everything the answering console shows for one ticket, read at one moment. <see cref="Ticket"/> is detached (with its
/// customer and messages); its <see cref="Ticket.Version"/> is the version the agent's reply will be checked against.
/// </summary>
public sealed record AnsweringView(
    Ticket Ticket,
    IReadOnlyList<AttachmentInfo> Attachments,
    IReadOnlyList<CustomerTicket> OtherTickets,
    IReadOnlyList<ReplySuggestion> Suggestions)
{
    /// <summary>Display names of the staff who wrote the thread's replies and notes, by staff id.</summary>
    public IReadOnlyDictionary<long, string> Authors { get; init; } = new Dictionary<long, string>();

    /// <summary>Who wrote a reply or note, when the thread knows (agents sharing a ticket need to see who said what).</summary>
    public string? AuthorOf(TicketMessage message) =>
        message.AuthorStaffId is { } id && Authors.TryGetValue(id, out var name) ? name : null;
}

/// <summary>
/// The agent's side of the queue: take the next ticket, read it with its suggestions, keep it while working, give it
/// back. Wraps <see cref="TicketQueue"/> so every claim and release also tells the watching screens (presence).
/// </summary>
public sealed class AnsweringDesk(
    IDbContextFactory<HelpdeskDbContext> factory,
    TicketQueue queue,
    ReplySuggester suggester,
    IDeskNotifier notifier,
    TimeProvider time)
{
    public const int OtherTicketsShown = 10;

    /// <summary>Claims the next ticket (or returns the one the agent already holds, e.g. after a reload). Null: nothing to do.</summary>
    public async Task<long?> TakeNextAsync(long staffId, string? intent = null, QueueLane lane = QueueLane.Agents,
        IReadOnlyCollection<long>? skipped = null, CancellationToken cancellationToken = default)
    {
        var number = await queue.NextAsync(staffId, intent, lane, skipped, cancellationToken).ConfigureAwait(false);
        if (number is { } n) notifier.TicketsChanged([n]);
        if (number is not null) Diagnostics.DeskMetrics.Claimed();
        return number;
    }

    /// <summary>Claims one ticket chosen by number. False when somebody else holds it or it is not in the queue.</summary>
    public async Task<bool> TakeAsync(long staffId, long ticketNumber, CancellationToken cancellationToken = default)
    {
        var claimed = await queue.ClaimAsync(staffId, ticketNumber, cancellationToken).ConfigureAwait(false);
        if (claimed) notifier.TicketsChanged([ticketNumber]);
        if (claimed) Diagnostics.DeskMetrics.Claimed();
        return claimed;
    }

    /// <summary>Renews the lease while the agent works. False: the claim is gone and a send would be refused.</summary>
    public Task<bool> KeepAsync(long staffId, long ticketNumber, CancellationToken cancellationToken = default) =>
        queue.HeartbeatAsync(staffId, ticketNumber, cancellationToken);

    /// <summary>Skip: the ticket goes back to the queue for somebody else; audited so leads see skipped tickets.</summary>
    public async Task<bool> SkipAsync(long staffId, long ticketNumber, CancellationToken cancellationToken = default)
    {
        var released = await queue.ReleaseAsync(staffId, ticketNumber, cancellationToken).ConfigureAwait(false);
        if (!released) return false;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            var actor = await db.Staff.Where(s => s.Id == staffId).Select(s => s.UserName).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            db.AuditEvents.Add(new AuditEvent(time.GetUtcNow(), staffId, actor ?? $"staff {staffId}", "ticket.skip", ticketNumber, null));
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        notifier.TicketsChanged([ticketNumber]);
        return true;
    }

    /// <summary>Reads the ticket for the console. Null when there is no such ticket.</summary>
    public async Task<AnsweringView?> ReadAsync(long ticketNumber, long staffId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var ticket = await db.Tickets.AsNoTracking().Include(t => t.Customer).Include(t => t.Messages)
            .SingleOrDefaultAsync(t => t.Number == ticketNumber, cancellationToken).ConfigureAwait(false);
        if (ticket is null) return null;
        var messageIds = ticket.Messages.Select(m => m.Id).ToList();
        var attachments = await db.Attachments.AsNoTracking().Where(a => messageIds.Contains(a.MessageId))
            .OrderBy(a => a.Id)
            .Select(a => new AttachmentInfo(a.Id, a.MessageId, a.FileName, a.ContentType, a.Size))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var others = await db.Tickets.AsNoTracking()
            .Where(t => t.CustomerId == ticket.CustomerId && t.Number != ticket.Number)
            .OrderByDescending(t => t.Number).Take(OtherTicketsShown)
            .Select(t => new CustomerTicket(t.Number, t.Subject, t.Status, t.ReceivedAt, t.Intent))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        // The reading agent and the thread's authors in one query: the console's read is on the send → next path.
        var staffIds = ticket.Messages.Where(m => m.AuthorStaffId != null).Select(m => m.AuthorStaffId!.Value).Append(staffId).Distinct().ToList();
        var staff = await db.Staff.AsNoTracking().Where(s => staffIds.Contains(s.Id)).ToListAsync(cancellationToken).ConfigureAwait(false);
        var agent = staff.SingleOrDefault(s => s.Id == staffId);
        var suggestions = await suggester.SuggestAsync(ticket, agent, cancellationToken).ConfigureAwait(false);
        return new AnsweringView(ticket, attachments, others, suggestions) { Authors = staff.ToDictionary(s => s.Id, s => s.DisplayName) };
    }

    /// <summary>The display name of whoever holds the ticket now, or null when nobody does.</summary>
    public async Task<string?> HolderAsync(long ticketNumber, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.Tickets.Where(t => t.Number == ticketNumber && t.ClaimedBy != null && t.ClaimExpiresAt > now)
            .Select(t => db.Staff.Where(s => s.Id == t.ClaimedBy).Select(s => s.DisplayName).FirstOrDefault())
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
    }
}
