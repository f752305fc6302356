namespace Helpdesk.Cli.Commands;

/// <summary>One `helpdesk` verb. Each verb lives in its own file and is listed once in <see cref="CommandRegistry"/>.</summary>
public interface ICliCommand
{
    /// <summary>The verb typed on the command line, e.g. "seed".</summary>
    string Name { get; }

    /// <summary>One line for `helpdesk --help`.</summary>
    string Summary { get; }

    /// <summary>Full usage text for `helpdesk VERB --help`.</summary>
    string Usage { get; }

    /// <summary>Runs the verb; returns the process exit code. Arguments exclude the verb itself.</summary>
    Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken);
}
