using Helpdesk.Core.Abstractions;

namespace Helpdesk.Core.Intents;

/// <summary>What a customer asks, e.g. reset_help. Trainers add, rename and merge intents.</summary>
public sealed class Intent
{
    public const string NeedsTriage = "needs_triage";

    private Intent() { Id = ""; DisplayName = ""; Description = ""; }

    public Intent(string id, string displayName, string description, DateTimeOffset createdAt)
    {
        if (!IsValidId(id)) throw new DomainException($"Intent id '{id}' must be lower-case letters, digits and underscores.");
        Id = id;
        DisplayName = displayName;
        Description = description;
        CreatedAt = createdAt;
        IsActive = true;
    }

    public string Id { get; private set; }

    public string DisplayName { get; private set; }

    public string Description { get; private set; }

    public bool IsActive { get; private set; }

    /// <summary>Set when merged into another intent; examples and tickets moved there.</summary>
    public string? MergedInto { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static bool IsValidId(string id) =>
        id.Length is > 0 and <= 64 && id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_');

    public void Rename(string displayName, string description)
    {
        if (string.IsNullOrWhiteSpace(displayName)) throw new DomainException("An intent needs a display name.");
        DisplayName = displayName.Trim();
        Description = description.Trim();
    }

    public void MergeInto(Intent target)
    {
        if (target.Id == Id) throw new DomainException("An intent cannot be merged into itself.");
        if (!target.IsActive) throw new DomainException($"Intent '{target.Id}' is not active.");
        MergedInto = target.Id;
        IsActive = false;
    }
}

public enum TrainingExampleSource
{
    Seed = 0,
    AgentCorrection = 1,
    TriageReview = 2,
}

public enum TrainingExampleState
{
    Pending = 0,
    Accepted = 1,
    Rejected = 2,
}

/// <summary>A labelled text the classifier learns from: from seed data, an agent's correction, or triage review.</summary>
public sealed class TrainingExample
{
    private TrainingExample() { Text = ""; IntentId = ""; }

    public TrainingExample(string text, string intentId, TrainingExampleSource source, long? ticketNumber,
        long? createdBy, DateTimeOffset createdAt)
    {
        Text = text;
        IntentId = intentId;
        Source = source;
        TicketNumber = ticketNumber;
        CreatedBy = createdBy;
        CreatedAt = createdAt;
        State = source == TrainingExampleSource.Seed ? TrainingExampleState.Accepted : TrainingExampleState.Pending;
    }

    public long Id { get; private set; }

    public string Text { get; private set; }

    public string IntentId { get; private set; }

    /// <summary>The intent the classifier had given, for corrections.</summary>
    public string? PreviousIntentId { get; private set; }

    public TrainingExampleSource Source { get; private set; }

    public TrainingExampleState State { get; private set; }

    public long? TicketNumber { get; private set; }

    public long? CreatedBy { get; private set; }

    public long? ReviewedBy { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public void SetPrevious(string? previousIntent) => PreviousIntentId = previousIntent;

    public void Accept(long reviewer, string? intentId = null)
    {
        if (intentId is not null) IntentId = intentId;
        State = TrainingExampleState.Accepted;
        ReviewedBy = reviewer;
    }

    public void Reject(long reviewer)
    {
        State = TrainingExampleState.Rejected;
        ReviewedBy = reviewer;
    }

    public void MoveToIntent(string intentId) => IntentId = intentId;
}
