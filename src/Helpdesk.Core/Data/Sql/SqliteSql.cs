using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Core.Data.Sql;

/// <summary>SQLite: times are UTC milliseconds, one writer per file (queued in-process by <see cref="SqliteWriteGate"/>).</summary>
public sealed class SqliteSql : ProviderSql
{
    public static SqliteSql Instance { get; } = new();

    private SqliteSql() { }

    public override bool IsSqlite => true;

    public override object Time(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    public override object Duration(TimeSpan span) => (long)span.TotalMilliseconds;

    public override string IndexedBy(string index) => $" INDEXED BY \"{index}\"";

    public override string SkipLocked => "";

    public override string ForUpdate => "";

    public override string? TransactionLock => null;

    public override string HourOf(string time) => $"{time} / 3600000 * 3600000";

    public override string ResponseBucket(string ticket)
    {
        var minutes = $"MAX(0, ({ticket}.\"FirstResponseAt\" - {ticket}.\"ReceivedAt\") / 60000)";
        return $"(CASE WHEN {minutes} < 240 THEN {minutes} WHEN {minutes} < 2880 THEN {minutes} / 15 * 15 ELSE {minutes} / 60 * 60 END)";
    }

    public override string CountTablesNamed => """SELECT COUNT(*) AS "Value" FROM sqlite_master WHERE type = 'table' AND name = {0}""";

    public override SemaphoreSlim? WriteGate(HelpdeskDbContext db) => SqliteWriteGate.For(db.Database.GetConnectionString() ?? "");
}
