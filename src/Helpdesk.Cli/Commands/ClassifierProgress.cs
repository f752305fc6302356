namespace Helpdesk.Cli.Commands;

/// <summary>Training progress for the train/evaluate/classify verbs: one line each on stderr, in order.</summary>
internal sealed class StderrProgress(TextWriter stderr) : IProgress<string>
{
    public void Report(string value) => stderr.WriteLine(value);
}
