using System.Text;
using Helpdesk.Core.Abstractions;
using Helpdesk.Core.Outbox;
using Helpdesk.Core.Queue;
using Helpdesk.Core.Replies;
using Helpdesk.Core.Templates;
using Helpdesk.Core.Tests.Support;
using Helpdesk.Core.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Core.Tests.Replies;

[TestClass]
public sealed class ReplyServiceTests
{
    private static async Task<(TestDatabase Desk, long Number, int Version)> ClaimedTicketAsync(long agent = 1)
    {
        var desk = await TestDatabase.CreateAsync();
        var number = (await desk.AddTicketsAsync(1))[0];
        Assert.IsTrue(await desk.Get<TicketQueue>().ClaimAsync(agent, number));
        await using var db = await desk.Factory.CreateDbContextAsync();
        return (desk, number, await db.Tickets.Where(t => t.Number == number).Select(t => t.Version).SingleAsync());
    }

    [TestMethod]
    public async Task Send_HeldTicketCurrentVersion_TicketPendingAndOutboxItemWithThreadingHeaders()
    {
        var (desk, number, version) = await ClaimedTicketAsync();
        await using var _ = desk;

        var item = await desk.Get<ReplyService>().SendAsync(1, new ReplyDraft(number, version, "Hello, here is how.", TemplateVersionId: 5, SentUnedited: true));

        await using var db = await desk.Factory.CreateDbContextAsync();
        var ticket = await db.Tickets.Include(t => t.Messages).SingleAsync(t => t.Number == number);
        Assert.AreEqual(TicketStatus.Pending, ticket.Status);
        var outbound = ticket.Messages.Single(m => m.Direction == MessageDirection.Outbound);
        Assert.AreEqual(item.MessageIdHeader, outbound.MessageIdHeader);
        Assert.AreEqual(5L, outbound.TemplateVersionId);
        var stored = await db.Outbox.SingleAsync();
        Assert.AreEqual(OutboxState.Queued, stored.State);
        var mime = Encoding.UTF8.GetString(stored.Mime!);
        StringAssert.Contains(mime, $"In-Reply-To: <m0@example.com>");
        StringAssert.Contains(mime, $"Message-ID: <{item.MessageIdHeader}>");
        Assert.IsTrue(System.Text.RegularExpressions.Regex.IsMatch(mime, "^Reply-To: .*@", System.Text.RegularExpressions.RegexOptions.Multiline), "the customer's answer comes back to the desk");
        Assert.IsFalse(mime.Contains("Auto-Submitted", StringComparison.OrdinalIgnoreCase), "an agent's reply is not marked automatic");
        StringAssert.Contains(stored.Subject, $"[#{number}]");
        Assert.AreEqual(1, await db.AuditEvents.CountAsync(a => a.Action == "ticket.reply" && a.TicketNumber == number));
    }

    [TestMethod]
    public async Task Send_TwoCustomerMessagesStampedAtOneMoment_InReplyToTheOneTakenInLast()
    {
        var desk = await TestDatabase.CreateAsync();
        await using var _ = desk;
        var number = (await desk.AddTicketsAsync(1))[0];
        await using (var db = await desk.Factory.CreateDbContextAsync())
        {
            // Intake fetched the question and the customer's follow-up in one batch: one CreatedAt; the follow-up came in second.
            var ticket = await db.Tickets.Include(t => t.Customer).Include(t => t.Messages).SingleAsync(t => t.Number == number);
            var question = ticket.Messages.Single();
            ticket.AddCustomerMessage(TicketMessage.Inbound("again@example.com", question.MessageIdHeader, [question.MessageIdHeader!], ticket.Customer!.Address,
                null, "Re: Question 0", "Any news?", "Any news?", null, question.CreatedAt, null));
            await db.SaveChangesAsync();
        }
        Assert.IsTrue(await desk.Get<TicketQueue>().ClaimAsync(1, number));
        int version;
        await using (var db = await desk.Factory.CreateDbContextAsync())
            version = await db.Tickets.Where(t => t.Number == number).Select(t => t.Version).SingleAsync();

        await desk.Get<ReplyService>().SendAsync(1, new ReplyDraft(number, version, "Hello, here is how."));

        await using var check = await desk.Factory.CreateDbContextAsync();
        var outbound = await check.Messages.SingleAsync(m => m.TicketNumber == number && m.Direction == MessageDirection.Outbound);
        Assert.AreEqual("again@example.com", outbound.InReplyTo, "the reply answers the newest message, not the question again");
        StringAssert.Contains(Encoding.UTF8.GetString((await check.Outbox.SingleAsync()).Mime!), "In-Reply-To: <again@example.com>");
    }

    [TestMethod]
    public async Task Send_CardNumberInText_RefusedByGuardrailAndNothingQueued()
    {
        var (desk, number, version) = await ClaimedTicketAsync();
        await using var _ = desk;

        var ex = await Assert.ThrowsExactlyAsync<GuardrailException>(() =>
            desk.Get<ReplyService>().SendAsync(1, new ReplyDraft(number, version, "Your card 4111 1111 1111 1111 is safe.")));

        Assert.AreEqual(GuardrailSeverity.Block, ex.Findings.Single().Severity);
        await using var db = await desk.Factory.CreateDbContextAsync();
        Assert.AreEqual(0, await db.Outbox.CountAsync());
        Assert.AreEqual(TicketStatus.New, (await db.Tickets.SingleAsync()).Status);
    }

    [TestMethod]
    public async Task Send_OutsideLinkWarning_RefusedUntilAcknowledged()
    {
        var (desk, number, version) = await ClaimedTicketAsync();
        await using var _ = desk;
        var text = "Track it at https://track.carrier.example/1.";

        await Assert.ThrowsExactlyAsync<GuardrailException>(() => desk.Get<ReplyService>().SendAsync(1, new ReplyDraft(number, version, text)));
        await desk.Get<ReplyService>().SendAsync(1, new ReplyDraft(number, version, text, AcknowledgedWarnings: ["link:track.carrier.example"]));

        await using var db = await desk.Factory.CreateDbContextAsync();
        Assert.AreEqual(1, await db.Outbox.CountAsync());
    }

    [TestMethod]
    public async Task Send_StaleVersion_RefusedAndNothingQueued()
    {
        var (desk, number, version) = await ClaimedTicketAsync();
        await using var _ = desk;

        await Assert.ThrowsExactlyAsync<StaleTicketException>(() =>
            desk.Get<ReplyService>().SendAsync(1, new ReplyDraft(number, version - 1, "Hello")));

        await using var db = await desk.Factory.CreateDbContextAsync();
        Assert.AreEqual(0, await db.Outbox.CountAsync());
    }

    [TestMethod]
    public async Task Send_ClaimTakenByAnotherAgent_RefusedAndNothingQueued()
    {
        var (desk, number, version) = await ClaimedTicketAsync(agent: 1);
        await using var _ = desk;
        desk.Clock.Advance(desk.Get<TicketQueue>().LeaseDuration);
        Assert.IsTrue(await desk.Get<TicketQueue>().ClaimAsync(2, number));

        await Assert.ThrowsExactlyAsync<ClaimLostException>(() =>
            desk.Get<ReplyService>().SendAsync(1, new ReplyDraft(number, version, "Hello")));

        await using var db = await desk.Factory.CreateDbContextAsync();
        Assert.AreEqual(0, await db.Outbox.CountAsync());
        Assert.AreEqual(TicketStatus.New, (await db.Tickets.SingleAsync()).Status);
    }

    [TestMethod]
    public async Task Send_TwoRepliesRaceOnOneTicket_ExactlyOneGoesOut()
    {
        var (desk, number, version) = await ClaimedTicketAsync();
        await using var _ = desk;
        var service = desk.Get<ReplyService>();

        var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(async i =>
        {
            try { await service.SendAsync(1, new ReplyDraft(number, version, $"Reply {i}")); return true; }
            catch (Exception e) when (e is StaleTicketException or ClaimLostException) { return false; }
        }));

        Assert.AreEqual(1, results.Count(ok => ok), "one reply wins, the other is refused");
        await using var db = await desk.Factory.CreateDbContextAsync();
        Assert.AreEqual(1, await db.Outbox.CountAsync());
    }

    [TestMethod]
    public async Task SaveChanges_AfterAConcurrencyConflict_NextWriteIsNotBlocked()
    {
        var (desk, number, _) = await ClaimedTicketAsync();
        await using var _ = desk;
        await using var first = await desk.Factory.CreateDbContextAsync();
        await using var second = await desk.Factory.CreateDbContextAsync();
        var a = await first.Tickets.SingleAsync(t => t.Number == number);
        var b = await second.Tickets.SingleAsync(t => t.Number == number);
        a.Classify("reset_help", 0.9, needsTriage: false);
        await first.SaveChangesAsync();

        b.Classify("login_problem", 0.9, needsTriage: false);
        await Assert.ThrowsExactlyAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());

        // The conflict must not keep SQLite's write gate: the next write goes through (it used to wait for ever).
        await using var third = await desk.Factory.CreateDbContextAsync();
        (await third.Tickets.SingleAsync(t => t.Number == number)).Classify("card_safety", 0.9, needsTriage: false);
        await third.SaveChangesAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.AreEqual("card_safety", await third.Tickets.Where(t => t.Number == number).Select(t => t.Intent).SingleAsync());
    }

    [TestMethod]
    public async Task Send_EmptyText_Refused()
    {
        var (desk, number, version) = await ClaimedTicketAsync();
        await using var _ = desk;

        await Assert.ThrowsExactlyAsync<DomainException>(() => desk.Get<ReplyService>().SendAsync(1, new ReplyDraft(number, version, "  ")));
    }
}
