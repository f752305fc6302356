using Helpdesk.Classification.Training;
using Helpdesk.Core.Abstractions;
using Helpdesk.Core.Audit;
using Helpdesk.Core.Data;
using Helpdesk.Core.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Core.Intents;

public enum ReviewKind
{
    /// <summary>An agent changed a ticket's intent; the pending example waits for a trainer.</summary>
    Correction = 0,
    /// <summary>The classifier was not sure enough; a trainer labels the ticket.</summary>
    Triage = 1,
}

/// <summary>One item of the review queue. <see cref="ExampleId"/> is set for corrections; triage items have only the ticket.</summary>
public sealed record ReviewItem(
    ReviewKind Kind, long? ExampleId, long? TicketNumber, string Text, string? PreviousIntent, string? ProposedIntent, string? By, DateTimeOffset At);

/// <summary>
/// What trainers decide before the classifier learns from it: agents' intent corrections (pending training examples) and
/// tickets that needed triage. Accepting makes an accepted example that the next retrain uses; rejecting keeps it out.
/// A triage ticket leaves the queue once it has an example either way.
/// </summary>
public sealed class TrainingReview(IDbContextFactory<HelpdeskDbContext> factory, TimeProvider time)
{
    /// <summary>Corrections first (agents asked), then triage tickets, oldest first within each.</summary>
    public async Task<IReadOnlyList<ReviewItem>> QueueAsync(int take = 50, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var corrections = await db.TrainingExamples.AsNoTracking()
            .Where(e => e.State == TrainingExampleState.Pending && e.Source == TrainingExampleSource.AgentCorrection)
            .OrderBy(e => e.CreatedAt).ThenBy(e => e.Id).Take(take)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var ids = corrections.Select(c => c.CreatedBy).OfType<long>().Distinct().ToList();
        var names = await db.Staff.AsNoTracking().Where(s => ids.Contains(s.Id))
            .ToDictionaryAsync(s => s.Id, s => s.DisplayName, cancellationToken).ConfigureAwait(false);
        var items = corrections.Select(c => new ReviewItem(ReviewKind.Correction, c.Id, c.TicketNumber, c.Text, c.PreviousIntentId, c.IntentId,
            c.CreatedBy is { } by ? names.GetValueOrDefault(by) : null, c.CreatedAt)).ToList();

        var room = take - items.Count;
        if (room > 0)
        {
            var triage = await db.Tickets.AsNoTracking()
                .Where(t => t.NeedsTriage && !db.TrainingExamples.Any(e => e.TicketNumber == t.Number))
                .OrderBy(t => t.ReceivedAt).ThenBy(t => t.Number).Take(room)
                .Select(t => new
                {
                    t.Number, t.Subject, t.ReceivedAt, t.Intent,
                    Text = db.Messages.Where(m => m.TicketNumber == t.Number && m.Direction == MessageDirection.Inbound)
                        .OrderBy(m => m.CreatedAt).Select(m => m.VisibleText).FirstOrDefault(),
                })
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            items.AddRange(triage.Select(t => new ReviewItem(ReviewKind.Triage, null, t.Number, LabeledText.Compose(t.Subject, t.Text ?? ""),
                t.Intent, null, null, t.ReceivedAt)));
        }
        return items;
    }

    /// <summary>How many items wait, by kind.</summary>
    public async Task<(int Corrections, int Triage)> CountsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var corrections = await db.TrainingExamples.CountAsync(
            e => e.State == TrainingExampleState.Pending && e.Source == TrainingExampleSource.AgentCorrection, cancellationToken).ConfigureAwait(false);
        var triage = await db.Tickets.CountAsync(t => t.NeedsTriage && !db.TrainingExamples.Any(e => e.TicketNumber == t.Number), cancellationToken)
            .ConfigureAwait(false);
        return (corrections, triage);
    }

    /// <summary>Accepts an agent's correction, optionally under another intent than the agent chose.</summary>
    public async Task AcceptCorrectionAsync(long exampleId, long reviewerId, string? intent = null, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var example = await PendingAsync(db, exampleId, cancellationToken).ConfigureAwait(false);
        if (intent is not null) await RequireActiveAsync(db, intent, cancellationToken).ConfigureAwait(false);
        example.Accept(reviewerId, intent);
        await AuditAsync(db, reviewerId, "training.accepted", example.TicketNumber, $"example {exampleId} as {example.IntentId}", cancellationToken).ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task RejectCorrectionAsync(long exampleId, long reviewerId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var example = await PendingAsync(db, exampleId, cancellationToken).ConfigureAwait(false);
        example.Reject(reviewerId);
        await AuditAsync(db, reviewerId, "training.rejected", example.TicketNumber, $"example {exampleId}", cancellationToken).ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Labels a triage ticket: an accepted example, and the ticket takes the intent (it leaves triage).</summary>
    public async Task<TrainingExample> AcceptTriageAsync(long ticketNumber, string intent, long reviewerId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await RequireActiveAsync(db, intent, cancellationToken).ConfigureAwait(false);
        var (ticket, text) = await TriageTicketAsync(db, ticketNumber, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var previous = ticket.Intent;
        ticket.ChangeIntent(intent, now);
        var example = new TrainingExample(text, intent, TrainingExampleSource.TriageReview, ticketNumber, reviewerId, now);
        example.SetPrevious(previous);
        example.Accept(reviewerId);
        db.TrainingExamples.Add(example);
        await AuditAsync(db, reviewerId, "training.triage_labelled", ticketNumber, intent, cancellationToken).ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return example;
    }

    /// <summary>Keeps a triage ticket out of training (spam, several questions at once ...); it leaves the review queue only.</summary>
    public async Task RejectTriageAsync(long ticketNumber, long reviewerId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var (_, text) = await TriageTicketAsync(db, ticketNumber, cancellationToken).ConfigureAwait(false);
        var example = new TrainingExample(text, Intent.NeedsTriage, TrainingExampleSource.TriageReview, ticketNumber, reviewerId, time.GetUtcNow());
        example.Reject(reviewerId);
        db.TrainingExamples.Add(example);
        await AuditAsync(db, reviewerId, "training.triage_rejected", ticketNumber, null, cancellationToken).ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<TrainingExample> PendingAsync(HelpdeskDbContext db, long exampleId, CancellationToken cancellationToken)
    {
        var example = await db.TrainingExamples.SingleOrDefaultAsync(e => e.Id == exampleId, cancellationToken).ConfigureAwait(false)
            ?? throw new DomainException($"There is no training example {exampleId}.");
        if (example.State != TrainingExampleState.Pending)
            throw new DomainException($"Training example {exampleId} was already {example.State.ToString().ToLowerInvariant()}.");
        return example;
    }

    private static async Task<(Ticket Ticket, string Text)> TriageTicketAsync(HelpdeskDbContext db, long ticketNumber, CancellationToken cancellationToken)
    {
        var ticket = await db.Tickets.Include(t => t.Messages).SingleOrDefaultAsync(t => t.Number == ticketNumber, cancellationToken).ConfigureAwait(false)
            ?? throw new DomainException($"There is no ticket #{ticketNumber}.");
        if (await db.TrainingExamples.AnyAsync(e => e.TicketNumber == ticketNumber, cancellationToken).ConfigureAwait(false))
            throw new DomainException($"Ticket #{ticketNumber} has been reviewed already.");
        var first = ticket.Messages.Where(m => m.Direction == MessageDirection.Inbound).MinBy(m => m.CreatedAt);
        // The text the classifier read, as LearningSignals stores corrections.
        return (ticket, LabeledText.Compose(first?.Subject ?? ticket.Subject, first?.VisibleText ?? ""));
    }

    private static async Task RequireActiveAsync(HelpdeskDbContext db, string intent, CancellationToken cancellationToken)
    {
        var row = await db.Intents.AsNoTracking().SingleOrDefaultAsync(i => i.Id == intent, cancellationToken).ConfigureAwait(false);
        var seed = SeedIntents.All.Any(s => s.Id == intent);
        if (row is { IsActive: false }) throw new DomainException($"Intent '{intent}' was merged into '{row.MergedInto}'.");
        if (row is null && !seed) throw new DomainException($"'{intent}' is not an intent of this desk.");
    }

    private async Task AuditAsync(HelpdeskDbContext db, long staffId, string action, long? ticket, string? details, CancellationToken cancellationToken)
    {
        var name = await db.Staff.AsNoTracking().Where(s => s.Id == staffId).Select(s => s.UserName)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        db.AuditEvents.Add(new AuditEvent(time.GetUtcNow(), staffId, name ?? $"staff {staffId}", action, ticket, details));
    }
}
