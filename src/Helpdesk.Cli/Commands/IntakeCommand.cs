using Helpdesk.Core.Intake;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Helpdesk.Cli.Commands;

/// <summary>`helpdesk intake`: take in the mail waiting in the configured mailboxes and the drop folder.</summary>
public sealed class IntakeCommand : ICliCommand
{
    public string Name => "intake";

    public string Summary => "Take in mail from the configured mailboxes and the drop folder (--once: then exit)";

    public string Usage => """
        Usage: helpdesk intake [--once] [--no-drop]

        Takes in every email waiting in the mailboxes configured as Helpdesk__Mailboxes__N__Host, __Port,
        __Security (None|StartTls|Tls), __User, __Password, __Folder, __ProcessedFolder, __BatchSize, __Timeout, and in the drop
        folder (Helpdesk__Intake__DropFolder, default data/drop), into the database named by ConnectionStrings__Helpdesk.
        Each batch is stored (with the mailbox cursor) before it is processed and before the server is told anything.

          --once      take in what is waiting, print a summary and exit (for cron, backfills and tests)
                      without it: keep running with IDLE until Ctrl+C
          --no-drop   leave the drop folder alone
        Exit code 0, or 1 when a mailbox failed (the reason on stderr).
        """;

    public async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var options = CliArgs.Parse(args, flags: ["--once", "--no-drop"], valued: []);
        if (options.Positional.Count > 0) throw new CliUsageException($"unexpected argument '{options.Positional[0]}'.");
        using var host = await CliHost.StartAsync(cancellationToken: cancellationToken);
        // Settings are checked here, as the web host does at start, so a typo names its setting instead of failing later.
        try
        {
            _ = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<IntakeOptions>>().Value;
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException e)
        {
            foreach (var failure in e.Failures) await stderr.WriteLineAsync($"helpdesk intake: {failure}");
            return 2;
        }
        if (!options.Flag("--once"))
        {
            await host.StartAsync(cancellationToken);
            var worker = ActivatorUtilities.CreateInstance<IntakeWorker>(host.Services);
            await worker.StartAsync(cancellationToken);
            try { await Task.Delay(Timeout.Infinite, cancellationToken); }
            catch (OperationCanceledException) { }
            await worker.StopAsync(CancellationToken.None);
            return 0;
        }

        var progress = new TerminalProgress(stdout);
        var bySource = new System.Collections.Concurrent.ConcurrentDictionary<string, IntakeProgress>();
        var summary = await host.Services.GetRequiredService<IntakeRunner>().RunOnceAsync(!options.Flag("--no-drop"), p =>
        {
            bySource[p.Source] = p;
            var all = bySource.Values.ToList();
            progress.Report(all.Sum(s => s.Taken), all.All(s => s.Waiting is not null) ? all.Sum(s => s.Waiting ?? 0) : null);
        }, cancellationToken);
        progress.Finish();
        if (summary.PendingProcessed > 0) await stdout.WriteLineAsync($"processed {summary.PendingProcessed} emails stored earlier");
        foreach (var (source, count) in summary.TakenBySource.OrderBy(s => s.Key, StringComparer.Ordinal))
            await stdout.WriteLineAsync($"{source}: took in {count} emails");
        await stdout.WriteLineAsync(TerminalProgress.Summary("took in", summary.TakenBySource.Values.Sum(), progress.Elapsed)
            + (summary.Errors.Count > 0 ? $"; {summary.Errors.Count} mailbox(es) failed" : ""));
        foreach (var (source, error) in summary.Errors)
            await stderr.WriteLineAsync($"helpdesk intake: {source}: {error}");
        return summary.Errors.Count == 0 ? 0 : 1;
    }
}
