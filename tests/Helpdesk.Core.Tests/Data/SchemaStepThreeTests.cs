using Helpdesk.Core.Data;
using Helpdesk.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Core.Tests.Data;

[TestClass]
public sealed class SchemaStepThreeTests
{
    private static async Task<List<string>> ShapeAsync(HelpdeskDbContext db, string table)
    {
        var rows = new List<string>();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = $"SELECT name, type, \"notnull\", pk FROM pragma_table_info('{table}') ORDER BY name";
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add($"{reader.GetString(0)} {reader.GetString(1)} notnull={reader.GetInt64(2)} pk={reader.GetInt64(3)}");
        return rows;
    }

    [TestMethod]
    [TestCategory(TestDatabase.SqliteCatalog)]
    public async Task Migrate_DeskFromBeforeStepThree_GetsTheSameOutboxColumnsAndPauseRowAsANewDesk()
    {
        await using var desk = await TestDatabase.CreateAsync();
        List<string> outboxNew, pauseNew;
        await using (var db = await desk.Factory.CreateDbContextAsync())
        {
            outboxNew = await ShapeAsync(db, "Outbox");
            pauseNew = await ShapeAsync(db, "OutboxPause");
            // Back to the shape before step 3: no pause table, no LastAttemptAt column, schema version 2.
            await db.Database.ExecuteSqlRawAsync("""
                DROP TABLE "OutboxPause";
                DROP INDEX "IX_Outbox_MessageIdHeader"; DROP INDEX "IX_Outbox_State_NextAttemptAt"; DROP INDEX "IX_Outbox_TicketNumber";
                ALTER TABLE "Outbox" DROP COLUMN "LastAttemptAt";
                CREATE UNIQUE INDEX "IX_Outbox_MessageIdHeader" ON "Outbox" ("MessageIdHeader");
                CREATE INDEX "IX_Outbox_State_NextAttemptAt" ON "Outbox" ("State", "NextAttemptAt");
                CREATE INDEX "IX_Outbox_TicketNumber" ON "Outbox" ("TicketNumber");
                """);
            // Only this step: MigrateAsync from version 2 would also run every later step again.
            await db.Database.ExecuteSqlRawAsync(SchemaMigrator.Steps.Single(s => s.Version == 3).SqliteSql);
        }

        await using var after = await desk.Factory.CreateDbContextAsync();
        CollectionAssert.AreEqual(outboxNew, await ShapeAsync(after, "Outbox"));
        CollectionAssert.AreEqual(pauseNew, await ShapeAsync(after, "OutboxPause"));
        Assert.AreEqual(1, await after.OutboxPause.CountAsync(r => r.Id == 1 && !r.IsPaused));
    }
}
