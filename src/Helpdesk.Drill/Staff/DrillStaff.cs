using Helpdesk.Core.Bulk;
using Helpdesk.Core.Data;
using Helpdesk.Core.Queue;
using Helpdesk.Core.Replies;
using Helpdesk.Core.Templates;
using Helpdesk.Core.Reporting;
using Helpdesk.Core.Staff;
using Helpdesk.Drill.Desk;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Helpdesk.Drill.Staff;

/// <summary>
/// The people of the drill: agents answering through the console's own services (take next, read, think while
/// holding the claim, send the first suggestion, as the existing load drill's agents do) with their number following
/// the shifts; leads reading the dashboard and the drill-down every few seconds; and one lead sending a bulk reply to
/// the largest cluster halfway through the week.
/// </summary>
public sealed class DrillStaff(DrillOptions options, DrillDesk desk, DrillClock clock)
{
    public const string AgentPrefix = "drill-week-agent-";

    private long _sends, _skips, _failures;

    public long Sends => Interlocked.Read(ref _sends);

    public long Skips => Interlocked.Read(ref _skips);

    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>Each claim (take next) that found a ticket: when, and how long it took in milliseconds.</summary>
    public Observations ClaimMs { get; } = new();

    /// <summary>Each full dashboard read (every figure the lead page shows), milliseconds.</summary>
    public Observations DashboardMs { get; } = new();

    /// <summary>Each drill-down read (the lead's ticket list, waiting tickets, oldest first), milliseconds.</summary>
    public Observations DrillDownMs { get; } = new();

    /// <summary>Agents on duty over time.</summary>
    public Observations OnDuty { get; } = new();

    public BulkOutcome? Bulk { get; private set; }

    public string? LastError { get; private set; }

    public async Task<(List<long> Agents, long Lead)> EnsureStaffAsync(CancellationToken cancellationToken)
    {
        await using var db = await desk.Factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var now = DateTimeOffset.UtcNow;
        var users = Enumerable.Range(1, options.Agents)
            .Select(i => new StaffUser($"{AgentPrefix}{i:0000}", $"Week agent {i}", $"agent{i}@drill.example.test", StaffRoles.Agent, now)).ToList();
        var lead = new StaffUser("drill-week-lead", "Week lead", "lead@drill.example.test", StaffRoles.Lead | StaffRoles.Agent, now);
        db.Staff.AddRange(users);
        db.Staff.Add(lead);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return ([.. users.Select(u => u.Id)], lead.Id);
    }

    /// <summary>The accounts of the agents who answer in Chromium: signed in with a password made for this run (agents need no second step).</summary>
    public async Task<ConsoleAgents> EnsureConsoleAgentsAsync(CancellationToken cancellationToken)
    {
        await using var db = await desk.Factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var now = DateTimeOffset.UtcNow;
        var password = PasswordRules.NewTemporaryPassword();
        var hasher = new StaffPasswords();
        var users = Enumerable.Range(1, options.Browsers)
            .Select(i => new StaffUser($"{ConsoleAgents.Prefix}{i:00}", $"Console agent {i}", $"console{i}@drill.example.test", StaffRoles.Agent, now)).ToList();
        foreach (var user in users) user.SetPassword(hasher.Hash(user, password), temporary: false);
        db.Staff.AddRange(users);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return new ConsoleAgents([.. users.Select(u => u.UserName)], [.. users.Select(u => u.Id)], password, options.ThinkTime, clock);
    }

    public int Headcount(TimeSpan simulated) => Math.Max(1, (int)Math.Ceiling(options.Agents * WeekShape.OnShift(simulated)));

    public Task RunAgentsAsync(IReadOnlyList<long> agents, CancellationToken stoppingToken) =>
        Task.WhenAll(agents.Select((id, i) => Task.Run(() => AgentLoopAsync(id, i, new Random(options.Seed + i), stoppingToken), stoppingToken))
            .Append(DutyLoopAsync(stoppingToken)));

    private async Task DutyLoopAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                OnDuty.Add(clock.Elapsed.TotalSeconds, Headcount(clock.Simulated));
                await Task.Delay(options.SampleEvery, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) { }
    }

    private TimeSpan Think(Random random) => options.ThinkTime * (0.5 + random.NextDouble());

    private async Task AgentLoopAsync(long staffId, int index, Random random, CancellationToken stoppingToken)
    {
        var services = desk.Instances[index % desk.Instances.Count].Services;
        var answering = services.GetRequiredService<AnsweringDesk>();
        var replies = services.GetRequiredService<ReplyService>();
        var guardrails = services.GetRequiredService<ReplyGuardrails>();
        var queue = services.GetRequiredService<TicketQueue>();
        var skipped = new List<long>();
        try
        {
            await Task.Delay(options.ThinkTime * random.NextDouble(), stoppingToken).ConfigureAwait(false);
            while (!stoppingToken.IsCancellationRequested)
            {
                if (index >= Headcount(clock.Simulated))
                {
                    // Off shift: come back a little later (a simulated quarter hour) to see whether the shift has begun.
                    await Task.Delay(clock.ToReal(TimeSpan.FromMinutes(15)) + TimeSpan.FromMilliseconds(random.Next(200)), stoppingToken).ConfigureAwait(false);
                    continue;
                }
                long? held = null;
                try
                {
                    var started = clock.Elapsed;
                    held = await answering.TakeNextAsync(staffId, skipped: skipped, cancellationToken: stoppingToken).ConfigureAwait(false);
                    if (held is not { } number)
                    {
                        skipped.Clear();
                        await Task.Delay(Think(random), stoppingToken).ConfigureAwait(false);
                        continue;
                    }
                    ClaimMs.Add(clock.Elapsed.TotalSeconds, (clock.Elapsed - started).TotalMilliseconds);
                    var view = await answering.ReadAsync(number, staffId, stoppingToken).ConfigureAwait(false);
                    var suggestion = view?.Suggestions.FirstOrDefault();
                    var findings = suggestion is null ? [] : guardrails.Check(suggestion.Text);
                    await Task.Delay(Think(random), stoppingToken).ConfigureAwait(false);
                    if (view is null || suggestion is null || findings.Any(f => f.Severity == GuardrailSeverity.Block))
                    {
                        await answering.SkipAsync(staffId, number, stoppingToken).ConfigureAwait(false);
                        skipped.Add(number);
                        if (skipped.Count > 50) skipped.RemoveAt(0);
                        Interlocked.Increment(ref _skips);
                        continue;
                    }
                    await replies.SendAsync(staffId, new ReplyDraft(number, view.Ticket.Version, suggestion.Text, suggestion.VersionId,
                        SentUnedited: true, AcknowledgedWarnings: [.. findings.Select(f => f.Key)]), stoppingToken).ConfigureAwait(false);
                    Interlocked.Increment(ref _sends);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // As a person would: the console says the claim was lost or the view is stale; they move on.
                    Interlocked.Increment(ref _failures);
                    LastError = ex.GetType().Name + ": " + ex.Message;
                    if (held is { } h)
                    {
                        try { await queue.ReleaseAsync(staffId, h, stoppingToken).ConfigureAwait(false); }
                        catch (Exception release) when (release is not OperationCanceledException) { }
                    }
                }
            }
        }
        catch (OperationCanceledException) { }
    }

    /// <summary>Leads: every <see cref="DrillOptions.LeadEvery"/> each reads the whole dashboard, then the drill-down of waiting tickets.</summary>
    public Task RunLeadsAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, options.Leads).Select(i => Task.Run(() => LeadLoopAsync(i, stoppingToken), stoppingToken)));

    private async Task LeadLoopAsync(int index, CancellationToken stoppingToken)
    {
        var services = desk.Instances[index % desk.Instances.Count].Services;
        var figures = services.GetRequiredService<DeskFigures>();
        var tickets = services.GetRequiredService<LeadTickets>();
        try
        {
            await Task.Delay(options.LeadEvery * (index / (double)Math.Max(1, options.Leads)), stoppingToken).ConfigureAwait(false);
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    var started = clock.Elapsed;
                    await figures.ReadAsync(stoppingToken).ConfigureAwait(false);
                    var read = clock.Elapsed;
                    DashboardMs.Add(read.TotalSeconds, (read - started).TotalMilliseconds);
                    await tickets.ListAsync(new LeadTicketFilter { Waiting = true }, 0, 50, stoppingToken).ConfigureAwait(false);
                    DrillDownMs.Add(clock.Elapsed.TotalSeconds, (clock.Elapsed - read).TotalMilliseconds);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Interlocked.Increment(ref _failures);
                    LastError = "lead: " + ex.GetType().Name + ": " + ex.Message;
                }
                await Task.Delay(options.LeadEvery, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) { }
    }

    /// <summary>What the halfway bulk reply did.</summary>
    public sealed record BulkOutcome(double At, string Intent, int ClusterSize, int Queued, int Skipped, string Template, string? Error);

    /// <summary>
    /// The lead picks the largest cluster of waiting tickets and answers it with the intent's first template, as the bulk
    /// page does. False when nothing was waiting (the outcome says so until a later look finds a cluster).
    /// </summary>
    public async Task<bool> BulkReplyAsync(long lead, CancellationToken cancellationToken)
    {
        var services = desk.First;
        var at = clock.Elapsed.TotalSeconds;
        try
        {
            var report = await services.GetRequiredService<BulkClusters>().ClusterAsync(cancellationToken).ConfigureAwait(false);
            var largest = report.Intents.SelectMany(i => i.Clusters).OrderByDescending(c => c.Size).FirstOrDefault();
            if (largest is null)
            {
                Bulk = new BulkOutcome(at, "", 0, 0, 0, "", "no cluster of waiting tickets to answer");
                return false;
            }
            var bulk = services.GetRequiredService<BulkReplyService>();
            var template = (await bulk.TemplatesForAsync(largest.Intent, largest.Representative.Ticket.Text, cancellationToken).ConfigureAwait(false)).First();
            var result = await bulk.SendAsync(lead, new BulkSendRequest(largest.Intent, template.Id, template.VersionId,
                [.. largest.Members.Select(m => new BulkTarget(m.Ticket.TicketNumber, m.Ticket.Version))]), cancellationToken).ConfigureAwait(false);
            Bulk = new BulkOutcome(at, largest.Intent, largest.Size, result.Queued, result.Skipped.Count, template.Id, null);
            return true;
        }
        catch (BulkNothingToSendException ex)
        {
            // Agents claimed or answered every ticket of the cluster between the lead's look and the send (a small
            // cluster on a fast desk): the lead looks again, as a person would.
            Bulk = new BulkOutcome(at, "", 0, 0, 0, "", ex.GetType().Name + ": " + ex.Message);
            return false;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Bulk = new BulkOutcome(at, "", 0, 0, 0, "", ex.GetType().Name + ": " + ex.Message);
            return true;
        }
    }
}
