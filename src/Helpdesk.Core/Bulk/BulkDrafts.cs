using Helpdesk.Core.Abstractions;
using Helpdesk.Core.Customers;
using Helpdesk.Core.Data;
using Helpdesk.Core.Outbox;
using Helpdesk.Core.Replies;
using Helpdesk.Core.Templates;
using Helpdesk.Core.Staff;
using Helpdesk.Core.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Core.Bulk;

/// <summary>
/// The columns of one ticket a bulk reply reads: its queue state, to decide whether it may still be answered, and
/// what the reply is written from. Read untracked: at 10,000 tickets, tracked entities with every message of every
/// thread cost more than the replies themselves.
/// </summary>
internal sealed class BulkTicketView
{
    public required long Number { get; init; }

    public required string Subject { get; init; }

    public required TicketStatus Status { get; init; }

    public long? ClaimedBy { get; init; }

    public DateTimeOffset? ClaimExpiresAt { get; init; }

    public required int InboundCount { get; init; }

    public required bool HasAttachments { get; init; }

    public required int Version { get; init; }

    public DateTimeOffset? FirstResponseAt { get; init; }

    public string? CustomerName { get; init; }

    public required string CustomerAddress { get; init; }

    /// <summary>The customer's latest message: the reply threads to it.</summary>
    public BulkInbound? Inbound { get; set; }

    public bool IsInQueue => Status is TicketStatus.New or TicketStatus.Open;

    public long? LiveClaimAt(DateTimeOffset now) => ClaimedBy is { } holder && ClaimExpiresAt is { } until && until > now ? holder : null;
}

internal sealed record BulkInbound(long TicketNumber, string? Subject, string? MessageIdHeader, string? References, DateTimeOffset CreatedAt);

/// <summary>One reply composed before the write: the ticket as it was read, the outbound message and its outbox item.</summary>
internal sealed record BulkDraft(BulkTarget Target, BulkTicketView Ticket, TicketMessage Reply, OutboxItem Item);

/// <summary>
/// Everything a bulk send will write, worked out before the write starts (reads, skip reasons, personalised texts and
/// MIME), so that the SQLite write gate is held only for the inserts and updates. Skipped and Drafts are in the lead's order.
/// </summary>
internal sealed record BulkPlan(long StaffId, string StaffUserName, BulkSendRequest Request, ReplyTemplate Template, ReplyTemplateVersion Version,
    DateTimeOffset Now, DateTimeOffset HoldUntil, List<BulkSkip> Skipped, List<BulkDraft> Drafts);

/// <summary>Reads the tickets of a bulk reply and writes each customer's reply.</summary>
internal static class BulkDrafts
{
    /// <summary>Tickets and the headers of their customers' latest messages: two untracked queries, no message bodies.</summary>
    public static async Task<Dictionary<long, BulkTicketView>> LoadAsync(HelpdeskDbContext db, List<long> numbers, CancellationToken cancellationToken)
    {
        var views = await db.Tickets.AsNoTracking().Where(t => numbers.Contains(t.Number))
            .Select(t => new BulkTicketView
            {
                Number = t.Number, Subject = t.Subject, Status = t.Status, ClaimedBy = t.ClaimedBy, ClaimExpiresAt = t.ClaimExpiresAt,
                InboundCount = t.InboundCount, HasAttachments = t.HasAttachments, Version = t.Version, FirstResponseAt = t.FirstResponseAt,
                CustomerName = t.Customer!.Name, CustomerAddress = t.Customer.Address,
            })
            .ToDictionaryAsync(v => v.Number, cancellationToken).ConfigureAwait(false);
        var inbound = await db.Messages.AsNoTracking()
            .Where(m => numbers.Contains(m.TicketNumber) && m.Direction == MessageDirection.Inbound)
            .Select(m => new BulkInbound(m.TicketNumber, m.Subject, m.MessageIdHeader, m.References, m.CreatedAt))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var message in inbound)
            if (views.TryGetValue(message.TicketNumber, out var view) && (view.Inbound is null || message.CreatedAt > view.Inbound.CreatedAt))
                view.Inbound = message;
        return views;
    }

    /// <summary>Why <paramref name="ticket"/> may not get the bulk reply, or null when it may.</summary>
    public static string? SkipReason(BulkTicketView? ticket, BulkTarget target, DateTimeOffset now, IReadOnlyDictionary<long, string> staffNames)
    {
        if (ticket is null) return "no longer exists";
        if (!ticket.IsInQueue) return $"already {ticket.Status.ToString().ToLowerInvariant()}";
        if (ticket.LiveClaimAt(now) is { } holder) return $"claimed by {staffNames.GetValueOrDefault(holder) ?? $"staff {holder}"}";
        if (ticket.InboundCount != 1) return "the customer wrote again";
        if (ticket.HasAttachments) return "has an attachment";
        if (ticket.Version != target.SeenVersion) return "changed since the preview";
        return null;
    }

    /// <summary>Subject, personalised text and threading headers of the reply to <paramref name="ticket"/>.</summary>
    public static (string Subject, string Text, List<string> References) Compose(BulkTicketView ticket, string body, StaffUser staff, CompanyOptions company)
    {
        var inbound = ticket.Inbound;
        var subject = TicketSubject.ForReply(inbound?.Subject ?? ticket.Subject, ticket.Number, "Your message");
        var references = inbound is null
            ? []
            : (inbound.References ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Append(inbound.MessageIdHeader).OfType<string>().TakeLast(20).ToList();
        var context = new MergeContext(ticket.CustomerName is { Length: > 0 } ? Customer.FirstNameOf(ticket.CustomerName, ticket.CustomerAddress) : null,
            ticket.CustomerName, ticket.CustomerAddress, ticket.Number, ticket.Subject, staff.FirstName);
        return (subject, MergeFields.Render(body, context, company).Trim(), references);
    }

    /// <summary>The reply as the ticket's outbound message and as the outbox item with its finished bytes.</summary>
    public static BulkDraft Draft(BulkTarget target, BulkTicketView ticket, ReplyTemplateVersion version, StaffUser staff, CompanyOptions company,
        DateTimeOffset now, DateTimeOffset holdUntil)
    {
        var (subject, text, references) = Compose(ticket, version.Body, staff, company);
        var inReplyTo = ticket.Inbound?.MessageIdHeader;
        var messageId = $"bulk-{ticket.Number}-{Guid.NewGuid():N}@{company.DeskDomain}";
        var reply = TicketMessage.Outbound(staff.Id, messageId, inReplyTo, references, subject, text, now, version.Id, sentUnedited: true);
        reply.AttachTo(ticket.Number);
        var item = new OutboxItem(OutboxKind.BulkReply, ticket.Number, null, messageId, company.DeskAddress, ticket.CustomerAddress, subject, now, holdUntil);
        item.SetMime(ReplyComposer.StaffReply(company, ticket.CustomerName, ticket.CustomerAddress, subject, messageId, now, text, inReplyTo, references));
        return new BulkDraft(target, ticket, reply, item);
    }
}
