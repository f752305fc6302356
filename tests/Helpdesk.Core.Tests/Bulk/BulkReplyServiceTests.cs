using System.Text;
using Helpdesk.Core.Abstractions;
using Helpdesk.Core.Bulk;
using Helpdesk.Core.Outbox;
using Helpdesk.Core.Queue;
using Helpdesk.Core.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Core.Tests.Bulk;

[TestClass]
public sealed class BulkReplyServiceTests
{
    private static readonly string[] Expired =
    [
        "The create a new password link says it has expired. What now?",
        "the create a new password link says it has expired, what do I do now",
        "Hi, the Create a New Password link says it has expired. What now? Thanks",
    ];

    private static async Task<BulkSendResult> SendAllAsync(BulkDesk bulk, IReadOnlyList<long> numbers, long? staff = null) =>
        await bulk.Desk.Get<BulkReplyService>().SendAsync(staff ?? bulk.LeadId, await RequestAsync(bulk, numbers));

    /// <summary>All of <paramref name="numbers"/>, at the versions they have now (as the preview saw them).</summary>
    private static async Task<BulkSendRequest> RequestAsync(BulkDesk bulk, IReadOnlyList<long> numbers)
    {
        await using var db = await bulk.Desk.Factory.CreateDbContextAsync();
        var versions = await db.Tickets.Where(t => numbers.Contains(t.Number)).ToDictionaryAsync(t => t.Number, t => t.Version);
        return new BulkSendRequest("reset_help", BulkDesk.TemplateId, bulk.TemplateVersionId, numbers.Select(n => new BulkTarget(n, versions[n])).ToList());
    }

    [TestMethod]
    public async Task Undo_WithinWindow_DispatcherSendsNothingAndTicketsBackInQueue()
    {
        await using var bulk = await BulkDesk.CreateAsync();
        var numbers = await bulk.AddTicketsAsync(Expired);
        var dispatcher = bulk.Dispatcher();

        var sent = await SendAllAsync(bulk, numbers);
        bulk.Desk.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.AreEqual(0, await dispatcher.DispatchOnceAsync(default), "held during the undo window");
        var undo = await bulk.Desk.Get<BulkReplyService>().UndoAsync(bulk.LeadId, sent.BulkSendId);
        bulk.Desk.Clock.Advance(TimeSpan.FromMinutes(5));
        var handled = await dispatcher.DispatchOnceAsync(default);

        Assert.AreEqual(0, handled);
        Assert.AreEqual(0, bulk.Smtp.Accepted.Count);
        Assert.AreEqual(3, undo.Cancelled);
        await using var db = await bulk.Desk.Factory.CreateDbContextAsync();
        Assert.IsTrue(await db.Outbox.AllAsync(o => o.State == OutboxState.Cancelled));
        var tickets = await db.Tickets.Include(t => t.Messages).Where(t => numbers.Contains(t.Number)).ToListAsync();
        Assert.IsTrue(tickets.All(t => t.Status == TicketStatus.New && t.SolvedAt == null && t.FirstResponseAt == null));
        Assert.IsTrue(tickets.All(t => t.Messages.All(m => m.Direction == MessageDirection.Inbound)), "the withdrawn replies leave the threads");
        Assert.AreEqual(BulkSendState.Undone, (await db.BulkSends.SingleAsync()).State);
        Assert.AreEqual(1, await db.AuditEvents.CountAsync(a => a.Action == "bulk.undo"));
    }

    [TestMethod]
    public async Task Send_WindowPassed_EachReplyThreadsToItsOwnCustomersMessage()
    {
        await using var bulk = await BulkDesk.CreateAsync();
        var numbers = await bulk.AddTicketsAsync(Expired);
        var dispatcher = bulk.Dispatcher();

        var result = await SendAllAsync(bulk, numbers);
        bulk.Desk.Clock.Advance(TimeSpan.FromSeconds(61));
        var handled = await dispatcher.DispatchOnceAsync(default);

        Assert.AreEqual(3, result.Queued);
        Assert.AreEqual(3, handled);
        await using var db = await bulk.Desk.Factory.CreateDbContextAsync();
        foreach (var ticket in await db.Tickets.Include(t => t.Messages).Include(t => t.Customer).Where(t => numbers.Contains(t.Number)).ToListAsync())
        {
            var inbound = ticket.Messages.Single(m => m.Direction == MessageDirection.Inbound);
            var reply = ticket.Messages.Single(m => m.Direction == MessageDirection.Outbound);
            var mime = bulk.Smtp.Accepted.Single(m => m.Contains($"Message-ID: <{reply.MessageIdHeader}>", StringComparison.Ordinal));
            StringAssert.Contains(mime, $"In-Reply-To: <{inbound.MessageIdHeader}>");
            StringAssert.Contains(mime, $"<notice-");
            StringAssert.Contains(mime, ticket.Customer!.Address);
            StringAssert.Contains(reply.Text, $"Hello {ticket.Customer.FirstName},");
            StringAssert.Contains(reply.Text, $"#{ticket.Number}");
            Assert.AreEqual(TicketStatus.Solved, ticket.Status);
            Assert.AreEqual(bulk.TemplateVersionId, reply.TemplateVersionId);
        }
        Assert.AreEqual(3, await db.AuditEvents.CountAsync(a => a.Action == "ticket.bulk_reply"));
        Assert.IsTrue(await db.Outbox.AllAsync(o => o.Kind == OutboxKind.BulkReply && o.BulkBatchId == result.BulkSendId && o.State == OutboxState.Sent));
    }

    [TestMethod]
    public async Task Send_ClaimedWroteAgainOrChanged_SkippedAndReported()
    {
        await using var bulk = await BulkDesk.CreateAsync();
        var numbers = await bulk.AddTicketsAsync([.. Expired, "my reset link expired again"]);
        await using (var db = await bulk.Desk.Factory.CreateDbContextAsync())
        {
            var versions = await db.Tickets.Where(t => numbers.Contains(t.Number)).ToDictionaryAsync(t => t.Number, t => t.Version);
            var request = new BulkSendRequest("reset_help", BulkDesk.TemplateId, bulk.TemplateVersionId,
                numbers.Select(n => new BulkTarget(n, versions[n])).ToList());
            // After the preview: an agent takes one, a customer writes again on another, a third is re-labelled.
            Assert.IsTrue(await bulk.Desk.Get<TicketQueue>().ClaimAsync(bulk.AgentId, numbers[0]));
            var wroteAgain = await db.Tickets.Include(t => t.Customer).SingleAsync(t => t.Number == numbers[1]);
            wroteAgain.AddCustomerMessage(TicketMessage.Inbound("again@mail.example", null, [], wroteAgain.Customer!.Address, null, "Re: help",
                "still broken", "still broken", null, bulk.Desk.Clock.GetUtcNow(), null));
            var relabelled = await db.Tickets.SingleAsync(t => t.Number == numbers[2]);
            relabelled.ChangeIntent("login_problem", bulk.Desk.Clock.GetUtcNow());
            await db.SaveChangesAsync();

            var result = await bulk.Desk.Get<BulkReplyService>().SendAsync(bulk.LeadId, request);

            Assert.AreEqual(1, result.Queued);
            CollectionAssert.AreEqual(new[] { numbers[0], numbers[1], numbers[2] }, result.Skipped.Select(s => s.TicketNumber).ToArray());
            Assert.AreEqual("claimed by Priya Kumar", result.Skipped[0].Reason);
            Assert.AreEqual("the customer wrote again", result.Skipped[1].Reason);
            Assert.AreEqual("changed since the preview", result.Skipped[2].Reason);
            var status = await bulk.Desk.Get<BulkReplyService>().StatusAsync(result.BulkSendId);
            Assert.AreEqual(3, status.Skipped.Count);
            Assert.AreEqual(1, status.Held);
        }
        await using var check = await bulk.Desk.Factory.CreateDbContextAsync();
        Assert.AreEqual(1, await check.Outbox.CountAsync());
        Assert.AreEqual(TicketStatus.New, (await check.Tickets.SingleAsync(t => t.Number == numbers[0])).Status);
    }

    [TestMethod]
    public async Task Write_TicketClaimedOrAnsweredAfterTheRead_SkippedNotOverwritten()
    {
        await using var bulk = await BulkDesk.CreateAsync();
        var numbers = await bulk.AddTicketsAsync(Expired);
        var service = bulk.Desk.Get<BulkReplyService>();
        var plan = await service.PlanAsync(bulk.LeadId, await RequestAsync(bulk, numbers), default);
        // Between the composing and the write: an agent takes one ticket, the customer of another writes again.
        Assert.IsTrue(await bulk.Desk.Get<TicketQueue>().ClaimAsync(bulk.AgentId, numbers[0]));
        await using (var db = await bulk.Desk.Factory.CreateDbContextAsync())
        {
            var wroteAgain = await db.Tickets.Include(t => t.Customer).SingleAsync(t => t.Number == numbers[1]);
            wroteAgain.AddCustomerMessage(TicketMessage.Inbound("again@mail.example", null, [], wroteAgain.Customer!.Address, null, "Re: help",
                "still broken", "still broken", null, bulk.Desk.Clock.GetUtcNow(), null));
            await db.SaveChangesAsync();
        }

        var result = await service.WriteAsync(plan, default);

        Assert.AreEqual(1, result.Queued);
        CollectionAssert.AreEqual(new[] { numbers[0], numbers[1] }, result.Skipped.Select(s => s.TicketNumber).ToArray());
        Assert.IsTrue(result.Skipped.All(s => s.Reason == BulkWriter.ChangedWhileWriting));
        await using var check = await bulk.Desk.Factory.CreateDbContextAsync();
        var claimed = await check.Tickets.Include(t => t.Messages).SingleAsync(t => t.Number == numbers[0]);
        Assert.AreEqual(bulk.AgentId, claimed.ClaimedBy, "the agent keeps the claim");
        Assert.AreEqual(TicketStatus.New, claimed.Status);
        Assert.IsFalse(claimed.Messages.Any(m => m.Direction == MessageDirection.Outbound));
        var wrote = await check.Tickets.SingleAsync(t => t.Number == numbers[1]);
        Assert.AreEqual((TicketStatus.New, 2), (wrote.Status, wrote.InboundCount), "still waiting, with the customer's second message");
        Assert.AreEqual(numbers[2], (await check.Outbox.SingleAsync()).TicketNumber);
        Assert.AreEqual(1, await check.AuditEvents.CountAsync(a => a.Action == "ticket.bulk_reply"));
        var send = await check.BulkSends.Include(b => b.Members).SingleAsync();
        Assert.AreEqual((1, 2), (send.QueuedCount, send.SkippedCount));
        Assert.AreEqual(3, send.Members.Count);
    }

    [TestMethod]
    public async Task Write_EveryTicketChangedAfterTheRead_NothingWritten()
    {
        await using var bulk = await BulkDesk.CreateAsync();
        var numbers = await bulk.AddTicketsAsync(Expired);
        var service = bulk.Desk.Get<BulkReplyService>();
        var plan = await service.PlanAsync(bulk.LeadId, await RequestAsync(bulk, numbers), default);
        foreach (var number in numbers) Assert.IsTrue(await bulk.Desk.Get<TicketQueue>().ClaimAsync(bulk.AgentId, number));

        var refused = await Assert.ThrowsExactlyAsync<BulkNothingToSendException>(() => service.WriteAsync(plan, default));

        Assert.AreEqual(3, refused.Skipped.Count);
        await using var check = await bulk.Desk.Factory.CreateDbContextAsync();
        Assert.AreEqual(0, await check.Outbox.CountAsync());
        Assert.AreEqual(0, await check.BulkSends.CountAsync());
        Assert.AreEqual(0, await check.Messages.CountAsync(m => m.Direction == MessageDirection.Outbound));
        Assert.AreEqual(0, await check.AuditEvents.CountAsync(a => a.Action.StartsWith("ticket.bulk")));
    }

    [TestMethod]
    public async Task Recent_UndoneSentAndHolding_NewestFirstWithCountsAndUndoOnlyInWindow()
    {
        await using var bulk = await BulkDesk.CreateAsync();
        var service = bulk.Desk.Get<BulkReplyService>();
        var undone = await SendAllAsync(bulk, await bulk.AddTicketsAsync(Expired));
        await service.UndoAsync(bulk.LeadId, undone.BulkSendId);
        bulk.Desk.Clock.Advance(TimeSpan.FromSeconds(1));
        var sent = await SendAllAsync(bulk, await bulk.AddTicketsAsync(Expired));
        bulk.Desk.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.AreEqual(3, await bulk.Dispatcher().DispatchOnceAsync(default));
        var numbers = await bulk.AddTicketsAsync([.. Expired, "the link expired"]);
        await bulk.Desk.Get<TicketQueue>().ClaimAsync(bulk.AgentId, numbers[^1]);
        var holding = await SendAllAsync(bulk, numbers);
        var now = bulk.Desk.Clock.GetUtcNow();

        var recent = await service.RecentAsync(20);

        CollectionAssert.AreEqual(new[] { holding.BulkSendId, sent.BulkSendId, undone.BulkSendId }, recent.Select(r => r.Id).ToArray());
        var (h, s, u) = (recent[0], recent[1], recent[2]);
        Assert.AreEqual(("Lena Lead", "Reset link expired", 1, "reset_help"), (h.StaffName, h.TemplateTitle, h.VersionNumber, h.Intent));
        Assert.AreEqual((3, 0, 0, 1), (h.Held, h.Sent, h.Cancelled, h.Skipped));
        Assert.IsTrue(h.CanUndo(now));
        Assert.AreEqual((0, 3, 0), (s.Held, s.Sent, s.Cancelled));
        Assert.IsFalse(s.CanUndo(now), "window passed");
        Assert.AreEqual((BulkSendState.Undone, 0, 3), (u.State, u.Sent, u.Cancelled));
        Assert.IsFalse(u.CanUndo(now));
        Assert.AreEqual(1, (await service.RecentAsync(1)).Count);
    }

    [TestMethod]
    public async Task Undo_AfterWindow_RefusedAndRepliesStillGo()
    {
        await using var bulk = await BulkDesk.CreateAsync(new() { ["Helpdesk:Bulk:UndoWindow"] = "00:00:10" });
        var numbers = await bulk.AddTicketsAsync(Expired);
        var result = await SendAllAsync(bulk, numbers);
        bulk.Desk.Clock.Advance(TimeSpan.FromSeconds(10));

        await Assert.ThrowsExactlyAsync<DomainException>(() => bulk.Desk.Get<BulkReplyService>().UndoAsync(bulk.LeadId, result.BulkSendId));

        Assert.AreEqual(3, await bulk.Dispatcher().DispatchOnceAsync(default));
    }

    [TestMethod]
    public async Task Send_Agent_RefusedUnlessTrustedAndAllowed()
    {
        await using var plain = await BulkDesk.CreateAsync();
        var numbers = await plain.AddTicketsAsync(Expired);
        await Assert.ThrowsExactlyAsync<DomainException>(() => SendAllAsync(plain, numbers, plain.AgentId));

        await using var trusted = await BulkDesk.CreateAsync(new()
        {
            ["Helpdesk:Bulk:AllowTrustedAgents"] = "true", ["Helpdesk:Bulk:TrustedAgents:0"] = "agent",
        });
        var mine = await trusted.AddTicketsAsync(Expired);
        Assert.AreEqual(3, (await SendAllAsync(trusted, mine, trusted.AgentId)).Queued);
    }

    [TestMethod]
    public async Task Preview_Sample_RenderedPerCustomer()
    {
        await using var bulk = await BulkDesk.CreateAsync();
        var numbers = await bulk.AddTicketsAsync(Expired);

        var preview = await bulk.Desk.Get<BulkReplyService>().PreviewAsync(bulk.LeadId, BulkDesk.TemplateId, numbers, sample: 2);

        Assert.AreEqual(2, preview.Replies.Count);
        Assert.AreEqual(bulk.TemplateVersionId, preview.TemplateVersionId);
        StringAssert.StartsWith(preview.Replies[0].Text, "Hello Name0,");
        StringAssert.StartsWith(preview.Replies[1].Text, "Hello Name1,");
        StringAssert.Contains(preview.Replies[0].Text, "https://www.meridian.example/account/new-password");
        StringAssert.EndsWith(preview.Replies[0].Text, "Lena");
        StringAssert.EndsWith(preview.Replies[0].Subject, $"[#{numbers[0]}]");
    }
}
