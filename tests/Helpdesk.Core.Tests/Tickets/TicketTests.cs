using Helpdesk.Core.Abstractions;
using Helpdesk.Core.Customers;
using Helpdesk.Core.Tests.Support;
using Helpdesk.Core.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Core.Tests.Tickets;

[TestClass]
public sealed class TicketTests
{
    private static readonly DateTimeOffset T0 = TestDatabase.Start;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    private static Ticket NewTicket()
    {
        var customer = new Customer("Jane.Doe@Example.com", "Jane Doe", T0);
        var ticket = Ticket.Open(customer, "  Link expired  ", T0);
        ticket.AddCustomerMessage(TicketMessage.Inbound("a@example.com", null, [], customer.Address, "Jane Doe", "Link expired", "hi", "hi", null, T0, null));
        return ticket;
    }

    private static TicketMessage ReplyText() =>
        TicketMessage.Outbound(1, "r1@meridian.example", "a@example.com", ["a@example.com"], "Re: Link expired", "Hello", T0);

    [TestMethod]
    public void Open_NewTicket_IsNewInQueueWithTrimmedSubject()
    {
        var ticket = NewTicket();

        Assert.AreEqual(TicketStatus.New, ticket.Status);
        Assert.IsTrue(ticket.IsInQueue);
        Assert.AreEqual("Link expired", ticket.Subject);
        Assert.AreEqual("jane.doe@example.com", ticket.Customer!.Address);
        Assert.AreEqual(1, ticket.InboundCount);
    }

    [TestMethod]
    public void Reply_WithClaimAndCurrentVersion_PendingAndFirstResponseSet()
    {
        var ticket = NewTicket();
        ticket.Claim(1, T0, Lease);

        ticket.Reply(1, ticket.Version, ReplyText(), T0.AddMinutes(2));

        Assert.AreEqual(TicketStatus.Pending, ticket.Status);
        Assert.AreEqual(T0.AddMinutes(2), ticket.FirstResponseAt);
        Assert.IsNull(ticket.ClaimedBy, "answering gives the ticket back");
    }

    [TestMethod]
    public void Reply_WithoutClaim_ClaimLost()
    {
        var ticket = NewTicket();

        Assert.ThrowsExactly<ClaimLostException>(() => ticket.Reply(1, ticket.Version, ReplyText(), T0));
    }

    [TestMethod]
    public void Reply_AfterLeaseExpired_ClaimLost()
    {
        var ticket = NewTicket();
        ticket.Claim(1, T0, Lease);

        Assert.ThrowsExactly<ClaimLostException>(() => ticket.Reply(1, ticket.Version, ReplyText(), T0 + Lease));
    }

    [TestMethod]
    public void Reply_CustomerWroteAgainSinceOpened_StaleTicketRefused()
    {
        var ticket = NewTicket();
        ticket.Claim(1, T0, Lease);
        var seen = ticket.Version;
        ticket.AddCustomerMessage(TicketMessage.Inbound("b@example.com", "a@example.com", [], "jane.doe@example.com", null, "Re", "more", "more", null, T0.AddMinutes(1), null));

        var e = Assert.ThrowsExactly<StaleTicketException>(() => ticket.Reply(1, seen, ReplyText(), T0.AddMinutes(2)));
        StringAssert.Contains(e.Message, "changed since you opened it");
    }

    [TestMethod]
    public void Claim_HeldByAnotherAgent_Refused()
    {
        var ticket = NewTicket();
        ticket.Claim(1, T0, Lease);

        Assert.ThrowsExactly<DomainException>(() => ticket.Claim(2, T0.AddMinutes(1), Lease));
        ticket.Claim(2, T0 + Lease, Lease);
        Assert.AreEqual(2L, ticket.ClaimedBy);
    }

    [TestMethod]
    public void AddCustomerMessage_PendingTicket_ReopensAsOpen()
    {
        var ticket = NewTicket();
        ticket.Claim(1, T0, Lease);
        ticket.Reply(1, ticket.Version, ReplyText(), T0);

        ticket.AddCustomerMessage(TicketMessage.Inbound("c@example.com", null, [], "jane.doe@example.com", null, "Re", "again", "again", null, T0.AddHours(1), null));

        Assert.AreEqual(TicketStatus.Open, ticket.Status);
        Assert.AreEqual(2, ticket.InboundCount);
        Assert.AreEqual(T0.AddHours(1), ticket.LastCustomerMessageAt);
    }

    [TestMethod]
    public void AddCustomerMessage_ClosedTicket_Refused()
    {
        var ticket = NewTicket();
        ticket.Solve(T0);
        ticket.Close(T0);

        Assert.ThrowsExactly<DomainException>(() => ticket.AddCustomerMessage(
            TicketMessage.Inbound("d@example.com", null, [], "x@example.com", null, "s", "t", "t", null, T0, null)));
    }

    [TestMethod]
    public void Close_UnsolvedTicket_Refused()
    {
        var ticket = NewTicket();

        var e = Assert.ThrowsExactly<DomainException>(() => ticket.Close(T0));
        StringAssert.Contains(e.Message, "only a solved ticket can be closed");
    }

    [TestMethod]
    public void Escalate_QueuedTicket_HighPriorityEscalatedReleased()
    {
        var ticket = NewTicket();
        ticket.Claim(1, T0, Lease);

        ticket.Escalate(T0);

        Assert.IsTrue(ticket.Escalated);
        Assert.AreEqual(TicketPriority.High, ticket.Priority);
        Assert.IsNull(ticket.ClaimedBy);
    }

    [TestMethod]
    public void ChangeIntent_ByAgent_RecordedAndTriageCleared()
    {
        var ticket = NewTicket();
        ticket.Classify(null, 0.3, needsTriage: true);

        ticket.ChangeIntent("card_safety", T0);

        Assert.AreEqual("card_safety", ticket.Intent);
        Assert.IsTrue(ticket.IntentChangedByAgent);
        Assert.IsFalse(ticket.NeedsTriage);
    }

    [TestMethod]
    public void MarkSpam_QueuedTicket_ClosedAndOutOfQueue()
    {
        var ticket = NewTicket();

        ticket.MarkSpam(T0);

        Assert.IsTrue(ticket.IsSpam);
        Assert.IsFalse(ticket.IsInQueue);
    }

    [TestMethod]
    public void Note_Empty_Refused()
    {
        Assert.ThrowsExactly<DomainException>(() => TicketMessage.Note(1, "   ", T0));
    }

    [TestMethod]
    public async Task SaveChanges_TicketClaimedByAnotherAfterRead_ConcurrencyConflict()
    {
        await using var desk = await TestDatabase.CreateAsync();
        var numbers = await desk.AddTicketsAsync(1);
        var queue = desk.Get<Helpdesk.Core.Queue.TicketQueue>();
        await queue.NextAsync(1);

        // Agent 1 reads the ticket; meanwhile the lease runs out and agent 2 claims it.
        await using var agentOne = await desk.Factory.CreateDbContextAsync();
        var stale = await agentOne.Tickets.SingleAsync(t => t.Number == numbers[0]);
        desk.Clock.Advance(queue.LeaseDuration);
        Assert.AreEqual(numbers[0], await queue.NextAsync(2));

        // The loaded copy still believes agent 1 holds it (a clock read before expiry); the database must refuse.
        stale.ForceRelease();
        await Assert.ThrowsExactlyAsync<DbUpdateConcurrencyException>(() => agentOne.SaveChangesAsync());
    }
}
