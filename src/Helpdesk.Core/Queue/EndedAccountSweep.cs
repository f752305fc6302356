using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Helpdesk.Core.Queue;

/// <summary>
/// Every <see cref="Interval"/>, gives back the tickets held by accounts whose end date has passed
/// (<see cref="TicketQueue.ReleaseEndedAccountsAsync"/>). Runs on every instance; the release is idempotent.
/// </summary>
public sealed partial class EndedAccountSweep(TicketQueue queue, TimeProvider time, ILogger<EndedAccountSweep> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Interval, time, stoppingToken).ConfigureAwait(false);
                var released = await queue.ReleaseEndedAccountsAsync(stoppingToken).ConfigureAwait(false);
                if (released.Count > 0) Released(logger, released.Count);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                Failed(logger, e);
            }
        }
    }

    [LoggerMessage(EventId = 1401, Level = LogLevel.Information, Message = "Released {Count} tickets held by ended accounts")]
    private static partial void Released(ILogger logger, int count);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Warning, Message = "Releasing the claims of ended accounts failed; trying again at the next pass")]
    private static partial void Failed(ILogger logger, Exception error);
}
