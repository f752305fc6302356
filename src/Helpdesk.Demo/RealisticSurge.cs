using System.Data.Common;
using Helpdesk.Core.Data;
using Helpdesk.Core.Data.Sql;
using Helpdesk.Core.Intents;
using Helpdesk.Core.Staff;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Demo;

/// <summary>
/// A surge shaped like the real one, for the lead dashboard's benchmark: arrivals peak when the notice goes out and fade
/// over the days (a 30-hour half-life), four times busier by day than by night (US Eastern); 40 agents answer oldest first at
/// a steady pace, each answer an outbound message by one of them; 6% of customers write again; 30% of answers solved a day
/// later; the last few agents hold live claims. Written through ADO like <see cref="SyntheticSurge"/>, so the figure
/// triggers see every row as intake would make them.
/// </summary>
public static class RealisticSurge
{
    public const int Agents = 40;

    public static async Task<int> WriteAsync(HelpdeskDbContext db, int tickets, TimeSpan span, DateTimeOffset now, int seed,
        double answeredShare = 0.6, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var random = new Random(seed);
        var provider = ProviderSql.For(db);
        object T(DateTimeOffset t) => provider.Time(t);
        var conn = db.Database.GetDbConnection();
        if (conn.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(cancellationToken);

        await SyntheticSurge.AddIntentsAsync(db, now, cancellationToken);
        for (var a = 1; a <= Agents; a++)
        {
            var user = $"surge-agent-{a:00}";
            if (!await db.Staff.AnyAsync(s => s.UserName == user, cancellationToken))
                db.Staff.Add(new StaffUser(user, $"Surge Agent {a:00}", $"{user}@meridian.example", StaffRoles.Agent, now - span));
        }
        await db.SaveChangesAsync(cancellationToken);
        var agentIds = await db.Staff.Where(s => s.UserName.StartsWith("surge-agent-")).OrderBy(s => s.UserName).Select(s => s.Id).ToListAsync(cancellationToken);

        var firstCustomer = (await db.Customers.MaxAsync(c => (long?)c.Id, cancellationToken) ?? 0) + 1;
        var firstTicket = (await db.Tickets.MaxAsync(t => (long?)t.Number, cancellationToken) ?? 0) + 1;
        var start = now - span;
        var arrival = ArrivalCurve(start, span);
        // Agents start two hours in and answer at the pace that leaves (1 - answeredShare) of the surge waiting now.
        var perHour = tickets * answeredShare / Math.Max(1, span.TotalHours - 2);
        const int batch = 20_000;

        for (var done = 0; done < tickets; done += batch)
        {
            var n = Math.Min(batch, tickets - done);
            await using var tx = await conn.BeginTransactionAsync(cancellationToken);
            var customer = RawSql.Prepare(conn, tx, SyntheticSurge.InsertCustomer, 5);
            var ticket = RawSql.Prepare(conn, tx, """
                INSERT INTO "Tickets" ("Number","Subject","CustomerId","Status","Priority","Intent","IntentConfidence","NeedsTriage",
                  "IntentChangedByAgent","ReceivedAt","LastCustomerMessageAt","WaitingSince","FirstResponseAt","SolvedAt","UpdatedAt","InboundCount",
                  "HasAttachments","Escalated","IsSpam","Version","ClaimedBy","ClaimedAt","ClaimExpiresAt")
                VALUES (@p0,@p1,@p2,@p3,@p4,@p5,@p6,@p7,@p8,@p9,@p10,@p11,@p12,@p13,@p14,@p15,@p16,@p17,@p18,@p19,@p20,@p21,@p22)
                """, 23);
            var message = RawSql.Prepare(conn, tx, """
                INSERT INTO "Messages" ("TicketNumber","Direction","MessageIdHeader","FromAddress","Subject","Text","VisibleText","CreatedAt","SentUnedited","AuthorStaffId")
                VALUES (@p0,@p1,@p2,@p3,@p4,@p5,@p6,@p7,@p8,@p9)
                """, 10);
            for (var i = 0; i < n; i++)
            {
                var k = done + i;
                var customerId = firstCustomer + k;
                var number = firstTicket + k;
                var received = start + arrival((k + 0.5) / tickets);
                var address = $"customer{customerId}@synthetic.example";
                await RawSql.RunAsync(customer, cancellationToken, customerId, address, $"Customer {customerId}", T(received), false);

                var intent = SyntheticSurge.PickIntent(random);
                var confidence = 0.55 + random.NextDouble() * 0.45;
                var triage = confidence < 0.6;
                var changed = !triage && random.NextDouble() < 0.04;
                var turn = start + TimeSpan.FromHours(2 + k / perHour);
                var soonest = received + TimeSpan.FromMinutes(4 + random.Next(25));
                DateTimeOffset? answered = (turn > soonest ? turn : soonest) is var a && a < now ? a : null;
                DateTimeOffset? again = answered is { } an && random.NextDouble() < 0.06 ? an + TimeSpan.FromMinutes(30 + random.Next(600)) : null;
                if (again >= now) again = null;
                DateTimeOffset? solved = answered is { } sv && again is null && random.NextDouble() < 0.3 && sv + TimeSpan.FromHours(24) < now
                    ? sv + TimeSpan.FromHours(24) : null;
                var status = answered is null ? 0 : again is not null ? 1 : solved is not null ? 3 : 2;
                var agent = agentIds[k % agentIds.Count];
                // The last agents are at work now: each holds the oldest waiting ticket they took.
                var held = answered is null && k - (int)(tickets * answeredShare) < agentIds.Count / 2 && k >= (int)(tickets * answeredShare);
                var priority = intent is "phishing_check" or "card_safety" ? 2 : 1;
                var subject = $"Question about {intent.Replace('_', ' ')}";
                var updated = again ?? solved ?? answered ?? received;
                await RawSql.RunAsync(ticket, cancellationToken, number, subject, customerId, status, priority, triage ? null : intent,
                    confidence, triage, changed, T(received), T(again ?? received), T(again ?? received), answered is { } f ? T(f) : null,
                    solved is { } s ? T(s) : null, T(updated), again is null ? 1 : 2, false, false, false, 1,
                    held ? agent : null, held ? T(now - TimeSpan.FromMinutes(1)) : null, held ? T(now + TimeSpan.FromMinutes(4)) : null);
                var body = $"Synthetic message {number} about {intent}.";
                await RawSql.RunAsync(message, cancellationToken, number, 0, $"synthetic-{number}@synthetic.example", address, subject,
                    body, body, T(received), false, null);
                if (answered is { } at)
                    await RawSql.RunAsync(message, cancellationToken, number, 1, $"reply-{number}@meridian.example", "passwordchange@meridian.example",
                        "Re: " + subject, "Thank you for writing.", "Thank you for writing.", T(at), false, agent);
            }
            await tx.CommitAsync(cancellationToken);
            progress?.Report(done + n);
        }
        return tickets;
    }

    /// <summary>Maps a fraction of the surge (0..1) to its arrival time: the inverse of the cumulative arrival density.</summary>
    private static Func<double, TimeSpan> ArrivalCurve(DateTimeOffset start, TimeSpan span)
    {
        var minutes = Math.Max(1, (int)span.TotalMinutes);
        var cumulative = new double[minutes + 1];
        var eastern = TimeSpan.FromHours(-5);
        for (var m = 0; m < minutes; m++)
        {
            var hoursIn = m / 60.0;
            var hourOfDay = (start + TimeSpan.FromMinutes(m)).ToOffset(eastern).Hour;
            var daylight = hourOfDay is >= 7 and <= 22 ? 1.0 : 0.25;
            cumulative[m + 1] = cumulative[m] + Math.Pow(0.5, hoursIn / 30) * daylight;
        }
        var total = cumulative[minutes];
        return fraction =>
        {
            var target = fraction * total;
            var index = Array.BinarySearch(cumulative, target);
            if (index < 0) index = ~index - 1;
            index = Math.Clamp(index, 0, minutes - 1);
            var within = (target - cumulative[index]) / Math.Max(1e-12, cumulative[index + 1] - cumulative[index]);
            return TimeSpan.FromMinutes(index + Math.Clamp(within, 0, 1));
        };
    }
}
