using Helpdesk.Core.Data;
using Helpdesk.Mail.Smtp;
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
/// them), sends each one's stored bytes — built once, with its fixed Message-ID — and records the outcome.
///
/// The send window: the only moment a crash can cause a second send is after the server accepted the message (250
/// after DATA) and before the Sent mark is committed. The lease expires, the item is sent again with the same bytes
/// and the same Message-ID, so the customer's client shows one message in the thread. The window is one database
/// commit long; SMTP offers no way to close it completely.
/// </summary>
public sealed partial class OutboxDispatcher(
    IDbContextFactory<HelpdeskDbContext> factory,
    IMailSubmitterFactory submitters,
    OutboxOptions options,
    OutboxControl control,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger) : IAsyncDisposable
{
    private readonly Random _jitter = new();
    private IMailSubmitter? _submitter;
    private double _tokens = Math.Max(1, options.MaxPerSecond);
    private DateTimeOffset _refilledAt = time.GetUtcNow();

    /// <summary>Sends what is due now, within the rate limit. Returns how many items were handled (sent, failed, retried).</summary>
    public async Task<int> DispatchOnceAsync(CancellationToken cancellationToken)
    {
        if (await control.IsPausedAsync(cancellationToken)) return 0;
        var budget = TakeBudget();
        if (budget == 0) return 0;
        var items = await LeaseDueAsync(Math.Min(budget, options.BatchSize), cancellationToken);
        var handled = 0;
        foreach (var id in items)
        {
            if (await control.IsPausedAsync(cancellationToken)) break;
            await SendOneAsync(id, cancellationToken);
            handled++;
        }
        if (handled < items.Count) await ReleaseAsync(items.Skip(handled).ToList(), cancellationToken);
        _tokens -= handled;
        return handled;
    }

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

    private async Task SendOneAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var item = await db.Outbox.SingleAsync(o => o.Id == id, cancellationToken);
        // Undone (cancelled) between the lease query and this read: leasing does not look at the state again.
        if (item.State != OutboxState.Queued) return;
        var now = time.GetUtcNow();
        var customer = await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.Address == item.ToAddress, cancellationToken);
        if (customer is { Undeliverable: true })
        {
            item.Suppress($"Not sent: {item.ToAddress} is undeliverable ({customer.UndeliverableReason}).");
        }
        else if (item.Mime is null)
        {
            item.MarkFailed("The message was never built; nothing could be sent.", now);
        }
        else
        {
            try
            {
                _submitter ??= submitters.Create();
                await _submitter.SendAsync(new SubmissionEnvelope(options.EnvelopeFrom, item.ToAddress), item.Mime, cancellationToken);
                item.MarkSent(time.GetUtcNow());
                Diagnostics.DeskMetrics.Sent();
                LogSent(logger, item.Id, item.TicketNumber);
            }
            catch (SmtpAuthenticationException e)
            {
                // Our credentials, not this message: stop sending and keep the item queued for when someone fixes it.
                await control.PauseAsync($"The SMTP server refused the desk's login: {e.Reply?.ToString() ?? e.Message}", "system", null, CancellationToken.None);
                item.ReleaseLease();
                await DropSubmitterAsync();
                LogAuthFailed(logger, e.Reply?.ToString() ?? e.Message);
                Diagnostics.DeskMetrics.SendFailed("paused");
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
                if (item.Attempts + 1 >= options.MaxAttempts) item.MarkFailed($"Gave up after {item.Attempts + 1} attempts: {reason}", time.GetUtcNow());
                else item.RecordTemporaryFailure(reason, time.GetUtcNow(), now + RetryDelay(item.Attempts + 1));
                if (e.Reply is null) await DropSubmitterAsync(); // the connection is gone; the next send opens a new one
                LogRetry(logger, item.Id, reason);
                Diagnostics.DeskMetrics.SendFailed(item.State == OutboxState.Failed ? "failed" : "retry");
            }
        }
        await db.SaveChangesAsync(CancellationToken.None);
    }

    /// <summary>base × 2^(attempt-1), capped, ±20 %: spreads retries so a recovered server is not hit all at once.</summary>
    internal TimeSpan RetryDelay(int attempt)
    {
        var raw = options.RetryBaseDelay.TotalSeconds * Math.Pow(2, Math.Min(attempt - 1, 30));
        var capped = Math.Min(raw, options.RetryMaxDelay.TotalSeconds);
        return TimeSpan.FromSeconds(capped * (0.8 + 0.4 * _jitter.NextDouble()));
    }

    private async Task ReleaseAsync(List<long> ids, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        foreach (var item in await db.Outbox.Where(o => ids.Contains(o.Id)).ToListAsync(cancellationToken)) item.ReleaseLease();
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task DropSubmitterAsync()
    {
        if (_submitter is IAsyncDisposable d) await d.DisposeAsync();
        _submitter = null;
    }

    public ValueTask DisposeAsync() => new(DropSubmitterAsync());

    [LoggerMessage(EventId = 7001, Level = LogLevel.Debug, Message = "Sent outbox item {Id} for ticket #{Ticket}")]
    private static partial void LogSent(ILogger logger, long id, long ticket);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "Outbox item {Id} failed permanently: {Reply}")]
    private static partial void LogFailed(ILogger logger, long id, string reply);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Information, Message = "Outbox item {Id} will be retried: {Reason}")]
    private static partial void LogRetry(ILogger logger, long id, string reason);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Error, Message = "Sending paused: the SMTP server refused the desk's login ({Reply})")]
    private static partial void LogAuthFailed(ILogger logger, string reply);
}
