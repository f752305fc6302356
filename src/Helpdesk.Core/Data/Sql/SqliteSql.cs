using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Core.Data.Sql;

/// <summary>SQLite: times are UTC milliseconds, one writer per file (queued in-process by <see cref="SqliteWriteGate"/>).</summary>
public sealed class SqliteSql : ProviderSql
{
    public static SqliteSql Instance { get; } = new();

    private SqliteSql() { }

    public override bool IsSqlite => true;

    public override object Time(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    public override string IndexedBy(string index) => $" INDEXED BY \"{index}\"";

    public override string SkipLocked => "";

    public override string ForUpdate => "";

    public override string? TransactionLock => null;

    public override string HourOf(string time) => $"{time} {FigureRollups.Hour}";

    public override string ResponseBucket(string ticket) => FigureRollups.SqliteBucketExpression(ticket);

    public override string CountTablesNamed => """SELECT COUNT(*) AS "Value" FROM sqlite_master WHERE type = 'table' AND name = {0}""";

    public override SemaphoreSlim? WriteGate(HelpdeskDbContext db) => SqliteWriteGate.For(db.Database.GetConnectionString() ?? "");
}
