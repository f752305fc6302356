using Helpdesk.Core.Data;
using Helpdesk.Core.Data.Sql;
using Helpdesk.Core.Intents;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Demo;

/// <summary>
/// Writes a large synthetic surge straight through ADO (EF change tracking would take many minutes for a million
/// rows): customers, tickets spread over the given days with the intent mix of a real surge, one inbound message
/// each, the oldest 60% answered. For benchmarks and load tests (`helpdesk seed --synthetic N`), never for demo mode.
/// SQLite gets prepared inserts; PostgreSQL gets binary COPY (<see cref="SurgeCopy"/>), because a round trip per row
/// to a server is what made a million rows take many minutes there. Both write the same rows for the same seed.
/// </summary>
public static class SyntheticSurge
{
    private static readonly (string Intent, double Share)[] Mix =
    [
        ("reset_help", 0.20), ("login_problem", 0.14), ("exposure_question", 0.14), ("card_safety", 0.12),
        ("phishing_check", 0.09), ("complaint", 0.08), ("identity_protection", 0.06), ("close_account", 0.05),
        ("order_other", 0.05), ("intl_access", 0.04), ("thanks", 0.03),
    ];

    private const int Batch = 20_000;

    /// <summary>A customer row of a surge: @p0 id, @p1 address, @p2 name, @p3 first seen, @p4 undeliverable.</summary>
    internal const string InsertCustomer =
        """INSERT INTO "Customers" ("Id","Address","Name","FirstSeenAt","Undeliverable") VALUES (@p0,@p1,@p2,@p3,@p4)""";

    /// <summary>Adds the seed intents a surge's tickets are filed under, where missing (saved by the caller).</summary>
    internal static async Task AddIntentsAsync(HelpdeskDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var (id, name, description) in SeedIntents.All)
            if (!await db.Intents.AnyAsync(i => i.Id == id, cancellationToken))
                db.Intents.Add(new Intent(id, name, description, now));
    }

    public static async Task<int> WriteAsync(HelpdeskDbContext db, int tickets, TimeSpan span, DateTimeOffset now, int seed,
        IReadOnlyList<string>? bodies = null, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var conn = db.Database.GetDbConnection();
        if (conn.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(cancellationToken);

        await AddIntentsAsync(db, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);

        var firstCustomer = (await db.Customers.MaxAsync(c => (long?)c.Id, cancellationToken) ?? 0) + 1;
        var firstTicket = (await db.Tickets.MaxAsync(t => (long?)t.Number, cancellationToken) ?? 0) + 1;
        var plan = Plan(tickets, firstCustomer, firstTicket, span, now, seed, bodies);
        if (db.IsPostgres)
        {
            await SurgeCopy.WriteAsync((Npgsql.NpgsqlConnection)conn, plan, progress, cancellationToken);
            return tickets;
        }

        var provider = ProviderSql.For(db);
        object T(DateTimeOffset t) => provider.Time(t);
        foreach (var chunk in plan.Chunk(Batch))
        {
            await using var tx = await conn.BeginTransactionAsync(cancellationToken);
            var customer = RawSql.Prepare(conn, tx, InsertCustomer, 5);
            var ticket = RawSql.Prepare(conn, tx, """
                INSERT INTO "Tickets" ("Number","Subject","CustomerId","Status","Priority","Intent","IntentConfidence","NeedsTriage",
                  "IntentChangedByAgent","ReceivedAt","LastCustomerMessageAt","WaitingSince","FirstResponseAt","SolvedAt","UpdatedAt","InboundCount",
                  "HasAttachments","Escalated","IsSpam","Version")
                VALUES (@p0,@p1,@p2,@p3,@p4,@p5,@p6,@p7,@p8,@p9,@p10,@p11,@p12,@p13,@p14,@p15,@p16,@p17,@p18,@p19)
                """, 20);
            var message = RawSql.Prepare(conn, tx, """
                INSERT INTO "Messages" ("TicketNumber","Direction","MessageIdHeader","FromAddress","Subject","Text","VisibleText","CreatedAt","SentUnedited")
                VALUES (@p0,@p1,@p2,@p3,@p4,@p5,@p6,@p7,@p8)
                """, 9);
            foreach (var r in chunk)
            {
                await RawSql.RunAsync(customer, cancellationToken, r.CustomerId, r.Address, r.CustomerName, T(r.Received), false);
                await RawSql.RunAsync(ticket, cancellationToken, r.Number, r.Subject, r.CustomerId, r.Status, r.Priority, r.Intent,
                    r.Confidence, r.NeedsTriage, false, T(r.Received), T(r.Received), T(r.Received), r.FirstResponseAt is { } f ? T(f) : null,
                    r.SolvedAt is { } s ? T(s) : null, T(r.UpdatedAt), 1, false, false, false, 1);
                await RawSql.RunAsync(message, cancellationToken, r.Number, 0, r.MessageIdHeader, r.Address, r.Subject,
                    r.Body, r.Body, T(r.Received), false);
            }
            await tx.CommitAsync(cancellationToken);
            progress?.Report((int)(chunk[^1].Number - firstTicket + 1));
        }
        return tickets;
    }

    /// <summary>
    /// The surge's rows, one per ticket, in arrival order: the same sequence for the same seed, whichever engine
    /// writes it. Lazy, so a million rows are never all in memory.
    /// </summary>
    internal static IEnumerable<SurgeTicket> Plan(int tickets, long firstCustomer, long firstTicket, TimeSpan span,
        DateTimeOffset now, int seed, IReadOnlyList<string>? bodies)
    {
        var random = new Random(seed);
        var start = now - span;
        const double answeredShare = 0.6;
        for (var k = 0; k < tickets; k++)
        {
            var customerId = firstCustomer + k;
            var number = firstTicket + k;
            var fraction = (double)k / tickets;
            var received = start + span * fraction;
            var intent = PickIntent(random);
            var confidence = 0.55 + random.NextDouble() * 0.45;
            var triage = confidence < 0.6;
            var answered = fraction < answeredShare;
            var firstResponse = answered ? received + TimeSpan.FromMinutes(5 + random.Next(600)) : (DateTimeOffset?)null;
            var solved = answered && random.NextDouble() < 0.3 ? firstResponse + TimeSpan.FromHours(24) : null;
            var status = !answered ? 0 : solved is not null ? 3 : 2;
            var priority = intent is "phishing_check" or "card_safety" ? 2 : 1;
            var body = bodies is { Count: > 0 } ? bodies[random.Next(bodies.Count)] : $"Synthetic message {number} about {intent}.";
            yield return new SurgeTicket(customerId, $"customer{customerId}@synthetic.example", $"Customer {customerId}", number,
                $"Question about {intent.Replace('_', ' ')}", status, priority, triage ? null : intent, confidence, triage,
                received, firstResponse, solved, firstResponse ?? received, $"synthetic-{number}@synthetic.example", body);
        }
    }

    internal static string PickIntent(Random random)
    {
        var roll = random.NextDouble();
        foreach (var (intent, share) in Mix)
        {
            if (roll < share) return intent;
            roll -= share;
        }
        return Mix[0].Intent;
    }
}

/// <summary>One synthetic ticket with its customer and its one inbound message (Status, Priority as stored).</summary>
internal sealed record SurgeTicket(long CustomerId, string Address, string CustomerName, long Number, string Subject,
    int Status, int Priority, string? Intent, double Confidence, bool NeedsTriage, DateTimeOffset Received,
    DateTimeOffset? FirstResponseAt, DateTimeOffset? SolvedAt, DateTimeOffset UpdatedAt, string MessageIdHeader, string Body);
