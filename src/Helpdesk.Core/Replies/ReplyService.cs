using Helpdesk.Core.Abstractions;
using Helpdesk.Core.Audit;
using Helpdesk.Core.Data;
using Helpdesk.Core.Outbox;
using Helpdesk.Core.Templates;
using Helpdesk.Core.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Core.Replies;

/// <summary>What an agent sends: the text, the ticket version they saw, and the template it came from.</summary>
/// <remarks><paramref name="AcknowledgedWarnings"/>: the <see cref="GuardrailFinding.Key"/>s of the warnings the agent ticked.</remarks>
public sealed record ReplyDraft(long TicketNumber, int SeenVersion, string Text, long? TemplateVersionId = null, bool SentUnedited = false,
    IReadOnlyCollection<string>? AcknowledgedWarnings = null);

/// <summary>
/// An agent's reply. The ticket's transition, the outbound message, the outbox item with its finished bytes and the
/// audit entry are one SaveChanges, so they commit together or not at all: a reply goes out once, and only for a
/// ticket the agent still held and saw as it is.
/// </summary>
public sealed class ReplyService(
    IDbContextFactory<HelpdeskDbContext> factory, CompanyOptions company, TimeProvider time, IDeskNotifier notifier,
    ReplyGuardrails guardrails)
{
    public async Task<OutboxItem> SendAsync(long staffId, ReplyDraft draft, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(draft.Text)) throw new DomainException("A reply needs some text.");
        // The console shows the same findings as the agent types; this is the check that cannot be skipped.
        guardrails.Enforce(draft.Text, draft.AcknowledgedWarnings);
        var now = time.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var ticket = await db.Tickets.Include(t => t.Customer).Include(t => t.Messages)
            .SingleOrDefaultAsync(t => t.Number == draft.TicketNumber, cancellationToken)
            ?? throw new DomainException($"There is no ticket #{draft.TicketNumber}.");
        var staff = await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.Id == staffId, cancellationToken);
        var customer = ticket.Customer!;
        // The customer's newest message. Intake stamps a batch fetched together with one moment, so a question and its
        // follow-up can share CreatedAt; the one taken in last (the higher Id) is the newer.
        var inbound = ticket.Messages.Where(m => m.Direction == MessageDirection.Inbound).MaxBy(m => (m.CreatedAt, m.Id));

        var messageId = $"reply-{ticket.Number}-{Guid.NewGuid():N}@{company.DeskDomain}";
        var subject = TicketSubject.ForReply(inbound?.Subject ?? ticket.Subject, ticket.Number, "Your message");
        var references = inbound is null ? [] : inbound.ReferenceList.Append(inbound.MessageIdHeader).OfType<string>().TakeLast(20).ToList();
        var text = draft.Text.Trim();
        var message = TicketMessage.Outbound(staffId, messageId, inbound?.MessageIdHeader, references, subject, text, now,
            draft.TemplateVersionId, draft.SentUnedited);
        ticket.Reply(staffId, draft.SeenVersion, message, now);

        var item = new OutboxItem(OutboxKind.Reply, ticket.Number, null, messageId, company.DeskAddress, customer.Address, subject, now);
        item.SetMime(ReplyComposer.StaffReply(company, customer.Name, customer.Address, subject, messageId, now, text, inbound?.MessageIdHeader, references));
        db.Outbox.Add(item);
        db.AuditEvents.Add(new AuditEvent(now, staffId, staff?.UserName ?? $"staff {staffId}", "ticket.reply", ticket.Number,
            draft.TemplateVersionId is { } v ? $"template version {v}{(draft.SentUnedited ? ", unedited" : "")}" : null));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Version and ClaimedBy are concurrency tokens: someone changed or took the ticket after it was loaded.
            throw new StaleTicketException(ticket.Number, draft.SeenVersion, draft.SeenVersion + 1);
        }
        notifier.TicketsChanged([ticket.Number]);
        return item;
    }
}
