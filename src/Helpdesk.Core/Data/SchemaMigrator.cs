using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Helpdesk.Core.Data;

/// <summary>
/// Creates the schema on first start and applies numbered steps after that. EF's migration tooling does not restore
/// from the registry here, so each schema change after version 1 is a step below with SQL for each provider; the
/// SchemaVersion table records what ran. A database newer than this build stops start-up with a clear message.
/// </summary>
public sealed class SchemaMigrator(IDbContextFactory<HelpdeskDbContext> factory, ILogger<SchemaMigrator> logger)
{
    /// <summary>A schema change: SQL per provider, applied once, in order.</summary>
    public sealed record Step(int Version, string Description, string SqliteSql, string PostgresSql);

    /// <summary>Version 1 is the model as EF creates it; later steps go here, never edited once released.</summary>
    public static IReadOnlyList<Step> Steps { get; } =
    [
        new(7, "mailbox leases: one intake instance per mailbox",
            """
            CREATE TABLE "MailboxLeases" (
                "Mailbox" TEXT NOT NULL CONSTRAINT "PK_MailboxLeases" PRIMARY KEY,
                "Holder" TEXT NOT NULL,
                "AcquiredAt" INTEGER NOT NULL,
                "ExpiresAt" INTEGER NOT NULL);
            """,
            """
            CREATE TABLE "MailboxLeases" (
                "Mailbox" character varying(200) NOT NULL,
                "Holder" character varying(200) NOT NULL,
                "AcquiredAt" timestamp with time zone NOT NULL,
                "ExpiresAt" timestamp with time zone NOT NULL,
                CONSTRAINT "PK_MailboxLeases" PRIMARY KEY ("Mailbox"));
            """),
    ];

    public static int LatestVersion => Steps.Count == 0 ? 1 : Steps[^1].Version;

    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        if (db.IsSqlite)
        {
            // WAL lets readers (dashboards) run beside the one writer; it is a property of the file, set once.
            await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
        }

        if (await db.Database.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false))
        {
            db.SchemaVersion.Add(new SchemaVersionRow { Version = LatestVersion, AppliedAt = DateTimeOffset.UtcNow, Description = "created" });
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Created the database schema at version {Version}", LatestVersion);
            return;
        }

        var current = await db.SchemaVersion.MaxAsync(v => (int?)v.Version, cancellationToken).ConfigureAwait(false) ?? 1;
        if (current > LatestVersion)
            throw new InvalidOperationException(
                $"The database schema is at version {current}, newer than this build of the desk knows ({LatestVersion}). Run a newer build or point ConnectionStrings__Helpdesk at another database.");

        foreach (var step in Steps.Where(s => s.Version > current))
        {
            await using var tx = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await db.Database.ExecuteSqlRawAsync(db.IsSqlite ? step.SqliteSql : step.PostgresSql, cancellationToken).ConfigureAwait(false);
            db.SchemaVersion.Add(new SchemaVersionRow { Version = step.Version, AppliedAt = DateTimeOffset.UtcNow, Description = step.Description });
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Applied schema step {Version}: {Description}", step.Version, step.Description);
        }
    }
}
