using Helpdesk.Core.Outbox;
using Helpdesk.Core.Reporting;
using Helpdesk.Core.Tests.Support;
using Helpdesk.Core.Tickets;
using Microsoft.EntityFrameworkCore;
using static Helpdesk.Core.Tests.Reporting.DashboardFixture;

namespace Helpdesk.Core.Tests.Reporting;

/// <summary>The drill-down lists give exactly the tickets behind each figure of <see cref="DashboardFixture"/>.</summary>
[TestClass]
public sealed class LeadTicketsTests
{
    private static async Task<string[]> NamesAsync(DashboardFixture.Desk desk, LeadTicketFilter filter)
    {
        var (rows, total) = await desk.Db.Get<LeadTickets>().ListAsync(filter);
        Assert.AreEqual(rows.Count, total, "one page holds them all");
        var byNumber = desk.Tickets.ToDictionary(kv => kv.Value, kv => kv.Key);
        return rows.Select(r => byNumber[r.Number]).ToArray();
    }

    [TestMethod]
    public async Task List_EscalatedFilter_OnlyWaitingEscalatedTicketsOldestFirst()
    {
        await using var db = await TestDatabase.CreateAsync();
        var desk = await BuildAsync(db);
        await ChangeAsync(db, desk.Tickets["T5"], t => t.Escalate(Now));
        await ChangeAsync(db, desk.Tickets["T8"], t => t.Escalate(Now));
        var filter = LeadTicketFilter.Parse(new LeadTicketFilter { Escalated = true }.ToQueryString().Split('=') is [var k, var v]
            ? name => name == k ? v : null
            : _ => null);

        Assert.IsTrue(filter.Escalated, "the filter survives its own query string");
        CollectionAssert.AreEqual(new[] { "T8", "T5" }, await NamesAsync(desk, filter));
        StringAssert.Contains(filter.Describe(), "escalated to a lead");
    }

    [TestMethod]
    public async Task List_EachFigureFilter_TheTicketsBehindIt()
    {
        await using var db = await TestDatabase.CreateAsync();
        var desk = await BuildAsync(db);

        CollectionAssert.AreEqual(new[] { "T7", "T4", "T6", "T8", "T5", "T9" }, await NamesAsync(desk, new() { Waiting = true }), "oldest first");
        CollectionAssert.AreEqual(new[] { "T4", "T6" }, await NamesAsync(desk, new() { Age = AgeBand.OneToFourHours }));
        CollectionAssert.AreEqual(new[] { "T7" }, await NamesAsync(desk, new() { Age = AgeBand.OneToTwoDays }));
        CollectionAssert.AreEqual(new[] { "T4", "T9" }, await NamesAsync(desk, new() { Waiting = true, Intent = "card_safety" }));
        CollectionAssert.AreEqual(new[] { "T5" }, await NamesAsync(desk, new() { Waiting = true, Intent = "none" }));
        CollectionAssert.AreEqual(new[] { "T5" }, await NamesAsync(desk, new() { NeedsTriage = true }));
        CollectionAssert.AreEqual(new[] { "T9" }, await NamesAsync(desk, new() { IntentChanged = true }));
        CollectionAssert.AreEquivalent(new[] { "T4", "T6" }, await NamesAsync(desk, new() { Held = true }));
        CollectionAssert.AreEqual(new[] { "T4" }, await NamesAsync(desk, new() { HeldBy = desk.Ben }));
        CollectionAssert.AreEqual(new[] { "T1" }, await NamesAsync(desk, new() { Outbox = OutboxState.Failed }));
        CollectionAssert.AreEquivalent(new[] { "T1", "T2" }, await NamesAsync(desk, new() { ArrivedHour = At(22, 9, 0) }));
        CollectionAssert.AreEqual(new[] { "T2" }, await NamesAsync(desk, new() { AnsweredHour = At(22, 10, 0) }));
        CollectionAssert.AreEquivalent(new[] { "T3", "T8" }, await NamesAsync(desk, new() { MinResponseMinutes = 60 }));
        CollectionAssert.AreEqual(new[] { "T3" }, await NamesAsync(desk, new() { MinResponseMinutes = 60, AnsweredSince = At(21, 13, 0) }));
    }

    [TestMethod]
    public void Filter_QueryStringRoundTrip_SameFilter()
    {
        var filter = new LeadTicketFilter
        {
            Waiting = true, Intent = "card_safety", Age = AgeBand.FourToTwelveHours, ArrivedHour = At(22, 9, 0), AnsweredHour = At(22, 10, 0),
            AnsweredSince = At(21, 13, 0), MinResponseMinutes = 45, NeedsTriage = true, IntentChanged = true, HeldBy = 7, Held = true,
            Outbox = OutboxState.Bounced,
        };
        var query = System.Web.HttpUtility.ParseQueryString(filter.ToQueryString());

        Assert.AreEqual(filter, LeadTicketFilter.Parse(k => query[k]));
        Assert.AreEqual(new LeadTicketFilter(), LeadTicketFilter.Parse(k => k == "age" ? "Forever" : k == "heldBy" ? "x" : null), "junk is ignored");
    }

    [TestMethod]
    public async Task Csv_TicketsWithCommasAndFormulaSubjects_QuotedAndDefused()
    {
        var row = new LeadTicketRow(5, "=HYPERLINK(\"x\"), please", "a@example.com", TicketStatus.New, TicketPriority.High, null, true, false,
            At(22, 9, 0), At(22, 9, 0), null, null, null, null);

        var csv = FigureCsv.Tickets([row]);

        var line = csv.Split("\r\n")[1];
        Assert.AreEqual("5,\"'=HYPERLINK(\"\"x\"\"), please\",a@example.com,New,High,,1,0,2026-11-22T09:00:00Z,2026-11-22T09:00:00Z,,", line);
        await Task.CompletedTask;
    }
}
