using Helpdesk.Core.Data;
using Helpdesk.Core.Data.Sql;
using Helpdesk.Core.Reporting;
using Helpdesk.Core.Tests.Support;
using Helpdesk.Core.Tickets;
using Microsoft.EntityFrameworkCore;
using static Helpdesk.Core.Tests.Reporting.DashboardFixture;

namespace Helpdesk.Core.Tests.Reporting;

/// <summary>Each figure against <see cref="DashboardFixture"/>; the expected values are worked out in its table.</summary>
[TestClass]
public sealed class DeskFiguresTests
{
    private static async Task<(TestDatabase Db, DashboardFixture.Desk Desk, DeskFigures Figures)> DeskAsync()
    {
        var db = await TestDatabase.CreateAsync();
        var desk = await BuildAsync(db);
        return (db, desk, db.Get<DeskFigures>());
    }

    [TestMethod]
    public async Task Flow_Fixture_ArrivalsReopenedAndAnsweredPerHour()
    {
        var (db, _, figures) = await DeskAsync();
        await using var _d = db;

        var flow = await figures.FlowAsync(At(21, 6, 0), At(22, 12, 0));

        Assert.AreEqual(31, flow.Count, "06:00 on the 21st to 12:00 on the 22nd, every hour");
        HourFlow H(int day, int hour) => flow.Single(f => f.Hour == At(day, hour, 0));
        Assert.AreEqual(new HourFlow(At(21, 6, 0), 1, 0, 0), H(21, 6));
        Assert.AreEqual(new HourFlow(At(21, 11, 0), 1, 0, 0), H(21, 11));
        Assert.AreEqual(new HourFlow(At(21, 12, 0), 0, 0, 1), H(21, 12), "T8 answered at 12:45");
        Assert.AreEqual(new HourFlow(At(22, 9, 0), 2, 0, 1), H(22, 9));
        Assert.AreEqual(new HourFlow(At(22, 10, 0), 2, 0, 1), H(22, 10));
        Assert.AreEqual(new HourFlow(At(22, 11, 0), 2, 1, 1), H(22, 11), "T5, T6 arrived; T8 wrote again; T3 answered");
        Assert.AreEqual(new HourFlow(At(22, 12, 0), 1, 0, 0), H(22, 12));
        Assert.AreEqual(9, flow.Sum(f => f.Arrived));
        Assert.AreEqual(0, H(22, 3).In + H(22, 3).Answered, "a quiet hour is a zero, not a gap");
    }

    [TestMethod]
    public async Task IncidentStart_Fixture_FirstTicketsReceivedTime()
    {
        var (db, _, figures) = await DeskAsync();
        await using var _d = db;

        Assert.AreEqual(At(21, 6, 0), await figures.IncidentStartAsync());
    }

    [TestMethod]
    public async Task Backlog_Fixture_ByIntentAndByAgeBand()
    {
        var (db, _, figures) = await DeskAsync();
        await using var _d = db;

        var backlog = await figures.BacklogAsync(Now);

        Assert.AreEqual(6, backlog.Total);
        CollectionAssert.AreEquivalent(
            new[] { "card_safety=2", "exposure_question=1", "login_problem=1", "none=1", "reset_help=1" },
            backlog.ByIntent.Select(i => $"{i.Intent ?? "none"}={i.Tickets}").ToArray());
        Assert.AreEqual("card_safety", backlog.ByIntent[0].Intent, "largest first");
        CollectionAssert.AreEqual(new[] { 3, 2, 0, 0, 1, 0 }, backlog.ByAge.Select(a => a.Tickets).ToArray(),
            "under 1 h: T5 T8 T9; 1-4 h: T4 T6; 1-2 days: T7");
    }

    [TestMethod]
    public async Task Backlog_TicketExactlyAtBandBoundary_CountsInTheOlderBand()
    {
        var (db, _, figures) = await DeskAsync();
        await using var _d = db;
        db.Clock.Advance(TimeSpan.FromMinutes(10)); // 12:40: T4 (10:30) has waited 2 h 10, T6 (11:10) 1 h 30, T8 (11:40) exactly 1 h

        var backlog = await figures.BacklogAsync(db.Clock.GetUtcNow());

        CollectionAssert.AreEqual(new[] { 2, 3, 0, 0, 1, 0 }, backlog.ByAge.Select(a => a.Tickets).ToArray());
    }

    [TestMethod]
    public async Task OldestWaiting_Fixture_T7()
    {
        var (db, desk, figures) = await DeskAsync();
        await using var _d = db;

        Assert.AreEqual(new OldestWaiting(desk.Tickets["T7"], At(21, 6, 0)), await figures.OldestWaitingAsync());
    }

    [TestMethod]
    public async Task Escalated_T5AndT8Escalated_TwoWaitingOldestT8()
    {
        var (db, desk, figures) = await DeskAsync();
        await using var _d = db;
        Assert.AreEqual(new EscalatedFigures(0, null), await figures.EscalatedAsync());

        await ChangeAsync(db, desk.Tickets["T5"], t => t.Escalate(Now));
        await ChangeAsync(db, desk.Tickets["T8"], t => t.Escalate(Now));

        Assert.AreEqual(new EscalatedFigures(2, new OldestWaiting(desk.Tickets["T8"], At(22, 11, 40))), await figures.EscalatedAsync());
    }

    [TestMethod]
    public async Task FirstResponse_SinceStartAndLast24Hours_MedianAndP90NearestRank()
    {
        var (db, _, figures) = await DeskAsync();
        await using var _d = db;

        var all = await figures.FirstResponseAsync(null);
        var day = await figures.FirstResponseAsync(At(21, 13, 0));

        // Since start: 30, 45, 60, 75 min -> median is rank 2 (45), p90 rank 4 (75).
        Assert.AreEqual(new ResponseTimes(4, TimeSpan.FromMinutes(45), TimeSpan.FromMinutes(75)), all);
        // Last 24 h leaves out T8 (answered 12:45 on the 21st): 30, 45, 60 -> rank 2 (45), rank 3 (60).
        Assert.AreEqual(new ResponseTimes(3, TimeSpan.FromMinutes(45), TimeSpan.FromMinutes(60)), day);
    }

    [TestMethod]
    public async Task Forecast_MoreInThanAnswered_NotDraining()
    {
        var (db, _, figures) = await DeskAsync();
        await using var _d = db;

        var forecast = await figures.ForecastAsync(Now, 6);

        // 09:00-11:59: in 2 + 2 + (2 + 1 wrote again) = 7, answered 3.
        Assert.AreEqual(7 / 3.0, forecast.InPerHour, 1e-9);
        Assert.AreEqual(1.0, forecast.AnsweredPerHour, 1e-9);
        Assert.IsFalse(forecast.IsDraining);
        Assert.IsNull(forecast.DrainedAt);
    }

    [TestMethod]
    public async Task Forecast_AnsweringFasterThanArrivals_DrainedAtBacklogOverNetRate()
    {
        await using var db = await TestDatabase.CreateAsync();
        db.Clock.Advance(Now - db.Clock.GetUtcNow());
        var numbers = await db.AddTicketsAsync(6); // all received 14:00 on the 20th, outside the 3-hour window
        foreach (var (number, at) in numbers.Take(3).Zip(new[] { At(22, 9, 30), At(22, 10, 30), At(22, 11, 30) }))
            await ChangeAsync(db, number, t => t.Solve(at));
        var figures = db.Get<DeskFigures>();

        var backlog = await figures.BacklogAsync(Now);
        var forecast = await figures.ForecastAsync(Now, backlog.Total);

        Assert.AreEqual(3, backlog.Total);
        Assert.AreEqual(0.0, forecast.InPerHour);
        Assert.AreEqual(1.0, forecast.AnsweredPerHour, 1e-9);
        Assert.AreEqual(Now.AddHours(3), forecast.DrainedAt, "3 waiting at 1 an hour net");
    }

    [TestMethod]
    public async Task Agents_Fixture_OnlineByLiveClaimAndAnswersSinceLocalMidnight()
    {
        var (db, _, figures) = await DeskAsync();
        await using var _d = db;

        var agents = await figures.AgentsAsync(Now);

        // Ben and Cat hold live claims (online); Ana's last reply was 10:05 (offline). Ben's 12:45 reply on the 21st
        // is before 05:00 UTC today, so it does not count.
        CollectionAssert.AreEqual(new[] { "Ben Okafor|True|1|1", "Cat Nguyen|True|1|0", "Ana Diaz|False|0|2" },
            agents.Select(a => $"{a.Name}|{a.Online}|{a.Holding}|{a.AnswersToday}").ToArray());
        Assert.AreEqual(At(22, 10, 5), agents.Single(a => a.Name == "Ana Diaz").LastReplyAt);
    }

    [TestMethod]
    public async Task Agents_ClaimLeaseRunsOut_AgentGoesOffline()
    {
        var (db, _, figures) = await DeskAsync();
        await using var _d = db;
        db.Clock.Advance(TimeSpan.FromMinutes(4)); // 12:34: Cat's lease ended 12:33, Ben's ends 12:34 (not after now)

        var agents = await figures.AgentsAsync(db.Clock.GetUtcNow());

        Assert.IsFalse(agents.Any(a => a.Online));
    }

    [TestMethod]
    public async Task Triage_Fixture_OneNeedsTriageOneChangedOfNine()
    {
        var (db, _, figures) = await DeskAsync();
        await using var _d = db;

        var triage = await figures.TriageAsync();

        Assert.AreEqual(new TriageFigures(9, 1, 1), triage);
        Assert.AreEqual(1 / 9.0, triage.NeedsTriageShare, 1e-9);
    }

    [TestMethod]
    public async Task Triage_AgentSetsIntentOnTriageTicket_NeedsTriageDropsAndChangedRises()
    {
        var (db, desk, figures) = await DeskAsync();
        await using var _d = db;

        await ChangeAsync(db, desk.Tickets["T5"], t => t.ChangeIntent("reset_help", Now));

        Assert.AreEqual(new TriageFigures(9, 0, 2), await figures.TriageAsync());
        var backlog = await figures.BacklogAsync(Now);
        Assert.AreEqual(2, backlog.ByIntent.Single(i => i.Intent == "reset_help").Tickets, "T5 moved from none to reset_help");
        Assert.IsFalse(backlog.ByIntent.Any(i => i.Intent is null));
    }

    [TestMethod]
    public async Task Outbox_Fixture_QueuedFailedBounced()
    {
        var (db, _, figures) = await DeskAsync();
        await using var _d = db;

        Assert.AreEqual(new OutboxHealth(1, 1, 2), await figures.OutboxAsync());
    }

    [TestMethod]
    public async Task Intake_Fixture_LagSinceLastGoodPollAndPendingEmails()
    {
        var (db, _, figures) = await DeskAsync();
        await using var _d = db;

        var intake = await figures.IntakeAsync(Now);

        var mailbox = intake.Mailboxes.Single();
        Assert.AreEqual("passwordchange", mailbox.Mailbox);
        Assert.AreEqual(TimeSpan.FromMinutes(10), mailbox.Lag);
        Assert.AreEqual(3, mailbox.WaitingOnServer);
        Assert.AreEqual("timeout", mailbox.LastError);
        Assert.AreEqual(2, intake.PendingEmails);
        Assert.AreEqual(At(22, 12, 0), intake.OldestPendingAt);
    }

    [TestMethod]
    public async Task Rollups_RebuiltFromRows_SameFiguresAsTheTriggersKept()
    {
        var (db, _, figures) = await DeskAsync();
        await using var _d = db;
        var before = await figures.ReadAsync();

        await using (var ctx = await db.Factory.CreateDbContextAsync())
            await ctx.Database.ExecuteSqlRawAsync(ProviderSql.For(ctx).RebuildRollups);
        var after = await figures.ReadAsync();

        Assert.AreEqual(before.Backlog.Total, after.Backlog.Total);
        CollectionAssert.AreEqual(before.Backlog.ByAge.ToArray(), after.Backlog.ByAge.ToArray());
        CollectionAssert.AreEquivalent(before.Backlog.ByIntent.ToArray(), after.Backlog.ByIntent.ToArray());
        Assert.AreEqual(before.FirstResponseSinceStart, after.FirstResponseSinceStart);
        Assert.AreEqual(before.Triage, after.Triage);
        CollectionAssert.AreEqual(before.SinceStart.Select(h => h.Arrived).ToArray(), after.SinceStart.Select(h => h.Arrived).ToArray());
        CollectionAssert.AreEqual(before.Agents.ToArray(), after.Agents.ToArray());
        // Rebuilt from rows, an answered-then-reopened ticket (T8) is only in the queue: its history is not in the row.
        Assert.AreEqual(4, before.SinceStart.Sum(h => h.Answered));
        Assert.AreEqual(3, after.SinceStart.Sum(h => h.Answered));
    }

    [TestMethod]
    public async Task Snapshot_Fixture_ChartsSpanTheLastDayAndTheIncident()
    {
        var (db, _, figures) = await DeskAsync();
        await using var _d = db;

        var s = await figures.ReadAsync();

        Assert.AreEqual(24, s.Last24Hours.Count);
        Assert.AreEqual(At(22, 12, 0), s.Last24Hours[^1].Hour);
        Assert.AreEqual(At(21, 6, 0), s.SinceStart[0].Hour);
        Assert.AreEqual(31, s.SinceStart.Count);
        Assert.AreEqual(6, s.Forecast.Backlog);
    }

    [TestMethod]
    public async Task Rollups_RebuiltOverRowsTheTriggersNeverSaw_BackfilledAndKeptFromThenOn()
    {
        await using var db = await TestDatabase.CreateAsync();
        db.Clock.Advance(Now - db.Clock.GetUtcNow());
        var numbers = await db.AddTicketsAsync(4, i => (TicketPriority.Normal, i < 3 ? "reset_help" : null));
        // As a COPY load leaves them (SurgeCopy writes with the triggers off): rows the rollups do not count.
        await using (var ctx = await db.Factory.CreateDbContextAsync())
            await ctx.Database.ExecuteSqlRawAsync("""
                DELETE FROM "DeskHourlyFlow"; DELETE FROM "DeskBacklog"; DELETE FROM "DeskResponseTimes";
                DELETE FROM "DeskAgentHourly"; DELETE FROM "DeskAgentActivity";
                """);
        Assert.AreEqual(0, (await db.Get<DeskFigures>().BacklogAsync(Now)).Total, "the rollups are what the figures read");

        // What SurgeCopy runs after the load: count the rollups from the rows there, then the triggers keep them.
        await using (var ctx = await db.Factory.CreateDbContextAsync())
            await ctx.Database.ExecuteSqlRawAsync(ProviderSql.For(ctx).RebuildRollups);
        await ChangeAsync(db, numbers[0], t => t.Solve(Now));

        var backlog = await db.Get<DeskFigures>().BacklogAsync(Now);
        Assert.AreEqual(3, backlog.Total, "4 backfilled, then 1 solved through the trigger");
        Assert.AreEqual(2, backlog.ByIntent.Single(i => i.Intent == "reset_help").Tickets);
    }
}
