using Helpdesk.Core.Data;
using Helpdesk.Core.Data.Sql;
using Helpdesk.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Core.Tests.Data;

/// <summary>
/// The raw-SQL helper on the engine of this run (SQLite, or PostgreSQL in the PostgreSQL pass): a time written by a raw
/// statement is the instant EF reads, a time EF wrote is the instant a raw read returns, and the catalog query finds tables.
/// </summary>
[TestClass]
public sealed class RawSqlTests
{
    private static readonly DateTimeOffset Odd = new(2026, 11, 21, 3, 17, 29, 123, TimeSpan.Zero);

    [TestMethod]
    public async Task ProviderSql_ForTheContext_IsThisRunsEngine()
    {
        await using var desk = await TestDatabase.CreateAsync();
        await using var db = await desk.Factory.CreateDbContextAsync();

        var sql = ProviderSql.For(db);

        Assert.AreEqual(TestDatabase.Provider == DatabaseProvider.Sqlite, sql.IsSqlite);
        Assert.AreSame(sql.IsSqlite ? SqliteSql.Instance : PostgresSql.Instance, sql);
        Assert.AreEqual(sql.IsSqlite ? " INDEXED BY \"IX_Tickets_Queue\"" : "", sql.IndexedBy("IX_Tickets_Queue"));
        Assert.AreEqual(sql.IsSqlite ? "" : " FOR UPDATE SKIP LOCKED", sql.SkipLocked);
        Assert.AreEqual(sql.IsSqlite, sql.WriteGate(db) is not null, "a write gate on SQLite only");
    }

    [TestMethod]
    public async Task ExecuteAsync_TimeWrittenRaw_EfReadsTheSameInstant()
    {
        await using var desk = await TestDatabase.CreateAsync();
        var number = (await desk.AddTicketsAsync(1))[0];
        await using var db = await desk.Factory.CreateDbContextAsync();
        var sql = new RawSql(db);
        // An offset other than UTC: the helper passes the instant, whatever the offset it came with.
        var inBerlin = Odd.ToOffset(TimeSpan.FromHours(1));

        var changed = await sql.ExecuteAsync("""UPDATE "Tickets" SET "WaitingSince" = @at, "FirstResponseAt" = @none WHERE "Number" = @number""",
            CancellationToken.None, ("at", sql.Time(inBerlin)), ("none", sql.Time((DateTimeOffset?)null)), ("number", number));

        Assert.AreEqual(1, changed);
        var ticket = await db.Tickets.AsNoTracking().SingleAsync(t => t.Number == number);
        Assert.AreEqual(Odd, ticket.WaitingSince);
        Assert.IsNull(ticket.FirstResponseAt);
    }

    [TestMethod]
    public async Task ListAsync_TimeWrittenByEf_ReadTimeGivesTheSameInstant()
    {
        await using var desk = await TestDatabase.CreateAsync();
        var number = (await desk.AddTicketsAsync(1))[0];
        await using var db = await desk.Factory.CreateDbContextAsync();
        await db.Tickets.Where(t => t.Number == number).ExecuteUpdateAsync(s => s.SetProperty(t => t.WaitingSince, Odd));
        var sql = new RawSql(db);

        var rows = await sql.ListAsync("""SELECT "WaitingSince", "FirstResponseAt", "Number" FROM "Tickets" WHERE "Number" = @number""",
            r => (At: RawSql.ReadTime(r, 0), None: RawSql.ReadNullableTime(r, 1), Number: RawSql.ReadLong(r, 2)), CancellationToken.None, ("@number", number));

        Assert.HasCount(1, rows);
        Assert.AreEqual(Odd, rows[0].At);
        Assert.IsNull(rows[0].None);
        Assert.AreEqual(number, rows[0].Number);
        Assert.IsNull(await sql.ScalarAsync("""SELECT "Number" FROM "Tickets" WHERE "Number" = @number""", CancellationToken.None, ("number", -1L)),
            "no row is null");
    }

    [TestMethod]
    public async Task Prepare_RunPerRow_EachRowWrittenWithItsValues()
    {
        await using var desk = await TestDatabase.CreateAsync();
        var numbers = await desk.AddTicketsAsync(3);
        await using var db = await desk.Factory.CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        var sql = new RawSql(db);

        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            await using var update = sql.Prepare("""UPDATE "Tickets" SET "Subject" = @subject, "WaitingSince" = @at WHERE "Number" = @number""",
                "@subject", "@at", "number");
            for (var i = 0; i < numbers.Count; i++)
                Assert.AreEqual(1, await RawSql.RunAsync(update, CancellationToken.None, $"row {i}", sql.Time(Odd.AddMinutes(i)), numbers[i]));
            await tx.CommitAsync();
        }

        var tickets = await db.Tickets.AsNoTracking().Where(t => numbers.Contains(t.Number)).OrderBy(t => t.Number).ToListAsync();
        CollectionAssert.AreEqual(new[] { "row 0", "row 1", "row 2" }, tickets.Select(t => t.Subject).ToArray());
        CollectionAssert.AreEqual(new[] { Odd, Odd.AddMinutes(1), Odd.AddMinutes(2) }, tickets.Select(t => t.WaitingSince).ToArray());
    }

    [TestMethod]
    public async Task CountTablesNamed_TicketsAndAMadeUpName_OneAndNone()
    {
        await using var desk = await TestDatabase.CreateAsync();
        await using var db = await desk.Factory.CreateDbContextAsync();
        var query = ProviderSql.For(db).CountTablesNamed;

        Assert.AreEqual(1, await db.Database.SqlQueryRaw<int>(query, "Tickets").SingleAsync());
        Assert.AreEqual(0, await db.Database.SqlQueryRaw<int>(query, "NoSuchTable").SingleAsync());
    }
}
