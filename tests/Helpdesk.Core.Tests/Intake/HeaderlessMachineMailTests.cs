using System.Text;
using Helpdesk.Core.Intake;
using Helpdesk.Core.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Core.Tests.Intake;

/// <summary>
/// Machine mail that only its words give away, through intake: no ticket, no acknowledgment to a robot, and a
/// bounce found by the envelope id we sent with (ENVID=outbox-N) when the returned headers are gone.
/// </summary>
[TestClass]
public sealed class HeaderlessMachineMailTests
{
    [TestMethod]
    public async Task ProcessAsync_BounceNamingOnlyOurEnvelopeId_MarksThatOutboxItemAndAddress()
    {
        await using var desk = await IntakeTestDesk.CreateAsync();
        await desk.TakeInAsync(Mails.Customer("gone@example.com", "m1@example.com", "Help", "My password link does not work."));
        var outboxId = await desk.QueryAsync(db => db.Outbox.Select(o => o.Id).SingleAsync());

        var bounce = await desk.TakeInAsync(DsnWithoutReturnedHeaders("gone@example.com", OutboxDispatcher.EnvelopeIdOf(outboxId), "5.1.1", "failed"));

        Assert.AreEqual("bounce", bounce.MachineKind);
        var item = await desk.QueryAsync(db => db.Outbox.SingleAsync());
        Assert.AreEqual(OutboxState.Bounced, item.State);
        Assert.IsTrue((await desk.QueryAsync(db => db.Customers.SingleAsync())).Undeliverable);
    }

    [TestMethod]
    public async Task ProcessAsync_FullMailboxTextBounce_DoesNotMarkTheAddress()
    {
        await using var desk = await IntakeTestDesk.CreateAsync();
        await desk.TakeInAsync(Mails.Customer("full@example.com", "m1@example.com", "Help", "My password link does not work."));

        var bounce = await desk.TakeInAsync(Plain("MAILER-DAEMON@mx.example.net", "failure notice",
            "Hi. This is the qmail-send program at mx.example.net.\r\nI'm afraid I wasn't able to deliver your message to the following addresses.\r\n\r\n"
            + "<full@example.com>:\r\nRemote host said: 552 5.2.2 Mailbox full - user is over quota\r\n"));

        Assert.AreEqual("bounce", bounce.MachineKind);
        Assert.IsFalse((await desk.QueryAsync(db => db.Customers.SingleAsync())).Undeliverable, "a full mailbox empties again");
    }

    [TestMethod]
    [DataRow("ooo@example.com", "Re: Help", "Vielen Dank für Ihre Nachricht. Ich bin bis 12.12. nicht im Büro. In dringenden Fällen wenden Sie sich bitte an info@example.com.", "auto_reply")]
    [DataRow("no-reply@example.com", "Re: Help", "This mailbox is not monitored. Your message will not be read. Please use our contact form.", "no_reply_notice")]
    [DataRow("support@example.com", "[#88412] Re: Help", "Your request (#88412) has been received and is being reviewed by our support staff. To add additional comments, reply to this email.", "automatic_receipt")]
    public async Task ProcessAsync_HeaderlessMachineMailFromNewSender_NoTicketNoAcknowledgment(string from, string subject, string body, string kind)
    {
        await using var desk = await IntakeTestDesk.CreateAsync();

        var outcome = await desk.TakeInAsync(Plain(from, subject, body));

        Assert.AreEqual(kind, outcome.MachineKind);
        Assert.AreEqual(0, await desk.QueryAsync(db => db.Tickets.CountAsync()), "machine mail makes no ticket");
        Assert.AreEqual(0, await desk.QueryAsync(db => db.Outbox.CountAsync()), "no acknowledgment to a robot");
    }

    [TestMethod]
    public async Task ProcessAsync_PersonMentioningHoliday_GetsTicketAndAcknowledgment()
    {
        await using var desk = await IntakeTestDesk.CreateAsync();

        var outcome = await desk.TakeInAsync(Plain("gordon@example.com", "Re: Important", "I was on holiday and missed your email, is my account safe?"));

        Assert.AreEqual("none", outcome.MachineKind);
        Assert.IsNotNull(outcome.TicketNumber);
        Assert.AreEqual(1, await desk.QueryAsync(db => db.Outbox.CountAsync()));
    }

    private static byte[] Plain(string from, string subject, string body) => Encoding.UTF8.GetBytes(
        $"From: {from}\r\nTo: passwordchange@meridian.example\r\nSubject: {subject}\r\nMessage-ID: <{Guid.NewGuid():N}@example.com>\r\n"
        + "Date: Sun, 22 Nov 2026 09:05:00 +0000\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + body + "\r\n");

    // A report whose server kept no copy of our headers: only Original-Envelope-Id says which mail bounced.
    private static byte[] DsnWithoutReturnedHeaders(string recipient, string envelopeId, string status, string action) => Encoding.UTF8.GetBytes(
        "From: Mail Delivery System <MAILER-DAEMON@mx.example.net>\r\nTo: bounces@meridian.example\r\nSubject: Undelivered Mail Returned to Sender\r\n"
        + $"Message-ID: <dsn-{Guid.NewGuid():N}@mx.example.net>\r\nDate: Sun, 22 Nov 2026 09:05:00 +0000\r\nMIME-Version: 1.0\r\n"
        + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\r\n\r\n"
        + "--B\r\nContent-Type: text/plain\r\n\r\nYour message could not be delivered.\r\n"
        + $"--B\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.net\r\nOriginal-Envelope-Id: {envelopeId}\r\n\r\n"
        + $"Final-Recipient: rfc822; {recipient}\r\nAction: {action}\r\nStatus: {status}\r\n\r\n--B--\r\n");
}
