using System.Text;
using Helpdesk.Mail.Net;
using Helpdesk.Mail.Smtp;
using static Helpdesk.EndToEnd.Tests.MailServersFixture;

namespace Helpdesk.EndToEnd.Tests.Mail;

/// <summary>The SMTP submitter against the real Postfix, which hands mail to Dovecot over LMTP.</summary>
[TestClass]
public sealed class SmtpAgainstPostfixTests
{
    private static SmtpSubmitter Submitter(MailSecurity security, string? password = "support-pass") => new(new SmtpSubmitterOptions
    {
        Endpoint = new SmtpEndpoint("127.0.0.1", security == MailSecurity.Tls ? Servers.SmtpsPort : Servers.SmtpPort, security, Pin),
        UserName = password is null ? null : "support@example.test",
        Password = password,
    });

    [TestMethod]
    public async Task SendAsync_StartTlsAndAuthFiveReplies_EachLandsOnceInCustomerMailbox()
    {
        await using var submitter = Submitter(MailSecurity.StartTls);
        var ids = Enumerable.Range(0, 5).Select(i => $"reply-{i}-{Guid.NewGuid():N}@meridian.example").ToList();

        foreach (var id in ids)
        {
            await submitter.SendAsync(new SubmissionEnvelope("passwordchange@meridian.example", "customer@example.test"),
                Reply(id, ".A line that starts with a dot\r\nThanks, Meridian"));
        }

        Assert.IsTrue(submitter.Extensions.Contains("AUTH"));
        await using var customer = await LoginAsync("customer");
        foreach (var id in ids)
        {
            var found = await WaitForAsync(customer, id);
            Assert.AreEqual(1, found.Count, $"{id} arrived {found.Count} times");
            foreach (var message in await customer.FetchAsync(found))
            {
                StringAssert.Contains(Encoding.UTF8.GetString(message.Raw), "\r\n.A line that starts with a dot\r\n",
                    "dot-stuffing is undone by the server");
            }
        }
    }

    [TestMethod]
    public async Task SendAsync_ImplicitTls_LandsInCustomerMailbox()
    {
        await using var submitter = Submitter(MailSecurity.Tls);
        var id = $"tls-{Guid.NewGuid():N}@meridian.example";

        await submitter.SendAsync(new SubmissionEnvelope("passwordchange@meridian.example", "customer@example.test"), Reply(id, "Hello"));

        await using var customer = await LoginAsync("customer");
        Assert.AreEqual(1, (await WaitForAsync(customer, id)).Count);
    }

    [TestMethod]
    public async Task SendAsync_ForeignDomain_ThrowsPermanentExceptionWithPostfixWords()
    {
        await using var submitter = Submitter(MailSecurity.StartTls);

        var error = await Assert.ThrowsExactlyAsync<SmtpPermanentException>(() => submitter.SendAsync(
            new SubmissionEnvelope("passwordchange@meridian.example", "someone@gmail.example"), Reply("x@meridian.example", "Hi")));

        Assert.AreEqual(554, error.Reply!.Code);
        StringAssert.Contains(error.Reply.Text, "Relay access denied");
        await submitter.SendAsync(new SubmissionEnvelope("passwordchange@meridian.example", "customer@example.test"),
            Reply($"after-{Guid.NewGuid():N}@meridian.example", "The connection is still good"));
    }

    [TestMethod]
    public async Task SendAsync_WrongPassword_ThrowsAuthenticationException()
    {
        await using var submitter = Submitter(MailSecurity.StartTls, password: "wrong");

        var error = await Assert.ThrowsExactlyAsync<SmtpAuthenticationException>(() => submitter.SendAsync(
            new SubmissionEnvelope("passwordchange@meridian.example", "customer@example.test"), Reply("y@meridian.example", "Hi")));

        Assert.AreEqual(535, error.Reply!.Code);
    }

    private static byte[] Reply(string messageId, string body) => Encoding.UTF8.GetBytes(
        "From: Meridian Outfitters <passwordchange@meridian.example>\r\nTo: customer@example.test\r\n"
        + $"Subject: Re: Reset link expired [#1042]\r\nMessage-ID: <{messageId}>\r\nAuto-Submitted: auto-replied\r\n"
        + $"Date: Sun, 22 Nov 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n");
}
