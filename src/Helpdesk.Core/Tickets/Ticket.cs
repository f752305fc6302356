using Helpdesk.Core.Abstractions;
using Helpdesk.Core.Customers;

namespace Helpdesk.Core.Tickets;

/// <summary>
/// One customer's question and everything said about it. State changes only through the named transitions below;
/// each change the agent could see bumps <see cref="Version"/> so a reply written against a stale view is refused.
/// </summary>
public sealed class Ticket
{
    private readonly List<TicketMessage> _messages = [];

    private Ticket() { Subject = ""; }

    private Ticket(Customer customer, string subject, DateTimeOffset receivedAt, TicketPriority priority)
    {
        Customer = customer;
        CustomerId = customer.Id;
        Subject = Truncate(string.IsNullOrWhiteSpace(subject) ? "(no subject)" : subject.Trim(), MaxSubjectLength);
        ReceivedAt = receivedAt;
        LastCustomerMessageAt = receivedAt;
        WaitingSince = receivedAt;
        UpdatedAt = receivedAt;
        Priority = priority;
        Status = TicketStatus.New;
        Version = 1;
    }

    public const int MaxSubjectLength = 500;

    /// <summary>The number customers and staff quote ("#10234"); also the key.</summary>
    public long Number { get; private set; }

    public string Subject { get; private set; }

    public long CustomerId { get; private set; }

    public Customer? Customer { get; private set; }

    public TicketStatus Status { get; private set; }

    public TicketPriority Priority { get; private set; }

    /// <summary>Intent id, or null while unclassified.</summary>
    public string? Intent { get; private set; }

    public double? IntentConfidence { get; private set; }

    /// <summary>The classifier was not confident: agents get no confident suggestion, trainers see a candidate.</summary>
    public bool NeedsTriage { get; private set; }

    /// <summary>An agent changed the intent the classifier gave.</summary>
    public bool IntentChangedByAgent { get; private set; }

    public DateTimeOffset ReceivedAt { get; private set; }

    public DateTimeOffset LastCustomerMessageAt { get; private set; }

    /// <summary>
    /// Since when the customer has been waiting for us: the first unanswered message. The queue's order and the
    /// "oldest waiting" figure use it, so a customer who writes again after an answer queues from that moment.
    /// </summary>
    public DateTimeOffset WaitingSince { get; private set; }

    public DateTimeOffset? FirstResponseAt { get; private set; }

    public DateTimeOffset? SolvedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>How many inbound messages the ticket holds; above one the console shows "wrote again".</summary>
    public int InboundCount { get; private set; }

    public bool HasAttachments { get; private set; }

    public bool Escalated { get; private set; }

    public bool IsSpam { get; private set; }

    /// <summary>The staff member holding the ticket, while <see cref="ClaimExpiresAt"/> is in the future.</summary>
    public long? ClaimedBy { get; private set; }

    public DateTimeOffset? ClaimedAt { get; private set; }

    public DateTimeOffset? ClaimExpiresAt { get; private set; }

    /// <summary>Bumped by every change an agent could see; the stale-view check compares it.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<TicketMessage> Messages => _messages;

    public bool IsInQueue => Status is TicketStatus.New or TicketStatus.Open;

    public static Ticket Open(Customer customer, string subject, DateTimeOffset receivedAt,
        TicketPriority priority = TicketPriority.Normal) => new(customer, subject, receivedAt, priority);

    public bool IsHeldBy(long staffId, DateTimeOffset now) =>
        ClaimedBy == staffId && ClaimExpiresAt is { } e && e > now;

    public bool IsHeldByAnother(long staffId, DateTimeOffset now) =>
        ClaimedBy is { } holder && holder != staffId && ClaimExpiresAt is { } e && e > now;

    /// <summary>A new email from the customer: the ticket goes back to (or stays in) the queue.</summary>
    public TicketMessage AddCustomerMessage(TicketMessage message)
    {
        if (message.Direction != MessageDirection.Inbound)
            throw new DomainException("Only an inbound message can be added as the customer's message.");
        if (Status == TicketStatus.Closed)
            throw new DomainException($"Ticket #{Number} is closed; a new email starts a new ticket.");
        Attach(message);
        InboundCount++;
        HasAttachments |= message.Attachments.Count > 0;
        LastCustomerMessageAt = Max(LastCustomerMessageAt, message.CreatedAt);
        if (Status is TicketStatus.Pending or TicketStatus.Solved)
        {
            Status = TicketStatus.Open;
            WaitingSince = message.CreatedAt;
        }
        Touch(message.CreatedAt);
        return message;
    }

    /// <summary>A machine message (auto-reply) that belongs to the thread but makes no work.</summary>
    public void AttachSilently(TicketMessage message)
    {
        Attach(message);
    }

    public void Classify(string? intent, double? confidence, bool needsTriage)
    {
        Intent = intent;
        IntentConfidence = confidence;
        NeedsTriage = needsTriage;
        Version++;
    }

    /// <summary>An agent says the intent is another one; recorded as a training signal by the caller.</summary>
    public void ChangeIntent(string intent, DateTimeOffset at)
    {
        if (string.IsNullOrWhiteSpace(intent)) throw new DomainException("An intent is required.");
        if (Intent == intent) return;
        Intent = intent;
        IntentChangedByAgent = true;
        NeedsTriage = false;
        Touch(at);
    }

    /// <summary>Takes the ticket for one agent. Fails if somebody else holds an unexpired claim.</summary>
    public void Claim(long staffId, DateTimeOffset now, TimeSpan lease)
    {
        if (!IsInQueue) throw new DomainException($"Ticket #{Number} is {Status}; only queued tickets can be claimed.");
        if (IsHeldByAnother(staffId, now)) throw new DomainException($"Ticket #{Number} is held by another agent.");
        ClaimedBy = staffId;
        ClaimedAt = now;
        ClaimExpiresAt = now + lease;
    }

    public void RenewClaim(long staffId, DateTimeOffset now, TimeSpan lease)
    {
        if (!IsHeldBy(staffId, now)) throw new ClaimLostException(Number);
        ClaimExpiresAt = now + lease;
    }

    public void Release(long staffId)
    {
        if (ClaimedBy != staffId) return;
        ClearClaim();
    }

    /// <summary>A lead frees a stuck claim.</summary>
    public void ForceRelease() => ClearClaim();

    /// <summary>
    /// The agent's reply. Requires the agent's live claim and the version the agent saw: nobody replies to a ticket
    /// they no longer hold or that changed under them.
    /// </summary>
    public TicketMessage Reply(long staffId, int seenVersion, TicketMessage reply, DateTimeOffset now)
    {
        if (reply.Direction != MessageDirection.Outbound) throw new DomainException("A reply must be an outbound message.");
        if (Status == TicketStatus.Closed) throw new DomainException($"Ticket #{Number} is closed.");
        if (!IsHeldBy(staffId, now)) throw new ClaimLostException(Number);
        if (seenVersion != Version) throw new StaleTicketException(Number, seenVersion, Version);
        Attach(reply);
        FirstResponseAt ??= now;
        Status = TicketStatus.Pending;
        ClearClaim();
        Touch(now);
        return reply;
    }

    /// <summary>A reply sent to many tickets at once by a lead (no claim: the bulk action is its own review).</summary>
    public TicketMessage ReplyInBulk(TicketMessage reply, DateTimeOffset now)
    {
        if (!IsInQueue) throw new DomainException($"Ticket #{Number} is {Status}; bulk replies go to queued tickets only.");
        Attach(reply);
        FirstResponseAt ??= now;
        Status = TicketStatus.Solved;
        SolvedAt = now;
        ClearClaim();
        Touch(now);
        return reply;
    }

    public void AddNote(TicketMessage note)
    {
        if (note.Direction != MessageDirection.Note) throw new DomainException("A note must be an internal note.");
        Attach(note);
        Touch(note.CreatedAt);
    }

    public void Solve(DateTimeOffset now)
    {
        if (Status == TicketStatus.Closed) throw new DomainException($"Ticket #{Number} is closed.");
        Status = TicketStatus.Solved;
        SolvedAt = now;
        ClearClaim();
        Touch(now);
    }

    public void Close(DateTimeOffset now)
    {
        if (Status != TicketStatus.Solved && !IsSpam)
            throw new DomainException($"Ticket #{Number} is {Status}; only a solved ticket can be closed.");
        Status = TicketStatus.Closed;
        ClearClaim();
        Touch(now);
    }

    /// <summary>Back to a lead: raised priority, out of the agent's hands.</summary>
    public void Escalate(DateTimeOffset now)
    {
        if (!IsInQueue) throw new DomainException($"Ticket #{Number} is {Status}; only queued tickets can be escalated.");
        Escalated = true;
        if (Priority < TicketPriority.High) Priority = TicketPriority.High;
        ClearClaim();
        Touch(now);
    }

    /// <summary>
    /// A lead sends an escalated ticket back to the agents' queue (the question turned out to be an ordinary one). The
    /// raised priority stays: it has already waited longer than most.
    /// </summary>
    public void ReturnToAgents(DateTimeOffset now)
    {
        if (!Escalated) throw new DomainException($"Ticket #{Number} is not escalated.");
        if (!IsInQueue) throw new DomainException($"Ticket #{Number} is {Status}; only queued tickets go back to the agents.");
        Escalated = false;
        ClearClaim();
        Touch(now);
    }

    public void MarkSpam(DateTimeOffset now)
    {
        IsSpam = true;
        Status = TicketStatus.Closed;
        ClearClaim();
        Touch(now);
    }

    public void Reprioritize(TicketPriority priority, DateTimeOffset now)
    {
        if (Priority == priority) return;
        Priority = priority;
        Touch(now);
    }

    /// <summary>
    /// Intake inserts new tickets itself (a prepared command per batch): the customer row exists by then, and this
    /// records the number the ticket row got.
    /// </summary>
    internal void StoredAs(long number)
    {
        Number = number;
        foreach (var message in _messages) message.AttachTo(this);
    }

    /// <summary>The customer's id once the customer row exists (a new customer has none when the ticket opens).</summary>
    internal void RefreshCustomerId()
    {
        if (Customer is { Id: > 0 } customer) CustomerId = customer.Id;
    }

    private void Attach(TicketMessage message)
    {
        message.AttachTo(this);
        _messages.Add(message);
    }

    private void ClearClaim()
    {
        ClaimedBy = null;
        ClaimedAt = null;
        ClaimExpiresAt = null;
    }

    private void Touch(DateTimeOffset at)
    {
        UpdatedAt = Max(UpdatedAt, at);
        Version++;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a >= b ? a : b;

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}

/// <summary>The agent no longer holds the ticket (lease expired or taken over); the send is blocked.</summary>
public sealed class ClaimLostException(long number)
    : Exception($"You no longer hold ticket #{number}: your claim expired or a lead released it. Reopen it to reply.")
{
    public long TicketNumber { get; } = number;
}

/// <summary>The ticket changed after the agent opened it; the send is blocked so nobody answers a stale view.</summary>
public sealed class StaleTicketException(long number, int seen, int current)
    : Exception($"Ticket #{number} changed since you opened it (version {seen}, now {current}): read the new messages before replying.")
{
    public long TicketNumber { get; } = number;
}
