using Helpdesk.Core.Data;
using Helpdesk.Core.Data.Sql;

namespace Helpdesk.Core.Queue;

/// <summary>
/// The claim statements. Each one is a single statement, so the claim is atomic; where the engines differ (a time's
/// form, the index hint, row locking) the text asks <see cref="ProviderSql"/>.
/// </summary>
internal sealed class ClaimSql
{
    private static readonly ClaimSql Sqlite = new(SqliteSql.Instance);
    private static readonly ClaimSql Postgres = new(PostgresSql.Instance);

    private readonly ProviderSql _provider;

    private ClaimSql(ProviderSql provider) => _provider = provider;

    public static ClaimSql For(HelpdeskDbContext db) => ProviderSql.For(db).IsSqlite ? Sqlite : Postgres;

    /// <inheritdoc cref="ProviderSql.Time(DateTimeOffset)"/>
    public object Time(DateTimeOffset t) => _provider.Time(t);

    private const string Claimable = """("Status" IN (0, 1) AND ("ClaimedBy" IS NULL OR "ClaimExpiresAt" <= @now))""";

    /// <summary>
    /// SQLite's planner prefers the (Status, ReceivedAt) index and sorts 400,000 rows (380 ms at a million tickets);
    /// naming the partial queue index makes the claim read one index entry (0.1 ms). Measured with EXPLAIN QUERY PLAN.
    /// </summary>
    private string QueueIndex(bool byIntent, QueueLane lane) =>
        _provider.IndexedBy(lane == QueueLane.Escalated ? "IX_Tickets_Escalated" : byIntent ? "IX_Tickets_QueueByIntent" : "IX_Tickets_Queue");

    /// <summary>
    /// The escalated lane has its own small partial index: walking the main queue index for the few escalated tickets
    /// would read past every waiting ticket in front of them.
    /// </summary>
    private static string LaneFilter(QueueLane lane) => lane == QueueLane.Escalated ? " AND \"Escalated\"" : " AND NOT \"Escalated\"";

    /// <summary>
    /// PostgreSQL runs claims concurrently: the candidate row is locked, and rows other agents are locking right now are
    /// passed over instead of waited for, so 500 agents do not queue behind the same first ticket. SQLite has one
    /// writer at a time and needs nothing.
    /// </summary>
    private string SkipLocked => _provider.SkipLocked;

    /// <summary>
    /// One statement: the ticket the agent already holds (resumed, lease renewed), else the first claimable one.
    /// </summary>
    /// <param name="excluding">Tickets this agent skipped: not offered to them again (numbers, written as literals).</param>
    public string ClaimNext(bool byIntent, QueueLane lane, IReadOnlyCollection<long>? excluding = null) => $"""
        UPDATE "Tickets"
        SET "ClaimedAt" = CASE WHEN "ClaimedBy" = @agent THEN "ClaimedAt" ELSE @now END,
            "ClaimedBy" = @agent, "ClaimExpiresAt" = @exp
        WHERE "Number" = COALESCE(
            (SELECT "Number" FROM "Tickets"
             WHERE "ClaimedBy" = @agent AND "ClaimExpiresAt" > @now AND "Status" IN (0, 1){NotIn(excluding)}
             ORDER BY "ClaimedAt" LIMIT 1),
            (SELECT "Number" FROM "Tickets"{QueueIndex(byIntent, lane)}
             WHERE {Claimable}{(byIntent ? " AND \"Intent\" = @intent" : "")}{LaneFilter(lane)}{NotIn(excluding)}
             ORDER BY "Priority" DESC, "WaitingSince", "Number" LIMIT 1{SkipLocked}))
        RETURNING "Number";
        """;

    private static string NotIn(IReadOnlyCollection<long>? numbers) =>
        numbers is null || numbers.Count == 0
            ? ""
            : " AND \"Number\" NOT IN (" + string.Join(",", numbers.Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))) + ")";

    public string ClaimOne => """
        UPDATE "Tickets" SET "ClaimedBy" = @agent, "ClaimedAt" = @now, "ClaimExpiresAt" = @exp
        WHERE "Number" = @number AND "Status" IN (0, 1)
          AND ("ClaimedBy" = @agent OR "ClaimedBy" IS NULL OR "ClaimExpiresAt" <= @now)
        RETURNING "Number";
        """;

    public string Renew => """
        UPDATE "Tickets" SET "ClaimExpiresAt" = @exp
        WHERE "Number" = @number AND "ClaimedBy" = @agent AND "ClaimExpiresAt" > @now AND "Status" IN (0, 1)
        RETURNING "Number";
        """;

    /// <summary>The tickets held by accounts past their end date (responders opened for an incident).</summary>
    public string HeldByEnded => """
        SELECT "Number", "ClaimedBy" FROM "Tickets"
        WHERE "ClaimedBy" IN (SELECT "Id" FROM "Staff" WHERE "EndsAt" IS NOT NULL AND "EndsAt" <= @now)
        ORDER BY "Number";
        """;

    public string Release => """
        UPDATE "Tickets" SET "ClaimedBy" = NULL, "ClaimedAt" = NULL, "ClaimExpiresAt" = NULL
        WHERE "Number" = @number AND "ClaimedBy" = @agent
        RETURNING "Number";
        """;
}
