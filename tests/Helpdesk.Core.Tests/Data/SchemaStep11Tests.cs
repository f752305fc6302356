using Helpdesk.Core.Data;
using Helpdesk.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Core.Tests.Data;

/// <summary>Step 11 (the leads' lane index) gives an older desk the index a new desk gets, on either engine.</summary>
[TestClass]
public sealed class SchemaStep11Tests
{
    private static async Task<string?> EscalatedIndexAsync(HelpdeskDbContext db)
    {
        var sql = db.IsSqlite
            ? """SELECT "sql" AS "Value" FROM sqlite_master WHERE "name" = 'IX_Tickets_Escalated'"""
            : """SELECT indexdef AS "Value" FROM pg_indexes WHERE indexname = 'IX_Tickets_Escalated' AND schemaname = current_schema()""";
        var found = await db.Database.SqlQueryRaw<string>(sql).ToListAsync();
        return found.SingleOrDefault() is { } s ? string.Join(' ', s.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)) : null;
    }

    [TestMethod]
    public async Task Step11_DatabaseWithoutEscalatedIndex_UpgradedToWhatEnsureCreatedMakes()
    {
        await using var desk = await TestDatabase.CreateAsync();
        await using var db = await desk.Factory.CreateDbContextAsync();
        var created = await EscalatedIndexAsync(db);
        Assert.IsNotNull(created, "a new desk has the index");
        await db.Database.ExecuteSqlRawAsync("""DROP INDEX "IX_Tickets_Escalated";""");
        Assert.IsNull(await EscalatedIndexAsync(db));

        var step = SchemaMigrator.Steps.Single(s => s.Version == 11);
        await db.Database.ExecuteSqlRawAsync(db.IsSqlite ? step.SqliteSql : step.PostgresSql);

        Assert.AreEqual(created, await EscalatedIndexAsync(db));
    }
}
