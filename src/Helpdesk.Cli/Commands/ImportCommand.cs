using Helpdesk.Core.Intake;
using Microsoft.Extensions.DependencyInjection;

namespace Helpdesk.Cli.Commands;

/// <summary>`helpdesk import PATH...`: .eml files, folders of them, and mbox files, through the intake pipeline.</summary>
public sealed class ImportCommand : ICliCommand
{
    public string Name => "import";

    public string Summary => "Take in .eml files, folders and mbox files through the intake pipeline";

    public string Usage => """
        Usage: helpdesk import PATH...

        Each PATH is an .eml file, an mbox file (.mbox, or any file starting with a "From " line), or a folder searched
        for both. Every email is stored and processed exactly like mail from a mailbox (threading, machine mail,
        masking, acknowledgment); importing the same file twice creates nothing new (same Message-ID and bytes).
        Exit code 0, or 1 when a path could not be read.
        """;

    public async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var options = CliArgs.Parse(args, flags: [], valued: []);
        if (options.Positional.Count == 0) throw new CliUsageException("say what to import: PATH...");
        using var host = await CliHost.StartAsync(cancellationToken: cancellationToken);
        var importer = ActivatorUtilities.CreateInstance<MailImporter>(host.Services);
        var progress = new TerminalProgress(stdout);
        // The number of emails in mbox files is not known before reading them: the time left comes from the bytes read.
        var summary = await importer.ImportAsync(options.Positional,
            progress: p => progress.Report(p.Emails, null, p.BytesTotal > 0 ? (double)p.BytesRead / p.BytesTotal : null), cancellationToken: cancellationToken);
        progress.Finish();
        await stdout.WriteLineAsync($"imported {summary.Emails} emails: {summary.Processed} processed, {summary.Duplicates} duplicates, {summary.Quarantined} quarantined");
        await stdout.WriteLineAsync(TerminalProgress.Summary("imported", summary.Emails, progress.Elapsed));
        foreach (var u in summary.Unreadable) await stderr.WriteLineAsync($"helpdesk import: {u}");
        return summary.Unreadable.Count == 0 ? 0 : 1;
    }
}
