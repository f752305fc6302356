using Helpdesk.Core.Abstractions;
using Helpdesk.Core.Data;
using Helpdesk.Core.Intake;
using Helpdesk.Core.Tests.Support;
using Helpdesk.Core.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Core.Tests.Intake;

[TestClass]
public sealed class ThreadingTests
{
    [TestMethod]
    public async Task ProcessAsync_NewEmail_CreatesTicketAndMarksRawProcessed()
    {
        await using var desk = await IntakeTestDesk.CreateAsync();

        var outcome = await desk.TakeInAsync(Mails.Customer("dana@example.com", "m1@example.com", "Reset link expired", "The link says expired."));

        Assert.AreEqual(RawMessageState.Processed, outcome.State);
        Assert.IsNotNull(outcome.TicketNumber);
        var ticket = await desk.TicketAsync(outcome.TicketNumber.Value);
        Assert.AreEqual("Reset link expired", ticket.Subject);
        Assert.AreEqual(TicketStatus.New, ticket.Status);
        Assert.AreEqual("dana@example.com", ticket.Customer!.Address);
        Assert.AreEqual(1, ticket.InboundCount);
        var raw = await desk.QueryAsync(db => db.RawMessages.SingleAsync());
        Assert.AreEqual(outcome.TicketNumber, raw.TicketNumber);
        Assert.AreEqual("m1@example.com", raw.MessageIdHeader);
    }

    [TestMethod]
    public async Task ProcessAsync_ReplyByInReplyToOnSolvedTicket_ReopensSameTicket()
    {
        await using var desk = await IntakeTestDesk.CreateAsync();
        var first = await desk.TakeInAsync(Mails.Customer("dana@example.com", "m1@example.com", "Help", "first"));
        await desk.ChangeTicketAsync(first.TicketNumber!.Value, t => t.Solve(desk.Database.Clock.GetUtcNow()));

        var reply = await desk.TakeInAsync(Mails.Customer("dana@example.com", "m2@example.com", "Re: Help", "still broken", inReplyTo: "m1@example.com"));

        Assert.AreEqual(first.TicketNumber, reply.TicketNumber);
        var ticket = await desk.TicketAsync(first.TicketNumber.Value);
        Assert.AreEqual(TicketStatus.Open, ticket.Status);
        Assert.AreEqual(2, ticket.InboundCount);
    }

    [TestMethod]
    public async Task ProcessAsync_ReferencesOurAcknowledgment_JoinsThatTicketEvenFromAnotherAddress()
    {
        await using var desk = await IntakeTestDesk.CreateAsync();
        var first = await desk.TakeInAsync(Mails.Customer("dana@example.com", "m1@example.com", "Help", "first"));
        var ackId = await desk.QueryAsync(db => db.Outbox.Select(o => o.MessageIdHeader).SingleAsync());

        var reply = await desk.TakeInAsync(Mails.Customer("dana.work@example.org", "m2@example.org", "Re: Help", "from work",
            references: $"<m1@example.com> <{ackId}>"));

        Assert.AreEqual(first.TicketNumber, reply.TicketNumber);
    }

    [TestMethod]
    public async Task ProcessAsync_SubjectTokenFromTicketsCustomer_JoinsTicket()
    {
        await using var desk = await IntakeTestDesk.CreateAsync();
        var first = await desk.TakeInAsync(Mails.Customer("dana@example.com", "m1@example.com", "Help", "first"));
        await desk.ChangeTicketAsync(first.TicketNumber!.Value, t => t.Solve(desk.Database.Clock.GetUtcNow()));

        var again = await desk.TakeInAsync(Mails.Customer("dana@example.com", "m2@example.com", $"About ticket [#{first.TicketNumber}]", "new mail, no reply headers"));

        Assert.AreEqual(first.TicketNumber, again.TicketNumber);
    }

    [TestMethod]
    public async Task ProcessAsync_SubjectTokenFromDifferentSender_IsIgnored()
    {
        await using var desk = await IntakeTestDesk.CreateAsync();
        var first = await desk.TakeInAsync(Mails.Customer("dana@example.com", "m1@example.com", "Help", "first"));

        var stranger = await desk.TakeInAsync(Mails.Customer("mallory@example.net", "m2@example.net", $"Re: [#{first.TicketNumber}]", "let me in", name: "Mallory"));

        Assert.AreNotEqual(first.TicketNumber, stranger.TicketNumber);
        Assert.AreEqual(1, (await desk.TicketAsync(first.TicketNumber!.Value)).InboundCount);
    }

    [TestMethod]
    public async Task ProcessAsync_SameCustomerWritesAgainWhileOpen_AddsMessageToOpenTicket()
    {
        await using var desk = await IntakeTestDesk.CreateAsync();
        var first = await desk.TakeInAsync(Mails.Customer("dana@example.com", "m1@example.com", "Help", "first"));

        var again = await desk.TakeInAsync(Mails.Customer("DANA@example.com", "m2@example.com", "Another thing", "also this"));

        Assert.AreEqual(first.TicketNumber, again.TicketNumber);
        var ticket = await desk.TicketAsync(first.TicketNumber!.Value);
        Assert.AreEqual(2, ticket.InboundCount, "wrote again");
    }

    [TestMethod]
    public async Task ProcessBatchAsync_SameNewCustomerTwiceInOneBatch_OneTicket()
    {
        await using var desk = await IntakeTestDesk.CreateAsync();
        var now = desk.Database.Clock.GetUtcNow();
        var raws = new[]
        {
            new RawMessage("b", 1, 1, Mails.Customer("new@example.com", "a@example.com", "One", "1"), now),
            new RawMessage("b", 1, 2, Mails.Customer("new@example.com", "b@example.com", "Two", "2"), now),
        };

        var outcomes = await desk.Pipeline.ProcessBatchAsync(raws);

        Assert.AreEqual(outcomes[0].TicketNumber, outcomes[1].TicketNumber);
        Assert.AreEqual(1, await desk.QueryAsync(db => db.Customers.CountAsync()));
    }

    [TestMethod]
    public async Task ProcessBatchAsync_BatchLargerThanOneWrite_RepliesAcrossTheChunksJoinTheirTickets()
    {
        // On SQLite a fetch batch is written a chunk at a time (the one writer is not held for the whole batch); the
        // chunks must still thread into each other as one batch does: the second half replies to the first.
        await using var desk = await IntakeTestDesk.CreateAsync();
        var now = desk.Database.Clock.GetUtcNow();
        var count = IntakePipeline.SqliteWriteChunk + 20;
        var raws = new List<RawMessage>();
        for (var i = 0; i < count; i++)
            raws.Add(new RawMessage("b", 1, i + 1, Mails.Customer($"c{i}@example.com", $"first{i}@example.com", $"Question {i}", "help"), now));
        for (var i = 0; i < count; i++)
            raws.Add(new RawMessage("b", 1, count + i + 1, Mails.Customer($"c{i}@example.com", $"again{i}@example.com", $"Re: Question {i}", "still stuck", inReplyTo: $"first{i}@example.com"), now));
        var notified = 0;
        desk.Database.Get<InProcessDeskNotifier>().Changed += _ => Interlocked.Increment(ref notified);

        var outcomes = await desk.Pipeline.ProcessBatchAsync(raws);

        Assert.AreEqual(2 * count, outcomes.Count);
        for (var i = 0; i < count; i++) Assert.AreEqual(outcomes[i].TicketNumber, outcomes[count + i].TicketNumber, $"customer {i}'s reply");
        Assert.AreEqual(count, await desk.QueryAsync(db => db.Tickets.CountAsync()));
        Assert.AreEqual(count, await desk.QueryAsync(db => db.Outbox.CountAsync()), "one acknowledgment each");
        if (TestDatabase.Provider == DatabaseProvider.Sqlite)
            Assert.AreEqual((2 * count + IntakePipeline.SqliteWriteChunk - 1) / IntakePipeline.SqliteWriteChunk, notified, "committed chunk by chunk");
    }

    [TestMethod]
    public async Task ProcessAsync_ReplyToClosedTicket_StartsNewTicket()
    {
        await using var desk = await IntakeTestDesk.CreateAsync();
        var first = await desk.TakeInAsync(Mails.Customer("dana@example.com", "m1@example.com", "Help", "first"));
        await desk.ChangeTicketAsync(first.TicketNumber!.Value, t => { t.Solve(desk.Database.Clock.GetUtcNow()); t.Close(desk.Database.Clock.GetUtcNow()); });

        var reply = await desk.TakeInAsync(Mails.Customer("dana@example.com", "m2@example.com", "Re: Help", "again", inReplyTo: "m1@example.com"));

        Assert.IsNotNull(reply.TicketNumber);
        Assert.AreNotEqual(first.TicketNumber, reply.TicketNumber);
        Assert.AreEqual(TicketStatus.Closed, (await desk.TicketAsync(first.TicketNumber.Value)).Status);
    }
}
