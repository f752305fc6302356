using Helpdesk.Drill.Checks;
using Helpdesk.Drill.Mail;
using Helpdesk.Drill.Staff;

namespace Helpdesk.Drill.Report;

/// <summary>A percentile summary of one measurement.</summary>
public sealed record Stats(int Count, double P50, double P95, double P99, double Max)
{
    public static Stats Of(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return new Stats(sorted.Count, Observations.Percentile(sorted, 0.50), Observations.Percentile(sorted, 0.95),
            Observations.Percentile(sorted, 0.99), sorted.Count == 0 ? 0 : sorted[^1]);
    }
}

/// <summary>
/// What the agents in Chromium did: replies by their own count and as stored in the desk, sends after which the queue was
/// empty (nothing to time), skips, failures, and send→next (Ctrl+Enter → the next ticket rendered, measured in the page).
/// </summary>
public sealed record ConsoleOutcome(int Browsers, long Replies, int RepliesStored, long EmptyAfterSend, long Skips, long Failures, string? LastError, Stats SendToNextMs);

/// <summary>The machine a drill ran on, recorded with its figures (the machine is shared).</summary>
public sealed record DrillMachine(int Cores, string Os, string LoadAtStart, string LoadAtEnd, string Runtime);

/// <summary>Everything a drill measured and proved; written as drill.json and drawn as index.html.</summary>
public sealed record DrillResult(
    string Run,
    DateTimeOffset StartedAt,
    string Command,
    DrillMachine Machine,
    Dictionary<string, string> Plan,
    Dictionary<string, int> MailsWritten,
    int Accepted,
    int CustomerSmtpFailures,
    long AgentReplies,
    long AgentSkips,
    long AgentFailures,
    string? LastAgentError,
    double ArrivalsSeconds,
    double DrainedSeconds,
    bool Settled,
    Stats IntakeLagSeconds,
    Stats IntakeLagAfterFirstHourSeconds,
    Stats ClaimMs,
    Stats DashboardMs,
    Stats DrillDownMs,
    ConsoleOutcome? Console,
    DrainRecord? Drain,
    DrillStaff.BulkOutcome? Bulk,
    string? FaultDroppedMessageId,
    IReadOnlyList<CheckResult> Checks,
    IReadOnlyList<DrillInterval> Intervals,
    IReadOnlyList<DrillSample> Samples,
    string[] BacklogAgeBands,
    IReadOnlyList<string> Notes)
{
    public bool Passed => Checks.All(c => c.Passed);

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    internal static DrillResult Build(DrillOptions options, string run, DateTimeOffset started, IReadOnlyList<DrillMail> mails, Customers customers,
        DrillStaff staff, DrillSampler sampler, List<(double At, double Lag)> lags, IReadOnlyList<CheckResult> checks, TimeSpan arrivals,
        TimeSpan drained, bool settled, string? dropped, ConsoleAgents? consoleAgents, int consoleRepliesStored)
    {
        var clock = new DrillClock(options.Day);
        var firstHourReal = clock.ToReal(TimeSpan.FromHours(1)).TotalSeconds;
        var samples = sampler.Samples.OrderBy(s => s.At).ToList();
        var sendToNext = consoleAgents?.SendToNextMs.Snapshot() ?? [];
        var intervals = BuildIntervals(options, samples, customers, staff, lags, sendToNext);
        var notes = new List<string>
        {
            "Times are real seconds since the simulated week started; one simulated day took " + options.Day + ".",
            "Intake lag is Postfix accepting the customer's mail to the desk having processed it into a ticket (or a machine mail).",
            "CPU and memory of 'desk+drill (this process)' include the simulated agents, leads and customers: they run in the desk's process.",
        };
        notes.Add(consoleAgents is null
            ? "Send→next in Chromium was not measured in this run (no --browsers): the simulated agents call the console's services directly."
            : $"Send→next in Chromium: {consoleAgents.UserNames.Count} agents in their own browser contexts on the console (desk instance 1 is its web host), "
              + "each picking suggestion 1 with the key 1 and sending with Ctrl+Enter; timed in the page from the key press to the next ticket's number "
              + "rendered plus one animation frame. A send after which the queue was empty has no next ticket and is not timed. "
              + "Chromium and its Playwright driver are sampled apart as 'chromium (console agents)'.");
        if (options.Engine == DrillEngine.Postgres) notes.Add("PostgreSQL's own CPU and memory are not sampled (its server is not started by the drill).");
        return new DrillResult(run, started, Environment.CommandLine, new DrillMachine(Environment.ProcessorCount,
                System.Runtime.InteropServices.RuntimeInformation.OSDescription, "", LoadAverage(), System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription),
            new Dictionary<string, string>
            {
                ["mails"] = options.Mails.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["days"] = options.Days.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["day"] = options.Day.ToString(),
                ["agents"] = options.Agents.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["thinkTime"] = options.ThinkTime.ToString(),
                ["leads"] = options.Leads.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["engine"] = options.Engine.ToString(),
                ["instances"] = options.Instances.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["outboxPerSecond"] = options.OutboxPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["undeliverableShare"] = options.UndeliverableShare.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["fault"] = options.Fault.ToString(),
                ["browsers"] = options.Browsers.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["seed"] = options.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            mails.GroupBy(m => m.Kind.ToString()).ToDictionary(g => g.Key, g => g.Count()),
            customers.Accepted.Count, (int)customers.Failures, staff.Sends, staff.Skips, staff.Failures, staff.LastError,
            arrivals.TotalSeconds, drained.TotalSeconds, settled,
            Stats.Of(lags.Select(l => l.Lag)), Stats.Of(lags.Where(l => l.At > firstHourReal).Select(l => l.Lag)),
            Stats.Of(staff.ClaimMs.Snapshot().Select(c => c.Value)), Stats.Of(staff.DashboardMs.Snapshot().Select(c => c.Value)),
            Stats.Of(staff.DrillDownMs.Snapshot().Select(c => c.Value)),
            consoleAgents is null ? null : new ConsoleOutcome(consoleAgents.UserNames.Count, consoleAgents.Sends, consoleRepliesStored, consoleAgents.EmptyAfterSend,
                consoleAgents.Skips, consoleAgents.Failures, consoleAgents.LastError, Stats.Of(sendToNext.Select(s => s.Value))),
            sampler.Drain, staff.Bulk, dropped, checks, intervals, samples, DrillSampler.AgeBandNames, notes);
    }

    /// <summary>The per-interval series: one simulated hour each, or a few samples when an hour is shorter than that.</summary>
    private static List<DrillInterval> BuildIntervals(DrillOptions options, List<DrillSample> samples, Customers customers, DrillStaff staff, List<(double At, double Lag)> lags,
        List<(double At, double Value)> sendToNext)
    {
        var list = new List<DrillInterval>();
        if (samples.Count < 2) return list;
        var clock = new DrillClock(options.Day);
        var width = Math.Max(clock.ToReal(TimeSpan.FromHours(1)).TotalSeconds, 2 * options.SampleEvery.TotalSeconds);
        var accepted = customers.Accepted.Snapshot().Select(a => a.At).OrderBy(a => a).ToList();
        var claims = staff.ClaimMs.Snapshot();
        var dashboard = staff.DashboardMs.Snapshot();
        var end = samples[^1].At;
        for (var from = 0.0; from < end; from += width)
        {
            var to = Math.Min(end, from + width);
            var first = samples.LastOrDefault(s => s.At <= from) ?? samples[0];
            var last = samples.LastOrDefault(s => s.At <= to) ?? first;
            var seconds = Math.Max(0.001, last.At - first.At);
            var lagHere = lags.Where(l => l.At >= from && l.At < to).Select(l => l.Lag).OrderBy(l => l).ToList();
            var claimHere = claims.Where(c => c.At >= from && c.At < to).Select(c => c.Value).OrderBy(c => c).ToList();
            var sendHere = sendToNext.Where(c => c.At >= from && c.At < to).Select(c => c.Value).OrderBy(c => c).ToList();
            var cpu = last.CpuSeconds.ToDictionary(c => c.Key, c => Math.Round(100 * (c.Value - first.CpuSeconds.GetValueOrDefault(c.Key)) / seconds, 1));
            list.Add(new DrillInterval(Math.Round(clock.ToSimulated(TimeSpan.FromSeconds(from)).TotalHours, 2), Math.Round(from, 2), Math.Round(to, 2),
                accepted.Count(a => a >= from && a < to),
                last.Replies - first.Replies,
                last.Sent - first.Sent,
                Math.Round((last.Sent - first.Sent) / seconds, 2),
                Math.Round(Observations.Percentile(lagHere, 0.5), 3), Math.Round(Observations.Percentile(lagHere, 0.95), 3), lagHere.Count == 0 ? 0 : Math.Round(lagHere[^1], 3),
                Math.Round(Observations.Percentile(claimHere, 0.99), 2),
                Math.Round(dashboard.Where(d => d.At >= from && d.At < to).Select(d => d.Value).DefaultIfEmpty(0).Max(), 2),
                sendHere.Count, Math.Round(Observations.Percentile(sendHere, 0.5), 1), Math.Round(Observations.Percentile(sendHere, 0.95), 1),
                sendHere.Count == 0 ? 0 : Math.Round(sendHere[^1], 1),
                last.Backlog, cpu, last.MemoryMegabytes.ToDictionary(m => m.Key, m => Math.Round(m.Value, 1))));
        }
        return list;
    }
}
