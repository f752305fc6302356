namespace Helpdesk.Core.Customers;

/// <summary>Someone who writes to the desk, known by their email address.</summary>
public sealed class Customer
{
    private Customer() { Address = ""; }

    public Customer(string address, string? name, DateTimeOffset firstSeenAt)
    {
        Address = NormalizeAddress(address);
        Name = string.IsNullOrWhiteSpace(name) ? null : name.Trim();
        FirstSeenAt = firstSeenAt;
    }

    public long Id { get; private set; }

    /// <summary>Lower-cased address; unique.</summary>
    public string Address { get; private set; }

    public string? Name { get; private set; }

    public DateTimeOffset FirstSeenAt { get; private set; }

    /// <summary>Set when mail to this address bounced permanently; replies are then not sent.</summary>
    public bool Undeliverable { get; private set; }

    public string? UndeliverableReason { get; private set; }

    public DateTimeOffset? UndeliverableSince { get; private set; }

    /// <summary>The last time the desk sent this customer an automatic acknowledgment (at most one per window).</summary>
    public DateTimeOffset? LastAcknowledgedAt { get; private set; }

    public string FirstName => FirstNameOf(Name, Address);

    /// <summary>The first word of the name, else the address's local part; for code that reads the two columns only.</summary>
    public static string FirstNameOf(string? name, string address) =>
        name is { Length: > 0 } n ? n.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0] : address.Split('@')[0];

    public static string NormalizeAddress(string address) => address.Trim().ToLowerInvariant();

    public void UpdateName(string? name)
    {
        if (!string.IsNullOrWhiteSpace(name)) Name = name.Trim();
    }

    public void MarkUndeliverable(string reason, DateTimeOffset at)
    {
        Undeliverable = true;
        UndeliverableReason = reason;
        UndeliverableSince ??= at;
    }

    /// <summary>A later message from the customer that was delivered proves the address works again.</summary>
    public void MarkDeliverable()
    {
        Undeliverable = false;
        UndeliverableReason = null;
        UndeliverableSince = null;
    }

    public bool MayAcknowledge(DateTimeOffset now, TimeSpan window) =>
        !Undeliverable && (LastAcknowledgedAt is null || now - LastAcknowledgedAt.Value >= window);

    public void RecordAcknowledged(DateTimeOffset at) => LastAcknowledgedAt = at;

    /// <summary>Intake inserts new customers itself (a prepared command per batch); records the id the row got.</summary>
    internal void StoredAs(long id) => Id = id;
}
