using System.Text;
using Helpdesk.Core.Intake;
using Helpdesk.Core.Outbox;
using Helpdesk.Core.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Core.Tests.Intake;

[TestClass]
public sealed class MachineMailAndAckTests
{
    [TestMethod]
    public async Task ProcessAsync_BounceOfOurAcknowledgment_MarksOutboxBouncedAndCustomerUndeliverable()
    {
        await using var desk = await IntakeTestDesk.CreateAsync();
        var first = await desk.TakeInAsync(Mails.Customer("gone@example.com", "m1@example.com", "Help", "first"));
        var ackId = await desk.QueryAsync(db => db.Outbox.Select(o => o.MessageIdHeader).SingleAsync());

        var bounce = await desk.TakeInAsync(Mails.Bounce("gone@example.com", ackId));

        Assert.AreEqual(RawMessageState.Processed, bounce.State);
        Assert.AreEqual("bounce", bounce.MachineKind);
        var item = await desk.QueryAsync(db => db.Outbox.SingleAsync());
        Assert.AreEqual(OutboxState.Bounced, item.State);
        var customer = await desk.QueryAsync(db => db.Customers.SingleAsync());
        Assert.IsTrue(customer.Undeliverable);
        Assert.AreEqual(1, await desk.QueryAsync(db => db.Tickets.CountAsync()), "a bounce makes no ticket");
        Assert.AreEqual(1, (await desk.TicketAsync(first.TicketNumber!.Value)).Messages.Count);
    }

    [TestMethod]
    public async Task ProcessAsync_BounceWhileItsSendIsInFlight_LeavesTheItemToTheOutboxPassAndMarksTheCustomer()
    {
        await using var desk = await IntakeTestDesk.CreateAsync();
        await desk.TakeInAsync(Mails.Customer("gone@example.com", "m1@example.com", "Help", "first"));
        var now = desk.Database.Clock.GetUtcNow();
        // An outbox pass leases the acknowledgment and sends it; it saves the outcome of its whole batch afterwards.
        await using var pass = await desk.Database.Factory.CreateDbContextAsync();
        var leased = await pass.Outbox.SingleAsync();
        leased.Lease(now + TimeSpan.FromMinutes(2));
        await pass.SaveChangesAsync();

        // The DSN is back before the pass has saved.
        var bounce = await desk.TakeInAsync(Mails.Bounce("gone@example.com", leased.MessageIdHeader!));

        Assert.AreEqual(RawMessageState.Processed, bounce.State);
        Assert.AreEqual("bounce", bounce.MachineKind);
        Assert.IsTrue((await desk.QueryAsync(db => db.Customers.SingleAsync())).Undeliverable, "nothing more goes to them");
        var during = await desk.QueryAsync(db => db.Outbox.AsNoTracking().SingleAsync());
        Assert.AreEqual(OutboxState.Queued, during.State, "the in-flight item is the pass's to record");
        Assert.AreEqual(leased.LeasedUntil, during.LeasedUntil);
        leased.MarkSent(now);
        await pass.SaveChangesAsync(); // the pass's save is not refused by a change intake made under its lease
        Assert.AreEqual(OutboxState.Sent, (await desk.QueryAsync(db => db.Outbox.AsNoTracking().SingleAsync())).State);
    }

    [TestMethod]
    public async Task ProcessAsync_AutoReply_AttachedSilentlyNoWorkNoAck()
    {
        await using var desk = await IntakeTestDesk.CreateAsync();
        var first = await desk.TakeInAsync(Mails.Customer("dana@example.com", "m1@example.com", "Help", "first"));
        var before = await desk.TicketAsync(first.TicketNumber!.Value);
        await desk.ChangeTicketAsync(before.Number, t => t.Solve(desk.Database.Clock.GetUtcNow()));
        before = await desk.TicketAsync(before.Number);
        desk.Database.Clock.Advance(TimeSpan.FromDays(3));

        var auto = await desk.TakeInAsync(Mails.AutoReply("dana@example.com", "ooo@example.com"));

        Assert.AreEqual("auto_reply", auto.MachineKind);
        Assert.AreEqual(first.TicketNumber, auto.TicketNumber);
        var after = await desk.TicketAsync(before.Number);
        Assert.AreEqual(TicketStatus.Solved, after.Status, "no work for agents");
        Assert.AreEqual(before.Version, after.Version);
        Assert.AreEqual(1, after.InboundCount);
        Assert.AreEqual(MessageDirection.Machine, after.Messages.OrderBy(m => m.Id).Last().Direction);
        Assert.AreEqual(1, await desk.QueryAsync(db => db.Outbox.CountAsync()), "no acknowledgment to machine mail");
    }

    [TestMethod]
    public async Task ProcessAsync_FirstEmail_QueuesAcknowledgmentWithTicketNumberAndHeaders()
    {
        await using var desk = await IntakeTestDesk.CreateAsync();

        var outcome = await desk.TakeInAsync(Mails.Customer("dana@example.com", "m1@example.com", "Contraseña nueva", "help"));

        var item = await desk.QueryAsync(db => db.Outbox.SingleAsync());
        Assert.AreEqual(OutboxKind.Acknowledgment, item.Kind);
        Assert.AreEqual($"ack-{outcome.TicketNumber}-1@meridian.example", item.MessageIdHeader);
        Assert.AreEqual("dana@example.com", item.ToAddress);
        Assert.AreEqual($"Re: Contraseña nueva [#{outcome.TicketNumber}]", item.Subject);
        var mime = Encoding.ASCII.GetString(item.Mime!);
        StringAssert.Contains(mime, "Auto-Submitted: auto-replied");
        StringAssert.Contains(mime, "In-Reply-To: <m1@example.com>");
        Assert.IsFalse(System.Text.RegularExpressions.Regex.IsMatch(mime, "^Reply-To:", System.Text.RegularExpressions.RegexOptions.Multiline), "an acknowledgment sets no Reply-To");
        Assert.IsTrue(System.Text.RegularExpressions.Regex.IsMatch(mime, @"^Subject: .*=\?utf-8\?[bq]\?", System.Text.RegularExpressions.RegexOptions.Multiline | System.Text.RegularExpressions.RegexOptions.IgnoreCase),
            "the non-ASCII subject goes as an RFC 2047 encoded word");
        StringAssert.Contains(mime, "https://www.meridian.example/help");
        StringAssert.Contains(mime, $"#{outcome.TicketNumber}");
        StringAssert.Contains(mime, "multipart/alternative");
    }

    [TestMethod]
    public async Task ProcessAsync_SecondTicketWithinWindow_NoSecondAckButAfterWindowOneMore()
    {
        await using var desk = await IntakeTestDesk.CreateAsync();
        var first = await desk.TakeInAsync(Mails.Customer("dana@example.com", "m1@example.com", "Help", "first"));
        await desk.ChangeTicketAsync(first.TicketNumber!.Value, t => t.Solve(desk.Database.Clock.GetUtcNow()));
        desk.Database.Clock.Advance(TimeSpan.FromHours(2));
        await desk.TakeInAsync(Mails.Customer("dana@example.com", "m2@example.com", "Other question", "second"));
        Assert.AreEqual(1, await desk.QueryAsync(db => db.Outbox.CountAsync()));

        desk.Database.Clock.Advance(TimeSpan.FromHours(23));
        await desk.TakeInAsync(Mails.Customer("dana@example.com", "m3@example.com", "Third", "third"));

        Assert.AreEqual(2, await desk.QueryAsync(db => db.Outbox.CountAsync()));
    }

    [TestMethod]
    public async Task ProcessAsync_FromDeskOwnAddress_NoAck()
    {
        await using var desk = await IntakeTestDesk.CreateAsync();

        await desk.TakeInAsync(Mails.Customer("PasswordChange@meridian.example", "loop@meridian.example", "Test", "loop?"));

        Assert.AreEqual(0, await desk.QueryAsync(db => db.Outbox.CountAsync()));
    }

    [TestMethod]
    public async Task ProcessAsync_AcknowledgeSettingOff_NoAck()
    {
        await using var desk = await IntakeTestDesk.CreateAsync(new Dictionary<string, string?> { ["Helpdesk:Intake:Acknowledge"] = "false" });

        await desk.TakeInAsync(Mails.Customer("dana@example.com", "m1@example.com", "Help", "first"));

        Assert.AreEqual(0, await desk.QueryAsync(db => db.Outbox.CountAsync()));
    }

    [TestMethod]
    public async Task ProcessAsync_UndeliverableCustomer_NoAck()
    {
        await using var desk = await IntakeTestDesk.CreateAsync();
        await using (var db = await desk.Database.Factory.CreateDbContextAsync())
        {
            var c = new Helpdesk.Core.Customers.Customer("dead@example.com", null, desk.Database.Clock.GetUtcNow());
            c.MarkUndeliverable("5.1.1", desk.Database.Clock.GetUtcNow());
            db.Customers.Add(c);
            await db.SaveChangesAsync();
        }

        var outcome = await desk.TakeInAsync(Mails.Customer("dead@example.com", "m1@example.com", "Help", "first"));

        Assert.IsNotNull(outcome.TicketNumber);
        Assert.AreEqual(0, await desk.QueryAsync(db => db.Outbox.CountAsync()));
    }
}
