using Helpdesk.Core.Data;
using Helpdesk.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Core.Tests.Data;

[TestClass]
public sealed class SchemaStep5Tests
{
    private static async Task<List<string>> SqlAsync(TestDatabase desk, string query)
    {
        await using var db = await desk.Factory.CreateDbContextAsync();
        return await db.Database.SqlQueryRaw<string>(query).ToListAsync();
    }

    private const string NewObjects =
        "SELECT sql AS Value FROM sqlite_master WHERE name IN ('TemplateUsage', 'IX_Messages_TemplateVersionId') ORDER BY name";

    private const string FaqAnswerColumn =
        "SELECT name || ' ' || type || ' ' || \"notnull\" AS Value FROM pragma_table_info('ReplyTemplates') WHERE name = 'FaqAnswer'";

    [TestMethod]
    [TestCategory(TestDatabase.SqliteCatalog)]
    public async Task MigrateAsync_DeskAtVersion4_Step5MakesWhatACreatedDeskHas()
    {
        await using var created = await TestDatabase.CreateAsync();
        await using var upgraded = await TestDatabase.CreateAsync();
        await using (var db = await upgraded.Factory.CreateDbContextAsync())
        {
            // The schema as a desk had it before step 5.
            await db.Database.ExecuteSqlRawAsync("""
                DROP TABLE "TemplateUsage";
                DROP INDEX "IX_Messages_TemplateVersionId";
                ALTER TABLE "ReplyTemplates" DROP COLUMN "FaqAnswer";
                """);
            // Only this step: MigrateAsync from version 4 would also run every later step again.
            await db.Database.ExecuteSqlRawAsync(SchemaMigrator.Steps.Single(s => s.Version == 5).SqliteSql);
        }

        var expected = await SqlAsync(created, NewObjects);
        Assert.AreEqual(2, expected.Count);
        CollectionAssert.AreEqual(expected, await SqlAsync(upgraded, NewObjects));
        CollectionAssert.AreEqual(await SqlAsync(created, FaqAnswerColumn), await SqlAsync(upgraded, FaqAnswerColumn));
    }
}
