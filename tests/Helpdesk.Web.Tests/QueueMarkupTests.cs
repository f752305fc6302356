using Helpdesk.Core.Queue;
using Helpdesk.Core.Tickets;
using Helpdesk.Web.Components.Queue;

namespace Helpdesk.Web.Tests;

/// <summary>Component markup rendered by ASP.NET Core's HtmlRenderer and read with AngleSharp (bUnit does not restore here).</summary>
[TestClass]
public sealed class QueueMarkupTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private static QueueRow Row(long number, string? intent = "reset_help", int inbound = 1, bool triage = false, string? claimedBy = null,
        TicketPriority priority = TicketPriority.Normal) =>
        new(number, $"Subject {number}", $"c{number}@example.com", null, inbound > 1 ? TicketStatus.Open : TicketStatus.New, priority,
            intent, intent is null ? null : 0.87, triage, Now.AddHours(-5), Now.AddHours(-3).AddMinutes(-12), inbound, false, claimedBy);

    [TestMethod]
    public async Task QueueTable_Rows_ShowAgeIntentConfidenceAndHolder()
    {
        var doc = await Markup.RenderAsync<QueueTable>(new() { ["Rows"] = new[] { Row(101, claimedBy: "Priya Kumar") }, ["Now"] = Now });

        var cells = doc.QuerySelectorAll("tr[data-ticket='101'] td").Select(c => c.TextContent.Trim()).ToArray();
        Assert.AreEqual("101", cells[0]);
        Assert.AreEqual("3 h 12 min", cells[1]);
        StringAssert.Contains(cells[4], "reset_help");
        StringAssert.Contains(cells[4], "87");
        Assert.AreEqual("Priya Kumar", cells[6]);
    }

    [TestMethod]
    public async Task QueueTable_WroteAgainTriageAndUnclassified_Badged()
    {
        var doc = await Markup.RenderAsync<QueueTable>(new()
        {
            ["Rows"] = new[] { Row(1, inbound: 2), Row(2, intent: null, triage: true), Row(3, intent: null), Row(4, priority: TicketPriority.Urgent) },
            ["Now"] = Now,
        });

        StringAssert.Contains(doc.QuerySelector("tr[data-ticket='1']")!.TextContent, "wrote again");
        StringAssert.Contains(doc.QuerySelector("tr[data-ticket='2']")!.TextContent, "needs triage");
        StringAssert.Contains(doc.QuerySelector("tr[data-ticket='3']")!.TextContent, "unclassified");
        Assert.IsTrue(doc.QuerySelector("tr[data-ticket='4']")!.ClassList.Contains("priority-high"));
        Assert.IsFalse(doc.QuerySelector("tr[data-ticket='1']")!.ClassList.Contains("priority-high"));
    }

    [TestMethod]
    public async Task QueueCountsBar_Counts_WaitingIsNewPlusOpenAndOldestAge()
    {
        var counts = new QueueCounts(New: 1200, Open: 34, Pending: 10, Solved: 5, Closed: 0, Claimed: 7, NeedsTriage: 3, Unclassified: 2,
            OldestWaiting: Now.AddDays(-2).AddHours(-5));

        var doc = await Markup.RenderAsync<QueueCountsBar>(new() { ["Counts"] = counts, ["Now"] = Now });

        Assert.AreEqual("1,234", doc.QuerySelector("[data-count=waiting]")!.TextContent);
        Assert.AreEqual("7", doc.QuerySelector("[data-count=claimed]")!.TextContent);
        Assert.AreEqual("2 d 5 h", doc.QuerySelector("[data-count=oldest]")!.TextContent);
    }
}
