using System.Security.Claims;
using Helpdesk.Core.Bulk;
using Helpdesk.Web.Components.Bulk;
using Microsoft.AspNetCore.Authorization;

namespace Helpdesk.Web.Tests;

[TestClass]
public sealed class BulkMarkupTests
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
    public async Task ClusterList_Report_IntentHeadingSizesAndReviewButtons()
    {
        var report = new BulkClusterReport(Now, 40, [new BulkIntentClusters("card_safety", 40, 33, [Cluster(5), Cluster(2) with { Key = "card_safety:9" }])]);

        var doc = await Markup.RenderAsync<BulkClusterList>(new() { ["Report"] = report });

        var section = doc.QuerySelector("section[data-intent=card_safety]")!;
        StringAssert.Contains(section.QuerySelector("h2")!.TextContent, "Card safety");
        StringAssert.Contains(section.QuerySelector("h2")!.TextContent, "7 in 2 clusters");
        StringAssert.Contains(section.QuerySelector("h2")!.TextContent, "33 more");
        Assert.AreEqual("5", doc.QuerySelector("tr[data-cluster='card_safety:1'] [data-size]")!.TextContent);
        Assert.AreEqual(2, doc.QuerySelectorAll("tr[data-cluster] button").Length);
    }

    [TestMethod]
    public async Task ClusterList_NoClusters_SaysSo()
    {
        var report = new BulkClusterReport(Now, 3, [new BulkIntentClusters("thanks", 3, 3, [])]);

        var doc = await Markup.RenderAsync<BulkClusterList>(new() { ["Report"] = report });

        StringAssert.Contains(doc.QuerySelector("[data-empty]")!.TextContent, "3 tickets");
    }

    [TestMethod]
    public async Task ClusterDetail_RemovedMember_StruckThroughWithPutBackAndCountDrops()
    {
        var doc = await Markup.RenderAsync<BulkClusterDetail>(new() { ["Cluster"] = Cluster(5), ["Removed"] = new HashSet<long> { 3 } });

        Assert.AreEqual("4", doc.QuerySelector("[data-included]")!.TextContent);
        Assert.AreEqual("true", doc.QuerySelector("tr[data-member='3']")!.GetAttribute("data-removed"));
        StringAssert.Contains(doc.QuerySelector("tr[data-member='3'] button")!.TextContent, "Put back");
        StringAssert.Contains(doc.QuerySelector("tr[data-member='4'] button")!.TextContent, "Leave out");
        Assert.AreEqual(2, doc.QuerySelectorAll("[data-sample]").Length);
        Assert.AreEqual("5", doc.QuerySelectorAll("[data-outlier]")[0].GetAttribute("data-outlier"));
    }

    [TestMethod]
    public async Task Countdown_Holding_SecondsLeftAndUndoButton()
    {
        var result = new BulkSendResult(7, Now.AddSeconds(42.3), 12, [new BulkSkip(99, "claimed by Priya Kumar")]);

        var doc = await Markup.RenderAsync<BulkCountdown>(new() { ["Result"] = result, ["Now"] = Now });

        Assert.AreEqual("43", doc.QuerySelector("[data-countdown]")!.TextContent);
        Assert.IsNotNull(doc.QuerySelector("button[data-undo]"));
        StringAssert.Contains(doc.QuerySelector("[data-skip='99']")!.TextContent, "claimed by Priya Kumar");
    }

    [TestMethod]
    public async Task Countdown_WindowPassedOrUndone_NoUndoButton()
    {
        var result = new BulkSendResult(7, Now.AddSeconds(-1), 12, []);

        var released = await Markup.RenderAsync<BulkCountdown>(new() { ["Result"] = result, ["Now"] = Now });
        var undone = await Markup.RenderAsync<BulkCountdown>(new() { ["Result"] = result with { HoldUntil = Now.AddSeconds(30) }, ["Now"] = Now, ["Undone"] = true });

        Assert.IsNotNull(released.QuerySelector("[data-bulk-state=released]"));
        Assert.IsNull(released.QuerySelector("button[data-undo]"));
        Assert.IsNotNull(undone.QuerySelector("[data-bulk-state=undone]"));
        Assert.IsNull(undone.QuerySelector("button[data-undo]"));
    }

    [TestMethod]
    public async Task RecentList_HoldingSendingUndone_CountdownAndUndoOnlyInWindow()
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

        var doc = await Markup.RenderAsync<BulkRecentList>(new() { ["Sends"] = sends, ["Now"] = Now });

        var holding = doc.QuerySelector("tr[data-recent='3']")!;
        Assert.AreEqual("holding", holding.GetAttribute("data-state"));
        Assert.AreEqual("42", holding.QuerySelector("[data-recent-countdown]")!.TextContent);
        Assert.IsNotNull(holding.QuerySelector("button[data-recent-undo]"));
        StringAssert.Contains(holding.TextContent, "Reset link expired");
        StringAssert.Contains(holding.TextContent, "v3");
        StringAssert.Contains(holding.TextContent, "Lena Lead");
        var sending = doc.QuerySelector("tr[data-recent='2']")!;
        Assert.AreEqual(("sending", "8", "4"), (sending.GetAttribute("data-state"), sending.QuerySelector("[data-sent]")!.TextContent, sending.QuerySelector("[data-held]")!.TextContent));
        var undone = doc.QuerySelector("tr[data-recent='1']")!;
        Assert.AreEqual(("undone", "12"), (undone.GetAttribute("data-state"), undone.QuerySelector("[data-cancelled]")!.TextContent));
        Assert.AreEqual(1, doc.QuerySelectorAll("button[data-recent-undo]").Length, "only the send inside its window can be undone");
        Assert.AreEqual("2", undone.QuerySelector("[data-skipped-count]")!.TextContent);
    }

    [TestMethod]
    public async Task RecentList_None_SaysSo()
    {
        var doc = await Markup.RenderAsync<BulkRecentList>(new() { ["Sends"] = Array.Empty<BulkSendSummary>(), ["Now"] = Now });

        Assert.IsNotNull(doc.QuerySelector("[data-recent-empty]"));
        Assert.IsNull(doc.QuerySelector("table"));
    }

    [TestMethod]
    public async Task PreviewPanel_Replies_OneCardPerTicketWithText()
    {
        var preview = new BulkPreview("card_safety.is_my_card_safe.en", "Is my card safe", 4, 2,
            [new BulkPreviewReply(11, "a@example.com", "Re: card [#11]", "Hello Ann,\n\nYour card is safe."), new BulkPreviewReply(12, "b@example.com", "Re: card [#12]", "Hello,\n\nYour card is safe.")]);

        var doc = await Markup.RenderAsync<BulkPreviewPanel>(new() { ["Preview"] = preview, ["VersionLabel"] = "2" });

        Assert.AreEqual(2, doc.QuerySelectorAll("[data-preview-ticket]").Length);
        StringAssert.Contains(doc.QuerySelector("[data-preview-ticket='11'] pre")!.TextContent, "Hello Ann,");
        StringAssert.Contains(doc.QuerySelector("[data-preview-ticket='12']")!.TextContent, "b@example.com");
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
