using Helpdesk.Core.Diagnostics;
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
                logger.ModelUnavailable(e);
            }
        }));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// Every <see cref="ClassificationOptions.ReloadInterval"/>, loads the model file again if another process replaced
/// it (a trainer ran `helpdesk train --activate`): the running desk swaps models without a restart.
/// </summary>
public sealed class ModelFileWatcher(IntentClassifierService classifier, Microsoft.Extensions.Options.IOptions<ClassificationOptions> options,
    TimeProvider time, ILogger<ModelFileWatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.ReloadInterval, time, stoppingToken);
                await classifier.ReloadIfFileChangedAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                // A half-copied or damaged file by hand: keep the live model and say why.
                logger.ModelFileNotReloaded(e);
            }
        }
    }
}
