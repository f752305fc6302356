using System.Text;
using Helpdesk.Core.Intake;
using Helpdesk.Core.Outbox;
using Helpdesk.Core.Queue;
using Helpdesk.Core.Replies;
using Helpdesk.EndToEnd.Tests.Intake;
using Helpdesk.Mail.Transport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Helpdesk.EndToEnd.Tests.MailServersFixture;

namespace Helpdesk.EndToEnd.Tests.Outbox;

/// <summary>
/// The whole path through real servers: a customer writes by SMTP (Postfix hands it to Dovecot), intake makes a
/// ticket, an agent replies, the outbox sends through Postfix, and the customer's mailbox holds the reply once,
/// threaded to the customer's own message.
/// </summary>
[TestClass]
public sealed class FullLoopTests
{
    [TestMethod]
    public async Task CustomerWritesAgentReplies_ReplyArrivesOnceThreadedToTheCustomersMessage()
    {
        await using var desk = await IntakeDesk.CreateAsync(more: new Dictionary<string, string?>
        {
            ["Helpdesk:Mailboxes:0:User"] = "desk@example.test",
            ["Helpdesk:Mailboxes:0:Password"] = "desk-pass",
            ["Helpdesk:Mailboxes:0:Folder"] = "INBOX",
            ["Helpdesk:Company:DeskAddress"] = "desk@example.test",
            ["Helpdesk:Outbox:Host"] = "127.0.0.1",
            ["Helpdesk:Outbox:Port"] = Servers.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Helpdesk:Outbox:Security"] = "StartTls",
            ["Helpdesk:Outbox:User"] = "desk@example.test",
            ["Helpdesk:Outbox:Password"] = "desk-pass",
            ["Helpdesk:Outbox:PinnedCertificate"] = Servers.CertificatePath,
            ["Helpdesk:Outbox:EnvelopeFrom"] = "desk@example.test",
        });
        var question = $"loop-{Guid.NewGuid():N}@example.test";

        // 1. The customer writes to the desk by SMTP.
        await using (var customerSmtp = new SmtpSender(new SmtpSenderOptions
        {
            Host = "127.0.0.1", Port = Servers.SmtpPort, Security = MailServerSecurity.StartTls, PinnedCertificate = Pin,
            UserName = "customer@example.test",
            Password = "customer-pass",
        }))
        {
            await customerSmtp.SendAsync(new SubmissionEnvelope("customer@example.test", "desk@example.test"), Encoding.UTF8.GetBytes(
                $"From: Casey Customer <customer@example.test>\r\nTo: desk@example.test\r\nSubject: I never got the reset email\r\n"
                + $"Message-ID: <{question}>\r\nDate: Sun, 22 Nov 2026 09:00:00 +0000\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n\r\nI clicked Create a New Password twice and no email came.\r\n"));
        }

        // 2. Intake takes it in and makes a ticket.
        long? number = null;
        for (var attempt = 0; attempt < 60 && number is null; attempt++)
        {
            await desk.Services.GetRequiredService<IntakeRunner>().RunOnceAsync(includeDropFolder: false);
            number = await desk.QueryAsync(db => db.Messages.Where(m => m.MessageIdHeader == question).Select(m => (long?)m.TicketNumber).FirstOrDefaultAsync());
            if (number is null) await Task.Delay(250);
        }
        Assert.IsNotNull(number, "intake made no ticket for the customer's email");

        // 3. An agent claims it and replies; the reply and the ticket change commit together.
        const long agent = 7;
        Assert.IsTrue(await desk.Services.GetRequiredService<TicketQueue>().ClaimAsync(agent, number.Value));
        var version = await desk.QueryAsync(db => db.Tickets.Where(t => t.Number == number).Select(t => t.Version).SingleAsync());
        var reply = await desk.Services.GetRequiredService<ReplyService>().SendAsync(agent,
            new ReplyDraft(number.Value, version, "Hello Casey,\n\nThe reset email can take a few minutes; please check spam too."));

        // 4. The outbox sends everything due (the acknowledgment and the reply), twice over: the second pass sends nothing.
        var dispatcher = desk.Services.GetRequiredService<OutboxDispatcher>();
        var sent = await dispatcher.DispatchOnceAsync(default);
        Assert.AreEqual(0, await dispatcher.DispatchOnceAsync(default), "nothing is sent twice");
        Assert.IsTrue(sent >= 1);
        var state = await desk.QueryAsync(db => db.Outbox.Where(o => o.Id == reply.Id).Select(o => o.State).SingleAsync());
        Assert.AreEqual(OutboxState.Sent, state);

        // 5. The customer's mailbox holds the reply once, threaded to the question.
        await using var customer = await LoginAsync("customer");
        var found = await WaitForAsync(customer, reply.MessageIdHeader);
        Assert.AreEqual(1, found.Count, "the reply arrived exactly once");
        foreach (var message in await customer.FetchAsync(found))
        {
            var raw = Encoding.UTF8.GetString(message.Raw);
            StringAssert.Contains(raw, $"In-Reply-To: <{question}>");
            StringAssert.Contains(raw, $"[#{number}]");
            StringAssert.Contains(raw, "Reply-To: desk@example.test");
        }
    }
}
