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
    /// <summary>
    /// A schema change: SQL per provider, applied once, in order. <paramref name="AlsoOnCreate"/>: the step makes
    /// something EF's model cannot describe (triggers, tables outside the model), so a new database runs it too,
    /// right after EnsureCreated.
    /// </summary>
    public sealed record Step(int Version, string Description, string SqliteSql, string PostgresSql, bool AlsoOnCreate = false);

    /// <summary>Version 1 is the model as EF creates it; later steps go here, never edited once released.</summary>
    public static IReadOnlyList<Step> Steps { get; } =
    [
        // Attachment bytes stay in the stored raw email only (AttachmentFiles reads them from there); every
        // attachment row so far came from intake and has its raw email, so nothing is lost.
        new(2, "attachments kept once, in the raw email",
            """ALTER TABLE "Attachments" DROP COLUMN "Content";""",
            """ALTER TABLE "Attachments" DROP COLUMN "Content";"""),
        new(3, "outbox: when each reply was last tried; the pause shared by every desk instance",
            """
            ALTER TABLE "Outbox" ADD "LastAttemptAt" INTEGER NULL;
            CREATE TABLE "OutboxPause" (
                "Id" INTEGER NOT NULL CONSTRAINT "PK_OutboxPause" PRIMARY KEY,
                "IsPaused" INTEGER NOT NULL,
                "Reason" TEXT NULL,
                "ChangedBy" TEXT NULL,
                "ChangedAt" INTEGER NULL
            );
            INSERT INTO "OutboxPause" ("Id", "ChangedAt", "ChangedBy", "IsPaused", "Reason") VALUES (1, NULL, NULL, 0, NULL);
            """,
            """
            ALTER TABLE "Outbox" ADD "LastAttemptAt" timestamp with time zone NULL;
            CREATE TABLE "OutboxPause" (
                "Id" integer NOT NULL,
                "IsPaused" boolean NOT NULL,
                "Reason" character varying(1000) NULL,
                "ChangedBy" character varying(100) NULL,
                "ChangedAt" timestamp with time zone NULL,
                CONSTRAINT "PK_OutboxPause" PRIMARY KEY ("Id")
            );
            INSERT INTO "OutboxPause" ("Id", "ChangedAt", "ChangedBy", "IsPaused", "Reason") VALUES (1, NULL, NULL, FALSE, NULL);
            """),
        new(Reporting.FigureRollups.SchemaVersion, "lead dashboard: hourly rollups kept by triggers, backlog-by-age index",
            Reporting.FigureRollups.Sqlite, Reporting.FigureRollups.Postgres, AlsoOnCreate: true),
        new(5, "Trainers' workspace: FAQ answers, template usage counts, sends by template version",
            """
            ALTER TABLE "ReplyTemplates" ADD COLUMN "FaqAnswer" TEXT NULL;
            CREATE TABLE "TemplateUsage" (
                "TemplateVersionId" INTEGER NOT NULL CONSTRAINT "PK_TemplateUsage" PRIMARY KEY,
                "Suggested" INTEGER NOT NULL,
                "Chosen" INTEGER NOT NULL
            );
            CREATE INDEX "IX_Messages_TemplateVersionId" ON "Messages" ("TemplateVersionId") WHERE "TemplateVersionId" IS NOT NULL;
            """,
            """
            ALTER TABLE "ReplyTemplates" ADD COLUMN "FaqAnswer" text NULL;
            CREATE TABLE "TemplateUsage" (
                "TemplateVersionId" bigint NOT NULL,
                "Suggested" bigint NOT NULL,
                "Chosen" bigint NOT NULL,
                CONSTRAINT "PK_TemplateUsage" PRIMARY KEY ("TemplateVersionId")
            );
            CREATE INDEX "IX_Messages_TemplateVersionId" ON "Messages" ("TemplateVersionId") WHERE "TemplateVersionId" IS NOT NULL;
            """),
        new(6, "bulk replies: BulkSends, BulkSendMembers, outbox index by bulk send", BulkSqlite, BulkPostgres),
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
        new(8, "outbox: agents' replies picked before due bulk replies (index by kind)",
            // IF NOT EXISTS: a desk created after this step already has it (SQLite stores the statement without the clause).
            """CREATE INDEX IF NOT EXISTS "IX_Outbox_State_Kind_NextAttemptAt" ON "Outbox" ("State", "Kind", "NextAttemptAt");""",
            """CREATE INDEX IF NOT EXISTS "IX_Outbox_State_Kind_NextAttemptAt" ON "Outbox" ("State", "Kind", "NextAttemptAt");"""),
        // Every answered ticket leaves a dead entry at the head of the partial queue index until VACUUM, and each claim
        // walks past all of them: 151,000 dead rows made one claim read 2,651 buffers (9.7 ms), a VACUUM brought it to 6
        // (docs/benchmarks.md, Claim queue). The default waits for 20% of the table to be dead; vacuum after a fixed
        // number instead, without throttling. SQLite has no dead entries to skip (it deletes in place).
        new(10, "PostgreSQL: vacuum Tickets after every 5,000 changed rows so claims do not walk dead queue entries",
            "SELECT 1;",
            """ALTER TABLE "Tickets" SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000, autovacuum_vacuum_cost_delay = 0);""",
            AlsoOnCreate: true),
        // IF NOT EXISTS: a desk stamped with an older version than its tables (how the step tests make an "old" desk)
        // has the index already when the migrator runs this step.
        new(11, "the leads' lane: index of escalated tickets waiting",
            """CREATE INDEX IF NOT EXISTS "IX_Tickets_Escalated" ON "Tickets" ("Priority" DESC, "WaitingSince", "Number") WHERE "Escalated" AND "Status" IN (0, 1);""",
            """CREATE INDEX IF NOT EXISTS "IX_Tickets_Escalated" ON "Tickets" ("Priority" DESC, "WaitingSince", "Number") WHERE "Escalated" AND "Status" IN (0, 1);"""),
    ];

    private const string BulkSqlite = """
        CREATE TABLE "BulkSends" (
            "Id" INTEGER NOT NULL CONSTRAINT "PK_BulkSends" PRIMARY KEY AUTOINCREMENT,
            "StaffId" INTEGER NOT NULL,
            "Intent" TEXT NOT NULL,
            "TemplateId" TEXT NOT NULL,
            "TemplateVersionId" INTEGER NOT NULL,
            "CreatedAt" INTEGER NOT NULL,
            "HoldUntil" INTEGER NOT NULL,
            "State" INTEGER NOT NULL,
            "UndoneAt" INTEGER NULL,
            "QueuedCount" INTEGER NOT NULL,
            "SkippedCount" INTEGER NOT NULL
        );
        CREATE TABLE "BulkSendMembers" (
            "Id" INTEGER NOT NULL CONSTRAINT "PK_BulkSendMembers" PRIMARY KEY AUTOINCREMENT,
            "BulkSendId" INTEGER NOT NULL,
            "TicketNumber" INTEGER NOT NULL,
            "Outcome" INTEGER NOT NULL,
            "SkipReason" TEXT NULL,
            "ReplyMessageId" TEXT NULL,
            "PreviousStatus" INTEGER NOT NULL,
            "PreviousFirstResponseAt" INTEGER NULL,
            CONSTRAINT "FK_BulkSendMembers_BulkSends_BulkSendId" FOREIGN KEY ("BulkSendId") REFERENCES "BulkSends" ("Id") ON DELETE CASCADE
        );
        CREATE INDEX "IX_BulkSendMembers_BulkSendId" ON "BulkSendMembers" ("BulkSendId");
        CREATE INDEX "IX_BulkSendMembers_TicketNumber" ON "BulkSendMembers" ("TicketNumber");
        CREATE INDEX "IX_BulkSends_CreatedAt" ON "BulkSends" ("CreatedAt");
        CREATE INDEX "IX_Outbox_BulkBatchId" ON "Outbox" ("BulkBatchId") WHERE "BulkBatchId" IS NOT NULL;
        """;

    private const string BulkPostgres = """
        CREATE TABLE "BulkSends" (
            "Id" bigint GENERATED BY DEFAULT AS IDENTITY,
            "StaffId" bigint NOT NULL,
            "Intent" character varying(64) NOT NULL,
            "TemplateId" character varying(128) NOT NULL,
            "TemplateVersionId" bigint NOT NULL,
            "CreatedAt" timestamp with time zone NOT NULL,
            "HoldUntil" timestamp with time zone NOT NULL,
            "State" integer NOT NULL,
            "UndoneAt" timestamp with time zone NULL,
            "QueuedCount" integer NOT NULL,
            "SkippedCount" integer NOT NULL,
            CONSTRAINT "PK_BulkSends" PRIMARY KEY ("Id")
        );
        CREATE TABLE "BulkSendMembers" (
            "Id" bigint GENERATED BY DEFAULT AS IDENTITY,
            "BulkSendId" bigint NOT NULL,
            "TicketNumber" bigint NOT NULL,
            "Outcome" integer NOT NULL,
            "SkipReason" character varying(500) NULL,
            "ReplyMessageId" character varying(998) NULL,
            "PreviousStatus" integer NOT NULL,
            "PreviousFirstResponseAt" timestamp with time zone NULL,
            CONSTRAINT "PK_BulkSendMembers" PRIMARY KEY ("Id"),
            CONSTRAINT "FK_BulkSendMembers_BulkSends_BulkSendId" FOREIGN KEY ("BulkSendId") REFERENCES "BulkSends" ("Id") ON DELETE CASCADE
        );
        CREATE INDEX "IX_BulkSendMembers_BulkSendId" ON "BulkSendMembers" ("BulkSendId");
        CREATE INDEX "IX_BulkSendMembers_TicketNumber" ON "BulkSendMembers" ("TicketNumber");
        CREATE INDEX "IX_BulkSends_CreatedAt" ON "BulkSends" ("CreatedAt");
        CREATE INDEX "IX_Outbox_BulkBatchId" ON "Outbox" ("BulkBatchId") WHERE "BulkBatchId" IS NOT NULL;
        """;

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
            foreach (var step in Steps.Where(s => s.AlsoOnCreate))
                await db.Database.ExecuteSqlRawAsync(db.IsSqlite ? step.SqliteSql : step.PostgresSql, cancellationToken).ConfigureAwait(false);
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
