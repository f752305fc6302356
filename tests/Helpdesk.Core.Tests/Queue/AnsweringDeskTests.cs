using Helpdesk.Core.Abstractions;
using Helpdesk.Core.Customers;
using Helpdesk.Core.Intake;
using Helpdesk.Core.Queue;
using Helpdesk.Core.Replies;
using Helpdesk.Core.Tests.Support;
using Helpdesk.Core.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Core.Tests.Queue;

[TestClass]
public sealed class AnsweringDeskTests
{
    [TestMethod]
    public async Task TakeNext_AfterSkip_SkippedTicketNotOfferedAgainButFreeForOthers()
    {
        await using var desk = await TestDatabase.CreateAsync();
        var numbers = await desk.AddTicketsAsync(3);
        var answering = desk.Get<AnsweringDesk>();

        var first = await answering.TakeNextAsync(1);
        Assert.IsTrue(await answering.SkipAsync(1, first!.Value));
        var next = await answering.TakeNextAsync(1, skipped: [first.Value]);
        var other = await answering.TakeNextAsync(2);

        Assert.AreEqual(numbers[0], first);
        Assert.AreEqual(numbers[1], next);
        Assert.AreEqual(numbers[0], other, "the skipped ticket went back to the queue for somebody else");
        await using var db = await desk.Factory.CreateDbContextAsync();
        Assert.AreEqual(1, await db.AuditEvents.CountAsync(a => a.Action == "ticket.skip" && a.TicketNumber == numbers[0]));
    }

    [TestMethod]
    public async Task TakeNext_HeldTicketSkippedInTheSameSession_NotResumed()
    {
        await using var desk = await TestDatabase.CreateAsync();
        var numbers = await desk.AddTicketsAsync(2);
        var answering = desk.Get<AnsweringDesk>();
        await answering.TakeNextAsync(1);

        var again = await answering.TakeNextAsync(1);
        var excluded = await answering.TakeNextAsync(1, skipped: [numbers[0]]);

        Assert.AreEqual(numbers[0], again, "a reload resumes the ticket the agent holds");
        Assert.AreEqual(numbers[1], excluded);
    }

    [TestMethod]
    public async Task TakeAndSkip_WatchersToldWhichTicketChanged()
    {
        await using var desk = await TestDatabase.CreateAsync();
        var numbers = await desk.AddTicketsAsync(1);
        var told = new List<long>();
        desk.Get<InProcessDeskNotifier>().Changed += n => told.AddRange(n);
        var answering = desk.Get<AnsweringDesk>();

        Assert.IsTrue(await answering.TakeAsync(1, numbers[0]));
        Assert.IsTrue(await answering.SkipAsync(1, numbers[0]));

        CollectionAssert.AreEqual(new[] { numbers[0], numbers[0] }, told);
    }

    [TestMethod]
    public async Task Read_CustomerWithTwoTickets_AttachmentsDescribedAndOtherTicketListed()
    {
        await using var desk = await TestDatabase.CreateAsync();
        long current, older;
        await using (var db = await desk.Factory.CreateDbContextAsync())
        {
            var customer = new Customer("jane@example.com", "Jane Doe", TestDatabase.Start);
            db.Customers.Add(customer);
            var first = Ticket.Open(customer, "Order 55123", TestDatabase.Start);
            first.AddCustomerMessage(TicketMessage.Inbound("a@x", null, [], customer.Address, null, "Order 55123", "where is it", "where is it", null, TestDatabase.Start, null));
            var second = Ticket.Open(customer, "Reset link", TestDatabase.Start.AddHours(1));
            var message = TicketMessage.Inbound("b@x", null, [], customer.Address, null, "Reset link", "see screenshot", "see screenshot", null, TestDatabase.Start.AddHours(1), null);
            message.AddAttachment(new MessageAttachment("shot.png", "image/png", 4, "abc", inline: false, contentId: null));
            second.AddCustomerMessage(message);
            db.Tickets.AddRange(first, second);
            await db.SaveChangesAsync();
            (older, current) = (first.Number, second.Number);
        }

        var view = await desk.Get<AnsweringDesk>().ReadAsync(current, 1);

        Assert.IsNotNull(view);
        Assert.AreEqual(current, view.Ticket.Number);
        Assert.AreEqual("jane@example.com", view.Ticket.Customer!.Address);
        var attachment = view.Attachments.Single();
        Assert.AreEqual(("shot.png", 4L), (attachment.FileName, attachment.Size));
        Assert.AreEqual(older, view.OtherTickets.Single().Number);
        Assert.IsNull(await desk.Get<AnsweringDesk>().ReadAsync(999_999, 1));
    }

    [TestMethod]
    public async Task Escalate_WithReason_NoteKeptTicketEscalatedAndReleased()
    {
        await using var desk = await TestDatabase.CreateAsync();
        var number = (await desk.AddTicketsAsync(1))[0];
        Assert.IsTrue(await desk.Get<TicketQueue>().ClaimAsync(1, number));

        await desk.Get<AgentActions>().EscalateAsync(1, number, "Threatens to sue; wants a manager.");

        await using var db = await desk.Factory.CreateDbContextAsync();
        var ticket = await db.Tickets.Include(t => t.Messages).SingleAsync();
        Assert.IsTrue(ticket.Escalated);
        Assert.AreEqual(TicketPriority.High, ticket.Priority);
        Assert.IsNull(ticket.ClaimedBy);
        StringAssert.Contains(ticket.Messages.Single(m => m.Direction == MessageDirection.Note).Text, "wants a manager");
        Assert.IsNull(await desk.Get<TicketQueue>().NextAsync(2), "escalated tickets are for leads");
        Assert.AreEqual(1, await db.AuditEvents.CountAsync(a => a.Action == "ticket.escalate"));
    }

    [TestMethod]
    public async Task ReturnToAgents_EscalatedTicketTakenByLead_BackInAgentsQueueWithNoteAndAudit()
    {
        await using var desk = await TestDatabase.CreateAsync();
        var number = (await desk.AddTicketsAsync(1))[0];
        var answering = desk.Get<AnsweringDesk>();
        await desk.Get<AgentActions>().EscalateAsync(1, number, "Not sure what to say.");
        Assert.AreEqual(number, await answering.TakeNextAsync(50, lane: QueueLane.Escalated));

        await desk.Get<AgentActions>().ReturnToAgentsAsync(50, number, "Ordinary reset question: use the reset template.");

        await using var db = await desk.Factory.CreateDbContextAsync();
        var ticket = await db.Tickets.Include(t => t.Messages).SingleAsync();
        Assert.IsFalse(ticket.Escalated);
        Assert.IsNull(ticket.ClaimedBy, "the lead's claim is given up with the ticket");
        Assert.AreEqual(TicketPriority.High, ticket.Priority, "it keeps the raised priority: it has waited long already");
        StringAssert.Contains(ticket.Messages.Where(m => m.Direction == MessageDirection.Note).MaxBy(m => m.Id)!.Text, "use the reset template");
        Assert.AreEqual(1, await db.AuditEvents.CountAsync(a => a.Action == "ticket.return_to_agents" && a.TicketNumber == number));
        Assert.IsNull(await answering.TakeNextAsync(51, lane: QueueLane.Escalated), "nothing left in the leads' lane");
        Assert.AreEqual(number, await answering.TakeNextAsync(2), "an agent gets it again");
    }

    [TestMethod]
    public async Task ReturnToAgents_TicketNotEscalated_RefusedWithReason()
    {
        await using var desk = await TestDatabase.CreateAsync();
        var number = (await desk.AddTicketsAsync(1))[0];

        var e = await Assert.ThrowsExactlyAsync<DomainException>(() => desk.Get<AgentActions>().ReturnToAgentsAsync(50, number, null));

        StringAssert.Contains(e.Message, "not escalated");
    }

    [TestMethod]
    public async Task MarkSpam_HeldByAnotherAgent_RefusedAndUnchanged()
    {
        await using var desk = await TestDatabase.CreateAsync();
        var number = (await desk.AddTicketsAsync(1))[0];
        Assert.IsTrue(await desk.Get<TicketQueue>().ClaimAsync(2, number));

        var ex = await Assert.ThrowsExactlyAsync<DomainException>(() => desk.Get<AgentActions>().MarkSpamAsync(1, number));

        StringAssert.Contains(ex.Message, "another agent");
        await using var db = await desk.Factory.CreateDbContextAsync();
        Assert.IsFalse((await db.Tickets.SingleAsync()).IsSpam);
    }

    [TestMethod]
    public async Task MarkSpam_OwnTicket_ClosedOutOfTheQueue()
    {
        await using var desk = await TestDatabase.CreateAsync();
        var number = (await desk.AddTicketsAsync(1))[0];
        Assert.IsTrue(await desk.Get<TicketQueue>().ClaimAsync(1, number));

        await desk.Get<AgentActions>().MarkSpamAsync(1, number);

        await using var db = await desk.Factory.CreateDbContextAsync();
        var ticket = await db.Tickets.SingleAsync();
        Assert.IsTrue(ticket.IsSpam);
        Assert.AreEqual(TicketStatus.Closed, ticket.Status);
    }

    [TestMethod]
    public async Task AddNote_ThenReplyWithTheVersionSeenBefore_ReplyRefusedAsStale()
    {
        await using var desk = await TestDatabase.CreateAsync();
        var number = (await desk.AddTicketsAsync(1))[0];
        Assert.IsTrue(await desk.Get<TicketQueue>().ClaimAsync(1, number));
        var before = (await desk.Get<AnsweringDesk>().ReadAsync(number, 1))!.Ticket.Version;

        var after = await desk.Get<AgentActions>().AddNoteAsync(1, number, "Called the store too.");

        Assert.IsTrue(after > before);
        await Assert.ThrowsExactlyAsync<StaleTicketException>(() =>
            desk.Get<ReplyService>().SendAsync(1, new ReplyDraft(number, before, "Hello, here is how.")));
        await desk.Get<ReplyService>().SendAsync(1, new ReplyDraft(number, after, "Hello, here is how."));
    }

    [TestMethod]
    public async Task ReadAsync_NoteAndReplyByOneAgent_AnotherAgentSeesWhoWroteThem()
    {
        await using var desk = await TestDatabase.CreateAsync();
        var number = (await desk.AddTicketsAsync(1))[0];
        long sam, pat;
        await using (var db = await desk.Factory.CreateDbContextAsync())
        {
            var samUser = new Helpdesk.Core.Staff.StaffUser("sam", "Sam Rivera", "sam@meridian.example", Helpdesk.Core.Staff.StaffRoles.Agent, TestDatabase.Start);
            var patUser = new Helpdesk.Core.Staff.StaffUser("pat", "Pat Lee", "pat@meridian.example", Helpdesk.Core.Staff.StaffRoles.Agent, TestDatabase.Start);
            db.Staff.AddRange(samUser, patUser);
            await db.SaveChangesAsync();
            (sam, pat) = (samUser.Id, patUser.Id);
        }
        var answering = desk.Get<AnsweringDesk>();
        Assert.IsTrue(await answering.TakeAsync(sam, number));
        await desk.Get<AgentActions>().AddNoteAsync(sam, number, "Customer called as well.");

        var view = await answering.ReadAsync(number, pat);

        var note = view!.Ticket.Messages.Single(m => m.Direction == MessageDirection.Note);
        Assert.AreEqual("Sam Rivera", view.AuthorOf(note));
        Assert.AreEqual("Pat Lee", view.Authors[pat], "the reader is loaded in the same query, for the suggestions' merge fields");
        Assert.IsNull(view.AuthorOf(view.Ticket.Messages.First(m => m.Direction == MessageDirection.Inbound)));
    }
}
