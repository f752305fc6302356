using Helpdesk.Core.Data;
using Helpdesk.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Core.Tests.Bulk;

[TestClass]
public sealed class BulkSchemaTests
{
    private static async Task<List<string>> BulkObjectsAsync(HelpdeskDbContext db) =>
        await db.Database.SqlQueryRaw<string>(
            """SELECT "sql" AS "Value" FROM sqlite_master WHERE "sql" IS NOT NULL AND ("tbl_name" LIKE 'Bulk%' OR "name" = 'IX_Outbox_BulkBatchId') ORDER BY "name" """)
            .ToListAsync();

    [TestMethod]
    [TestCategory(TestDatabase.SqliteCatalog)]
    public async Task Step6_DatabaseWithoutBulkTables_UpgradedToWhatEnsureCreatedMakes()
    {
        await using var desk = await TestDatabase.CreateAsync();
        await using var db = await desk.Factory.CreateDbContextAsync();
        var created = await BulkObjectsAsync(db);
        await db.Database.ExecuteSqlRawAsync("""DROP INDEX "IX_Outbox_BulkBatchId"; DROP TABLE "BulkSendMembers"; DROP TABLE "BulkSends";""");

        var step = SchemaMigrator.Steps.Single(s => s.Version == 6);
        await db.Database.ExecuteSqlRawAsync(step.SqliteSql);

        static string Flat(string s) => string.Join(' ', s.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));
        Assert.AreEqual(6, created.Count, "two tables, four indexes");
        CollectionAssert.AreEqual(created.Select(Flat).ToList(), (await BulkObjectsAsync(db)).Select(Flat).ToList());
    }
}
