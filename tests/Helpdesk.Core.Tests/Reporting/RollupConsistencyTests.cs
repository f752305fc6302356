using Helpdesk.Demo;
using Helpdesk.Core.Reporting;
using Helpdesk.Core.Tests.Support;
using Helpdesk.Core.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Core.Tests.Reporting;

[TestClass]
public sealed class RollupConsistencyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The bulk ADO writer never calls EF: only the triggers can have kept the figures right.</summary>
    [TestMethod]
    public async Task RealisticSurge_AdoBulkWrite_RollupFiguresEqualCountsOverTheRows()
    {
        await using var desk = await TestDatabase.CreateAsync();
        desk.Clock.Advance(Now - desk.Clock.GetUtcNow());
        await using (var db = await desk.Factory.CreateDbContextAsync())
            await RealisticSurge.WriteAsync(db, 3_000, TimeSpan.FromDays(3), Now, seed: 7);
        var figures = desk.Get<DeskFigures>();

        var snapshot = await figures.ReadAsync();

        await using var check = await desk.Factory.CreateDbContextAsync();
        var queued = check.Tickets.Where(t => t.Status == TicketStatus.New || t.Status == TicketStatus.Open);
        Assert.AreEqual(await queued.CountAsync(), snapshot.Backlog.Total);
        Assert.IsTrue(snapshot.Backlog.Total is > 500 and < 2_000, $"a real backlog remains: {snapshot.Backlog.Total}");
        foreach (var i in snapshot.Backlog.ByIntent)
            Assert.AreEqual(await queued.CountAsync(t => t.Intent == i.Intent), i.Tickets, $"intent {i.Intent}");
        var overTwoDays = Now.AddDays(-2);
        Assert.AreEqual(await queued.CountAsync(t => t.WaitingSince <= overTwoDays), snapshot.Backlog.ByAge.Single(a => a.Band == AgeBand.OverTwoDays).Tickets);
        Assert.AreEqual(3_000, snapshot.SinceStart.Sum(h => h.Arrived));
        Assert.AreEqual(await check.Tickets.CountAsync(t => t.FirstResponseAt != null), snapshot.FirstResponseSinceStart.Answered);
        Assert.AreEqual(new TriageFigures(3_000, await check.Tickets.CountAsync(t => t.NeedsTriage), await check.Tickets.CountAsync(t => t.IntentChangedByAgent)),
            snapshot.Triage);
        var oldest = await queued.OrderBy(t => t.WaitingSince).ThenBy(t => t.Number).FirstAsync();
        Assert.AreEqual(new OldestWaiting(oldest.Number, oldest.WaitingSince), snapshot.Oldest);
        Assert.AreEqual(RealisticSurge.Agents / 2, snapshot.Agents.Count(a => a.Holding > 0), "the agents holding live claims");
        Assert.IsTrue(snapshot.Agents.Where(a => a.Holding > 0).All(a => a.Online));
    }

    /// <summary>
    /// On PostgreSQL the surge goes in by COPY with the figure triggers off and the rollups rebuilt at the end; on SQLite
    /// the triggers keep them. Either way every figure must equal a count over the rows, and the desk's next ticket
    /// must get a number of its own (COPY writes keys without moving the identity sequence).
    /// </summary>
    [TestMethod]
    public async Task SyntheticSurge_BulkWrite_RollupsEqualCountsAndNextTicketGetsFreshNumber()
    {
        await using var desk = await TestDatabase.CreateAsync();
        desk.Clock.Advance(Now - desk.Clock.GetUtcNow());
        await using (var db = await desk.Factory.CreateDbContextAsync())
            await SyntheticSurge.WriteAsync(db, 2_500, TimeSpan.FromDays(3), Now, seed: 7);

        var snapshot = await desk.Get<DeskFigures>().ReadAsync();
        var added = await desk.AddTicketsAsync(1);

        await using var check = await desk.Factory.CreateDbContextAsync();
        Assert.AreEqual(2_501, await check.Tickets.CountAsync());
        Assert.AreEqual(await check.Tickets.MaxAsync(t => t.Number), added.Single(), "the new ticket comes after the surge's numbers");
        var queued = check.Tickets.Where(t => t.Number < added.Single() && (t.Status == TicketStatus.New || t.Status == TicketStatus.Open));
        Assert.AreEqual(await queued.CountAsync(), snapshot.Backlog.Total);
        Assert.IsTrue(snapshot.Backlog.Total > 900, $"the last 40% wait: {snapshot.Backlog.Total}");
        foreach (var i in snapshot.Backlog.ByIntent)
            Assert.AreEqual(await queued.CountAsync(t => t.Intent == i.Intent), i.Tickets, $"intent {i.Intent}");
        Assert.AreEqual(2_500, snapshot.SinceStart.Sum(h => h.Arrived));
        Assert.AreEqual(await check.Tickets.CountAsync(t => t.FirstResponseAt != null), snapshot.FirstResponseSinceStart.Answered);
        Assert.AreEqual(new TriageFigures(2_500, await check.Tickets.CountAsync(t => t.NeedsTriage && t.Number < added.Single()), 0), snapshot.Triage);
    }
}
