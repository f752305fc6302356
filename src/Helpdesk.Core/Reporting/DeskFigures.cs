using Helpdesk.Core.Data;
using Helpdesk.Core.Data.Sql;
using Helpdesk.Core.Intake;
using Helpdesk.Core.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Core.Reporting;

/// <summary>
/// The figures a team lead watches: are we keeping up, what are people asking, who needs help, when will we be done.
/// Each figure reads the rollup tables (made by the initial migration of each provider) or an index range, never all tickets, so every
/// one stays fast at a million tickets. "Now" is the injected clock.
/// </summary>
public sealed class DeskFigures(IDbContextFactory<HelpdeskDbContext> factory, TimeProvider time, DeskFiguresOptions options)
{
    private static readonly TimeSpan OneHour = TimeSpan.FromHours(1);

    public DeskFiguresOptions Options => options;

    public static DateTimeOffset HourOf(DateTimeOffset t)
    {
        var utc = t.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
    }

    private bool? _sqlite;

    /// <summary>
    /// All figures. On SQLite one after the other (one file, one process: parallel reads gain nothing there). On
    /// PostgreSQL the independent figures are read at once, each on its own pooled connection: a dashboard read is about
    /// 25 round trips, and while intake and hundreds of agents keep the machine busy every round trip waits for the
    /// scheduler, so one after the other the waits add up (p95 about 1 s in the 20,000-mail drill, docs/benchmarks.md).
    /// </summary>
    public async Task<DeskSnapshot> ReadAsync(CancellationToken cancellationToken = default)
    {
        _sqlite ??= await IsSqliteAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var currentHour = HourOf(now);
        var dayAgo = currentHour - TimeSpan.FromHours(23);
        if (_sqlite == true)
        {
            var start = await IncidentStartAsync(cancellationToken).ConfigureAwait(false);
            var last24 = await FlowAsync(dayAgo, currentHour, cancellationToken).ConfigureAwait(false);
            var sinceStart = start is { } s ? await FlowAsync(HourOf(s), currentHour, cancellationToken).ConfigureAwait(false) : [];
            var backlog = await BacklogAsync(now, cancellationToken).ConfigureAwait(false);
            return new DeskSnapshot(
                now, start, last24, sinceStart, backlog,
                await OldestWaitingAsync(cancellationToken).ConfigureAwait(false),
                await FirstResponseAsync(dayAgo, cancellationToken).ConfigureAwait(false),
                await FirstResponseAsync(null, cancellationToken).ConfigureAwait(false),
                options.ForecastHours <= 23 ? Forecast(now, backlog.Total, last24) : await ForecastAsync(now, backlog.Total, cancellationToken).ConfigureAwait(false),
                await AgentsAsync(now, cancellationToken).ConfigureAwait(false),
                await TriageAsync(cancellationToken).ConfigureAwait(false),
                await OutboxAsync(cancellationToken).ConfigureAwait(false),
                await IntakeAsync(now, cancellationToken).ConfigureAwait(false),
                await EscalatedAsync(cancellationToken).ConfigureAwait(false),
                await IncidentModeSinceAsync(cancellationToken).ConfigureAwait(false));
        }

        var startTask = IncidentStartAsync(cancellationToken);
        var last24Task = FlowAsync(dayAgo, currentHour, cancellationToken);
        var backlogTask = BacklogAsync(now, cancellationToken);
        var sinceStartTask = SinceStartAsync();
        var forecastTask = ForecastAfterBacklogAsync();
        var oldest = OldestWaitingAsync(cancellationToken);
        var day = FirstResponseAsync(dayAgo, cancellationToken);
        var ever = FirstResponseAsync(null, cancellationToken);
        var agents = AgentsAsync(now, cancellationToken);
        var triage = TriageAsync(cancellationToken);
        var outbox = OutboxAsync(cancellationToken);
        var intake = IntakeAsync(now, cancellationToken);
        var escalated = EscalatedAsync(cancellationToken);
        var incidentMode = IncidentModeSinceAsync(cancellationToken);
        await Task.WhenAll(startTask, last24Task, backlogTask, sinceStartTask, forecastTask, oldest, day, ever, agents, triage, outbox, intake,
            escalated, incidentMode).ConfigureAwait(false);
        return new DeskSnapshot(now, startTask.Result, last24Task.Result, sinceStartTask.Result, backlogTask.Result, oldest.Result, day.Result,
            ever.Result, forecastTask.Result, agents.Result, triage.Result, outbox.Result, intake.Result, escalated.Result, incidentMode.Result);

        async Task<IReadOnlyList<HourFlow>> SinceStartAsync() =>
            await startTask.ConfigureAwait(false) is { } s ? await FlowAsync(HourOf(s), currentHour, cancellationToken).ConfigureAwait(false) : [];

        async Task<DrainForecast> ForecastAfterBacklogAsync()
        {
            var backlog = (await backlogTask.ConfigureAwait(false)).Total;
            return options.ForecastHours <= 23 ? Forecast(now, backlog, await last24Task.ConfigureAwait(false))
                : await ForecastAsync(now, backlog, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<bool> IsSqliteAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return db.IsSqlite;
    }

    /// <summary>When incident mode was last switched on (the single switch row), for the charts' marker.</summary>
    public async Task<DateTimeOffset?> IncidentModeSinceAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.IncidentSwitch.AsNoTracking().Select(s => s.StartedAt).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Escalated tickets waiting for a lead: a count and the oldest, both from the small escalated-lane index.</summary>
    public async Task<EscalatedFigures> EscalatedAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var sql = new RawSql(db);
        var count = await sql.ScalarAsync($"""
            SELECT COUNT(*) FROM "Tickets"{sql.IndexedBy("IX_Tickets_Escalated")} WHERE "Escalated" AND "Status" IN (0, 1)
            """, cancellationToken).ConfigureAwait(false);
        var oldest = await sql.ListAsync($"""
            SELECT "Number", "WaitingSince" FROM "Tickets"{sql.IndexedBy("IX_Tickets_Escalated")}
            WHERE "Escalated" AND "Status" IN (0, 1) ORDER BY "WaitingSince", "Number" LIMIT 1
            """, r => new OldestWaiting(RawSql.ReadLong(r, 0), RawSql.ReadTime(r, 1)), cancellationToken).ConfigureAwait(false);
        return new EscalatedFigures(Convert.ToInt32(count, System.Globalization.CultureInfo.InvariantCulture), oldest.FirstOrDefault());
    }

    /// <summary>When the first ticket arrived: the incident's start on the desk. One index seek per status.</summary>
    public async Task<DateTimeOffset?> IncidentStartAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var sql = new RawSql(db);
        // MIN per status uses the (Status, ReceivedAt) index; MIN over all tickets would scan them.
        var firsts = await sql.ListAsync("""
            SELECT MIN("ReceivedAt") FROM "Tickets" WHERE "Status" = 0 UNION ALL
            SELECT MIN("ReceivedAt") FROM "Tickets" WHERE "Status" = 1 UNION ALL
            SELECT MIN("ReceivedAt") FROM "Tickets" WHERE "Status" = 2 UNION ALL
            SELECT MIN("ReceivedAt") FROM "Tickets" WHERE "Status" = 3 UNION ALL
            SELECT MIN("ReceivedAt") FROM "Tickets" WHERE "Status" = 4
            """, r => RawSql.ReadNullableTime(r, 0), cancellationToken).ConfigureAwait(false);
        return firsts.Where(f => f is not null).Min();
    }

    /// <summary>Tickets in and out per hour from <paramref name="fromHour"/> to <paramref name="toHour"/> (inclusive), quiet hours as zeros.</summary>
    public async Task<IReadOnlyList<HourFlow>> FlowAsync(DateTimeOffset fromHour, DateTimeOffset toHour, CancellationToken cancellationToken = default)
    {
        fromHour = HourOf(fromHour);
        toHour = HourOf(toHour);
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var sql = new RawSql(db);
        var rows = await sql.ListAsync("""
            SELECT "Hour", "Arrived", "Reopened", "Answered" FROM "DeskHourlyFlow" WHERE "Hour" >= @from AND "Hour" <= @to
            """, r => new HourFlow(RawSql.ReadTime(r, 0), RawSql.ReadInt(r, 1), RawSql.ReadInt(r, 2), RawSql.ReadInt(r, 3)),
            cancellationToken, ("from", sql.Time(fromHour)), ("to", sql.Time(toHour))).ConfigureAwait(false);
        var byHour = rows.ToDictionary(r => r.Hour);
        var result = new List<HourFlow>();
        for (var h = fromHour; h <= toHour; h += OneHour)
            result.Add(byHour.TryGetValue(h, out var row) ? row : new HourFlow(h, 0, 0, 0));
        return result;
    }

    /// <summary>The queue (New and Open) by intent and by how long each customer has waited.</summary>
    public async Task<BacklogFigures> BacklogAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var sql = new RawSql(db);
        var byIntent = await sql.ListAsync("""
            SELECT "Intent", SUM("Tickets") FROM "DeskBacklog" GROUP BY "Intent" HAVING SUM("Tickets") > 0
            """, r => new IntentCount(r.GetString(0) is { Length: > 0 } i ? i : null, RawSql.ReadInt(r, 1)), cancellationToken).ConfigureAwait(false);
        var byHour = await sql.ListAsync("""
            SELECT "WaitingHour", SUM("Tickets") FROM "DeskBacklog" GROUP BY "WaitingHour" HAVING SUM("Tickets") > 0
            """, r => (Hour: RawSql.ReadTime(r, 0), Tickets: RawSql.ReadInt(r, 1)), cancellationToken).ConfigureAwait(false);
        var total = byHour.Sum(h => h.Tickets);

        // Waiting at least `age`: whole rollup hours before the cut, plus an exact count inside the cut's own hour. The
        // exact counts of every band go in one statement (a round trip each was most of the dashboard's wait under load).
        var cuts = AgeBands.All.Where(b => b != AgeBand.UnderOneHour)
            .Select(b => (Band: b, Cut: now - AgeBands.From(b))).Select(x => (x.Band, x.Cut, CutHour: HourOf(x.Cut))).ToList();
        var exact = cuts.Where(c => byHour.Any(h => h.Hour == c.CutHour)).ToList();
        var partial = new Dictionary<AgeBand, int>();
        if (exact.Count > 0)
        {
            var selects = exact.Select((c, i) => $"""
                SELECT {(int)c.Band}, COUNT(*) FROM "Tickets"{sql.IndexedBy("IX_Tickets_Waiting")}
                WHERE "Status" IN (0, 1) AND "WaitingSince" >= @from{i} AND "WaitingSince" <= @cut{i}
                """);
            var parameters = exact.SelectMany((c, i) => new (string, object?)[] { ($"from{i}", sql.Time(c.CutHour)), ($"cut{i}", sql.Time(c.Cut)) }).ToArray();
            foreach (var (band, count) in await sql.ListAsync(string.Join("\nUNION ALL\n", selects),
                r => ((AgeBand)RawSql.ReadInt(r, 0), RawSql.ReadInt(r, 1)), cancellationToken, parameters).ConfigureAwait(false))
                partial[band] = count;
        }

        var atLeast = new Dictionary<AgeBand, int> { [AgeBand.UnderOneHour] = total };
        foreach (var (band, _, cutHour) in cuts)
            atLeast[band] = byHour.Where(h => h.Hour < cutHour).Sum(h => h.Tickets) + partial.GetValueOrDefault(band);
        var byAge = AgeBands.All.Select(b => new AgeBandCount(b, atLeast[b] - (b == AgeBand.OverTwoDays ? 0 : atLeast[b + 1]))).ToList();
        return new BacklogFigures(total, byIntent.OrderByDescending(i => i.Tickets).ThenBy(i => i.Intent).ToList(), byAge);
    }

    /// <summary>The ticket whose customer has waited longest (any priority).</summary>
    public async Task<OldestWaiting?> OldestWaitingAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var sql = new RawSql(db);
        var rows = await sql.ListAsync($"""
            SELECT "Number", "WaitingSince" FROM "Tickets"{sql.IndexedBy("IX_Tickets_Waiting")}
            WHERE "Status" IN (0, 1) ORDER BY "WaitingSince", "Number" LIMIT 1
            """, r => new OldestWaiting(RawSql.ReadLong(r, 0), RawSql.ReadTime(r, 1)), cancellationToken).ConfigureAwait(false);
        return rows.FirstOrDefault();
    }

    /// <summary>Median and 90th percentile (nearest rank) of first-response times, for responses from <paramref name="sinceHour"/> on (null: all).</summary>
    public async Task<ResponseTimes> FirstResponseAsync(DateTimeOffset? sinceHour, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var sql = new RawSql(db);
        var buckets = await sql.ListAsync("""
            SELECT "Minutes", SUM("Tickets") FROM "DeskResponseTimes" WHERE "Hour" >= @from GROUP BY "Minutes" ORDER BY "Minutes"
            """, r => (Minutes: RawSql.ReadInt(r, 0), Tickets: RawSql.ReadInt(r, 1)), cancellationToken,
            ("from", sql.Time(sinceHour is { } s ? HourOf(s) : DateTimeOffset.UnixEpoch))).ConfigureAwait(false);
        var n = buckets.Sum(b => b.Tickets);
        if (n == 0) return new ResponseTimes(0, null, null);
        TimeSpan Percentile(double p)
        {
            var rank = (int)Math.Ceiling(p * n);
            var seen = 0;
            foreach (var (minutes, tickets) in buckets)
            {
                seen += tickets;
                if (seen >= rank) return TimeSpan.FromMinutes(minutes);
            }
            return TimeSpan.FromMinutes(buckets[^1].Minutes);
        }
        return new ResponseTimes(n, Percentile(0.5), Percentile(0.9));
    }

    /// <summary>
    /// When the backlog is empty if the last <see cref="DeskFiguresOptions.ForecastHours"/> complete hours' rates hold.
    /// Not draining (null) when tickets come in at least as fast as they are answered.
    /// </summary>
    public async Task<DrainForecast> ForecastAsync(DateTimeOffset now, int backlog, CancellationToken cancellationToken = default)
    {
        var currentHour = HourOf(now);
        var flow = await FlowAsync(currentHour - TimeSpan.FromHours(options.ForecastHours), currentHour - OneHour, cancellationToken).ConfigureAwait(false);
        return Forecast(now, backlog, flow);
    }

    /// <summary>As <see cref="ForecastAsync"/> from hourly flows already read (any range holding the forecast's hours).</summary>
    public DrainForecast Forecast(DateTimeOffset now, int backlog, IReadOnlyList<HourFlow> flows)
    {
        var hours = options.ForecastHours;
        var currentHour = HourOf(now);
        var from = currentHour - TimeSpan.FromHours(hours);
        var flow = flows.Where(f => f.Hour >= from && f.Hour < currentHour).ToList();
        var inPerHour = flow.Sum(f => f.In) / (double)hours;
        var outPerHour = flow.Sum(f => f.Answered) / (double)hours;
        var net = outPerHour - inPerHour;
        DateTimeOffset? drained = backlog == 0 ? now : net > 0 ? now + TimeSpan.FromHours(backlog / net) : null;
        return new DrainForecast(backlog, hours, inPerHour, outPerHour, drained);
    }

    /// <summary>Agents online (holding a live claim, or replied within the online window) and everyone's answers today.</summary>
    public async Task<IReadOnlyList<AgentFigures>> AgentsAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var sql = new RawSql(db);
        var zone = options.ResolveTimeZone();
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var dayStart = new DateTimeOffset(local.Date, zone.GetUtcOffset(local.Date)).ToUniversalTime();
        var holding = (await sql.ListAsync($"""
            SELECT "ClaimedBy", COUNT(*) FROM "Tickets"{sql.IndexedBy("IX_Tickets_ClaimedBy")} WHERE "ClaimedBy" IS NOT NULL AND "ClaimExpiresAt" > @now AND "Status" IN (0, 1)
            GROUP BY "ClaimedBy"
            """, r => (Id: RawSql.ReadLong(r, 0), Count: RawSql.ReadInt(r, 1)), cancellationToken, ("now", sql.Time(now))).ConfigureAwait(false))
            .ToDictionary(x => x.Id, x => x.Count);
        var today = (await sql.ListAsync("""
            SELECT "StaffId", SUM("Replies") FROM "DeskAgentHourly" WHERE "Hour" >= @from GROUP BY "StaffId"
            """, r => (Id: RawSql.ReadLong(r, 0), Count: RawSql.ReadInt(r, 1)), cancellationToken, ("from", sql.Time(dayStart))).ConfigureAwait(false))
            .ToDictionary(x => x.Id, x => x.Count);
        var lastReply = (await sql.ListAsync("""SELECT "StaffId", "LastReplyAt" FROM "DeskAgentActivity" """,
            r => (Id: RawSql.ReadLong(r, 0), At: RawSql.ReadTime(r, 1)), cancellationToken).ConfigureAwait(false))
            .ToDictionary(x => x.Id, x => x.At);
        var ids = holding.Keys.Concat(today.Keys).Concat(lastReply.Where(l => now - l.Value <= options.OnlineWindow).Select(l => l.Key)).ToHashSet();
        var staff = await db.Staff.AsNoTracking().Where(s => ids.Contains(s.Id)).Select(s => new { s.Id, s.DisplayName })
            .ToDictionaryAsync(s => s.Id, s => s.DisplayName, cancellationToken).ConfigureAwait(false);
        return ids.Select(id =>
            {
                var last = lastReply.TryGetValue(id, out var at) ? at : (DateTimeOffset?)null;
                var held = holding.GetValueOrDefault(id);
                var online = held > 0 || (last is { } l && now - l <= options.OnlineWindow);
                return new AgentFigures(id, staff.GetValueOrDefault(id) ?? $"staff {id}", online, held, last, today.GetValueOrDefault(id));
            })
            .OrderByDescending(a => a.Online).ThenByDescending(a => a.AnswersToday).ThenBy(a => a.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    public async Task<TriageFigures> TriageAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var sql = new RawSql(db);
        var row = (await sql.ListAsync("""SELECT SUM("Arrived"), SUM("Triage"), SUM("IntentChanged") FROM "DeskHourlyFlow" """,
            r => new TriageFigures(RawSql.ReadInt(r, 0), RawSql.ReadInt(r, 1), RawSql.ReadInt(r, 2)), cancellationToken).ConfigureAwait(false)).Single();
        return row;
    }

    public async Task<OutboxHealth> OutboxAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var counts = await db.Outbox.Where(o => o.State == OutboxState.Queued || o.State == OutboxState.Failed || o.State == OutboxState.Bounced)
            .GroupBy(o => o.State).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken).ConfigureAwait(false);
        return new OutboxHealth(counts.GetValueOrDefault(OutboxState.Queued), counts.GetValueOrDefault(OutboxState.Failed),
            counts.GetValueOrDefault(OutboxState.Bounced));
    }

    /// <summary>Per mailbox: how long since the last poll that worked, what waits on the server, and emails stored but not yet tickets.</summary>
    public async Task<IntakeLag> IntakeAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var cursors = await db.MailboxCursors.AsNoTracking().OrderBy(c => c.Mailbox).ToListAsync(cancellationToken).ConfigureAwait(false);
        var pending = await db.RawMessages.CountAsync(r => r.State == RawMessageState.Pending, cancellationToken).ConfigureAwait(false);
        var oldest = await db.RawMessages.Where(r => r.State == RawMessageState.Pending).OrderBy(r => r.Id)
            .Select(r => (DateTimeOffset?)r.FetchedAt).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return new IntakeLag(
            cursors.Select(c => new MailboxIntakeLag(c.Mailbox, c.LastGoodPollAt, c.LastGoodPollAt is { } g ? now - g : null, c.WaitingOnServer, c.LastError)).ToList(),
            pending, oldest);
    }
}
