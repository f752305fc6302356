using Helpdesk.Core.Data;

namespace Helpdesk.Core.Queue;

/// <summary>The claim statements, per provider. Each one is a single statement, so the claim is atomic.</summary>
internal sealed class ClaimSql
{
    private static readonly ClaimSql Sqlite = new(sqlite: true);

    private readonly bool _sqlite;

    private ClaimSql(bool sqlite) => _sqlite = sqlite;

    public static ClaimSql For(HelpdeskDbContext db) =>
        db.IsSqlite ? Sqlite : throw new NotSupportedException($"The queue has no claim statements for {db.Database.ProviderName} yet.");

    /// <summary>Times are stored as UTC milliseconds on SQLite (see HelpdeskDbContext).</summary>
    public object Time(DateTimeOffset t) => _sqlite ? t.ToUnixTimeMilliseconds() : t;

    private const string Claimable = """("Status" IN (0, 1) AND ("ClaimedBy" IS NULL OR "ClaimExpiresAt" <= @now))""";

    public string HeldByAgent => """
        UPDATE "Tickets" SET "ClaimExpiresAt" = @exp
        WHERE "Number" = (SELECT "Number" FROM "Tickets"
                          WHERE "ClaimedBy" = @agent AND "ClaimExpiresAt" > @now AND "Status" IN (0, 1)
                          ORDER BY "ClaimedAt" LIMIT 1)
        RETURNING "Number";
        """;

    public string ClaimNext(bool byIntent, bool includeEscalated) => $"""
        UPDATE "Tickets" SET "ClaimedBy" = @agent, "ClaimedAt" = @now, "ClaimExpiresAt" = @exp
        WHERE "Number" = (SELECT "Number" FROM "Tickets"
                          WHERE {Claimable}{(byIntent ? " AND \"Intent\" = @intent" : "")}{(includeEscalated ? "" : " AND \"Escalated\" = 0")}
                          ORDER BY "Priority" DESC, "ReceivedAt", "Number" LIMIT 1)
        RETURNING "Number";
        """;

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

    public string Release => """
        UPDATE "Tickets" SET "ClaimedBy" = NULL, "ClaimedAt" = NULL, "ClaimExpiresAt" = NULL
        WHERE "Number" = @number AND "ClaimedBy" = @agent
        RETURNING "Number";
        """;
}
