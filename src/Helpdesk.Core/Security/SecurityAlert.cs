namespace Helpdesk.Core.Security;

/// <summary>
/// A domain crossed the report threshold within one clock hour: the security team is told once per (domain, hour).
/// The row is raised in the intake transaction that crossed the threshold (a unique index keeps it single across desk
/// instances) and delivered afterwards by <see cref="SecurityWebhookWorker"/>, which retries with backoff.
/// </summary>
public sealed class SecurityAlert
{
    private SecurityAlert() { Domain = ""; }

    public SecurityAlert(string domain, DateTimeOffset windowStart, int reports, DateTimeOffset raisedAt)
    {
        Domain = domain;
        WindowStart = windowStart;
        Reports = reports;
        RaisedAt = raisedAt;
        NextAttemptAt = raisedAt;
    }

    public long Id { get; private set; }

    public string Domain { get; private set; }

    /// <summary>The clock hour (UTC) in which the domain passed the threshold.</summary>
    public DateTimeOffset WindowStart { get; private set; }

    /// <summary>Reports of the domain in that hour when it crossed.</summary>
    public int Reports { get; private set; }

    public DateTimeOffset RaisedAt { get; private set; }

    public DateTimeOffset? DeliveredAt { get; private set; }

    public int Attempts { get; private set; }

    public DateTimeOffset NextAttemptAt { get; private set; }

    /// <summary>The desk instance sending it holds it until then; another instance leaves it alone.</summary>
    public DateTimeOffset? ClaimedUntil { get; private set; }

    public string? LastError { get; private set; }

    public static DateTimeOffset WindowOf(DateTimeOffset t)
    {
        var utc = t.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
    }
}
