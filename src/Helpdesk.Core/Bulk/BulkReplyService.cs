using Helpdesk.Classification.Clustering;
using Helpdesk.Core.Abstractions;
using Helpdesk.Core.Audit;
using Helpdesk.Core.Data;
using Helpdesk.Core.Intake;
using Helpdesk.Core.Outbox;
using Helpdesk.Core.Replies;
using Helpdesk.Core.Templates;
using Helpdesk.Core.Staff;
using Helpdesk.Core.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Core.Bulk;

/// <summary>A ticket the lead saw in the preview, with the version seen then: a ticket that changed since is skipped.</summary>
public sealed record BulkTarget(long TicketNumber, int SeenVersion);

/// <summary>What the lead confirmed: the template's live version shown in the preview, and the tickets left in.</summary>
public sealed record BulkSendRequest(string Intent, string TemplateId, long TemplateVersionId, IReadOnlyList<BulkTarget> Tickets);

public sealed record BulkSkip(long TicketNumber, string Reason);

public sealed record BulkSendResult(long BulkSendId, DateTimeOffset HoldUntil, int Queued, IReadOnlyList<BulkSkip> Skipped);

public sealed record BulkPreviewReply(long TicketNumber, string To, string Subject, string Text);

public sealed record BulkPreview(string TemplateId, string Title, long TemplateVersionId, int VersionNumber, IReadOnlyList<BulkPreviewReply> Replies);

public sealed record BulkUndoResult(int Cancelled, int TicketsRestored);

public sealed record BulkSendStatus(long Id, BulkSendState State, DateTimeOffset HoldUntil, int Held, int Sent, int Cancelled, int Failed,
    IReadOnlyList<BulkSkip> Skipped);

/// <summary>
/// One recent bulk send as the lead's list shows it: who answered which intent with which template version, and
/// where its replies are now (held in the outbox, sent, withdrawn, failed).
/// </summary>
public sealed record BulkSendSummary(long Id, DateTimeOffset CreatedAt, string StaffName, string Intent, string TemplateId, string TemplateTitle,
    int VersionNumber, BulkSendState State, DateTimeOffset HoldUntil, int Held, int Sent, int Cancelled, int Failed, int Skipped)
{
    public bool CanUndo(DateTimeOffset now) => State == BulkSendState.Queued && now < HoldUntil;
}

/// <summary>
/// Answers a cluster: one personalized reply per ticket, each written like an agent's reply (outbound message, ticket
/// solved with the template version recorded, outbox item with its finished bytes threaded to that customer's own
/// message, audit entry), all in one transaction with the <see cref="BulkSend"/> record. The outbox holds the items
/// until the undo window ends; after that the dispatcher sends them like any reply, within its rate limit.
/// </summary>
public sealed class BulkReplyService(
    IDbContextFactory<HelpdeskDbContext> factory, BulkOptions options, CompanyOptions company, TemplateCatalog templates,
    TimeProvider time, IDeskNotifier notifier)
{
    private const int LoadChunk = 500;

    /// <summary>
    /// Live templates to answer <paramref name="intent"/>: those written for it first, the one sharing most words with
    /// <paramref name="question"/> (the cluster's representative) on top, then the rest.
    /// </summary>
    public async Task<IReadOnlyList<LiveTemplate>> TemplatesForAsync(string intent, string? question = null, CancellationToken cancellationToken = default)
    {
        var live = await templates.LiveAsync(cancellationToken).ConfigureAwait(false);
        var asked = NearDuplicateClusterer.Shingles(question ?? "");
        double Overlap(LiveTemplate t)
        {
            if (asked.Count == 0) return 0;
            var words = NearDuplicateClusterer.Shingles(t.Title + "\n" + t.Body);
            return (double)asked.Count(words.Contains) / asked.Count;
        }
        return live.Where(t => !t.Intents.Contains("ack") && !t.Intents.Contains(Incidents.IncidentBanner.Intent))
            .OrderBy(t => t.Intents.Contains(intent) ? 0 : 1).ThenByDescending(Overlap).ThenBy(t => t.Language == "en" ? 0 : 1)
            .ThenBy(t => t.Id, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The template's live version rendered for the first <paramref name="sample"/> of <paramref name="tickets"/>.</summary>
    public async Task<BulkPreview> PreviewAsync(long staffId, string templateId, IReadOnlyList<long> tickets, int sample,
        CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var staff = await RequireBulkReplierAsync(db, staffId, cancellationToken).ConfigureAwait(false);
        var (template, version) = await LiveVersionAsync(db, templateId, cancellationToken).ConfigureAwait(false);
        var numbers = tickets.Take(Math.Max(0, sample)).ToList();
        var loaded = await BulkDrafts.LoadAsync(db, numbers, cancellationToken).ConfigureAwait(false);
        var replies = numbers.Where(loaded.ContainsKey).Select(n =>
        {
            var (subject, text, _) = BulkDrafts.Compose(loaded[n], version.Body, staff, company);
            return new BulkPreviewReply(n, loaded[n].CustomerAddress, subject, text);
        }).ToList();
        return new BulkPreview(template.Id, template.Title, version.Id, version.Number, replies);
    }

    /// <summary>
    /// Queues one reply per ticket, held for the undo window. Tickets an agent claimed, that changed since the preview
    /// (the customer wrote again, someone answered) or that no longer qualify are skipped and listed in the result;
    /// so is a ticket that changes while the replies are being written.
    /// </summary>
    public async Task<BulkSendResult> SendAsync(long staffId, BulkSendRequest request, CancellationToken cancellationToken = default)
    {
        var plan = await PlanAsync(staffId, request, cancellationToken).ConfigureAwait(false);
        return await WriteAsync(plan, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The reads and the composing of a send: no write, no write gate.</summary>
    internal async Task<BulkPlan> PlanAsync(long staffId, BulkSendRequest request, CancellationToken cancellationToken)
    {
        if (request.Tickets.Count == 0) throw new DomainException("Choose at least one ticket to answer.");
        if (request.Tickets.Count > options.MaxTicketsPerSend)
            throw new DomainException($"One bulk reply answers at most {options.MaxTicketsPerSend:N0} tickets (Helpdesk:Bulk:MaxTicketsPerSend).");
        var now = time.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var staff = await RequireBulkReplierAsync(db, staffId, cancellationToken).ConfigureAwait(false);
        var (template, version) = await LiveVersionAsync(db, request.TemplateId, cancellationToken).ConfigureAwait(false);
        if (version.Id != request.TemplateVersionId)
            throw new DomainException($"Template '{template.Title}' has a new live version since the preview: preview again before sending.");

        var holdUntil = now + options.UndoWindow;
        var skipped = new List<BulkSkip>();
        var eligible = new List<(BulkTarget Target, BulkTicketView Ticket)>();
        var staffNames = new Dictionary<long, string>();
        foreach (var chunk in request.Tickets.DistinctBy(t => t.TicketNumber).Chunk(LoadChunk))
        {
            var tickets = await BulkDrafts.LoadAsync(db, chunk.Select(t => t.TicketNumber).ToList(), cancellationToken).ConfigureAwait(false);
            var holders = tickets.Values.Select(t => t.LiveClaimAt(now)).OfType<long>().Where(h => !staffNames.ContainsKey(h)).Distinct().ToList();
            if (holders.Count > 0)
                foreach (var s in await db.Staff.AsNoTracking().Where(s => holders.Contains(s.Id)).Select(s => new { s.Id, s.DisplayName })
                    .ToListAsync(cancellationToken).ConfigureAwait(false))
                    staffNames[s.Id] = s.DisplayName;
            foreach (var target in chunk)
            {
                var ticket = tickets.GetValueOrDefault(target.TicketNumber);
                if (BulkDrafts.SkipReason(ticket, target, now, staffNames) is { } reason) skipped.Add(new BulkSkip(target.TicketNumber, reason));
                else eligible.Add((target, ticket!));
            }
        }
        if (eligible.Count == 0) throw new BulkNothingToSendException(skipped);

        // Rendering and MIME building are pure: spread them over the cores.
        var drafts = new BulkDraft[eligible.Count];
        Parallel.For(0, eligible.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
            i => drafts[i] = BulkDrafts.Draft(eligible[i].Target, eligible[i].Ticket, version, staff, company, now, holdUntil));
        return new BulkPlan(staffId, staff.UserName, request, template, version, now, holdUntil, skipped, [.. drafts]);
    }

    /// <summary>The write of a send: one transaction, the SQLite write gate held only for it.</summary>
    internal async Task<BulkSendResult> WriteAsync(BulkPlan plan, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var bulk = await BulkWriter.WriteAsync(db, plan, cancellationToken).ConfigureAwait(false);
        var queued = bulk.Members.Where(m => m.Outcome == BulkMemberOutcome.Queued).Select(m => m.TicketNumber).ToList();
        notifier.TicketsChanged(queued);
        var skipped = bulk.Members.Where(m => m.Outcome == BulkMemberOutcome.Skipped).Select(m => new BulkSkip(m.TicketNumber, m.SkipReason ?? "")).ToList();
        return new BulkSendResult(bulk.Id, bulk.HoldUntil, queued.Count, skipped);
    }

    /// <summary>
    /// Withdraws every reply of the bulk send while its window is open: the outbox items are cancelled, the replies
    /// leave the threads and the tickets go back to the queue. After the window, or once the dispatcher has taken any
    /// of its items, nothing is withdrawn (see <see cref="BulkUndo"/>).
    /// </summary>
    public async Task<BulkUndoResult> UndoAsync(long staffId, long bulkSendId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var staff = await RequireBulkReplierAsync(db, staffId, cancellationToken).ConfigureAwait(false);
        var plan = await BulkUndo.ReadAsync(db, bulkSendId, staffId, staff.UserName, now, cancellationToken).ConfigureAwait(false);
        var result = await BulkUndo.WriteAsync(db, plan, cancellationToken).ConfigureAwait(false);
        notifier.TicketsChanged(plan.Tickets);
        return result;
    }

    /// <summary>
    /// The last <paramref name="count"/> bulk sends, newest first, so a lead who reloads the page or comes back later
    /// still finds the Undo of a send inside its window and the outcome of the others.
    /// </summary>
    public async Task<IReadOnlyList<BulkSendSummary>> RecentAsync(int count = 20, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var sends = await (
                from b in db.BulkSends.AsNoTracking()
                join s in db.Staff on b.StaffId equals s.Id into staff
                from s in staff.DefaultIfEmpty()
                join t in db.ReplyTemplates on b.TemplateId equals t.Id into template
                from t in template.DefaultIfEmpty()
                join v in db.Set<ReplyTemplateVersion>() on b.TemplateVersionId equals v.Id into version
                from v in version.DefaultIfEmpty()
                orderby b.CreatedAt descending, b.Id descending
                select new
                {
                    b.Id, b.CreatedAt, Staff = s == null ? null : s.DisplayName, b.Intent, b.TemplateId, Title = t == null ? null : t.Title,
                    Number = v == null ? 0 : v.Number, b.State, b.HoldUntil, b.SkippedCount,
                })
            .Take(Math.Clamp(count, 1, 200)).ToListAsync(cancellationToken).ConfigureAwait(false);
        var ids = sends.Select(b => b.Id).ToList();
        var states = (await db.Outbox.AsNoTracking().Where(o => o.BulkBatchId != null && ids.Contains(o.BulkBatchId.Value))
                .GroupBy(o => new { o.BulkBatchId, o.State }).Select(g => new { g.Key.BulkBatchId, g.Key.State, Count = g.Count() })
                .ToListAsync(cancellationToken).ConfigureAwait(false))
            .ToLookup(g => g.BulkBatchId!.Value);
        int Count(long id, params OutboxState[] wanted) => states[id].Where(g => wanted.Contains(g.State)).Sum(g => g.Count);
        return sends.Select(b => new BulkSendSummary(b.Id, b.CreatedAt, b.Staff ?? "(removed)", b.Intent, b.TemplateId, b.Title ?? b.TemplateId,
            b.Number, b.State, b.HoldUntil, Count(b.Id, OutboxState.Queued), Count(b.Id, OutboxState.Sent, OutboxState.Bounced),
            Count(b.Id, OutboxState.Cancelled), Count(b.Id, OutboxState.Failed, OutboxState.Suppressed), b.SkippedCount)).ToList();
    }

    public async Task<BulkSendStatus> StatusAsync(long bulkSendId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var bulk = await db.BulkSends.AsNoTracking().SingleOrDefaultAsync(b => b.Id == bulkSendId, cancellationToken).ConfigureAwait(false)
            ?? throw new DomainException($"There is no bulk reply {bulkSendId}.");
        var states = await db.Outbox.AsNoTracking().Where(o => o.BulkBatchId == bulkSendId).GroupBy(o => o.State)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken).ConfigureAwait(false);
        var skipped = await db.BulkSendMembers.AsNoTracking().Where(m => m.BulkSendId == bulkSendId && m.Outcome == BulkMemberOutcome.Skipped)
            .OrderBy(m => m.TicketNumber).Select(m => new BulkSkip(m.TicketNumber, m.SkipReason ?? ""))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new BulkSendStatus(bulk.Id, bulk.State, bulk.HoldUntil, states.GetValueOrDefault(OutboxState.Queued),
            states.GetValueOrDefault(OutboxState.Sent), states.GetValueOrDefault(OutboxState.Cancelled),
            states.GetValueOrDefault(OutboxState.Failed) + states.GetValueOrDefault(OutboxState.Suppressed), skipped);
    }

    private async Task<StaffUser> RequireBulkReplierAsync(HelpdeskDbContext db, long staffId, CancellationToken cancellationToken)
    {
        var staff = await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.Id == staffId, cancellationToken).ConfigureAwait(false);
        if (staff is null || !options.MayBulkReply(staff))
            throw new DomainException("Bulk replies are for leads (and agents trusted with them under Helpdesk:Bulk).");
        return staff;
    }

    private static async Task<(ReplyTemplate Template, ReplyTemplateVersion Version)> LiveVersionAsync(HelpdeskDbContext db, string templateId,
        CancellationToken cancellationToken)
    {
        var template = await db.ReplyTemplates.AsNoTracking().Include(t => t.Versions)
            .SingleOrDefaultAsync(t => t.Id == templateId, cancellationToken).ConfigureAwait(false);
        if (template is null || template.Archived) throw new DomainException($"There is no template '{templateId}'.");
        var version = template.LiveVersion ?? throw new DomainException($"Template '{template.Title}' has no live version.");
        return (template, version);
    }
}

/// <summary>Every chosen ticket was skipped: nothing was queued.</summary>
public sealed class BulkNothingToSendException(IReadOnlyList<BulkSkip> skipped)
    : Exception($"Nothing was sent: all {skipped.Count} tickets were skipped ({string.Join("; ", skipped.Take(3).Select(s => $"#{s.TicketNumber} {s.Reason}"))}).")
{
    public IReadOnlyList<BulkSkip> Skipped { get; } = skipped;
}
