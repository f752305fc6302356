using Helpdesk.Core.Bulk;
using Helpdesk.Core.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Core.Tests.Bulk;

[TestClass]
public sealed class BulkClustersTests
{
    private static readonly string[] Same =
    [
        "Is my credit card safe after the breach? Should I cancel it?",
        "is my credit card safe after the breach, should I cancel it",
        "Hello, is my credit card safe after the breach? Should I cancel it? Thanks",
        "Is my credit card safe after this breach? Should I cancel it now?",
    ];

    [TestMethod]
    public async Task Cluster_OnlySingleMessageConfidentUnclaimedTicketsJoin()
    {
        await using var bulk = await BulkDesk.CreateAsync();
        var confident = await bulk.AddTicketsAsync(Same, "card_safety");
        var unsure = await bulk.AddTicketsAsync(Same[..2], "card_safety", confidence: 0.6);
        var wroteAgain = await bulk.AddTicketsAsync(Same[..1], "card_safety");
        await using (var db = await bulk.Desk.Factory.CreateDbContextAsync())
        {
            var t = await db.Tickets.Include(x => x.Customer).SingleAsync(x => x.Number == wroteAgain[0]);
            t.AddCustomerMessage(TicketMessage.Inbound("x@mail.example", null, [], t.Customer!.Address, null, "again", "again", "again", null,
                bulk.Desk.Clock.GetUtcNow(), null));
            await db.SaveChangesAsync();
        }

        var report = await bulk.Desk.Get<BulkClusters>().ClusterAsync();

        var card = report.Intents.Single(i => i.Intent == "card_safety");
        Assert.AreEqual(4, card.Candidates);
        var cluster = card.Clusters.Single();
        CollectionAssert.AreEquivalent(confident, cluster.Members.Select(m => m.Ticket.TicketNumber).ToList());
        Assert.AreEqual(confident[0], cluster.Representative.Ticket.TicketNumber, "the oldest ticket represents the cluster");
        Assert.AreEqual($"card_safety:{confident[0]}", cluster.Key);
        Assert.IsNotNull(report.Find(cluster.Key));
        Assert.IsFalse(cluster.Members.Any(m => unsure.Contains(m.Ticket.TicketNumber)));
    }

    [TestMethod]
    public void Cluster_LargeCluster_SamplesMostAlikeOutliersLeastAlike()
    {
        var at = new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
        var texts = Enumerable.Repeat(Same[0], 8).Append(Same[2]).Append(Same[3]).ToList();
        var candidates = texts.Select((t, i) => new BulkCandidate(i + 1, "card_safety", 0.95, "s", t, $"c{i}@example.com", null, at.AddMinutes(i), 1)).ToList();

        var report = BulkClusters.Cluster(candidates, new BulkOptions { Samples = 3, Outliers = 2 }, at);

        var cluster = report.Intents.Single().Clusters.Single();
        Assert.AreEqual(10, cluster.Size);
        Assert.AreEqual(3, cluster.Samples.Count);
        Assert.IsTrue(cluster.Samples.All(s => s.Similarity == 1.0));
        Assert.AreEqual(2, cluster.Outliers.Count);
        CollectionAssert.AreEquivalent(new long[] { 9, 10 }, cluster.Outliers.Select(o => o.Ticket.TicketNumber).ToArray());
        Assert.IsTrue(cluster.Outliers[0].Similarity <= cluster.Outliers[1].Similarity);
    }
}
