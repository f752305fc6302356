using System.Globalization;
using System.Net;
using Helpdesk.Web.Health;
using Microsoft.Net.Http.Headers;

namespace Helpdesk.Web.Startup;

/// <summary>
/// While the desk prepares (<see cref="DeskPreparation"/>), every request but the health endpoints gets a small page
/// saying what the desk is doing, which reloads itself every few seconds (a meta refresh: no script, under the console's
/// policy), with 503 and Retry-After for anything that is not a person. Once ready, the gate costs one flag read.
/// </summary>
public sealed class PreparationGate(RequestDelegate next, DeskPreparation preparation)
{
    public const int RefreshSeconds = 3;

    public Task InvokeAsync(HttpContext http)
    {
        if (preparation.IsReady) return next(http);
        var path = http.Request.Path;
        if (path.StartsWithSegments(HealthEndpoints.LivePath) || path.StartsWithSegments(HealthEndpoints.ReadyPath)
            || path.StartsWithSegments("/_content") || path.StartsWithSegments("/css")) return next(http);
        return WriteAsync(http);
    }

    private async Task WriteAsync(HttpContext http)
    {
        var response = http.Response;
        response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        response.Headers[HeaderNames.RetryAfter] = RefreshSeconds.ToString(CultureInfo.InvariantCulture);
        response.Headers[HeaderNames.CacheControl] = "no-store";
        response.ContentType = "text/html; charset=utf-8";
        var failed = preparation.Failure;
        var step = WebUtility.HtmlEncode(failed is null ? preparation.Step : "The desk could not start: " + failed);
        var seconds = ((int)preparation.Elapsed.TotalSeconds).ToString("N0", CultureInfo.InvariantCulture);
        var next = failed is null
            ? $"This page reloads by itself every {RefreshSeconds} seconds and opens the desk when it is ready; nothing you do is needed."
            : "The desk is stopping; the person who runs it finds the reason in its log.";
        await response.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            {(failed is null ? $"<meta http-equiv=\"refresh\" content=\"{RefreshSeconds}\">" : "")}
            <title>Preparing the desk · Helpdesk</title>
            <link rel="stylesheet" href="/_content/BootstrapBlazor/css/bootstrap.blazor.bundle.min.css">
            </head>
            <body class="p-4">
            <main class="desk-preparing" data-preparing="{(failed is null ? "yes" : "failed")}">
            <h1 class="h4">The desk is getting ready</h1>
            <p class="preparing-step"><strong>{step}</strong> ({seconds} s so far).</p>
            <p>{next}</p>
            </main>
            </body>
            </html>
            """, http.RequestAborted);
    }
}

/// <summary>
/// A background worker that needs the prepared desk (the migrated schema, the first model): started only once
/// <see cref="DeskPreparation"/> is done, so the host itself, and with it the web server, starts at once. A worker
/// that refuses to start (a setting it rejects) stops the desk with the reason logged, as it did when it started first.
/// </summary>
public sealed class AfterPreparation(IHostedService inner, DeskPreparation preparation, IHostApplicationLifetime lifetime,
    ILogger<AfterPreparation> logger) : IHostedService
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _starting;

    public IHostedService Inner => inner;

    /// <summary>Completes when the worker has started; faults with its reason when it refused to.</summary>
    public Task Started => _started.Task;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _starting = Task.Run(async () =>
        {
            try
            {
                await preparation.Ready.WaitAsync(_stopping.Token);
                await inner.StartAsync(_stopping.Token);
                _started.TrySetResult();
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                _started.TrySetCanceled();
            }
            catch (Exception e) when (!preparation.Ready.IsCompletedSuccessfully)
            {
                logger.LogDebug(e, "{Worker} not started: the desk did not finish preparing", inner.GetType().Name);
                _started.TrySetException(e);
            }
            catch (Exception e)
            {
                logger.LogCritical(e, "{Worker} could not start: {Reason}", inner.GetType().Name, e.Message);
                _started.TrySetException(e);
                Environment.ExitCode = 1;
                lifetime.StopApplication();
            }
        }, CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_starting is not null) await _starting.WaitAsync(cancellationToken);
        if (_started.Task.IsCompletedSuccessfully) await inner.StopAsync(cancellationToken);
    }
}
