using Helpdesk.Core.Data;
using Helpdesk.Core.Demo;
using Helpdesk.Core.Replies;
using Helpdesk.Core.Staff;

namespace Helpdesk.Web.Startup;

/// <summary>Before the desk serves anyone: the schema is created or migrated, demo data loaded in demo mode, and an Admin exists.</summary>
public sealed class DeskStartup(SchemaMigrator migrator, TemplateCatalog templates, DemoDataSeeder seeder, FirstAdmin firstAdmin, DatabaseTarget database,
    ILogger<DeskStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation("Database: {Provider}, data directory {Directory}", database.Provider, database.DataDirectory);
        // Several instances starting together on one PostgreSQL take turns; the later ones find the work done.
        await using var startup = await StartupLock.AcquireAsync(database, cancellationToken);
        await migrator.MigrateAsync(cancellationToken);
        await templates.ImportSeedAsync(cancellationToken);
        var seeded = await seeder.SeedIfNeededAsync(cancellationToken);
        if (seeded > 0) logger.LogInformation("Demo mode: loaded {Count} demo tickets; sign in as agent, lead, trainer or admin", seeded);
        // After the demo seed: in demo mode its admin is the desk's admin, and no setting is needed.
        await firstAdmin.EnsureAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
