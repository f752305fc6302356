namespace Helpdesk.Core.Data.Sql;

/// <summary>PostgreSQL: times are timestamptz, concurrent writers lock rows, the rollups use the functions their migration made.</summary>
public sealed class PostgresSql : ProviderSql
{
    public static PostgresSql Instance { get; } = new();

    private PostgresSql() { }

    public override bool IsSqlite => false;

    public override object Time(DateTimeOffset time) => time.ToUniversalTime();

    public override object Duration(TimeSpan span) => span;

    public override string IndexedBy(string index) => "";

    public override string SkipLocked => " FOR UPDATE SKIP LOCKED";

    public override string ForUpdate => " FOR UPDATE";

    public override string? TransactionLock => "SELECT pg_advisory_xact_lock(@key)";

    public override string HourOf(string time) => $"desk_hour({time})";

    public override string ResponseBucket(string ticket) => $"desk_response_bucket({ticket}.\"ReceivedAt\", {ticket}.\"FirstResponseAt\")";

    public override string CountTablesNamed =>
        """SELECT COUNT(*)::int AS "Value" FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = {0}""";

    public override SemaphoreSlim? WriteGate(HelpdeskDbContext db) => null;
}
