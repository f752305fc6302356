using System.Globalization;
using Helpdesk.Cli.Commands;

namespace Helpdesk.Cli;

/// <summary>Dispatches `helpdesk VERB ...` to the verb; callable from tests without a process.</summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        if (args.Length == 0 || args[0] is "--help" or "-h" or "help")
        {
            WriteHelp(stdout);
            return args.Length == 0 ? 2 : 0;
        }

        var command = CommandRegistry.All.FirstOrDefault(c => c.Name == args[0]);
        if (command is null)
        {
            await stderr.WriteLineAsync($"helpdesk: unknown command '{args[0]}'. Run 'helpdesk --help' for the list.");
            return 2;
        }

        var rest = args[1..];
        if (rest.Contains("--help") || rest.Contains("-h"))
        {
            await stdout.WriteLineAsync(command.Usage);
            return 0;
        }

        try
        {
            return await command.RunAsync(rest, stdout, stderr, cancellationToken);
        }
        catch (CliUsageException e)
        {
            await stderr.WriteLineAsync($"helpdesk {command.Name}: {e.Message}");
            await stderr.WriteLineAsync(command.Usage);
            return 2;
        }
    }

    private static void WriteHelp(TextWriter stdout)
    {
        stdout.WriteLine("helpdesk - the email support desk's command-line tool");
        stdout.WriteLine();
        stdout.WriteLine("Usage: helpdesk COMMAND [options]   (helpdesk COMMAND --help for details)");
        stdout.WriteLine();
        stdout.WriteLine("Commands:");
        foreach (var c in CommandRegistry.All)
            stdout.WriteLine($"  {c.Name,-10} {c.Summary}");
    }
}

/// <summary>Thrown by a verb for bad arguments; the dispatcher prints the message and the verb's usage, exit 2.</summary>
public sealed class CliUsageException(string message) : Exception(message);
