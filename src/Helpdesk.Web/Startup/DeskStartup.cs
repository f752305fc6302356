using Helpdesk.Core.Data;
using Helpdesk.Demo;
using Helpdesk.Core.Replies;
using Helpdesk.Core.Templates;
using Helpdesk.Core.Staff;

namespace Helpdesk.Web.Startup;

/// <summary>
/// Before the desk serves anyone: the schema is created or migrated, demo data loaded in demo mode (on a first start
/// that trains the intent model: about half a minute), and an Admin exists. It runs beside the listening web server,
/// not before it: a person opening the desk meanwhile sees what it is doing (<see cref="PreparationGate"/>), not a
/// closed port. A failure stops the host, as before, with the reason logged.
/// </summary>
public sealed class DeskStartup(SchemaMigrator migrator, TemplateCatalog templates, DemoDataSeeder seeder, FirstAdmin firstAdmin, DatabaseTarget database,
    DeskPreparation preparation, IHostApplicationLifetime lifetime, ILogger<DeskStartup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // StartAsync returns at once; the host goes on to start the web server
        try
        {
            logger.LogInformation("Database: {Provider}, data directory {Directory}", database.Provider, database.DataDirectory);
            preparation.Doing("Waiting for another instance that is preparing the same database");
            // Several instances starting together on one PostgreSQL take turns; the later ones find the work done.
            await using var startup = await StartupLock.AcquireAsync(database, stoppingToken);
            preparation.Doing("Creating or updating the database");
            await migrator.MigrateAsync(stoppingToken);
            preparation.Doing("Loading the reply templates");
            await templates.ImportSeedAsync(stoppingToken);
            preparation.Doing(seeder.IsDemoMode
                ? "Preparing the demo desk: training the intent model and reading the demo emails (about half a minute on a first start)"
                : "Checking the intent model");
            var seeded = await seeder.SeedIfNeededAsync(stoppingToken);
            if (seeded > 0) logger.LogInformation("Demo mode: loaded {Count} demo tickets; sign in as agent, lead, trainer or admin", seeded);
            preparation.Doing("Making sure an Admin account exists");
            // After the demo seed: in demo mode its admin is the desk's admin, and no setting is needed.
            await firstAdmin.EnsureAsync(stoppingToken);
            preparation.Done();
            logger.LogInformation("The desk is ready after {Seconds:0.0} s of preparation", preparation.Elapsed.TotalSeconds);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            preparation.Failed(new OperationCanceledException("The desk was stopped while preparing."));
        }
        catch (Exception e)
        {
            logger.LogCritical(e, "The desk could not prepare: {Reason}", e.Message);
            preparation.Failed(e);
            Environment.ExitCode = 1;
            lifetime.StopApplication();
        }
    }
}
