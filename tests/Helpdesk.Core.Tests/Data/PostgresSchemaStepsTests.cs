using Helpdesk.Core.Data;
using Helpdesk.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Core.Tests.Data;

/// <summary>
/// The PostgreSQL side of the SqliteCatalog tests: a desk taken back to schema version 1 and upgraded by MigrateAsync,
/// step by step, must end with the same tables, columns, indexes, constraints and triggers as a desk EnsureCreated made.
/// This checks every step's PostgreSQL SQL against what EF creates, which the SQLite tests cannot.
/// </summary>
[TestClass]
[TestCategory("Postgres")]
public sealed class PostgresSchemaStepsTests
{
    /// <summary>
    /// How to take each step back on PostgreSQL (the shape a desk had before it). A new step needs its entry here:
    /// without one this test cannot take a desk back past it and says so.
    /// </summary>
    private static readonly Dictionary<int, string> Undo = new()
    {
        [2] = """ALTER TABLE "Attachments" ADD "Content" bytea NULL;""",
        [3] = """DROP TABLE "OutboxPause"; ALTER TABLE "Outbox" DROP COLUMN "LastAttemptAt";""",
        [4] = """
            DROP TRIGGER "TR_Tickets_Figures" ON "Tickets"; DROP TRIGGER "TR_Messages_Figures" ON "Messages";
            DROP FUNCTION desk_tickets_figures(); DROP FUNCTION desk_messages_figures();
            DROP FUNCTION desk_response_bucket(timestamptz, timestamptz); DROP FUNCTION desk_hour(timestamptz);
            DROP TABLE "DeskHourlyFlow", "DeskBacklog", "DeskResponseTimes", "DeskAgentHourly", "DeskAgentActivity";
            DROP INDEX "IX_Tickets_Waiting";
            """,
        [5] = """DROP TABLE "TemplateUsage"; DROP INDEX "IX_Messages_TemplateVersionId"; ALTER TABLE "ReplyTemplates" DROP COLUMN "FaqAnswer";""",
        [6] = """DROP TABLE "BulkSendMembers", "BulkSends"; DROP INDEX "IX_Outbox_BulkBatchId";""",
        [7] = """DROP TABLE "MailboxLeases";""",
        [8] = """DROP INDEX "IX_Outbox_State_Kind_NextAttemptAt";""",
        [10] = """ALTER TABLE "Tickets" RESET (autovacuum_vacuum_scale_factor, autovacuum_vacuum_threshold, autovacuum_vacuum_cost_delay);""",
        [11] = """DROP INDEX "IX_Tickets_Escalated";""",
    };

    private const string Catalog = """
        SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || COALESCE('(' || character_maximum_length || ')', '')
               || CASE WHEN is_nullable = 'YES' THEN ' null' ELSE ' not null' END || COALESCE(' default ' || column_default, '')
               || CASE WHEN is_identity = 'YES' THEN ' identity ' || identity_generation ELSE '' END AS "Value"
        FROM information_schema.columns WHERE table_schema = 'public'
        UNION ALL
        SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public'
        UNION ALL
        SELECT 'constraint ' || c.conrelid::regclass || ' ' || c.conname || ' ' || pg_get_constraintdef(c.oid)
        FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = 'public'
        UNION ALL
        SELECT 'trigger ' || pg_get_triggerdef(t.oid) FROM pg_trigger t WHERE NOT t.tgisinternal
        UNION ALL
        SELECT 'function ' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')'
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'
        UNION ALL
        SELECT 'storage ' || c.relname || ' ' || array_to_string(c.reloptions, ',')
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.reloptions IS NOT NULL
        """;

    private static async Task<List<string>> CatalogAsync(TestDatabase desk)
    {
        await using var db = await desk.Factory.CreateDbContextAsync();
        return (await db.Database.SqlQueryRaw<string>(Catalog).ToListAsync()).Order(StringComparer.Ordinal).ToList();
    }

    [TestMethod]
    public async Task MigrateAsync_DeskTakenBackToVersion1_EndsWithTheSchemaOfACreatedDesk()
    {
        Assert.AreEqual(DatabaseProvider.Postgres, TestDatabase.Provider, "runs in the PostgreSQL pass (HELPDESK_TEST_PROVIDER=Postgres)");
        await using var created = await TestDatabase.CreateAsync();
        await using var upgraded = await TestDatabase.CreateAsync();
        var missing = SchemaMigrator.Steps.Where(s => !Undo.ContainsKey(s.Version)).Select(s => s.Version).ToList();
        Assert.AreEqual(0, missing.Count, $"write the PostgreSQL undo of step(s) {string.Join(", ", missing)} in {nameof(Undo)}");
        await using (var db = await upgraded.Factory.CreateDbContextAsync())
        {
            foreach (var step in SchemaMigrator.Steps.Reverse())
                await db.Database.ExecuteSqlRawAsync(Undo[step.Version]);
            await db.Database.ExecuteSqlRawAsync("""DELETE FROM "SchemaVersion"; INSERT INTO "SchemaVersion" ("Version", "AppliedAt", "Description") VALUES (1, now(), 'created');""");
        }
        var before = await CatalogAsync(upgraded);

        await upgraded.Get<SchemaMigrator>().MigrateAsync();

        var expected = await CatalogAsync(created);
        Assert.IsTrue(expected.Count > 100, $"the catalog query reads the desk's schema: {expected.Count} lines");
        CollectionAssert.AreNotEqual(expected, before, "the desk was really taken back");
        var onlyCreated = expected.Except(await CatalogAsync(upgraded)).ToList();
        var onlyUpgraded = (await CatalogAsync(upgraded)).Except(expected).ToList();
        Assert.AreEqual("", string.Join("\n", onlyCreated.Select(l => "only in a created desk: " + l).Concat(onlyUpgraded.Select(l => "only in an upgraded desk: " + l))));
        await using var check = await upgraded.Factory.CreateDbContextAsync();
        Assert.AreEqual(SchemaMigrator.LatestVersion, await check.SchemaVersion.MaxAsync(v => v.Version));
    }
}
