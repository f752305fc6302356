using Helpdesk.Core.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Helpdesk.Cli.Commands;

/// <summary>`helpdesk migrate`: brings the schema up to date and nothing else, for deployments that do it as a step of their own.</summary>
public sealed class MigrateCommand : ICliCommand
{
    public string Name => "migrate";

    public string Summary => "Apply the schema migrations this build has and the database lacks, then exit";

    public string Usage => """
        Usage: helpdesk migrate

        Applies pending schema migrations to the database named by ConnectionStrings__Helpdesk (and
        Helpdesk__Database__Provider), the same ones the desk applies at start. A database made by the numbered schema
        steps of earlier builds (step 11) is taken over as it stands. A database written by a newer build is left
        alone: exit code 1 with the reason.
        """;

    public async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var options = CliArgs.Parse(args, flags: [], valued: []);
        if (options.Positional.Count > 0) throw new CliUsageException($"unexpected argument '{options.Positional[0]}'.");
        using var host = CliHost.Build();
        var target = host.Services.GetRequiredService<DatabaseTarget>();
        SchemaMigration result;
        try
        {
            await using (await StartupLock.AcquireAsync(target, cancellationToken))
                result = await host.Services.GetRequiredService<SchemaMigrator>().MigrateAsync(cancellationToken);
        }
        catch (InvalidOperationException e)
        {
            await stderr.WriteLineAsync($"helpdesk migrate: {e.Message}");
            return 1;
        }
        if (result.TookOverNumberedSteps)
            await stdout.WriteLineAsync($"Took over the {target.Provider} database made by the numbered schema steps (step {SchemaMigrator.LastNumberedStep}): its tables and rows are kept as they were, recorded as migration {SchemaMigrator.InitialMigrationName}.");
        await stdout.WriteLineAsync(result.Applied.Count == 0
            ? $"The {target.Provider} database is up to date."
            : $"Applied {result.Applied.Count} migration(s) to the {target.Provider} database: {string.Join(", ", result.Applied)}.");
        return 0;
    }
}
