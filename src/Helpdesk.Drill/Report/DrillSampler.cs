using Helpdesk.Core.Intake;
using Helpdesk.Core.Outbox;
using Helpdesk.Core.Reporting;
using Helpdesk.Core.Tickets;
using Helpdesk.Drill.Desk;
using Helpdesk.Drill.Mail;
using Helpdesk.Drill.Staff;
using Helpdesk.Testing.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Helpdesk.Drill.Report;

/// <summary>
/// Samples the desk every few seconds: what arrived, what became tickets, what was answered and sent, the backlog by
/// age (in simulated hours), the outbox queue, and the CPU and memory of each process. Watches for the moment the
/// backlog starts to drain and records the dashboard's forecast then.
/// </summary>
public sealed class DrillSampler(DrillOptions options, DrillDesk desk, DrillClock clock, Customers customers, DrillStaff staff, LoopbackMailServers servers)
{
    /// <summary>Backlog age bands, in simulated hours: under 1, 1-4, 4-12, 12-24, over 24.</summary>
    public static readonly double[] AgeBands = [1, 4, 12, 24];

    public static readonly string[] AgeBandNames = ["< 1 h", "1-4 h", "4-12 h", "12-24 h", "> 24 h"];

    public List<DrillSample> Samples { get; } = [];

    private int? _dovecot, _postfix;

    public DrainRecord? Drain { get; private set; }

    /// <summary>The wall-clock moment the drill's clock started.</summary>
    public DateTimeOffset WallStart => DateTimeOffset.UtcNow - clock.Elapsed;

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    var sample = await SampleAsync(stoppingToken).ConfigureAwait(false);
                    lock (Samples) Samples.Add(sample);
                    await WatchDrainAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A busy database under the drill's own load: the next sample will do.
                }
                await Task.Delay(options.SampleEvery, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) { }
    }

    public async Task<DrillSample> SampleAsync(CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        await using var db = await desk.Factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var messages = await db.Messages.CountAsync(m => m.Direction == MessageDirection.Inbound, cancellationToken).ConfigureAwait(false);
        var machine = await db.RawMessages.CountAsync(r => r.State == RawMessageState.Processed && r.MachineKind != null && r.MachineKind != "none", cancellationToken).ConfigureAwait(false);
        var outbox = await db.Outbox.GroupBy(o => new { o.Kind, o.State }).Select(g => new { g.Key.Kind, g.Key.State, Count = g.Count() })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var backlog = new int[AgeBands.Length + 1];
        var previous = 0;
        for (var i = 0; i < AgeBands.Length; i++)
        {
            var since = now - clock.ToReal(TimeSpan.FromHours(AgeBands[i]));
            var younger = await db.Tickets.CountAsync(t => (t.Status == TicketStatus.New || t.Status == TicketStatus.Open) && t.WaitingSince > since, cancellationToken).ConfigureAwait(false);
            backlog[i] = younger - previous;
            previous = younger;
        }
        var total = await db.Tickets.CountAsync(t => t.Status == TicketStatus.New || t.Status == TicketStatus.Open, cancellationToken).ConfigureAwait(false);
        backlog[^1] = total - previous;
        var cpu = new Dictionary<string, double>();
        var memory = new Dictionary<string, double>();
        void Add(string name, int? pid)
        {
            if (pid is not { } p) return;
            var usage = ProcessUsage.Tree(p);
            if (usage.Processes == 0) return;
            cpu[name] = usage.CpuSeconds;
            memory[name] = usage.RssMegabytes;
        }
        if (options.Browsers > 0)
        {
            // Chromium (under the Playwright driver, .playwright/node/.../node, a child of this process) apart from the desk's own work.
            var (own, browsers) = ProcessUsage.Split(Environment.ProcessId, program => program.Contains("/.playwright/", StringComparison.Ordinal));
            cpu["desk+drill (this process)"] = own.CpuSeconds;
            memory["desk+drill (this process)"] = own.RssMegabytes;
            if (browsers.Processes > 0)
            {
                cpu["chromium (console agents)"] = browsers.CpuSeconds;
                memory["chromium (console agents)"] = browsers.RssMegabytes;
            }
        }
        else Add("desk+drill (this process)", Environment.ProcessId);
        _dovecot ??= ProcessUsage.FromPidFile(Path.Combine(servers.RunDirectory, "dovecot.pid"));
        _postfix ??= ProcessUsage.FromPidFile(Path.Combine(servers.RunDirectory, "postfix", "spool", "pid", "master.pid"));
        Add("dovecot", _dovecot);
        Add("postfix", _postfix);
        return new DrillSample(clock.Elapsed.TotalSeconds, clock.Simulated.TotalHours, customers.Accepted.Count, messages, machine,
            outbox.Where(o => o.Kind != OutboxKind.Acknowledgment).Sum(o => o.Count),
            outbox.Where(o => o.Kind == OutboxKind.Acknowledgment).Sum(o => o.Count),
            // Sent, and sent then bounced: a bounce moves an item from Sent to Bounced, which must not count as un-sending it.
            outbox.Where(o => o.State is OutboxState.Sent or OutboxState.Bounced).Sum(o => o.Count),
            outbox.Where(o => o.State == OutboxState.Queued).Sum(o => o.Count),
            total, backlog, staff.Headcount(clock.Simulated), cpu, memory);
    }

    /// <summary>
    /// The backlog starts to drain when, after it has grown, it falls in three samples running; at that moment the
    /// dashboard's own forecast is read (as a lead would see it) beside the drill's (the last samples' net rate).
    /// </summary>
    private async Task WatchDrainAsync(CancellationToken cancellationToken)
    {
        List<DrillSample> samples;
        lock (Samples) samples = [.. Samples];
        if (Drain is not null)
        {
            if (Drain.ActualRealSeconds is null && samples[^1].Backlog == 0 && samples[^1].Accepted > 0)
                Drain = Drain with { ActualRealSeconds = samples[^1].At - Drain.StartedAt };
            return;
        }
        if (samples.Count < 5) return;
        var last = samples[^4..];
        var peak = samples.Max(s => s.Backlog);
        if (peak < 10 || !(last[0].Backlog > last[1].Backlog && last[1].Backlog > last[2].Backlog && last[2].Backlog > last[3].Backlog)) return;
        var now = last[3];
        var forecast = await desk.First.GetRequiredService<DeskFigures>().ForecastAsync(DateTimeOffset.UtcNow, now.Backlog, cancellationToken).ConfigureAwait(false);
        var netPerSecond = (last[0].Backlog - now.Backlog) / Math.Max(0.001, now.At - last[0].At);
        Drain = new DrainRecord(now.At, now.SimulatedHours, now.Backlog, forecast.DrainedAt, forecast.InPerHour, forecast.AnsweredPerHour,
            forecast.DrainedAt is { } d ? (d - DateTimeOffset.UtcNow).TotalSeconds : null,
            netPerSecond > 0 ? now.Backlog / netPerSecond : null, null,
            "The dashboard forecasts from the last complete clock hours; in a compressed drill those hours hold little or none of the "
            + "flow, so its forecast is shown as given. The drill's own forecast divides the backlog by the last samples' net drain rate.");
    }
}
