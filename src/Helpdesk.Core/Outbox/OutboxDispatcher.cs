using Helpdesk.Core.Data;
using Helpdesk.Mail.Transport;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Helpdesk.Core.Outbox;

/// <summary>Creates the connection the dispatcher submits through (SMTP in the desk, a fake in tests).</summary>
public interface IMailSubmitterFactory
{
    IMailSubmitter Create();
}

/// <summary>
/// Sends what the outbox owes customers. Each pass leases a batch of due items (so a second desk instance skips
/// them), sends each one's stored bytes — built once, with its fixed Message-ID — on up to
/// <see cref="OutboxOptions.Connections"/> SMTP connections kept from pass to pass, and commits every outcome of the
/// pass together at its end (one commit per pass, not per reply: that commit was most of the time a reply took).
///
/// The send window: a crash can cause a second send only after the server accepted a message (250 after DATA) and
/// before the pass's commit. The leases expire and those items are sent again with the same bytes and Message-ID, so
/// the customer's client shows one message in the thread. The window is at most one pass: BatchSize items (default
/// 50), and no more than MaxPerSecond of them. SMTP offers no way to close it completely.
/// </summary>
public sealed partial class OutboxDispatcher(
    IDbContextFactory<HelpdeskDbContext> factory,
    IMailSubmitterFactory submitters,
    OutboxOptions options,
    OutboxControl control,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger) : IAsyncDisposable
{
    /// <summary>A pass opens one more connection per this many replies, up to <see cref="OutboxOptions.Connections"/>.</summary>
    private const int RepliesPerConnection = 10;

    private readonly IMailSubmitter?[] _submitters = new IMailSubmitter?[options.Connections];
    private double _tokens = Math.Max(1, options.MaxPerSecond);
    private DateTimeOffset _refilledAt = time.GetUtcNow();

    /// <summary>Sends what is due now, within the rate limit. Returns how many items were handled (sent, failed, retried).</summary>
    public async Task<int> DispatchOnceAsync(CancellationToken cancellationToken)
    {
        if (await control.IsPausedAsync(cancellationToken)) return 0;
        var budget = TakeBudget();
        if (budget == 0) return 0;
        var leased = await LeaseDueAsync(Math.Min(budget, options.BatchSize), cancellationToken);
        if (leased.Count == 0) return 0;

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var byId = await db.Outbox.Where(o => leased.Contains(o.Id)).ToDictionaryAsync(o => o.Id, cancellationToken);
        var items = leased.Where(byId.ContainsKey).Select(id => byId[id]).ToList();
        // Undone (cancelled) between the lease query and this read: leasing does not look at the state again.
        var queued = items.Where(i => i.State == OutboxState.Queued).ToList();
        var addresses = queued.Select(i => i.ToAddress).Distinct().ToList();
        var undeliverable = await db.Customers.AsNoTracking().Where(c => c.Undeliverable && addresses.Contains(c.Address))
            .ToDictionaryAsync(c => c.Address, c => c.UndeliverableReason, cancellationToken);
        var toSend = new List<OutboxItem>();
        foreach (var item in queued)
        {
            if (undeliverable.TryGetValue(item.ToAddress, out var reason)) item.Suppress($"Not sent: {item.ToAddress} is undeliverable ({reason}).");
            else if (item.Mime is null) item.MarkFailed("The message was never built; nothing could be sent.", time.GetUtcNow());
            else toSend.Add(item);
        }

        var unsent = await SendAllAsync(toSend, cancellationToken);
        foreach (var item in unsent) item.ReleaseLease();
        await db.SaveChangesAsync(CancellationToken.None); // the pass's outcomes, together: see "the send window"
        var handled = items.Count - unsent.Count;
        _tokens -= handled;
        return handled;
    }

    /// <summary>
    /// Sends on as many connections as the pass is worth; each connection takes the next item in priority order.
    /// Returns the items not tried (paused, login refused, shutting down): their leases are released.
    /// </summary>
    private async Task<List<OutboxItem>> SendAllAsync(List<OutboxItem> items, CancellationToken cancellationToken)
    {
        var next = -1;
        var stop = false;
        var unsent = new System.Collections.Concurrent.ConcurrentBag<OutboxItem>();
        var lanes = Math.Clamp((items.Count + RepliesPerConnection - 1) / RepliesPerConnection, 1, _submitters.Length);

        // A database hiccup reading the shared pause stops this pass (its outcomes are still committed), not the desk.
        async Task<bool> PausedAsync()
        {
            try { return await control.IsPausedAsync(CancellationToken.None); }
            catch (Exception e) when (e is DbException or InvalidOperationException or TimeoutException) { return true; }
        }

        async Task LaneAsync(int lane)
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < items.Count)
            {
                var item = items[i];
                if (Volatile.Read(ref stop) || cancellationToken.IsCancellationRequested || await PausedAsync())
                {
                    unsent.Add(item);
                    continue;
                }
                if (!await SendOneAsync(lane, item, cancellationToken))
                {
                    Volatile.Write(ref stop, true);
                    unsent.Add(item);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, lanes).Select(lane => Task.Run(() => LaneAsync(lane), CancellationToken.None)));
        return [.. unsent];
    }

    /// <summary>One item on one connection; records the outcome on the item. False: stop the pass, the item was not sent.</summary>
    private async Task<bool> SendOneAsync(int lane, OutboxItem item, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        try
        {
            var submitter = _submitters[lane] ??= submitters.Create();
            // ENVID names the item, so a delivery status notification that comes back can be matched to it.
            var envelope = new SubmissionEnvelope(options.EnvelopeFrom, [item.ToAddress], EnvelopeIdOf(item.Id));
            await submitter.SendAsync(envelope, item.Mime!, cancellationToken);
            item.MarkSent(time.GetUtcNow());
            Diagnostics.DeskMetrics.Sent();
            LogSent(logger, item.Id, item.TicketNumber);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down mid-message: whether the server took it is unknown; another pass sends it (same Message-ID).
            await DropSubmitterAsync(lane);
            return false;
        }
        catch (SmtpAuthenticationException e)
        {
            // Our credentials, not this message: stop sending and keep the item queued for when someone fixes it.
            await control.PauseAsync($"The SMTP server refused the desk's login: {e.Reply?.ToString() ?? e.Message}", "system", null, CancellationToken.None);
            await DropSubmitterAsync(lane);
            LogAuthFailed(logger, e.Reply?.ToString() ?? e.Message);
            Diagnostics.DeskMetrics.SendFailed("paused");
            return false;
        }
        catch (SmtpPermanentException e)
        {
            var reply = e.Reply?.ToString() ?? e.Message;
            item.MarkFailed(reply, time.GetUtcNow());
            LogFailed(logger, item.Id, reply);
            Diagnostics.DeskMetrics.SendFailed("failed");
        }
        catch (SmtpTransientException e)
        {
            var reason = e.Reply?.ToString() ?? e.Message;
            RecordTemporary(item, reason, now);
            if (e.Reply is null) await DropSubmitterAsync(lane); // the connection is gone; the next send opens a new one
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Anything else (a bug, a message the library cannot handle) stays with this item: the rest of the pass goes
            // on and its outcomes are still committed, instead of the whole pass being sent again after its lease.
            RecordTemporary(item, $"{e.GetType().Name}: {e.Message}", now);
            await DropSubmitterAsync(lane);
        }
        return true;
    }

    private void RecordTemporary(OutboxItem item, string reason, DateTimeOffset now)
    {
        if (item.Attempts + 1 >= options.MaxAttempts) item.MarkFailed($"Gave up after {item.Attempts + 1} attempts: {reason}", time.GetUtcNow());
        else item.RecordTemporaryFailure(reason, time.GetUtcNow(), now + RetryDelay(item.Attempts + 1));
        LogRetry(logger, item.Id, reason);
        Diagnostics.DeskMetrics.SendFailed(item.State == OutboxState.Failed ? "failed" : "retry");
    }

    /// <summary>The DSN envelope id (RFC 3461 ENVID) an outbox item is sent with.</summary>
    public static string EnvelopeIdOf(long outboxId) => $"outbox-{outboxId}";

    /// <summary>The outbox item a DSN's Original-Envelope-Id names, if it is one of the desk's.</summary>
    public static long? OutboxIdOf(string? envelopeId) =>
        envelopeId is { Length: > 7 } e && e.StartsWith("outbox-", StringComparison.Ordinal)
        && long.TryParse(e.AsSpan(7), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null;

    private int TakeBudget()
    {
        var now = time.GetUtcNow();
        var capacity = Math.Max(1, options.MaxPerSecond);
        _tokens = Math.Min(capacity, _tokens + (now - _refilledAt).TotalSeconds * options.MaxPerSecond);
        _refilledAt = now;
        return (int)Math.Floor(_tokens);
    }

    private async Task<List<long>> LeaseDueAsync(int count, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        // Two picks: a lead's 10,000 bulk replies must not hold back the reply an agent just wrote, and bulk keeps a
        // share of the pass so it is not starved either.
        var agents = new List<OutboxItem>();
        foreach (var kind in NotBulk) agents.AddRange(await Due(db, now, kind).Take(count).ToListAsync(cancellationToken));
        agents = agents.OrderBy(o => o.NextAttemptAt).ThenBy(o => o.Id).Take(count).ToList();
        var bulk = await Due(db, now, OutboxKind.BulkReply).Take(count).ToListAsync(cancellationToken);
        var due = Share(agents, bulk, count, options.BulkShare);
        foreach (var item in due) item.Lease(now + options.Lease);
        try
        {
            await db.SaveChangesAsync(cancellationToken); // LeasedUntil is a concurrency token: two instances cannot both win
        }
        catch (DbUpdateConcurrencyException)
        {
            return [];
        }
        return due.Select(o => o.Id).ToList();
    }

    private static readonly OutboxKind[] NotBulk = Enum.GetValues<OutboxKind>().Where(k => k != OutboxKind.BulkReply).ToArray();

    /// <summary>
    /// Items of one kind waiting and not leased, in due order. One kind per query: with "Kind" = ? the planner seeks the
    /// (State, Kind, NextAttemptAt) index and reads it in order; with "Kind" &lt;&gt; 2 or IN (0, 1) SQLite chose the
    /// (State, NextAttemptAt) index and would step over every due bulk reply to find an agent's.
    /// </summary>
    internal static IQueryable<OutboxItem> Due(HelpdeskDbContext db, DateTimeOffset now, OutboxKind kind) =>
        db.Outbox.Where(OutboxItem.WaitingAt(now)).Where(o => o.LeasedUntil == null || o.LeasedUntil <= now).Where(o => o.Kind == kind)
            .OrderBy(o => o.NextAttemptAt).ThenBy(o => o.Id);

    /// <summary>Agents' replies first, then bulk replies; bulk gets at least its share while both are waiting.</summary>
    internal static List<OutboxItem> Share(List<OutboxItem> agents, List<OutboxItem> bulk, int count, double bulkShare)
    {
        var reserved = bulk.Count == 0 || count < 2 || bulkShare <= 0 ? 0 : Math.Min(bulk.Count, Math.Max(1, (int)(count * bulkShare)));
        var fromAgents = Math.Min(agents.Count, count - reserved);
        return [.. agents.Take(fromAgents), .. bulk.Take(count - fromAgents)];
    }

    /// <summary>base × 2^(attempt-1), capped, ±20 %: spreads retries so a recovered server is not hit all at once.</summary>
    internal TimeSpan RetryDelay(int attempt)
    {
        var raw = options.RetryBaseDelay.TotalSeconds * Math.Pow(2, Math.Min(attempt - 1, 30));
        var capped = Math.Min(raw, options.RetryMaxDelay.TotalSeconds);
        return TimeSpan.FromSeconds(capped * (0.8 + 0.4 * Random.Shared.NextDouble()));
    }

    private async Task DropSubmitterAsync(int lane)
    {
        var submitter = Interlocked.Exchange(ref _submitters[lane], null);
        if (submitter is IAsyncDisposable d) await d.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        for (var lane = 0; lane < _submitters.Length; lane++) await DropSubmitterAsync(lane);
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Debug, Message = "Sent outbox item {Id} for ticket #{Ticket}")]
    private static partial void LogSent(ILogger logger, long id, long ticket);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "Outbox item {Id} failed permanently: {Reply}")]
    private static partial void LogFailed(ILogger logger, long id, string reply);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Information, Message = "Outbox item {Id} will be retried: {Reason}")]
    private static partial void LogRetry(ILogger logger, long id, string reason);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Error, Message = "Sending paused: the SMTP server refused the desk's login ({Reply})")]
    private static partial void LogAuthFailed(ILogger logger, string reply);
}
