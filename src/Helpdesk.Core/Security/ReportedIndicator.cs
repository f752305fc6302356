namespace Helpdesk.Core.Security;

/// <summary>What a report points at: the forwarded sender's domain, the sender address, a link's host.</summary>
public enum IndicatorKind
{
    Domain = 0,
    Sender = 1,
    LinkHost = 2,
}

/// <summary>
/// One thing one report points at, a row per (report, kind, value): the security page's counts are one GROUP BY over
/// these on a covering index, whatever the number of reports.
/// </summary>
public sealed class ReportedIndicator
{
    private ReportedIndicator() { Value = ""; }

    internal ReportedIndicator(long reportId, IndicatorKind kind, string value, long customerId, DateTimeOffset seenAt)
    {
        ReportId = reportId;
        Kind = kind;
        Value = value;
        CustomerId = customerId;
        SeenAt = seenAt;
    }

    public long Id { get; private set; }

    public long ReportId { get; private set; }

    public IndicatorKind Kind { get; private set; }

    public string Value { get; private set; }

    /// <summary>The reporting customer, so "how many customers reported it" is a distinct count on the same index.</summary>
    public long CustomerId { get; private set; }

    public DateTimeOffset SeenAt { get; private set; }
}
