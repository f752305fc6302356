using Helpdesk.Core.Customers;
using Helpdesk.Core.Data;
using Helpdesk.Core.Data.Sql;
using Helpdesk.Core.Outbox;
using Helpdesk.Core.Tickets;
using Helpdesk.Mail.Reading;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Helpdesk.Core.Intake;

/// <summary>
/// The database half of intake for one batch, inside one write transaction: look up everything the batch needs in
/// a few queries (customers, referenced Message-IDs, tickets), decide each email's fate in memory, then write: EF
/// saves the rows it tracks (existing tickets and customers), prepared inserts write the new customers, tickets,
/// messages and attachment rows (tickets get their numbers), then acknowledgments and the stored emails' state,
/// which refer to those numbers.
/// </summary>
internal sealed class IntakeBatch(HelpdeskDbContext db, IReadOnlyList<PreparedMessage> prepared, Acknowledgments acks, DateTimeOffset now,
    Security.SecurityOptions? security = null, IntakeStageTimes? times = null)
{
    private readonly Dictionary<string, Customer> _customers = new(StringComparer.Ordinal);
    private readonly MailThreads _threads = new();
    private readonly List<(Ticket Ticket, Customer Customer, TicketMessage Message)> _inbound = [];
    private readonly List<(PreparedMessage Message, Ticket? Ticket, long? TicketNumber)> _done = [];
    private readonly List<(TicketMessage Message, Ticket Ticket)> _newMessages = [];
    private readonly List<Customer> _newCustomers = [];
    private readonly List<Ticket> _newTickets = [];
    private readonly List<(Security.PhishingReport Report, TicketMessage Message, Ticket Ticket, Customer Customer)> _reports = [];
    private bool _incidentOn;

    public List<IntakeOutcome> Outcomes { get; } = [];

    public HashSet<long> ChangedTickets { get; } = [];

    /// <summary>Phishing reports this batch recorded, and the security alerts it raised (see <see cref="Security.PhishingIntake"/>).</summary>
    public int PhishingReports { get; private set; }

    public int AlertsRaised { get; private set; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var ids = prepared.Select(p => p.Raw.Id).ToList();
        var states = await db.RawMessages.Where(r => ids.Contains(r.Id)).Select(r => new { r.Id, r.State })
            .ToDictionaryAsync(r => r.Id, r => r.State, cancellationToken).ConfigureAwait(false);
        // Another process (or an earlier attempt) may have finished some of these already.
        var work = prepared.Where(p => states.GetValueOrDefault(p.Raw.Id, RawMessageState.Processed) == RawMessageState.Pending).ToList();
        // The stored emails are not tracked: EF would snapshot and compare every raw byte[] on each DetectChanges,
        // and update them one full-row statement at a time. Their state is written by MarkStoredAsync instead.
        // Change detection runs once before each save, not on every Add.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        _incidentOn = await db.IncidentSwitch.AsNoTracking().AnyAsync(i => i.IsOn, cancellationToken).ConfigureAwait(false);

        var readable = work.Where(p => p.Email is not null).ToList();
        var duplicates = await FindDuplicatesAsync(readable, cancellationToken).ConfigureAwait(false);
        await LoadContextAsync(readable.Where(p => !duplicates.Contains(p)).ToList(), cancellationToken).ConfigureAwait(false);

        times?.Add(IntakeStage.Lookup, clock.Elapsed);
        clock.Restart();
        foreach (var p in work)
        {
            if (p.Email is null)
            {
                p.Raw.Quarantine(p.Error ?? "unreadable", now);
                _done.Add((p, null, null));
                continue;
            }
            p.Raw.SetMessageId(p.Email.MessageId);
            if (duplicates.Contains(p))
            {
                p.Raw.MarkDuplicate(now);
                _done.Add((p, null, null));
                continue;
            }
            switch (p.Email.Machine.Kind)
            {
                case MachineMailKind.None:
                    _done.Add((p, TakeCustomerMail(p), null));
                    break;
                case MachineMailKind.Bounce:
                    _done.Add((p, null, RecordBounce(p)));
                    break;
                case MachineMailKind.MailingList:
                    _done.Add((p, null, null));
                    break;
                default:
                    _done.Add((p, AttachMachineReply(p), null));
                    break;
            }
        }

        // New customers, tickets, messages and attachments are written by prepared inserts (EF's SQLite provider sends
        // one freshly built command per row); they were never added to the context. Messages added to tickets the
        // context tracks are found by DetectChanges and taken out again. EF saves what it tracks: changes to existing
        // tickets and customers, bounced outbox items.
        db.ChangeTracker.DetectChanges();
        foreach (var (message, _) in _newMessages)
        {
            db.Entry(message).State = EntityState.Detached;
            foreach (var attachment in message.Attachments) db.Entry(attachment).State = EntityState.Detached;
        }
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await InsertNewRowsAsync(cancellationToken).ConfigureAwait(false);
        await RecordPhishingReportsAsync(cancellationToken).ConfigureAwait(false);
        times?.Add(IntakeStage.Save, clock.Elapsed);
        clock.Restart();

        // Acknowledgments: decided in arrival order (one per customer per window), their text and MIME built on every
        // core, inserted with a prepared command (insert-only here; the dispatcher picks them up after the commit).
        var acknowledgedNewCustomers = new List<Customer>();
        var due = _inbound.Where(x => acks.Decide(x.Customer, x.Message, now)).ToList();
        if (due.Count > 0)
        {
            var wording = await acks.WordingAsync(db, _incidentOn, cancellationToken).ConfigureAwait(false);
            var items = new OutboxItem[due.Count];
            Parallel.For(0, due.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
                i => items[i] = acks.Build(due[i].Ticket, due[i].Customer, due[i].Message, now, wording));
            await using var outbox = new PreparedInsert<OutboxItem>(db);
            await outbox.InsertAllAsync(items, cancellationToken).ConfigureAwait(false);
            foreach (var (_, customer, _) in due)
                if (db.Entry(customer).State == EntityState.Detached) acknowledgedNewCustomers.Add(customer);
        }
        await RecordAcknowledgedAsync(acknowledgedNewCustomers, cancellationToken).ConfigureAwait(false);

        foreach (var (p, ticket, number) in _done)
        {
            var ticketNumber = ticket?.Number ?? number;
            if (p.Raw.State == RawMessageState.Pending)
                p.Raw.MarkProcessed(ParsedEmailJson.KindName(p.Email!.Machine.Kind), p.Email.Defects.Count == 0 ? null : string.Join(';', p.Email.Defects), ticketNumber, now);
            Outcomes.Add(new IntakeOutcome(p.Raw.Id, p.Raw.State, p.Raw.TicketNumber, p.Raw.MachineKind, p.Raw.Error));
            if (ticket is not null && p.Email!.Machine.Kind == MachineMailKind.None) ChangedTickets.Add(ticket.Number);
        }
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await MarkStoredAsync(work, cancellationToken).ConfigureAwait(false);
        times?.Add(IntakeStage.Acknowledge, clock.Elapsed);

        // Outcomes in the caller's order, including the ones somebody else had already finished.
        var byId = Outcomes.ToDictionary(o => o.RawMessageId);
        Outcomes.Clear();
        foreach (var p in prepared)
            Outcomes.Add(byId.TryGetValue(p.Raw.Id, out var o) ? o : new IntakeOutcome(p.Raw.Id, states.GetValueOrDefault(p.Raw.Id), p.Raw.TicketNumber, p.Raw.MachineKind, null));
    }

    /// <summary>
    /// Inserts the batch's new customers, then its new tickets (which need the customers' ids), then the new
    /// messages (which need the tickets' numbers) and their attachment rows: one prepared command per table.
    /// </summary>
    private async Task InsertNewRowsAsync(CancellationToken cancellationToken)
    {
        // Each kind of row all at once (a round trip per few hundred rows on PostgreSQL): customers, then the tickets that
        // need their ids, then the messages that need the tickets' numbers, then attachments.
        if (_newCustomers.Count > 0)
        {
            await using var customers = new PreparedInsert<Customer>(db);
            var ids = await customers.InsertAllAsync(_newCustomers, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < ids.Length; i++) _newCustomers[i].StoredAs(ids[i]);
        }
        if (_newTickets.Count > 0)
        {
            foreach (var ticket in _newTickets) ticket.RefreshCustomerId();
            await using var tickets = new PreparedInsert<Ticket>(db);
            var numbers = await tickets.InsertAllAsync(_newTickets, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < numbers.Length; i++) _newTickets[i].StoredAs(numbers[i]);
        }
        if (_newMessages.Count == 0) return;
        foreach (var (message, ticket) in _newMessages) message.AttachTo(ticket); // a new ticket had no number when the message was added to it
        await using (var messages = new PreparedInsert<TicketMessage>(db))
        {
            var ids = await messages.InsertAllAsync(_newMessages.Select(m => m.Message).ToList(), cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < ids.Length; i++) _newMessages[i].Message.StoredAs(ids[i]);
        }
        var attached = _newMessages.SelectMany(m => m.Message.Attachments.Select(a => (Attachment: a, m.Message))).ToList();
        if (attached.Count == 0) return;
        foreach (var (attachment, message) in attached) attachment.AttachTo(message);
        await using var attachments = new PreparedInsert<MessageAttachment>(db);
        var attachmentIds = await attachments.InsertAllAsync(attached.Select(a => a.Attachment).ToList(), cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < attachmentIds.Length; i++) attached[i].Attachment.StoredAs(attachmentIds[i]);
    }

    /// <summary>A forwarded mail in a customer's message is a phishing report; written once its ticket and message have ids.</summary>
    private async Task RecordPhishingReportsAsync(CancellationToken cancellationToken)
    {
        if (_reports.Count == 0) return;
        foreach (var (report, message, ticket, customer) in _reports)
            report.StoredWith(ticket.Number, message.Id, message.RawMessageId, customer.Id);
        AlertsRaised = await new Security.PhishingIntake(db, security ?? new Security.SecurityOptions())
            .InsertAsync(_reports.Select(r => r.Report).ToList(), now, cancellationToken).ConfigureAwait(false);
        PhishingReports = _reports.Count;
    }

    /// <summary>The acknowledgment time of customers this batch created (EF does not track them; it saves the others).</summary>
    private async Task RecordAcknowledgedAsync(List<Customer> customers, CancellationToken cancellationToken)
    {
        if (customers.Count == 0) return;
        var sql = new RawSql(db);
        await sql.RunManyAsync("""UPDATE "Customers" SET "LastAcknowledgedAt" = @at WHERE "Id" = @id""", ["@at", "@id"],
            customers.Select(c => new object?[] { sql.Time(c.LastAcknowledgedAt!.Value), c.Id }).ToList(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes each stored email's outcome columns (never its bytes) with one prepared UPDATE, inside the batch's
    /// transaction. Every outcome column is written, whatever the row held before.
    /// </summary>
    private async Task MarkStoredAsync(List<PreparedMessage> work, CancellationToken cancellationToken)
    {
        if (work.Count == 0) return;
        var sql = new RawSql(db);
        await sql.RunManyAsync("""
            UPDATE "RawMessages" SET "MessageIdHeader" = @mid, "State" = @state, "MachineKind" = @kind, "Defects" = @defects,
            "Error" = @error, "TicketNumber" = @ticket, "ProcessedAt" = @at WHERE "Id" = @id
            """, ["@mid", "@state", "@kind", "@defects", "@error", "@ticket", "@at", "@id"],
            work.Select(p => new object?[] { p.Raw.MessageIdHeader, (int)p.Raw.State, p.Raw.MachineKind, p.Raw.Defects, p.Raw.Error,
                p.Raw.TicketNumber, sql.Time(p.Raw.ProcessedAt), p.Raw.Id }).ToList(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Same Message-ID and the same bytes as an email already taken in (here or earlier in this batch).</summary>
    private async Task<HashSet<PreparedMessage>> FindDuplicatesAsync(List<PreparedMessage> readable, CancellationToken cancellationToken)
    {
        var hashes = readable.Select(p => p.Raw.Sha256).Distinct().ToList();
        var known = new HashSet<(string, string?)>();
        foreach (var chunk in hashes.Chunk(500))
        {
            // By hash alone, so SQLite looks the hashes up in their index; with the state in the query it could walk the
            // state index instead, every processed email so far, once per chunk. The batch's own Pending rows are skipped here.
            var rows = await db.RawMessages.AsNoTracking()
                .Where(r => chunk.Contains(r.Sha256))
                .Select(r => new { r.Sha256, r.MessageIdHeader, r.State }).ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var r in rows)
                if (r.State == RawMessageState.Processed) known.Add((r.Sha256, r.MessageIdHeader));
        }
        var duplicates = new HashSet<PreparedMessage>();
        foreach (var p in readable)
            if (!known.Add((p.Raw.Sha256, p.Email!.MessageId))) duplicates.Add(p);
        return duplicates;
    }

    private async Task LoadContextAsync(List<PreparedMessage> readable, CancellationToken cancellationToken)
    {
        var addresses = readable.SelectMany(SenderAddresses).Distinct().ToList();
        foreach (var chunk in addresses.Chunk(500))
            foreach (var c in await db.Customers.Where(c => chunk.Contains(c.Address)).ToListAsync(cancellationToken).ConfigureAwait(false))
                _customers[c.Address] = c;
        await _threads.LoadAsync(db, readable.Select(p => p.Email!).ToList(), _customers.Values.Select(c => c.Id).ToList(), cancellationToken)
            .ConfigureAwait(false);
    }

    private static IEnumerable<string> SenderAddresses(PreparedMessage p)
    {
        if (p.Email!.From?.Address is { Length: > 0 } from) yield return Customer.NormalizeAddress(from);
        if (p.Email.Machine.Bounce is { } bounce)
            foreach (var r in bounce.Recipients)
                yield return Customer.NormalizeAddress(r.Address);
    }

    private Ticket TakeCustomerMail(PreparedMessage p)
    {
        var email = p.Email!;
        var address = email.From?.Address is { Length: > 0 } a ? Customer.NormalizeAddress(a) : "unknown@invalid";
        if (!_customers.TryGetValue(address, out var customer))
        {
            customer = new Customer(address, email.From?.Name, now);
            _newCustomers.Add(customer);
            _customers[address] = customer;
        }
        else customer.UpdateName(customer.Name is null ? email.From?.Name : null);

        var message = TicketMessage.Inbound(email.MessageId, email.InReplyTo, email.References, address, email.From?.Name,
            Truncate(email.Subject, 1000), p.Text, p.VisibleText, email.Html, p.Raw.FetchedAt, p.Raw.Id);
        foreach (var att in email.Attachments)
            message.AddAttachment(new MessageAttachment(att.FileName ?? "", att.ContentType, att.Size, att.Sha256, att.Inline, att.ContentId));
        if (p.Senders is { } senders) message.RecordSender(senders.Authenticity, senders.Forwarded);

        var ticket = _threads.Find(email, customer);
        if (ticket is null)
        {
            ticket = Ticket.Open(customer, email.Subject, p.Raw.FetchedAt);
            ticket.Classify(p.Prediction.Intent, p.Prediction.Confidence, p.Prediction.NeedsTriage);
            _newTickets.Add(ticket);
        }
        else if (FollowUpDecidesIntent(ticket, p.Prediction))
            ticket.Classify(p.Prediction.Intent, p.Prediction.Confidence, p.Prediction.NeedsTriage);
        // Incident mode: "is this mail real?" and "protect my identity" go ahead of the rest while the wave lasts.
        if (_incidentOn && ticket.Intent is { } intent && Incidents.IncidentBanner.RaisedIntents.Contains(intent) && ticket.Priority < TicketPriority.High)
            ticket.Reprioritize(TicketPriority.High, now);
        ticket.AddCustomerMessage(message);
        if (email.Forwarded is { } forwarded)
            _reports.Add((Security.PhishingReport.From(forwarded, customer.Id, address, p.Raw.FetchedAt), message, ticket, customer));
        _newMessages.Add((message, ticket));
        _threads.Took(ticket, customer, email.MessageId);
        _inbound.Add((ticket, customer, message));
        return ticket;
    }

    /// <summary>
    /// The intent follows the newest customer message ("the page just spins" after a card question is a login matter now).
    /// The thread is the context where the newest message says too little: an unsure follow-up ("still doesn't work")
    /// keeps the ticket's intent, and an agent's correction is never overwritten by the model.
    /// </summary>
    private static bool FollowUpDecidesIntent(Ticket ticket, Classification.IntentPrediction prediction) =>
        !ticket.IntentChangedByAgent && prediction.Confidence is not null && (!prediction.NeedsTriage || ticket.Intent is null);

    private Ticket? AttachMachineReply(PreparedMessage p)
    {
        var email = p.Email!;
        var address = email.From?.Address is { Length: > 0 } a ? Customer.NormalizeAddress(a) : null;
        var ticket = _threads.FindForMachineReply(email, address is not null && _customers.TryGetValue(address, out var customer) ? customer : null);
        if (ticket is null) return null;
        var reply = TicketMessage.MachineReply(email.MessageId, address ?? "", Truncate(email.Subject, 1000),
            SensitiveDataMasker.Mask(email.Text), p.Raw.FetchedAt, p.Raw.Id);
        ticket.AttachSilently(reply);
        _newMessages.Add((reply, ticket));
        return ticket;
    }

    /// <summary>A bounce: the reply it returns is marked Bounced, the address undeliverable (permanent failures only).</summary>
    private long? RecordBounce(PreparedMessage p)
    {
        var bounce = p.Email!.Machine.Bounce;
        long? ticketNumber = null;
        var reason = Truncate(p.Email.Machine.Reason ?? "bounced", 900);
        var failed = bounce?.Recipients.Where(IsPermanent).ToList() ?? [];
        if (failed.Count > 0) reason = Truncate(string.Join("; ", failed.Select(r => $"{r.Address}: {r.Status} {r.Diagnostic}".Trim())), 900);
        var delayedOnly = bounce is not null && bounce.Recipients.Count > 0 && failed.Count == 0;
        if (delayedOnly) return null;

        var addresses = failed.Select(r => Customer.NormalizeAddress(r.Address)).ToHashSet();
        // The envelope id we sent with (ENVID=outbox-N) names the item even when the report returns no headers;
        // the returned Message-ID is the fallback for servers that drop it.
        OutboxItem? item = null;
        if (OutboxDispatcher.OutboxIdOf(bounce?.OriginalEnvelopeId) is { } outboxId)
            item = db.Outbox.Local.FirstOrDefault(o => o.Id == outboxId) ?? db.Outbox.FirstOrDefault(o => o.Id == outboxId);
        if (item is null && bounce?.OriginalMessageId is { Length: > 0 } original)
            item = db.Outbox.Local.FirstOrDefault(o => o.MessageIdHeader == original)
                ?? db.Outbox.FirstOrDefault(o => o.MessageIdHeader == original);
        if (item is not null)
        {
            // A DSN can come back before the outbox pass that sent the mail has recorded it (a pass sends its whole batch,
            // then saves). Its lease is that pass's concurrency token: marking the item here failed this whole batch
            // when the pass saved first (and, one by one, quarantined a bounce in the drill), or was overwritten with
            // Sent when it saved after. The pass records the send; the customer is marked undeliverable below either way,
            // so nothing more goes to them.
            if (!item.SendInFlight) item.MarkBounced(reason);
            ticketNumber = item.TicketNumber;
            if (addresses.Count == 0) addresses.Add(Customer.NormalizeAddress(item.ToAddress));
        }
        foreach (var address in addresses)
        {
            if (!_customers.TryGetValue(address, out var customer))
            {
                customer = db.Customers.FirstOrDefault(c => c.Address == address);
                if (customer is null) continue;
                _customers[address] = customer;
            }
            customer.MarkUndeliverable(reason, now);
        }
        return ticketNumber;
    }

    // Failed without a 4.x.x status and not a full mailbox (BounceRecipient.Permanent).
    private static bool IsPermanent(BounceRecipient r) => r.Permanent;

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}
