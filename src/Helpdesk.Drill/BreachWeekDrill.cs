using Helpdesk.Core.Intake;
using Helpdesk.Core.Outbox;
using Helpdesk.Core.Tickets;
using Helpdesk.Drill.Checks;
using Helpdesk.Drill.Desk;
using Helpdesk.Drill.Mail;
using Helpdesk.Drill.Report;
using Helpdesk.Drill.Staff;
using Helpdesk.Testing.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Helpdesk.Drill;

/// <summary>
/// The breach-week drill (issue 24): real Dovecot and Postfix on loopback, a desk on SQLite or on PostgreSQL with
/// several instances, a compressed week of customer mail written by SMTP, simulated agents and leads working through
/// the desk's own services, a bulk reply halfway; then the exactly-once checks against the servers' delivery log and
/// a report folder (drill.json, index.html).
/// </summary>
/// <param name="console">The real console (instance 1 as its web host, <see cref="DrillOptions.Browsers"/> agents in Chromium);
/// needed when Browsers is above 0.</param>
public sealed class BreachWeekDrill(DrillOptions options, TextWriter progress, IDrillConsole? console = null)
{
    /// <summary>Runs the whole drill. With <paramref name="servers"/> the caller's running servers are used (tests), else the drill starts and stops its own.</summary>
    public async Task<DrillResult> RunAsync(LoopbackMailServers? servers = null, CancellationToken cancellationToken = default)
    {
        var problems = options.Validate();
        if (problems.Count > 0) throw new ArgumentException(string.Join(" ", problems));
        if (options.Browsers > 0 && console is null)
            throw new ArgumentException("--browsers needs the console in the drill's process: run the benchmarks' drill command (docs/drill.md).");
        var output = Path.GetFullPath(options.Output);
        var work = Path.Combine(output, "work");
        Directory.CreateDirectory(work);
        var started = DateTimeOffset.UtcNow;
        var own = servers is null;
        servers ??= LoopbackMailServers.StartForVolume(options.MailBasePort);
        try
        {
            var run = "r" + Guid.NewGuid().ToString("N")[..6];
            // A drill starts from empty mailboxes and reads only its own part of the delivery log (the servers may be reused).
            EmptyMailbox(servers, MailMix.DeskUser);
            EmptyMailbox(servers, MailMix.CustomerUser);
            var log = Path.Combine(servers.RunDirectory, "dovecot.log");
            var logFrom = DeliveryLog.Length(log);
            var shape = new WeekShape(options.Days);
            var mails = new MailMix(HumanCorpus.Load(options.Corpus), shape, options.Seed, run).Draw(options.Mails, options.UndeliverableShare);
            Say($"drill {run}: {mails.Count:N0} customer mails over {options.Days} simulated days, one day = {options.Day}, "
                + $"{options.Agents} agents at peak, {options.Engine} x{options.Instances}; servers in {servers.RunDirectory}");
            var withConsole = options.Browsers > 0 ? console : null;
            using var deskLog = new DeskLogFile(Path.Combine(work, "desk-warnings.log"));
            await using var desk = await DrillDesk.StartAsync(options, servers, work, deskLog, withConsole, cancellationToken).ConfigureAwait(false);
            Say("desk started (schema, templates, intent model)" + (desk.ConsoleAddress is { } address ? $"; instance 1 is the console at {address}" : ""));
            var clock = new DrillClock(options.Day);
            var staff = new DrillStaff(options, desk, clock);
            var (agents, lead) = await staff.EnsureStaffAsync(cancellationToken).ConfigureAwait(false);
            var consoleAgents = withConsole is null ? null : await staff.EnsureConsoleAgentsAsync(cancellationToken).ConfigureAwait(false);
            var customers = new Customers(options, servers, clock);
            var sampler = new DrillSampler(options, desk, clock, customers, staff, servers);
            clock.Restart(); // the week starts when the people do, not while the desk was starting

            using var people = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var sampling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var samplerTask = sampler.RunAsync(sampling.Token);
            var agentsTask = staff.RunAgentsAsync(agents, people.Token);
            // The console agents work the whole run, beside the simulated ones; their shift ends when the people stop.
            var consoleTask = withConsole is null || consoleAgents is null
                ? Task.CompletedTask
                : Task.Run(async () =>
                {
                    try { await withConsole.RunAgentsAsync(desk.ConsoleAddress!, consoleAgents, people.Token).ConfigureAwait(false); }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        // The rest of the week goes on; the report and the progress line show that Chromium stopped, and why.
                        consoleAgents.Failed("the console agents stopped: " + e.Message);
                        Say("Chromium agents stopped: " + e.Message);
                    }
                }, people.Token);
            var leadsTask = staff.RunLeadsAsync(people.Token);
            var bulkTask = Task.Run(async () =>
            {
                await Task.Delay(clock.ToReal(shape.Length / 2), people.Token).ConfigureAwait(false);
                // Halfway is when the lead looks; on a loaded machine intake can trail the arrivals so far that nothing
                // waits yet, so the lead looks again every second until there is a cluster to answer (once).
                while (!await staff.BulkReplyAsync(lead, people.Token).ConfigureAwait(false))
                    await Task.Delay(TimeSpan.FromSeconds(1), people.Token).ConfigureAwait(false);
                Say(staff.Bulk is { } bulk
                    ? $"halfway: bulk reply to {bulk.ClusterSize} '{bulk.Intent}' tickets with '{bulk.Template}': {bulk.Queued} queued, {bulk.Skipped} skipped" + (bulk.Error is null ? "" : $" ({bulk.Error})")
                    : "halfway: no bulk reply");
            }, people.Token);
            var reporter = Task.Run(() => ReportLoopAsync(desk, clock, customers, staff, consoleAgents, sampler, people.Token), people.Token);

            await customers.WriteAllAsync(mails, cancellationToken).ConfigureAwait(false);
            var arrivalsDone = clock.Elapsed;
            Say($"all {customers.Accepted.Count:N0} mails written in {arrivalsDone.TotalSeconds:0} s ({customers.Failures} refused); waiting for the desk to drain");
            await WaitForDrainAsync(desk, options.DrainTimeout, cancellationToken).ConfigureAwait(false);
            var drained = clock.Elapsed;
            await people.CancelAsync().ConfigureAwait(false);
            await IgnoreCancellation(agentsTask, leadsTask, bulkTask, reporter, consoleTask).ConfigureAwait(false);
            Say($"agents stopped at {drained.TotalSeconds:0} s; waiting for outbox, bounces and intake to settle");
            var settled = await WaitForQuietAsync(desk, servers, log, logFrom, options.DrainTimeout + TimeSpan.FromMinutes(2), cancellationToken).ConfigureAwait(false);
            Say(settled ? $"settled at {clock.Elapsed.TotalSeconds:0} s"
                : $"NOT settled by {clock.Elapsed.TotalSeconds:0} s ({servers.PostfixQueued()?.ToString() ?? "unknown"} mails still in Postfix's queue): the checks will show what is missing");
            await sampling.CancelAsync().ConfigureAwait(false);
            await IgnoreCancellation(samplerTask).ConfigureAwait(false);
            sampler.Samples.Add(await sampler.SampleAsync(cancellationToken).ConfigureAwait(false));

            string? dropped = null;
            if (options.Fault == DrillFault.DropOneMail)
            {
                dropped = await ExactlyOnce.DropOneMailAsync(desk, cancellationToken).ConfigureAwait(false);
                Say($"fault injected: deleted the ticket message of {dropped}");
            }
            var checks = await ExactlyOnce.RunAsync(desk, log, mails, customers.AcceptedAt, logFrom, cancellationToken).ConfigureAwait(false);
            var intakeLags = await IntakeLagsAsync(desk, customers, sampler.WallStart, cancellationToken).ConfigureAwait(false);
            var consoleStored = consoleAgents is null ? 0 : await ConsoleRepliesStoredAsync(desk, consoleAgents, cancellationToken).ConfigureAwait(false);
            await desk.StopAsync().ConfigureAwait(false);

            var result = DrillResult.Build(options, run, started, mails, customers, staff, sampler, intakeLags, checks, arrivalsDone, drained, settled, dropped,
                consoleAgents, consoleStored);
            DrillReportWriter.Write(result, output);
            foreach (var c in checks) Say($"{(c.Passed ? "PASS" : "FAIL")}  {c.Name}: {c.Detail}");
            if (deskLog.Lines > 0) Say($"the desk logged {deskLog.Lines:N0} warnings or errors: {deskLog.Path}");
            if (checks.Any(c => !c.Passed) && desk.DatabaseName is { } kept)
            {
                desk.KeepDatabase = true;
                Say($"a check failed: database {kept} kept for a look (DROP DATABASE \"{kept}\" when done)");
            }
            if (result.Console is { } cr)
                Say(FormattableString.Invariant($"Chromium x{cr.Browsers}: {cr.Replies:N0} replies ({cr.RepliesStored:N0} in the desk), send→next p50 {cr.SendToNextMs.P50:0} ms, ")
                    + FormattableString.Invariant($"p95 {cr.SendToNextMs.P95:0} ms, max {cr.SendToNextMs.Max:0} ms over {cr.SendToNextMs.Count:N0} timed sends (target p95 < 150 ms)"));
            Say($"report: {Path.Combine(output, "index.html")}");
            return result;
        }
        finally
        {
            if (own) servers.Stop();
        }
    }

    /// <summary>Expunges every message of the user's INBOX (doveadm), so a reused server pair starts the drill empty.</summary>
    private static void EmptyMailbox(LoopbackMailServers servers, string user)
    {
        EmptyFolder(servers, user, "INBOX");
        EmptyFolder(servers, user, DrillDesk.DrillProcessedFolder);
    }

    private static void EmptyFolder(LoopbackMailServers servers, string user, string folder)
    {
        var start = new System.Diagnostics.ProcessStartInfo("doveadm", ["-c", servers.DovecotConfig, "expunge", "-u", user, "mailbox", folder, "all"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        using var process = System.Diagnostics.Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        // A user who never received mail has no mailbox yet: nothing to empty.
        if (process.ExitCode != 0 && !error.Contains("doesn't exist", StringComparison.OrdinalIgnoreCase) && !error.Contains("not found", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"Could not empty {user}'s mailbox before the drill: {error}");
    }

    private void Say(string line)
    {
        lock (progress) progress.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {line}");
    }

    private async Task ReportLoopAsync(DrillDesk desk, DrillClock clock, Customers customers, DrillStaff staff, ConsoleAgents? consoleAgents, DrillSampler sampler, CancellationToken token)
    {
        try
        {
            while (!token.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(10), token).ConfigureAwait(false);
                DrillSample? last;
                DrillSample? before;
                lock (sampler.Samples)
                {
                    last = sampler.Samples.LastOrDefault();
                    before = sampler.Samples.LastOrDefault(s => last is not null && s.At <= last.At - 30);
                }
                // Work waiting and nothing taken in, answered or sent for 30 s: say so, it is the finding of the run.
                if (last is not null && before is not null && last.Backlog + last.OutboxQueued > 0 && last.TicketMessages + last.MachineMails == before.TicketMessages + before.MachineMails
                    && last.Replies == before.Replies && last.Sent == before.Sent && customers.Accepted.Count > last.TicketMessages + last.MachineMails - 1)
                    Say($"STALLED: no mail taken in, no reply written and nothing sent since t={before.At:0}s while {last.Backlog:N0} tickets and {last.OutboxQueued:N0} mails wait");
                Say($"t={clock.Elapsed.TotalSeconds:0}s day {clock.Simulated.TotalDays + 1:0.0}: written {customers.Accepted.Count:N0}, "
                    + $"ticket messages {last?.TicketMessages ?? 0:N0}, backlog {last?.Backlog ?? 0:N0}, replies {staff.Sends:N0} "
                    + $"(skips {staff.Skips:N0}, failures {staff.Failures:N0}), sent {last?.Sent ?? 0:N0}, outbox queue {last?.OutboxQueued ?? 0:N0}, on duty {staff.Headcount(clock.Simulated)}"
                    + (consoleAgents is null ? "" : ConsoleLine(consoleAgents)));
                Say("  intake so far: " + IntakeStages(desk));
            }
        }
        catch (OperationCanceledException) { }
    }

    /// <summary>Where intake's time went so far, summed over the desk's instances (wall time per stage; parsing runs on all cores).</summary>
    internal static string IntakeStages(DrillDesk desk)
    {
        var totals = Enum.GetValues<IntakeStage>().ToDictionary(s => s, _ => TimeSpan.Zero);
        foreach (var instance in desk.Instances)
        {
            var times = instance.Services.GetRequiredService<IntakePipeline>().StageTimes;
            foreach (var stage in totals.Keys.ToList()) totals[stage] += times[stage];
        }
        return string.Join(", ", totals.Select(t => $"{t.Key} {t.Value.TotalSeconds:0.0} s"));
    }

    /// <summary>"; Chromium: 12 replies, send→next p50 80 ms p95 140 ms max 210 ms (last 30 s ...)" for the progress line.</summary>
    private static string ConsoleLine(ConsoleAgents agents)
    {
        var all = agents.SendToNextMs.Snapshot();
        var stats = Stats.Of(all.Select(s => s.Value));
        var line = FormattableString.Invariant($"; Chromium x{agents.UserNames.Count}: {agents.Sends:N0} replies (skips {agents.Skips:N0}, failures {agents.Failures:N0}), send→next ");
        return stats.Count == 0 ? line + "not timed yet" : line + FormattableString.Invariant($"p50 {stats.P50:0} ms p95 {stats.P95:0} ms max {stats.Max:0} ms ({stats.Count:N0} timed)");
    }

    /// <summary>The console agents' replies as the desk's database has them (the agents' own count is what the page told them).</summary>
    private static async Task<int> ConsoleRepliesStoredAsync(DrillDesk desk, ConsoleAgents agents, CancellationToken cancellationToken)
    {
        await using var db = await desk.Factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var ids = agents.StaffIds.ToList();
        return await db.Messages.CountAsync(m => m.Direction == MessageDirection.Outbound && m.AuthorStaffId != null && ids.Contains(m.AuthorStaffId.Value), cancellationToken)
            .ConfigureAwait(false);
    }

    private static async Task IgnoreCancellation(params Task[] tasks)
    {
        try { await Task.WhenAll(tasks).ConfigureAwait(false); }
        catch (OperationCanceledException) { }
    }

    /// <summary>Agents keep answering after the last arrival until the queue is empty (or the timeout).</summary>
    private static async Task WaitForDrainAsync(DrillDesk desk, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            await using var db = await desk.Factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            var open = await db.Tickets.CountAsync(t => t.Status == TicketStatus.New || t.Status == TicketStatus.Open, cancellationToken).ConfigureAwait(false);
            var pending = await db.RawMessages.CountAsync(r => r.State == RawMessageState.Pending, cancellationToken).ConfigureAwait(false);
            if (open == 0 && pending == 0) return;
            await Task.Delay(1000, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Waits until nothing moves: the outbox has nothing queued, intake has nothing pending, and the counts of mail
    /// saved by Dovecot, taken in by the desk and sent by the outbox are the same three looks running (bounces take
    /// a round trip through Postfix and the mailbox), and Postfix's queue is empty (a delivery Dovecot deferred waits
    /// there for its retry while every count stands still). False when it did not settle in time.
    /// </summary>
    private static async Task<bool> WaitForQuietAsync(DrillDesk desk, LoopbackMailServers servers, string log, long logFrom, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        var until = DateTime.UtcNow + timeout;
        (int, int, int, int) last = default;
        var same = 0;
        while (DateTime.UtcNow < until)
        {
            await using var db = await desk.Factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            var queued = await db.Outbox.CountAsync(o => o.State == OutboxState.Queued, cancellationToken).ConfigureAwait(false);
            var pending = await db.RawMessages.CountAsync(r => r.State == RawMessageState.Pending, cancellationToken).ConfigureAwait(false);
            var raw = await db.RawMessages.CountAsync(cancellationToken).ConfigureAwait(false);
            var sent = await db.Outbox.CountAsync(o => o.State != OutboxState.Queued, cancellationToken).ConfigureAwait(false);
            var forDesk = DeliveryLog.SavedFor(log, MailMix.DeskUser, logFrom).Count;
            var saved = forDesk + DeliveryLog.SavedFor(log, MailMix.CustomerUser, logFrom).Count;
            var now = (raw, sent, saved, queued + pending);
            var postfix = servers.PostfixQueued();
            same = now == last && queued == 0 && pending == 0 && raw >= forDesk && (postfix is null or 0) ? same + 1 : 0;
            if (same >= 3) return true;
            last = now;
            await Task.Delay(1500, cancellationToken).ConfigureAwait(false);
        }
        return false;
    }

    /// <summary>Delivery → ticket for every customer mail: Postfix's acceptance to the desk's processing of the stored mail, in seconds, by acceptance time.</summary>
    private static async Task<List<(double At, double Lag)>> IntakeLagsAsync(DrillDesk desk, Customers customers, DateTimeOffset wallStart, CancellationToken cancellationToken)
    {
        await using var db = await desk.Factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var processed = await db.RawMessages.AsNoTracking().Where(r => r.ProcessedAt != null && r.MessageIdHeader != null)
            .Select(r => new { r.MessageIdHeader, r.ProcessedAt }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var lags = new List<(double, double)>();
        foreach (var p in processed)
        {
            if (!customers.AcceptedAt.TryGetValue(p.MessageIdHeader!, out var at)) continue;
            lags.Add((at, Math.Max(0, (p.ProcessedAt!.Value - wallStart).TotalSeconds - at)));
        }
        return lags;
    }
}
