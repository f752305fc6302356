using Helpdesk.Classification.Training;
using Helpdesk.Core.Abstractions;
using Helpdesk.Core.Audit;
using Helpdesk.Core.Data;
using Helpdesk.Core.Intents;
using Helpdesk.Core.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Core.Replies;

/// <summary>
/// What agents teach the desk. An intent correction becomes a pending training example (a trainer accepts or rejects
/// it before `helpdesk train` uses it) and an audit entry. The template actually sent needs no call here: the outbound
/// <see cref="TicketMessage"/> records its TemplateVersionId and whether it went out unedited.
/// </summary>
public sealed class LearningSignals(IDbContextFactory<HelpdeskDbContext> factory, TimeProvider time)
{
    public async Task<TrainingExample> RecordIntentCorrectionAsync(long ticketNumber, string newIntent, long staffId,
        CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        // A seed intent a trainer merged away is no longer one to file tickets under.
        var row = await db.Intents.AsNoTracking().FirstOrDefaultAsync(i => i.Id == newIntent, cancellationToken).ConfigureAwait(false);
        var known = row is { IsActive: true } || (row is null && SeedIntents.All.Any(i => i.Id == newIntent));
        if (!known) throw new DomainException($"'{newIntent}' is not an intent of this desk.");
        var ticket = await db.Tickets.Include(t => t.Messages)
            .FirstOrDefaultAsync(t => t.Number == ticketNumber, cancellationToken).ConfigureAwait(false)
            ?? throw new DomainException($"There is no ticket {ticketNumber}.");
        var staff = await db.Staff.FirstOrDefaultAsync(s => s.Id == staffId, cancellationToken).ConfigureAwait(false)
            ?? throw new DomainException($"There is no staff member {staffId}.");

        var now = time.GetUtcNow();
        var previous = ticket.Intent;
        var first = ticket.Messages.Where(m => m.Direction == MessageDirection.Inbound).OrderBy(m => m.CreatedAt).FirstOrDefault();
        // The same text the classifier read, so the correction teaches it exactly what it got wrong.
        var text = LabeledText.Compose(first?.Subject ?? ticket.Subject, first?.VisibleText ?? "");
        ticket.ChangeIntent(newIntent, now);
        var example = new TrainingExample(text, newIntent, TrainingExampleSource.AgentCorrection, ticket.Number, staffId, now);
        example.SetPrevious(previous);
        db.TrainingExamples.Add(example);
        db.AuditEvents.Add(new AuditEvent(now, staffId, staff.UserName, "ticket.intent_corrected", ticket.Number,
            $"{previous ?? "unclassified"} -> {newIntent}"));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return example;
    }
}
