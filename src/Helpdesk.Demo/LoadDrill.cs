using System.ComponentModel.DataAnnotations;
using Helpdesk.Core.Data;
using Helpdesk.Core.Queue;
using Helpdesk.Core.Replies;
using Helpdesk.Core.Templates;
using Helpdesk.Core.Staff;
using Helpdesk.Core.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Helpdesk.Demo;

/// <summary>Bound from <c>Helpdesk:LoadDrill</c>. Off unless <see cref="Agents"/> is above zero; demo desks only.</summary>
public sealed class LoadDrillOptions
{
    public const string Section = "Helpdesk:LoadDrill";

    /// <summary>How many simulated agents work the queue inside the desk process. Default 0: no drill.</summary>
    [Range(0, 5_000, ErrorMessage = "Helpdesk:LoadDrill:Agents must be a whole number from 0 to 5000.")]
    public int Agents { get; set; }

    /// <summary>
    /// The mean time an agent spends on a ticket between reading it and sending, holding the claim as a person reading
    /// would; each wait is drawn uniformly from half to one and a half times this. Default 20 s, so 300 agents send
    /// about 15 replies a second in total.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ErrorMessage = "Helpdesk:LoadDrill:ThinkTime must be between 00:00:00 and 01:00:00 (hh:mm:ss).")]
    public TimeSpan ThinkTime { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How often the drill logs what it achieved (sends per second since the last line). Default 10 s.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Helpdesk:LoadDrill:ReportEvery must be between 00:00:01 and 01:00:00 (hh:mm:ss).")]
    public TimeSpan ReportEvery { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Seed of the think-time draws, so two drills load the desk alike.</summary>
    public int Seed { get; set; } = 20261122;

    public const string UserNamePrefix = "drill-agent-";

    public static string UserName(int index) => $"{UserNamePrefix}{index:000}";
}

/// <summary>What the drill has done since it started.</summary>
public sealed record LoadDrillTotals(long Sends, long Skips, long Failures, TimeSpan Elapsed)
{
    public double SendsPerSecond => Elapsed > TimeSpan.Zero ? Sends / Elapsed.TotalSeconds : 0;
}

/// <summary>
/// Simulated agents for measuring the console under load: each signs in as a drill-agent-NNN staff account and loops
/// take next → read → think → send the first suggestion, through <see cref="AnsweringDesk"/> and
/// <see cref="ReplyService"/> exactly as the console does (guardrails included: a blocked reply is skipped, warnings
/// are acknowledged as a person ticking them would). It sends real replies into the outbox, so it refuses to start
/// unless Helpdesk:Demo:Mode is On.
/// </summary>
public sealed class LoadDrill(
    IOptions<LoadDrillOptions> options,
    IOptions<DemoOptions> demo,
    IDbContextFactory<HelpdeskDbContext> factory,
    AnsweringDesk desk,
    TicketQueue queue,
    ReplyService replies,
    ReplyGuardrails guardrails,
    TimeProvider time,
    ILogger<LoadDrill> logger) : BackgroundService
{
    private readonly LoadDrillOptions _options = options.Value;
    private long _sends;
    private long _skips;
    private long _failures;
    private long _startedAt;

    public LoadDrillTotals Totals => new(Interlocked.Read(ref _sends), Interlocked.Read(ref _skips), Interlocked.Read(ref _failures),
        _startedAt == 0 ? TimeSpan.Zero : time.GetElapsedTime(_startedAt));

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (_options.Agents > 0 && demo.Value.Mode != DemoMode.On)
            throw new InvalidOperationException(
                $"Helpdesk:LoadDrill:Agents is {_options.Agents}, but the load drill sends real replies and runs only on a demo desk: "
                + "set Helpdesk:Demo:Mode to On (Helpdesk__Demo__Mode=On), or set Helpdesk:LoadDrill:Agents to 0.");
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_options.Agents <= 0) return;
        // Let the host finish starting (the desk's own start-up work runs first) before 300 loops compete for the database.
        await Task.Yield();
        var staff = await EnsureAgentsAsync(_options.Agents, stoppingToken).ConfigureAwait(false);
        logger.LogInformation("Load drill: {Agents} simulated agents, think time {Think} on average", staff.Count, _options.ThinkTime);
        _startedAt = time.GetTimestamp();
        var loops = staff.Select((id, i) => Task.Run(() => AgentLoopAsync(new DrillAgent(id, new Random(_options.Seed + i)), stoppingToken), stoppingToken)).ToList();
        loops.Add(ReportLoopAsync(stoppingToken));
        try { await Task.WhenAll(loops).ConfigureAwait(false); }
        catch (OperationCanceledException) { }
        var totals = Totals;
        logger.LogInformation("Load drill stopped: {Sends} sends in {Seconds:0} s ({Rate:0.0}/s), {Skips} skipped, {Failures} failed",
            totals.Sends, totals.Elapsed.TotalSeconds, totals.SendsPerSecond, totals.Skips, totals.Failures);
    }

    /// <summary>The drill's staff accounts, created on first use (Agent role, demo password, marked demo).</summary>
    private async Task<List<long>> EnsureAgentsAsync(int count, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var names = Enumerable.Range(1, count).Select(LoadDrillOptions.UserName).ToList();
        var existing = await db.Staff.Where(s => s.UserName.StartsWith(LoadDrillOptions.UserNamePrefix))
            .Select(s => s.UserName).ToListAsync(cancellationToken).ConfigureAwait(false);
        var missing = names.Except(existing, StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            var now = time.GetUtcNow();
            var users = missing.Select(n => new StaffUser(n, "Drill " + n[LoadDrillOptions.UserNamePrefix.Length..],
                n + "@drill.meridian.example", StaffRoles.Agent, now)).ToList();
            // One hash for all, as the demo accounts: they share the demo password by design.
            var hash = new StaffPasswords().Hash(users[0], demo.Value.Password);
            foreach (var u in users)
            {
                u.SetPassword(hash, temporary: false);
                u.MarkDemo();
            }
            db.Staff.AddRange(users);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        return await db.Staff.Where(s => names.Contains(s.UserName)).OrderBy(s => s.UserName).Select(s => s.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    private TimeSpan Think(Random random) => _options.ThinkTime * (0.5 + random.NextDouble());

    private sealed class DrillAgent(long staffId, Random random)
    {
        public long StaffId { get; } = staffId;
        public Random Random { get; } = random;
        public List<long> Skipped { get; } = [];
        public long? Held { get; set; }
    }

    private async Task AgentLoopAsync(DrillAgent agent, CancellationToken stoppingToken)
    {
        try
        {
            // Spread the start over one think time, as people arrive over a minute, not in the same millisecond.
            await Task.Delay(_options.ThinkTime * agent.Random.NextDouble(), time, stoppingToken).ConfigureAwait(false);
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await AnswerOneAsync(agent, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The console would show this to the agent (a lost claim, a stale view, a busy database), who would
                    // move on; the drill counts it, gives the ticket back and moves on.
                    Interlocked.Increment(ref _failures);
                    logger.LogDebug(ex, "Load drill: staff {Staff} failed on #{Number}", agent.StaffId, agent.Held);
                    if (agent.Held is { } number) await queue.ReleaseAsync(agent.StaffId, number, stoppingToken).ConfigureAwait(false);
                    agent.Held = null;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
        catch (Exception ex)
        {
            Interlocked.Increment(ref _failures);
            logger.LogWarning(ex, "Load drill: a simulated agent stopped after an error");
        }
        finally
        {
            if (agent.Held is { } held)
            {
                try { await queue.ReleaseAsync(agent.StaffId, held, CancellationToken.None).ConfigureAwait(false); }
                catch (Exception ex) { logger.LogDebug(ex, "Load drill: #{Number} not released; its claim runs out by itself", held); }
            }
        }
    }

    /// <summary>One ticket: take, read, think (holding it), then send the first suggestion, or skip when there is none fit to send.</summary>
    private async Task AnswerOneAsync(DrillAgent agent, CancellationToken stoppingToken)
    {
        agent.Held = await desk.TakeNextAsync(agent.StaffId, skipped: agent.Skipped, cancellationToken: stoppingToken).ConfigureAwait(false);
        if (agent.Held is not { } number)
        {
            agent.Skipped.Clear();
            await Task.Delay(Think(agent.Random), time, stoppingToken).ConfigureAwait(false);
            return;
        }
        var view = await desk.ReadAsync(number, agent.StaffId, stoppingToken).ConfigureAwait(false);
        var suggestion = view?.Suggestions.FirstOrDefault();
        var findings = suggestion is null ? [] : guardrails.Check(suggestion.Text);
        await Task.Delay(Think(agent.Random), time, stoppingToken).ConfigureAwait(false);
        if (view is null || suggestion is null || findings.Any(f => f.Severity == GuardrailSeverity.Block))
        {
            await desk.SkipAsync(agent.StaffId, number, stoppingToken).ConfigureAwait(false);
            agent.Held = null;
            agent.Skipped.Add(number);
            if (agent.Skipped.Count > 50) agent.Skipped.RemoveAt(0);
            Interlocked.Increment(ref _skips);
            return;
        }
        await replies.SendAsync(agent.StaffId, new ReplyDraft(number, view.Ticket.Version, suggestion.Text, suggestion.VersionId,
            SentUnedited: true, AcknowledgedWarnings: [.. findings.Select(f => f.Key)]), stoppingToken).ConfigureAwait(false);
        agent.Held = null;
        Interlocked.Increment(ref _sends);
    }

    private async Task ReportLoopAsync(CancellationToken stoppingToken)
    {
        var last = Totals;
        using var timer = new PeriodicTimer(_options.ReportEvery, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                var now = Totals;
                var seconds = (now.Elapsed - last.Elapsed).TotalSeconds;
                logger.LogInformation(
                    "Load drill: {Rate:0.0} sends/s over the last {Seconds:0} s; {Sends} sends, {Skips} skipped, {Failures} failed in {Total:0} s ({Average:0.0}/s)",
                    seconds > 0 ? (now.Sends - last.Sends) / seconds : 0, seconds, now.Sends, now.Skips, now.Failures,
                    now.Elapsed.TotalSeconds, now.SendsPerSecond);
                last = now;
            }
        }
        catch (OperationCanceledException) { }
    }
}
