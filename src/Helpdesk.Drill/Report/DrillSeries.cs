namespace Helpdesk.Drill.Report;

/// <summary>One sample of the desk, taken every few seconds of real time while the drill runs.</summary>
public sealed record DrillSample(
    double At,
    double SimulatedHours,
    int Accepted,
    int TicketMessages,
    int MachineMails,
    int Replies,
    int Acknowledgments,
    int Sent,
    int OutboxQueued,
    int Backlog,
    int[] BacklogByAge,
    int AgentsOnDuty,
    Dictionary<string, double> CpuSeconds,
    Dictionary<string, double> MemoryMegabytes);

/// <summary>One interval of the report's per-interval series (one simulated hour by default).</summary>
public sealed record DrillInterval(
    double SimulatedHour,
    double RealSecondsFrom,
    double RealSecondsTo,
    int Arrived,
    int Answered,
    int Sent,
    double OutboxPerSecond,
    double IntakeLagP50,
    double IntakeLagP95,
    double IntakeLagMax,
    double ClaimP99Ms,
    double DashboardMaxMs,
    int SendToNextCount,
    double SendToNextP50Ms,
    double SendToNextP95Ms,
    double SendToNextMaxMs,
    int Backlog,
    Dictionary<string, double> CpuPercent,
    Dictionary<string, double> MemoryMegabytes);

/// <summary>What the dashboard forecast at the moment the backlog started to drain, and what happened.</summary>
public sealed record DrainRecord(
    double StartedAt,
    double StartedAtSimulatedHours,
    int BacklogThen,
    DateTimeOffset? DashboardForecastDrainedAt,
    double DashboardInPerHour,
    double DashboardAnsweredPerHour,
    double? DashboardForecastRealSeconds,
    double? DrillForecastRealSeconds,
    double? ActualRealSeconds,
    string Note);
