using System.Security.Claims;
using Helpdesk.Core.Bulk;
using Helpdesk.Web.Components.Bulk;
using Microsoft.AspNetCore.Authorization;

namespace Helpdesk.Web.Tests;

[TestClass]
public sealed class BulkMarkupTests : BunitContext
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private static BulkCandidate Candidate(long number, string text) =>
        new(number, "card_safety", 0.95, $"Subject {number}", text, $"c{number}@example.com", null, Now.AddMinutes(-number), 1);

    private static BulkCluster Cluster(int size)
    {
        var members = Enumerable.Range(1, size).Select(i => new BulkMember(Candidate(i, $"is my card safe {i}"), 1.0 - i / 100.0)).ToList();
        return new BulkCluster($"card_safety:1", "card_safety", members, members.Take(2).ToList(), members.Skip(2).Reverse().Take(2).ToList());
    }

    [TestMethod]
    public void ClusterList_Report_IntentHeadingSizesAndReviewButtons()
    {
        var report = new BulkClusterReport(Now, 40, [new BulkIntentClusters("card_safety", 40, 33, [Cluster(5), Cluster(2) with { Key = "card_safety:9" }])]);

        var cut = Render<BulkClusterList>(p => p.Add(c => c.Report, report));

        var section = cut.Find("section[data-intent=card_safety]");
        StringAssert.Contains(section.QuerySelector("h2")!.TextContent, "Card safety");
        StringAssert.Contains(section.QuerySelector("h2")!.TextContent, "7 in 2 clusters");
        StringAssert.Contains(section.QuerySelector("h2")!.TextContent, "33 more");
        Assert.AreEqual("5", cut.Find("tr[data-cluster='card_safety:1'] [data-size]").TextContent);
        Assert.AreEqual(2, cut.FindAll("tr[data-cluster] button").Count);
    }

    [TestMethod]
    public void ClusterList_NoClusters_SaysSo()
    {
        var report = new BulkClusterReport(Now, 3, [new BulkIntentClusters("thanks", 3, 3, [])]);

        var cut = Render<BulkClusterList>(p => p.Add(c => c.Report, report));

        StringAssert.Contains(cut.Find("[data-empty]").TextContent, "3 tickets");
    }

    [TestMethod]
    public void ClusterDetail_RemovedMember_StruckThroughWithPutBackAndCountDrops()
    {
        var cut = Render<BulkClusterDetail>(p => p.Add(c => c.Cluster, Cluster(5)).Add(c => c.Removed, new HashSet<long> { 3 }));

        Assert.AreEqual("4", cut.Find("[data-included]").TextContent);
        Assert.AreEqual("true", cut.Find("tr[data-member='3']").GetAttribute("data-removed"));
        StringAssert.Contains(cut.Find("tr[data-member='3'] button").TextContent, "Put back");
        StringAssert.Contains(cut.Find("tr[data-member='4'] button").TextContent, "Leave out");
        Assert.AreEqual(2, cut.FindAll("[data-sample]").Count);
        Assert.AreEqual("5", cut.FindAll("[data-outlier]")[0].GetAttribute("data-outlier"));
    }

    [TestMethod]
    public void Countdown_Holding_SecondsLeftAndUndoButton()
    {
        var result = new BulkSendResult(7, Now.AddSeconds(42.3), 12, [new BulkSkip(99, "claimed by Priya Kumar")]);

        var cut = Render<BulkCountdown>(p => p.Add(c => c.Result, result).Add(c => c.Now, Now));

        Assert.AreEqual("43", cut.Find("[data-countdown]").TextContent);
        Assert.IsNotNull(cut.FindAll("button[data-undo]").FirstOrDefault());
        StringAssert.Contains(cut.Find("[data-skip='99']").TextContent, "claimed by Priya Kumar");
    }

    [TestMethod]
    public void Countdown_WindowPassedOrUndone_NoUndoButton()
    {
        var result = new BulkSendResult(7, Now.AddSeconds(-1), 12, []);

        var released = Render<BulkCountdown>(p => p.Add(c => c.Result, result).Add(c => c.Now, Now));
        var undone = Render<BulkCountdown>(p => p.Add(c => c.Result, result with { HoldUntil = Now.AddSeconds(30) }).Add(c => c.Now, Now).Add(c => c.Undone, true));

        Assert.IsNotNull(released.FindAll("[data-bulk-state=released]").FirstOrDefault());
        Assert.IsNull(released.FindAll("button[data-undo]").FirstOrDefault());
        Assert.IsNotNull(undone.FindAll("[data-bulk-state=undone]").FirstOrDefault());
        Assert.IsNull(undone.FindAll("button[data-undo]").FirstOrDefault());
    }

    [TestMethod]
    public void RecentList_HoldingSendingUndone_CountdownAndUndoOnlyInWindow()
    {
        BulkSendSummary Send(long id, BulkSendState state, double holdSeconds, int held, int sent, int cancelled) =>
            new(id, Now.AddMinutes(-id), "Lena Lead", "reset_help", "reset_help.link_expired.en", "Reset link expired", 3, state,
                Now.AddSeconds(holdSeconds), held, sent, cancelled, 0, 2);
        var sends = new[]
        {
            Send(3, BulkSendState.Queued, 41.2, 12, 0, 0),
            Send(2, BulkSendState.Queued, -5, 4, 8, 0),
            Send(1, BulkSendState.Undone, 20, 0, 0, 12),
        };

        var cut = Render<BulkRecentList>(p => p.Add(c => c.Sends, sends).Add(c => c.Now, Now));

        var holding = cut.Find("tr[data-recent='3']");
        Assert.AreEqual("holding", holding.GetAttribute("data-state"));
        Assert.AreEqual("42", holding.QuerySelector("[data-recent-countdown]")!.TextContent);
        Assert.IsNotNull(holding.QuerySelector("button[data-recent-undo]"));
        StringAssert.Contains(holding.TextContent, "Reset link expired");
        StringAssert.Contains(holding.TextContent, "v3");
        StringAssert.Contains(holding.TextContent, "Lena Lead");
        var sending = cut.Find("tr[data-recent='2']");
        Assert.AreEqual(("sending", "8", "4"), (sending.GetAttribute("data-state"), sending.QuerySelector("[data-sent]")!.TextContent, sending.QuerySelector("[data-held]")!.TextContent));
        var undone = cut.Find("tr[data-recent='1']");
        Assert.AreEqual(("undone", "12"), (undone.GetAttribute("data-state"), undone.QuerySelector("[data-cancelled]")!.TextContent));
        Assert.AreEqual(1, cut.FindAll("button[data-recent-undo]").Count, "only the send inside its window can be undone");
        Assert.AreEqual("2", undone.QuerySelector("[data-skipped-count]")!.TextContent);
    }

    [TestMethod]
    public void RecentList_None_SaysSo()
    {
        var cut = Render<BulkRecentList>(p => p.Add(c => c.Sends, Array.Empty<BulkSendSummary>()).Add(c => c.Now, Now));

        Assert.IsNotNull(cut.FindAll("[data-recent-empty]").FirstOrDefault());
        Assert.IsNull(cut.FindAll("table").FirstOrDefault());
    }

    [TestMethod]
    public void PreviewPanel_Replies_OneCardPerTicketWithText()
    {
        var preview = new BulkPreview("card_safety.is_my_card_safe.en", "Is my card safe", 4, 2,
            [new BulkPreviewReply(11, "a@example.com", "Re: card [#11]", "Hello Ann,\n\nYour card is safe."), new BulkPreviewReply(12, "b@example.com", "Re: card [#12]", "Hello,\n\nYour card is safe.")]);

        var cut = Render<BulkPreviewPanel>(p => p.Add(c => c.Preview, preview).Add(c => c.VersionLabel, "2"));

        Assert.AreEqual(2, cut.FindAll("[data-preview-ticket]").Count);
        StringAssert.Contains(cut.Find("[data-preview-ticket='11'] pre").TextContent, "Hello Ann,");
        StringAssert.Contains(cut.Find("[data-preview-ticket='12']").TextContent, "b@example.com");
    }

    [TestMethod]
    public async Task BulkReplyPolicy_Roles_LeadAndTrustedAgentOnly()
    {
        static ClaimsPrincipal User(string name, string role) =>
            new(new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role)], "test"));
        async Task<bool> Allowed(BulkOptions options, ClaimsPrincipal user)
        {
            var requirement = new BulkReplyRequirement();
            var context = new AuthorizationHandlerContext([requirement], user, null);
            await new BulkReplyRequirement.Handler(options).HandleAsync(context);
            return context.HasSucceeded;
        }
        var trusted = new BulkOptions { AllowTrustedAgents = true, TrustedAgents = ["agent7"] };

        Assert.IsTrue(await Allowed(new BulkOptions(), User("lead", "Lead")));
        Assert.IsFalse(await Allowed(new BulkOptions(), User("agent7", "Agent")));
        Assert.IsTrue(await Allowed(trusted, User("agent7", "Agent")));
        Assert.IsFalse(await Allowed(trusted, User("agent8", "Agent")));
        Assert.IsFalse(await Allowed(new BulkOptions { TrustedAgents = ["agent7"] }, User("agent7", "Agent")), "named but not allowed by the setting");
    }
}
