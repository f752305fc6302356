using Helpdesk.Core.Staff;
using Microsoft.Extensions.DependencyInjection;

namespace Helpdesk.Cli.Commands;

/// <summary>`helpdesk staff import FILE.csv`: staff accounts in bulk, each with a temporary password.</summary>
public sealed class StaffCommand : ICliCommand
{
    public string Name => "staff";

    public string Summary => "Import staff accounts from a CSV file (email, first name, last name, roles) with temporary passwords";

    public string Usage => """
        Usage: helpdesk staff import FILE.csv [--out PASSWORDS.csv]

        Creates an account for each row of FILE.csv. The first line names the columns: email, first name, last name,
        roles (Agent, Lead, Trainer, Admin; several separated by ';' or spaces; empty means Agent) and, optionally,
        user name (default: the email address). A row whose email or user name already has an account is left alone,
        so importing the same file again creates nobody twice. Bad rows are listed with their line number and reason;
        the good rows are imported.
        Each new account gets a random temporary password, written to PASSWORDS.csv (default FILE.passwords.csv beside
        FILE.csv, readable by its owner only) for handing out; it must be changed at first sign-in. Passwords are
        never printed.
        Exit code 0 when every row was imported or already there, 1 when some rows were rejected, 2 on a usage error.
        """;

    public async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var options = CliArgs.Parse(args, flags: [], valued: ["--out"]);
        if (options.Positional.Count == 0 || options.Positional[0] != "import")
            throw new CliUsageException(options.Positional.Count == 0 ? "say what to do: 'import FILE.csv'." : $"unknown action '{options.Positional[0]}'; use 'import'.");
        if (options.Positional.Count != 2) throw new CliUsageException("'import' takes exactly one CSV file.");
        var file = options.Positional[1];
        if (!File.Exists(file)) throw new CliUsageException($"no file '{file}'.");
        var output = options.Value("--out") ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file))!, Path.GetFileNameWithoutExtension(file) + ".passwords.csv");
        if (Path.GetFullPath(output) == Path.GetFullPath(file)) throw new CliUsageException("--out must not be the input file.");

        var text = await File.ReadAllTextAsync(file, cancellationToken);
        using var host = await CliHost.StartAsync(cancellationToken: cancellationToken);
        var result = await host.Services.GetRequiredService<StaffImport>().ImportAsync(text, "cli", null, cancellationToken);

        foreach (var p in result.Problems) await stderr.WriteLineAsync($"{file}:{p.Line}: {p.Reason}");
        // A re-import skips everybody; a few examples say why without burying the summary.
        foreach (var a in result.AlreadyThere.Take(5)) await stdout.WriteLineAsync($"{file}:{a.Line}: skipped, {a.Reason}");
        if (result.AlreadyThere.Count > 5) await stdout.WriteLineAsync($"... and {result.AlreadyThere.Count - 5} more skipped the same way.");
        if (result.Created.Count > 0)
        {
            await WritePrivateAsync(output, result.CredentialsCsv(), cancellationToken);
            await stdout.WriteLineAsync($"Created {result.Created.Count} accounts; their temporary passwords are in {output} (hand them out, then delete the file).");
        }
        else await stdout.WriteLineAsync("Created no accounts.");
        await stdout.WriteLineAsync($"{result.AlreadyThere.Count} already had an account, {result.Problems.Count} rows rejected.");
        return result.Problems.Count > 0 ? 1 : 0;
    }

    /// <summary>The file holds working passwords: created readable by its owner only, before anything is written to it.</summary>
    private static async Task WritePrivateAsync(string path, string content, CancellationToken cancellationToken)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        await using var stream = new FileStream(path, options);
        await using var writer = new StreamWriter(stream);
        await writer.WriteAsync(content.AsMemory(), cancellationToken);
    }
}
