using Helpdesk.Core.Queue;
using Helpdesk.Core.Tickets;
using Helpdesk.Web.Components.Queue;

namespace Helpdesk.Web.Tests;

/// <summary>The queue page's parts, rendered with bUnit.</summary>
[TestClass]
public sealed class QueueMarkupTests : BunitContext
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private static QueueRow Row(long number, string? intent = "reset_help", int inbound = 1, bool triage = false, string? claimedBy = null,
        TicketPriority priority = TicketPriority.Normal) =>
        new(number, $"Subject {number}", $"c{number}@example.com", null, inbound > 1 ? TicketStatus.Open : TicketStatus.New, priority,
            intent, intent is null ? null : 0.87, triage, Now.AddHours(-5), Now.AddHours(-3).AddMinutes(-12), inbound, false, claimedBy);

    [TestMethod]
    public void QueueTable_Rows_ShowAgeIntentConfidenceAndHolder()
    {
        var cut = Render<QueueTable>(p => p.Add(c => c.Rows, new[] { Row(101, claimedBy: "Priya Kumar") }).Add(c => c.Now, Now));

        var cells = cut.FindAll("tr[data-ticket='101'] td").Select(c => c.TextContent.Trim()).ToArray();
        Assert.AreEqual("101", cells[0]);
        Assert.AreEqual("3 h 12 min", cells[1]);
        StringAssert.Contains(cells[4], "reset_help");
        StringAssert.Contains(cells[4], "87");
        Assert.AreEqual("Priya Kumar", cells[6]);
    }

    [TestMethod]
    public void QueueTable_WroteAgainTriageAndUnclassified_Badged()
    {
        var cut = Render<QueueTable>(p => p.Add(c => c.Rows, new[] { Row(1, inbound: 2), Row(2, intent: null, triage: true), Row(3, intent: null), Row(4, priority: TicketPriority.Urgent) }).Add(c => c.Now, Now));

        StringAssert.Contains(cut.Find("tr[data-ticket='1']").TextContent, "wrote again");
        StringAssert.Contains(cut.Find("tr[data-ticket='2']").TextContent, "needs triage");
        StringAssert.Contains(cut.Find("tr[data-ticket='3']").TextContent, "unclassified");
        Assert.IsTrue(cut.Find("tr[data-ticket='4']").ClassList.Contains("priority-high"));
        Assert.IsFalse(cut.Find("tr[data-ticket='1']").ClassList.Contains("priority-high"));
    }

    [TestMethod]
    public void QueueCountsBar_Counts_WaitingIsNewPlusOpenAndOldestAge()
    {
        var counts = new QueueCounts(New: 1200, Open: 34, Pending: 10, Solved: 5, Closed: 0, Claimed: 7, NeedsTriage: 3, Unclassified: 2,
            OldestWaiting: Now.AddDays(-2).AddHours(-5));

        var cut = Render<QueueCountsBar>(p => p.Add(c => c.Counts, counts).Add(c => c.Now, Now));

        Assert.AreEqual("1,234", cut.Find("[data-count=waiting]").TextContent);
        Assert.AreEqual("7", cut.Find("[data-count=claimed]").TextContent);
        Assert.AreEqual("2 d 5 h", cut.Find("[data-count=oldest]").TextContent);
    }
}
