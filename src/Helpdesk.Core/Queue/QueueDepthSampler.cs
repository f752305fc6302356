using Helpdesk.Core.Data;
using Helpdesk.Core.Diagnostics;
using Helpdesk.Core.Intake;
using Helpdesk.Core.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Helpdesk.Core.Queue;

/// <summary>
/// Reads the waiting tickets per intent and the intake backlog every <see cref="Every"/> for the observable gauges of
/// <see cref="DeskMetrics"/>. Sampling here rather than inside the gauge callback keeps a scrape from running two
/// GROUP BYs on a million-ticket table, and several scrapers at once from running them several times.
/// </summary>
public sealed partial class QueueDepthSampler(IDbContextFactory<HelpdeskDbContext> factory, TimeProvider time, ILogger<QueueDepthSampler> logger)
    : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SampleAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The schema may not exist yet on a first start, or the database is down: /readyz reports that.
                LogSampleFailed(logger, e.Message);
            }
            try { await Task.Delay(Every, time, stoppingToken).ConfigureAwait(false); }
            catch (OperationCanceledException) { return; }
        }
    }

    public async Task SampleAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var byIntent = await db.Tickets.Where(t => t.Status == TicketStatus.New || t.Status == TicketStatus.Open)
            .GroupBy(t => t.Intent).Select(g => new { Intent = g.Key, Count = g.LongCount() })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        DeskMetrics.SetQueueDepth(byIntent.ToDictionary(x => x.Intent ?? "unclassified", x => x.Count));
        var pending = db.RawMessages.Where(r => r.State == RawMessageState.Pending);
        var count = await pending.LongCountAsync(cancellationToken).ConfigureAwait(false);
        var oldest = count == 0 ? null
            : await pending.OrderBy(r => r.Id).Select(r => (DateTimeOffset?)r.FetchedAt).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        DeskMetrics.SetIntakeBacklog(new IntakeBacklog(count, oldest is { } at ? time.GetUtcNow() - at : null));
    }

    [LoggerMessage(EventId = 9101, Level = LogLevel.Debug, Message = "Queue depth not sampled: {Error}")]
    private static partial void LogSampleFailed(ILogger logger, string error);
}
