using Helpdesk.Core.Data;
using Helpdesk.Core.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Helpdesk.Cli.Commands;

/// <summary>`helpdesk send`: the outbox dispatcher without the web host (cron, backfills, tests).</summary>
public sealed class SendCommand : ICliCommand
{
    public string Name => "send";

    public string Summary => "Send the replies waiting in the outbox through the configured SMTP server (--once: then exit)";

    public string Usage => """
        Usage: helpdesk send [--once]

        Sends what the outbox owes customers through Helpdesk__Outbox__Host (__Port, __Security, __User, __Password,
        __PinnedCertificate), within Helpdesk__Outbox__MaxPerSecond. Temporary failures are retried later; permanent
        ones are marked failed with the server's words.
          --once   send everything due now (waiting for the rate limit), print a summary and exit
                   without it: keep sending until Ctrl+C
        Exit code 0; 1 when sending is paused (the SMTP login was refused; the reason on stderr); 2 when no SMTP
        server is configured.
        """;

    public async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var options = CliArgs.Parse(args, flags: ["--once"], valued: []);
        if (options.Positional.Count > 0) throw new CliUsageException($"unexpected argument '{options.Positional[0]}'.");
        using var host = await CliHost.StartAsync(cancellationToken: cancellationToken);
        var outbox = host.Services.GetRequiredService<OutboxOptions>();
        if (!outbox.IsConfigured)
        {
            await stderr.WriteLineAsync("helpdesk send: no SMTP server is configured; set Helpdesk__Outbox__Host.");
            return 2;
        }
        var dispatcher = host.Services.GetRequiredService<OutboxDispatcher>();
        var control = host.Services.GetRequiredService<OutboxControl>();
        var factory = host.Services.GetRequiredService<IDbContextFactory<HelpdeskDbContext>>();
        var total = 0;
        try
        {
            while (!cancellationToken.IsCancellationRequested && !control.IsPaused)
            {
                var handled = await dispatcher.DispatchOnceAsync(cancellationToken);
                total += handled;
                if (handled > 0) continue;
                if (options.Flag("--once") && !await AnythingDueAsync(factory, cancellationToken)) break;
                await Task.Delay(100, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            await dispatcher.DisposeAsync();
        }
        await stdout.WriteLineAsync($"handled {total} outbox items");
        if (control.IsPaused)
        {
            await stderr.WriteLineAsync($"helpdesk send: paused: {control.PausedBecause}");
            return 1;
        }
        return 0;
    }

    /// <summary>Due now, leased or not: an item a killed sender still leases is waited for until its lease runs out.</summary>
    private static async Task<bool> AnythingDueAsync(IDbContextFactory<HelpdeskDbContext> factory, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Outbox.AnyAsync(OutboxItem.WaitingAt(now), cancellationToken);
    }
}
