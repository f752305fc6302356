namespace Helpdesk.Cli.Commands;

/// <summary>Every verb of the `helpdesk` tool, in the order `--help` lists them.</summary>
public static class CommandRegistry
{
    public static IReadOnlyList<ICliCommand> All { get; } =
    [
        // new verbs: one line each, keep alphabetical
        new BenchCommand(),
        new ClassifyCommand(),
        new DrillCommand(),
        new EvaluateCommand(),
        new ImportCommand(),
        new IntakeCommand(),
        new MigrateCommand(),
        new ParseCommand(),
        new SeedCommand(),
        new SendCommand(),
        new StaffCommand(),
        new StatsCommand(),
        new TrainCommand(),
        new WordsCommand(),
    ];
}
