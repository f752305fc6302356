namespace Helpdesk.Core.Data.Sql;

/// <summary>
/// Where the desk's raw SQL differs between SQLite and PostgreSQL, in one place: how a time is passed, the planner hints,
/// row locking, the rollups' hour and bucket expressions, the write gate and the catalog. Raw SQL is kept to what has to
/// be raw (the claim, the rollups' reads and rebuild, COPY seeding, prepared inserts of intake and the surges); every
/// such statement asks here instead of testing the provider itself. One implementation per provider:
/// <see cref="SqliteSql"/> and <see cref="PostgresSql"/>; <see cref="RawSql"/> runs the statements.
/// </summary>
public abstract class ProviderSql
{
    /// <summary>The provider of this context; a provider the desk has no SQL for is refused in a sentence.</summary>
    public static ProviderSql For(HelpdeskDbContext db) =>
        db.IsSqlite ? SqliteSql.Instance
        : db.IsPostgres ? PostgresSql.Instance
        : throw new NotSupportedException($"The desk has no raw SQL for the database provider {db.Database.ProviderName}.");

    public abstract bool IsSqlite { get; }

    /// <summary>A time as a raw statement's parameter: raw SQL bypasses EF's converters (see HelpdeskDbContext).</summary>
    public abstract object Time(DateTimeOffset time);

    /// <summary>A time or SQL NULL.</summary>
    public object Time(DateTimeOffset? time) => time is { } t ? Time(t) : DBNull.Value;

    /// <summary>Names the index the planner must use (SQLite's planner picks a worse one for the queue filters); nothing elsewhere.</summary>
    public abstract string IndexedBy(string index);

    /// <summary>
    /// A statement reading the tickets that match <paramref name="condition"/>, through <paramref name="index"/> where the
    /// planner must be told (<see cref="IndexedBy"/>); for EF's FromSqlRaw, which composes the LINQ filters over it.
    /// </summary>
    public string TicketsWhere(string? index, string condition) =>
        $"SELECT * FROM \"Tickets\"{(index is null ? "" : IndexedBy(index))} WHERE {condition}";

    /// <summary>A ticket's first response took at least {0}, a <see cref="Duration"/> (a subtraction of two stored times).</summary>
    public const string ResponseTookAtLeast = "\"FirstResponseAt\" - \"ReceivedAt\" >= {0}";

    /// <summary>A length of time as a raw statement's parameter, in the terms the difference of two stored times has.</summary>
    public abstract object Duration(TimeSpan span);

    /// <summary>
    /// Appended to a SELECT that picks a row to claim: on PostgreSQL the row is locked and rows other sessions are locking
    /// are passed over; SQLite has one writer at a time and needs nothing.
    /// </summary>
    public abstract string SkipLocked { get; }

    /// <summary>Appended to a SELECT of a row others may change at the same time: the row is locked to the transaction's end.</summary>
    public abstract string ForUpdate { get; }

    /// <summary>
    /// A statement that takes a lock on the number @key until the transaction ends, for writers on several instances that
    /// must take turns; null on SQLite, where the write transaction already lets one writer in at a time.
    /// </summary>
    public abstract string? TransactionLock { get; }

    /// <summary>The start of the UTC hour of a time column, as the rollup tables key it.</summary>
    public abstract string HourOf(string time);

    /// <summary>The response-time bucket of a ticket row (alias), as the rollup triggers count it.</summary>
    public abstract string ResponseBucket(string ticket);

    /// <summary>
    /// Empties the lead dashboard's rollup tables (made by the initial migration of each provider) and counts them again
    /// from the tickets and messages there: after a COPY load with the triggers off, and in tests that check the triggers
    /// keep the same figures. A ticket's past (answered, then reopened) is not in its row, so a rebuild forgets it.
    /// </summary>
    public string RebuildRollups => _rebuildRollups ??= $"""
        DELETE FROM "DeskHourlyFlow";
        DELETE FROM "DeskBacklog";
        DELETE FROM "DeskResponseTimes";
        DELETE FROM "DeskAgentHourly";
        DELETE FROM "DeskAgentActivity";
        INSERT INTO "DeskHourlyFlow" ("Hour", "Arrived", "Triage", "IntentChanged")
            SELECT {HourOf("\"ReceivedAt\"")}, COUNT(*), {CountTrue("\"NeedsTriage\"")}, {CountTrue("\"IntentChangedByAgent\"")}
            FROM "Tickets" WHERE true GROUP BY 1;
        INSERT INTO "DeskHourlyFlow" ("Hour", "Answered")
            SELECT {HourOf("COALESCE(\"FirstResponseAt\", \"UpdatedAt\")")}, COUNT(*) FROM "Tickets" WHERE "Status" NOT IN (0, 1) GROUP BY 1
            ON CONFLICT ("Hour") DO UPDATE SET "Answered" = excluded."Answered";
        INSERT INTO "DeskBacklog" ("Intent", "WaitingHour", "Tickets")
            SELECT COALESCE("Intent", ''), {HourOf("\"WaitingSince\"")}, COUNT(*) FROM "Tickets" WHERE "Status" IN (0, 1) GROUP BY 1, 2;
        INSERT INTO "DeskResponseTimes" ("Hour", "Minutes", "Tickets")
            SELECT {HourOf("\"FirstResponseAt\"")}, {ResponseBucket("\"Tickets\"")}, COUNT(*) FROM "Tickets" WHERE "FirstResponseAt" IS NOT NULL GROUP BY 1, 2;
        INSERT INTO "DeskAgentHourly" ("Hour", "StaffId", "Replies")
            SELECT {HourOf("\"CreatedAt\"")}, "AuthorStaffId", COUNT(*) FROM "Messages" WHERE "Direction" = 1 AND "AuthorStaffId" IS NOT NULL GROUP BY 1, 2;
        INSERT INTO "DeskAgentActivity" ("StaffId", "LastReplyAt")
            SELECT "AuthorStaffId", MAX("CreatedAt") FROM "Messages" WHERE "Direction" = 1 AND "AuthorStaffId" IS NOT NULL GROUP BY 1;
        """;

    private string? _rebuildRollups;

    /// <summary>How many rows of a group have a true boolean column (stored 0/1 on SQLite, boolean on PostgreSQL).</summary>
    private static string CountTrue(string column) => $"SUM(CASE WHEN {column} THEN 1 ELSE 0 END)";

    /// <summary>A query with one parameter, {0}, the table name, that counts the tables of that name (as "Value").</summary>
    public abstract string CountTablesNamed { get; }

    /// <summary>This process's write gate for the context's database (SQLite); null where the engine takes concurrent writers.</summary>
    public abstract SemaphoreSlim? WriteGate(HelpdeskDbContext db);
}
