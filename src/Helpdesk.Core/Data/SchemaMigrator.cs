using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging;

namespace Helpdesk.Core.Data;

/// <summary>
/// Brings the database to this build's schema with EF Core migrations (src/Helpdesk.Data.Migrations.Sqlite and
/// .Postgres): a new database gets every migration, a database made by the numbered schema steps that came before
/// migrations is taken over as it stands, and a database written by a newer build stops start-up with a sentence
/// saying so. Run by the desk at start and by <c>helpdesk migrate</c>.
/// </summary>
public sealed class SchemaMigrator(IDbContextFactory<HelpdeskDbContext> factory, ILogger<SchemaMigrator> logger)
{
    /// <summary>The last of the numbered steps (SchemaVersion table) that built the schema before migrations.</summary>
    public const int LastNumberedStep = 11;

    /// <summary>
    /// Written to SchemaVersion once migrations own the schema: a build from before migrations reads it, finds a version
    /// newer than it knows and refuses to start in its own words, instead of failing on a table it has never seen.
    /// </summary>
    public const int MigrationsOwnTheSchema = 12;

    /// <summary>The migration that stands for the schema the numbered steps left (step <see cref="LastNumberedStep"/>).</summary>
    public const string InitialMigrationName = "InitialSchema";

    /// <summary>Brings the schema up to date; says which migrations it applied and whether it took over a pre-migration database.</summary>
    public async Task<SchemaMigration> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        if (db.IsSqlite)
        {
            // WAL lets readers (dashboards) run beside the one writer; it is a property of the file, set once, and
            // cannot be set inside the transaction a migration runs in.
            await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
        }

        var known = db.Database.GetMigrations().ToList();
        if (known.Count == 0)
            throw new InvalidOperationException(
                $"This build of the desk has no schema migrations for {db.Database.ProviderName}: the host must reference {MigrationsAssemblyOf(db)}.");

        var tookOver = await TakeOverNumberedStepsAsync(db, known, cancellationToken).ConfigureAwait(false);

        var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken).ConfigureAwait(false)).ToList();
        var unknown = applied.Except(known, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
            throw new InvalidOperationException(
                $"The database was written by a newer build of the desk: it has schema migration {string.Join(", ", unknown)}, which this build does not know (its last is {known[^1]}). Run a newer build or point ConnectionStrings__Helpdesk at another database.");

        var pending = known.Except(applied, StringComparer.Ordinal).ToList();
        if (pending.Count > 0)
        {
            await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Applied schema migrations {Migrations}", string.Join(", ", pending));
        }

        if (!await db.SchemaSteps.AnyAsync(v => v.Version == MigrationsOwnTheSchema, cancellationToken).ConfigureAwait(false))
        {
            db.SchemaSteps.Add(new SchemaVersionRow
            {
                Version = MigrationsOwnTheSchema,
                AppliedAt = DateTimeOffset.UtcNow,
                Description = "EF Core migrations (__EFMigrationsHistory) from here on",
            });
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        return new SchemaMigration(pending, tookOver);
    }

    /// <summary>Migrations this build knows that the database has not applied yet (the health check reads it).</summary>
    public async Task<IReadOnlyList<string>> PendingAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return (await db.Database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false)).ToList();
    }

    /// <summary>
    /// A database made by the numbered steps has a SchemaVersion table and no migration history. At step 11 its schema
    /// is what <see cref="InitialMigrationName"/> creates, so the history starts with that migration marked applied and
    /// nothing is touched; an older step is refused, since the steps that would bring it to 11 are gone.
    /// </summary>
    private async Task<bool> TakeOverNumberedStepsAsync(HelpdeskDbContext db, List<string> known, CancellationToken cancellationToken)
    {
        var history = db.GetService<IHistoryRepository>();
        // Asked of the catalog, not IHistoryRepository.ExistsAsync: on PostgreSQL (Npgsql 10.0.0) that said true here.
        if (await TableExistsAsync(db, HistoryRepository.DefaultTableName, cancellationToken).ConfigureAwait(false)) return false;
        if (!await TableExistsAsync(db, "SchemaVersion", cancellationToken).ConfigureAwait(false)) return false;

        var step = await db.SchemaSteps.MaxAsync(v => (int?)v.Version, cancellationToken).ConfigureAwait(false) ?? 1;
        if (step > LastNumberedStep)
            throw new InvalidOperationException(
                $"The database schema is at version {step} without a migration history: it was written by a build of the desk this one does not know. Run a newer build or point ConnectionStrings__Helpdesk at another database.");
        if (step < LastNumberedStep)
            throw new InvalidOperationException(
                $"The database schema is at step {step} of the numbered steps used before migrations; this build takes over databases at step {LastNumberedStep}. Start it once with a build from before migrations (main at 75a5ad3), which brings it to step {LastNumberedStep}, then start this build.");

        var initial = known.Single(m => m.EndsWith("_" + InitialMigrationName, StringComparison.Ordinal));
        var version = typeof(DbContext).Assembly.GetName().Version?.ToString(3) ?? "10.0";
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await db.Database.ExecuteSqlRawAsync(history.GetCreateIfNotExistsScript(), cancellationToken).ConfigureAwait(false);
        await db.Database.ExecuteSqlRawAsync(history.GetInsertScript(new HistoryRow(initial, version)), cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Took over a database made by the numbered schema steps (step {Step}) as migration {Migration}", step, initial);
        return true;
    }

    private static async Task<bool> TableExistsAsync(HelpdeskDbContext db, string table, CancellationToken cancellationToken)
    {
        return await db.Database.SqlQueryRaw<int>(Sql.ProviderSql.For(db).CountTablesNamed, table).SingleAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    private static string MigrationsAssemblyOf(HelpdeskDbContext db) =>
        db.IsSqlite ? DatabaseRegistration.SqliteMigrationsAssembly : DatabaseRegistration.PostgresMigrationsAssembly;
}

/// <summary>What <see cref="SchemaMigrator.MigrateAsync"/> did: the migrations it applied, and whether it first took over a
/// database made by the numbered steps (its schema kept as it was, recorded as the initial migration).</summary>
public sealed record SchemaMigration(IReadOnlyList<string> Applied, bool TookOverNumberedSteps);
