using System.Collections.Concurrent;
using Helpdesk.Core.Queue;
using Helpdesk.Core.Tests.Support;
using Helpdesk.Core.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Core.Tests.Queue;

[TestClass]
public sealed class TicketQueueTests
{
    [TestMethod]
    public async Task Next_64ConcurrentClaimersOver10000Tickets_EveryTicketClaimedExactlyOnce()
    {
        await using var desk = await TestDatabase.CreateAsync();
        var numbers = await desk.AddTicketsAsync(10_000);
        var queue = desk.Get<TicketQueue>();
        var claims = new ConcurrentBag<(long Agent, long Ticket)>();

        // Each claimer takes the next ticket and answers it (solves it), as an agent would, until the queue is empty.
        var claimers = Enumerable.Range(1, 64).Select(agent => Task.Run(async () =>
        {
            while (await queue.NextAsync(agent) is { } number)
            {
                claims.Add((agent, number));
                await using var db = await desk.Factory.CreateDbContextAsync();
                var ticket = await db.Tickets.SingleAsync(t => t.Number == number);
                Assert.IsTrue(ticket.IsHeldBy(agent, desk.Clock.GetUtcNow()), $"agent {agent} got #{number} but does not hold it");
                ticket.Solve(desk.Clock.GetUtcNow());
                await db.SaveChangesAsync();
            }
        })).ToArray();
        await Task.WhenAll(claimers);

        var byTicket = claims.GroupBy(c => c.Ticket).ToDictionary(g => g.Key, g => g.Count());
        Assert.AreEqual(10_000, claims.Count, "claims made");
        Assert.AreEqual(10_000, byTicket.Count, "distinct tickets claimed");
        Assert.IsTrue(byTicket.Values.All(n => n == 1), "a ticket was claimed more than once");
        CollectionAssert.AreEquivalent(numbers, byTicket.Keys.ToList());
        Assert.IsTrue(claims.Select(c => c.Agent).Distinct().Count() > 1, "only one claimer ever won: no contention was tested");
    }

    [TestMethod]
    public async Task Next_MixedPriorities_HighestPriorityThenOldestFirst()
    {
        await using var desk = await TestDatabase.CreateAsync();
        var numbers = await desk.AddTicketsAsync(5, i => (i == 3 ? TicketPriority.Urgent : i == 4 ? TicketPriority.High : TicketPriority.Normal, null));
        var queue = desk.Get<TicketQueue>();

        var order = new List<long>();
        for (var agent = 1; agent <= 5; agent++) order.Add((await queue.NextAsync(agent))!.Value);

        CollectionAssert.AreEqual(new[] { numbers[3], numbers[4], numbers[0], numbers[1], numbers[2] }, order);
        Assert.IsNull(await queue.NextAsync(99), "every ticket is held; nothing is left to claim");
    }

    [TestMethod]
    public async Task Next_IntentFilter_OnlyClaimsThatIntent()
    {
        await using var desk = await TestDatabase.CreateAsync();
        var numbers = await desk.AddTicketsAsync(4, i => (TicketPriority.Normal, i % 2 == 0 ? "reset_help" : "card_safety"));
        var queue = desk.Get<TicketQueue>();

        var first = await queue.NextAsync(1, "card_safety");
        var second = await queue.NextAsync(2, "card_safety");
        var third = await queue.NextAsync(3, "card_safety");

        Assert.AreEqual(numbers[1], first);
        Assert.AreEqual(numbers[3], second);
        Assert.IsNull(third);
    }

    [TestMethod]
    public async Task Next_AgentAlreadyHoldsATicket_ReturnsTheSameTicket()
    {
        await using var desk = await TestDatabase.CreateAsync();
        await desk.AddTicketsAsync(3);
        var queue = desk.Get<TicketQueue>();

        var first = await queue.NextAsync(7);
        var again = await queue.NextAsync(7);

        Assert.AreEqual(first, again);
    }

    [TestMethod]
    public async Task Next_LeaseExpired_TicketGoesBackAndOldHolderLosesHeartbeat()
    {
        await using var desk = await TestDatabase.CreateAsync();
        var numbers = await desk.AddTicketsAsync(1);
        var queue = desk.Get<TicketQueue>();
        Assert.AreEqual(numbers[0], await queue.NextAsync(1));
        Assert.IsNull(await queue.NextAsync(2), "held ticket must not be given to a second agent");

        desk.Clock.Advance(queue.LeaseDuration + TimeSpan.FromSeconds(1));

        Assert.AreEqual(numbers[0], await queue.NextAsync(2), "an expired lease puts the ticket back");
        Assert.IsFalse(await queue.HeartbeatAsync(1, numbers[0]), "the first agent's claim is gone");
        Assert.IsTrue(await queue.HeartbeatAsync(2, numbers[0]));
    }

    [TestMethod]
    public async Task Heartbeat_BeforeExpiry_ExtendsTheLease()
    {
        await using var desk = await TestDatabase.CreateAsync();
        var numbers = await desk.AddTicketsAsync(1);
        var queue = desk.Get<TicketQueue>();
        await queue.NextAsync(1);

        desk.Clock.Advance(queue.LeaseDuration * 0.8);
        Assert.IsTrue(await queue.HeartbeatAsync(1, numbers[0]));
        desk.Clock.Advance(queue.LeaseDuration * 0.8);

        Assert.IsNull(await queue.NextAsync(2), "the renewed lease still holds the ticket");
    }

    [TestMethod]
    public async Task Release_HeldTicket_NextAgentGetsIt()
    {
        await using var desk = await TestDatabase.CreateAsync();
        var numbers = await desk.AddTicketsAsync(1);
        var queue = desk.Get<TicketQueue>();
        await queue.NextAsync(1);

        Assert.IsFalse(await queue.ReleaseAsync(2, numbers[0]), "someone else's claim cannot be released");
        Assert.IsTrue(await queue.ReleaseAsync(1, numbers[0]));

        Assert.AreEqual(numbers[0], await queue.NextAsync(2));
    }

    [TestMethod]
    public async Task Next_EscalatedLane_AgentsNeverGetEscalatedLeadsGetOnlyThose()
    {
        await using var desk = await TestDatabase.CreateAsync();
        var numbers = await desk.AddTicketsAsync(4);
        await using (var db = await desk.Factory.CreateDbContextAsync())
        {
            foreach (var t in await db.Tickets.Where(t => t.Number == numbers[1] || t.Number == numbers[3]).ToListAsync())
                t.Escalate(desk.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        }
        var queue = desk.Get<TicketQueue>();

        var lead1 = await queue.NextAsync(10, lane: QueueLane.Escalated);
        var lead2 = await queue.NextAsync(11, lane: QueueLane.Escalated);
        var lead3 = await queue.NextAsync(12, lane: QueueLane.Escalated);
        var agent1 = await queue.NextAsync(1);
        var agent2 = await queue.NextAsync(2);
        var agent3 = await queue.NextAsync(3);

        Assert.AreEqual(numbers[1], lead1, "the oldest escalated ticket first");
        Assert.AreEqual(numbers[3], lead2);
        Assert.IsNull(lead3, "the leads' lane holds only the escalated tickets");
        CollectionAssert.AreEqual(new long?[] { numbers[0], numbers[2], null }, new[] { agent1, agent2, agent3 },
            "agents are never offered an escalated ticket");
    }

    [TestMethod]
    public async Task Claim_SpecificTicketHeldByAnother_Refused()
    {
        await using var desk = await TestDatabase.CreateAsync();
        var numbers = await desk.AddTicketsAsync(2);
        var queue = desk.Get<TicketQueue>();
        await queue.NextAsync(1);

        Assert.IsFalse(await queue.ClaimAsync(2, numbers[0]));
        Assert.IsTrue(await queue.ClaimAsync(2, numbers[1]));
    }

    [TestMethod]
    public async Task Next_CustomerWroteAgainAfterAnswer_QueuesFromTheNewMessageNotTheFirst()
    {
        await using var desk = await TestDatabase.CreateAsync();
        var numbers = await desk.AddTicketsAsync(2);
        var queue = desk.Get<TicketQueue>();
        // The first ticket is answered, then its customer writes again after the second ticket arrived.
        Assert.AreEqual(numbers[0], await queue.NextAsync(1));
        await using (var db = await desk.Factory.CreateDbContextAsync())
        {
            var t = await db.Tickets.Include(x => x.Customer).SingleAsync(x => x.Number == numbers[0]);
            var now = desk.Clock.GetUtcNow();
            t.Reply(1, t.Version, TicketMessage.Outbound(1, "r@meridian.example", null, [], "Re", "answer", now), now);
            t.AddCustomerMessage(TicketMessage.Inbound("again@example.com", null, [], t.Customer!.Address, null, "Re", "again", "again", null, now.AddMinutes(5), null));
            await db.SaveChangesAsync();
            Assert.AreEqual(now.AddMinutes(5), t.WaitingSince);
        }

        Assert.AreEqual(numbers[1], await queue.NextAsync(2), "the ticket waiting longer goes first");
        Assert.AreEqual(numbers[0], await queue.NextAsync(3));
    }
}
