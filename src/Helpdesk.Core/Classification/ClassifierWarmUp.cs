using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Helpdesk.Core.Classification;

/// <summary>
/// Loads or trains the intent model once the host has started, on a background thread, so a web host is never held
/// up by it (the demo seeder, which needs the model, awaits the same work during start). CLI hosts are never started,
/// so they load on first use instead.
/// </summary>
public sealed class ClassifierWarmUp(ITicketClassifier classifier, IHostApplicationLifetime lifetime, ILogger<ClassifierWarmUp> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _ = Task.Run(async () =>
        {
            try
            {
                await classifier.WarmUpAsync(lifetime.ApplicationStopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
            {
            }
            catch (Exception e)
            {
                logger.LogError(e, "The intent model could not be loaded or trained; tickets stay unclassified");
            }
        }));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
