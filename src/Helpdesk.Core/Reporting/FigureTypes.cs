using System.ComponentModel.DataAnnotations;

namespace Helpdesk.Core.Reporting;

/// <summary>Bound from <c>Helpdesk:Dashboard</c>.</summary>
public sealed class DeskFiguresOptions
{
    public const string Section = "Helpdesk:Dashboard";

    /// <summary>The forecast's rates are the average of this many last complete hours. Default 3: recent enough to
    /// follow a shift change, long enough that one quiet hour does not swing the forecast.</summary>
    [Range(1, 48)]
    public int ForecastHours { get; set; } = 3;

    /// <summary>An agent who replied this recently counts as online even without a claim. Default 15 minutes.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "04:00:00")]
    public TimeSpan OnlineWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Where "today" starts for each agent's answers. Default America/New_York (Meridian's head office).</summary>
    public string TimeZone { get; set; } = "America/New_York";

    /// <summary>How long a lead's reassignment holds the ticket for the chosen agent. Default 30 minutes.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "08:00:00")]
    public TimeSpan AssignmentHold { get; set; } = TimeSpan.FromMinutes(30);

    public TimeZoneInfo ResolveTimeZone() =>
        TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;
}

/// <summary>One hour of the desk: tickets in (new and back again) against tickets out of the queue.</summary>
public sealed record HourFlow(DateTimeOffset Hour, int Arrived, int Reopened, int Answered)
{
    public int In => Arrived + Reopened;
}

/// <summary>How long customers have been waiting; bands in the order a lead reads them, youngest first.</summary>
public enum AgeBand
{
    UnderOneHour = 0,
    OneToFourHours = 1,
    FourToTwelveHours = 2,
    TwelveToTwentyFourHours = 3,
    OneToTwoDays = 4,
    OverTwoDays = 5,
}

public static class AgeBands
{
    public static IReadOnlyList<AgeBand> All { get; } = Enum.GetValues<AgeBand>();

    /// <summary>The youngest age a ticket in the band has waited (inclusive).</summary>
    public static TimeSpan From(AgeBand band) => band switch
    {
        AgeBand.UnderOneHour => TimeSpan.Zero,
        AgeBand.OneToFourHours => TimeSpan.FromHours(1),
        AgeBand.FourToTwelveHours => TimeSpan.FromHours(4),
        AgeBand.TwelveToTwentyFourHours => TimeSpan.FromHours(12),
        AgeBand.OneToTwoDays => TimeSpan.FromHours(24),
        _ => TimeSpan.FromHours(48),
    };

    /// <summary>The age the band stops at (exclusive); null for the last band.</summary>
    public static TimeSpan? To(AgeBand band) => band == AgeBand.OverTwoDays ? null : From(band + 1);

    public static string Label(AgeBand band) => band switch
    {
        AgeBand.UnderOneHour => "under 1 h",
        AgeBand.OneToFourHours => "1–4 h",
        AgeBand.FourToTwelveHours => "4–12 h",
        AgeBand.TwelveToTwentyFourHours => "12–24 h",
        AgeBand.OneToTwoDays => "1–2 days",
        _ => "over 2 days",
    };
}

public sealed record IntentCount(string? Intent, int Tickets);

public sealed record AgeBandCount(AgeBand Band, int Tickets);

public sealed record BacklogFigures(int Total, IReadOnlyList<IntentCount> ByIntent, IReadOnlyList<AgeBandCount> ByAge);

public sealed record OldestWaiting(long Number, DateTimeOffset WaitingSince);

/// <summary>First-response times of tickets first answered in a window. Minutes exact under 4 h, then 15-minute
/// steps under 48 h, then hours (the rollup's buckets); a percentile is the bucket it falls in.</summary>
public sealed record ResponseTimes(int Answered, TimeSpan? Median, TimeSpan? P90);

/// <summary>Rates over the last complete hours and when the backlog empties at them; null DrainedAt: not draining.</summary>
public sealed record DrainForecast(int Backlog, int Hours, double InPerHour, double AnsweredPerHour, DateTimeOffset? DrainedAt)
{
    public double NetPerHour => AnsweredPerHour - InPerHour;

    public bool IsDraining => DrainedAt is not null;
}

public sealed record AgentFigures(long StaffId, string Name, bool Online, int Holding, DateTimeOffset? LastReplyAt, int AnswersToday);

/// <summary>Of all tickets since the start: how many the classifier left for triage, and whose intent an agent changed.</summary>
public sealed record TriageFigures(int Tickets, int NeedsTriage, int IntentChanged)
{
    public double NeedsTriageShare => Tickets == 0 ? 0 : (double)NeedsTriage / Tickets;

    public double IntentChangedShare => Tickets == 0 ? 0 : (double)IntentChanged / Tickets;
}

public sealed record OutboxHealth(int Queued, int Failed, int Bounced);

public sealed record MailboxIntakeLag(string Mailbox, DateTimeOffset? LastGoodPollAt, TimeSpan? Lag, int WaitingOnServer, string? LastError);

public sealed record IntakeLag(IReadOnlyList<MailboxIntakeLag> Mailboxes, int PendingEmails, DateTimeOffset? OldestPendingAt);

/// <summary>The leads' own lane: tickets agents escalated that nobody has answered yet, and the longest waiting of them.</summary>
public sealed record EscalatedFigures(int Waiting, OldestWaiting? Oldest);

/// <summary>Everything the lead dashboard shows, read at one moment. <see cref="IncidentModeSince"/> is when an Admin last
/// switched incident mode on (the charts mark it), null when it never was.</summary>
public sealed record DeskSnapshot(
    DateTimeOffset Now,
    DateTimeOffset? IncidentStart,
    IReadOnlyList<HourFlow> Last24Hours,
    IReadOnlyList<HourFlow> SinceStart,
    BacklogFigures Backlog,
    OldestWaiting? Oldest,
    ResponseTimes FirstResponseLast24Hours,
    ResponseTimes FirstResponseSinceStart,
    DrainForecast Forecast,
    IReadOnlyList<AgentFigures> Agents,
    TriageFigures Triage,
    OutboxHealth Outbox,
    IntakeLag Intake,
    EscalatedFigures Escalated,
    DateTimeOffset? IncidentModeSince = null);
