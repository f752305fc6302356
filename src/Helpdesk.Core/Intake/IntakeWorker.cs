using Helpdesk.Core.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Helpdesk.Core.Intake;

/// <summary>What one run of <see cref="IntakeRunner.RunOnceAsync"/> took in, per source, and what failed.</summary>
public sealed record IntakeRunSummary(int PendingProcessed, IReadOnlyDictionary<string, int> TakenBySource, IReadOnlyDictionary<string, string> Errors);

/// <summary>Takes in everything waiting once (for `helpdesk intake --once`, cron, backfills and tests), then returns.</summary>
public sealed class IntakeRunner(MailSources sources, IntakePipeline pipeline, IntakeStore store, IOptions<IntakeOptions> options, ILogger<IntakeRunner> logger)
{
    /// <param name="progress">Told after each batch of each source (from several threads when several mailboxes run at once).</param>
    public async Task<IntakeRunSummary> RunOnceAsync(bool includeDropFolder = true, Action<IntakeProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var pending = await pipeline.ProcessPendingAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var taken = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var errors = new System.Collections.Concurrent.ConcurrentDictionary<string, string>();
        await Parallel.ForEachAsync(sources.Mailboxes,
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.MaxConcurrentMailboxes, CancellationToken = cancellationToken },
            async (mailbox, ct) =>
            {
                await using var source = sources.Mailbox(mailbox);
                source.Progress = progress;
                try
                {
                    taken[source.Name] = await source.TakeInAsync(ct).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    errors[source.Name] = Describe(e);
                    logger.IntakeSourceFailed(source.Name, Describe(e));
                    await store.RecordPollAsync(source.Name, 0, Describe(e), CancellationToken.None).ConfigureAwait(false);
                }
            }).ConfigureAwait(false);
        if (includeDropFolder)
        {
            await using var drop = sources.Drop();
            drop.Progress = progress;
            taken[drop.Name] = await drop.TakeInAsync(cancellationToken).ConfigureAwait(false);
        }
        return new IntakeRunSummary(pending, taken, errors);
    }

    /// <summary>
    /// The words an operator can act on: the innermost error ("disk full"), not the wrapper's. A refused sign-in already
    /// carries the server's or the identity provider's words (shown on the dashboard's mailbox row as they are).
    /// </summary>
    internal static string Describe(Exception e) =>
        e is Helpdesk.Mail.Transport.OAuth2.MailLoginException ? e.Message
        : e.GetBaseException().Message is { Length: > 0 } m && m != e.Message ? $"{e.Message} ({m})" : e.Message;
}

/// <summary>
/// The intake worker in the web host: processes what a crash left, then one loop per mailbox (at most
/// <see cref="IntakeOptions.MaxConcurrentMailboxes"/> taking in at once) and one for the drop folder. A failing
/// mailbox backs off exponentially with jitter and never stops the others.
/// </summary>
public sealed class IntakeWorker(MailSources sources, IntakePipeline pipeline, IntakeStore store, MailboxLeases leases, IOptions<IntakeOptions> options,
    TimeProvider time, ILogger<IntakeWorker> logger, IHostApplicationLifetime? lifetime = null) : BackgroundService
{
    private readonly IntakeOptions _options = options.Value;
    private readonly SemaphoreSlim _bound = new(options.Value.MaxConcurrentMailboxes, options.Value.MaxConcurrentMailboxes);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled) return;
        await Task.Yield();
        // The schema is brought up to date by another hosted service's start; begin only once every start is done.
        if (lifetime is not null && !lifetime.ApplicationStarted.IsCancellationRequested)
        {
            var started = new TaskCompletionSource();
            await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
            await using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
                await started.Task.ConfigureAwait(false);
        }
        try
        {
            // A mailbox's emails are processed only by the instance holding its lease (after it takes the lease, below):
            // two instances starting together would otherwise both process the emails the other was storing.
            var leased = sources.Mailboxes.Select(m => m.DisplayName).ToList();
            var pending = await pipeline.ProcessPendingAsync(cancellationToken: stoppingToken, exceptSources: leased).ConfigureAwait(false);
            if (pending > 0) logger.IntakeLeftoversProcessed(pending);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.IntakeLeftoversFailed(e);
        }

        var loops = sources.Mailboxes.Select(m => RunLeasedAsync(m, stoppingToken)).ToList();
        loops.Add(RunAsync(sources.Drop(), bounded: false, stoppingToken));
        await Task.WhenAll(loops).ConfigureAwait(false);
    }

    /// <summary>
    /// Takes in one mailbox only while this instance holds its lease (see <see cref="MailboxLeases"/>); waits while
    /// another instance holds it, and stops taking in the moment a renewal finds the lease lost.
    /// </summary>
    private async Task RunLeasedAsync(MailboxOptions mailbox, CancellationToken stoppingToken)
    {
        var name = mailbox.DisplayName;
        var waitingLogged = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            bool held;
            try
            {
                held = await leases.TryAcquireAsync(name, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.IntakeLeaseNotTaken(name, IntakeRunner.Describe(e));
                held = false;
            }
            if (!held)
            {
                if (!waitingLogged) logger.IntakeStandingBy(name, leases.InstanceName);
                waitingLogged = true;
                try { await Task.Delay(leases.RenewEvery, time, stoppingToken).ConfigureAwait(false); }
                catch (OperationCanceledException) { return; }
                continue;
            }
            waitingLogged = false;
            logger.IntakeLeaseTaken(leases.InstanceName, name);
            using var holding = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var renewing = RenewAsync(name, holding);
            await ProcessLeftAsync(name, holding.Token).ConfigureAwait(false);
            await RunAsync(sources.Mailbox(mailbox), bounded: true, holding.Token).ConfigureAwait(false);
            await holding.CancelAsync().ConfigureAwait(false);
            await renewing.ConfigureAwait(false);
        }
        try { await leases.ReleaseAsync(name, CancellationToken.None).ConfigureAwait(false); }
        catch (Exception e) { logger.IntakeLeaseNotReleased(name, IntakeRunner.Describe(e)); }
    }

    /// <summary>
    /// Emails of the mailbox stored but not processed when its last holder stopped or died (this instance before a
    /// restart, or another instance before a takeover).
    /// </summary>
    private async Task ProcessLeftAsync(string mailbox, CancellationToken holding)
    {
        try
        {
            var left = await pipeline.ProcessPendingAsync(cancellationToken: holding, onlySource: mailbox).ConfigureAwait(false);
            if (left > 0) logger.IntakeMailboxLeftoversProcessed(left, mailbox);
        }
        catch (OperationCanceledException) when (holding.IsCancellationRequested)
        {
            // The lease was lost or the desk is stopping: the next holder processes what is left.
        }
        catch (Exception e)
        {
            logger.IntakeMailboxLeftoversFailed(e, mailbox);
        }
    }

    /// <summary>Renews the lease until <paramref name="holding"/> ends; cancels it when the lease is found lost.</summary>
    private async Task RenewAsync(string mailbox, CancellationTokenSource holding)
    {
        while (!holding.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(leases.RenewEvery, time, holding.Token).ConfigureAwait(false);
                if (await leases.TryAcquireAsync(mailbox, holding.Token).ConfigureAwait(false)) continue;
                logger.IntakeLeaseLost(leases.InstanceName, mailbox);
                await holding.CancelAsync().ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e)
            {
                // A database hiccup: keep taking in; the lease only runs out after two more failed renewals.
                logger.IntakeLeaseNotRenewed(mailbox, IntakeRunner.Describe(e));
            }
        }
    }

    private async Task RunAsync(IMailSource source, bool bounded, CancellationToken stoppingToken)
    {
        await using var _ = source;
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            Diagnostics.WorkerHeartbeat.Intake.Beat(time);
            try
            {
                if (bounded) await _bound.WaitAsync(stoppingToken).ConfigureAwait(false);
                try
                {
                    var taken = await source.TakeInAsync(stoppingToken).ConfigureAwait(false);
                    if (taken > 0) logger.IntakeTookIn(taken, source.Name);
                }
                finally
                {
                    if (bounded) _bound.Release();
                }
                failures = 0;
                await source.WaitForMailAsync(_options.IdleWait, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                failures++;
                var delay = Backoff(failures);
                logger.IntakeSourceRetrying(source.Name, failures, delay.TotalSeconds, IntakeRunner.Describe(e));
                try
                {
                    if (source is not DropFolderSource) await store.RecordPollAsync(source.Name, 0, IntakeRunner.Describe(e), stoppingToken).ConfigureAwait(false);
                    await Task.Delay(delay, time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception inner) when (inner is not OperationCanceledException)
                {
                    logger.IntakeFailureNotRecorded(source.Name, inner.Message);
                }
            }
        }
    }

    /// <summary>Exponential from <see cref="IntakeOptions.ReconnectDelay"/>, capped, with jitter so mailboxes do not retry in step.</summary>
    internal TimeSpan Backoff(int failures)
    {
        var exponential = _options.ReconnectDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 20));
        var capped = Math.Min(exponential, _options.MaxReconnectDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.5 + Random.Shared.NextDouble() * 0.5));
    }
}
