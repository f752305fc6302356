using System.Text;
using Helpdesk.Mail.Transport;
using Microsoft.Extensions.Logging;
using static Helpdesk.EndToEnd.Tests.MailServersFixture;

namespace Helpdesk.EndToEnd.Tests.Mail;

/// <summary>The desk's SMTP sender (MailKit underneath) against the real Postfix, which hands mail to Dovecot over LMTP.</summary>
[TestClass]
public sealed class SmtpAgainstPostfixTests
{
    /// <summary>Keeps every protocol-log line, to check what went over the wire and what did not.</summary>
    private sealed class LineLog : ILogger
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Lines) Lines.Add(formatter(state, exception));
        }
    }

    private static SmtpSender Sender(MailServerSecurity security, string? password = "support-pass", ILogger? log = null) => new(new SmtpSenderOptions
    {
        Host = "127.0.0.1",
        Port = security == MailServerSecurity.Tls ? Servers.SmtpsPort : Servers.SmtpPort,
        Security = security,
        PinnedCertificate = Pin,
        UserName = password is null ? null : "support@example.test",
        Password = password,
    }, log);

    [TestMethod]
    public async Task SendAsync_StartTlsAndAuthFiveReplies_EachLandsOnceInCustomerMailbox()
    {
        await using var sender = Sender(MailServerSecurity.StartTls);
        var ids = Enumerable.Range(0, 5).Select(i => $"reply-{i}-{Guid.NewGuid():N}@meridian.example").ToList();

        foreach (var id in ids)
        {
            await sender.SendAsync(new SubmissionEnvelope("passwordchange@meridian.example", "customer@example.test"),
                Reply(id, ".A line that starts with a dot\r\nThanks, Meridian"));
        }

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
        await using var sender = Sender(MailServerSecurity.Tls);
        var id = $"tls-{Guid.NewGuid():N}@meridian.example";

        await sender.SendAsync(new SubmissionEnvelope("passwordchange@meridian.example", "customer@example.test"), Reply(id, "Hello"));

        await using var customer = await LoginAsync("customer");
        Assert.AreEqual(1, (await WaitForAsync(customer, id)).Count);
    }

    [TestMethod]
    public async Task SendAsync_ForeignDomain_ThrowsPermanentExceptionWithPostfixWords()
    {
        await using var sender = Sender(MailServerSecurity.StartTls);

        var error = await Assert.ThrowsExactlyAsync<SmtpPermanentException>(() => sender.SendAsync(
            new SubmissionEnvelope("passwordchange@meridian.example", "someone@gmail.example"), Reply("x@meridian.example", "Hi")));

        Assert.AreEqual(554, error.Reply!.Code);
        StringAssert.Contains(error.Reply.Text, "Relay access denied");
        await sender.SendAsync(new SubmissionEnvelope("passwordchange@meridian.example", "customer@example.test"),
            Reply($"after-{Guid.NewGuid():N}@meridian.example", "The connection is still good"));
    }

    [TestMethod]
    public async Task SendAsync_WrongPassword_ThrowsAuthenticationException()
    {
        await using var sender = Sender(MailServerSecurity.StartTls, password: "wrong");

        var error = await Assert.ThrowsExactlyAsync<SmtpAuthenticationException>(() => sender.SendAsync(
            new SubmissionEnvelope("passwordchange@meridian.example", "customer@example.test"), Reply("y@meridian.example", "Hi")));

        Assert.AreEqual(535, error.Reply!.Code);
    }

    [TestMethod]
    public async Task SendAsync_EnvelopeId_AsksPostfixForAFailureNoticeNamingTheItemAndLogsNoSecret()
    {
        var log = new LineLog();
        var id = $"dsn-{Guid.NewGuid():N}@meridian.example";
        await using (var sender = Sender(MailServerSecurity.StartTls, log: log))
        {
            await sender.SendAsync(new SubmissionEnvelope("passwordchange@meridian.example", ["customer@example.test"], "outbox-4711"),
                Reply(id, "Your reset link, private words"));
        }

        var lines = string.Join("\n", log.Lines);
        StringAssert.Contains(lines, "ENVID=outbox-4711", "the envelope id goes with MAIL FROM");
        StringAssert.Contains(lines, "NOTIFY=FAILURE", "a failure notice (only) is asked for per recipient");
        StringAssert.Contains(lines, "RET=HDRS", "a bounce returns the headers (with the Message-ID), not the customer's reply");
        StringAssert.Contains(lines, "250", "the server's replies are in the log");
        Assert.IsFalse(lines.Contains("support-pass", StringComparison.Ordinal), "the password is redacted");
        Assert.IsFalse(lines.Contains(Convert.ToBase64String(Encoding.ASCII.GetBytes("\0support@example.test\0support-pass")), StringComparison.Ordinal),
            "the AUTH PLAIN blob is redacted");
        Assert.IsFalse(lines.Contains("private words", StringComparison.Ordinal), "message content stays out of the protocol log");
        await using var customer = await LoginAsync("customer");
        Assert.AreEqual(1, (await WaitForAsync(customer, id)).Count, "Postfix accepted the DSN parameters");
    }

    [TestMethod]
    public async Task SendAsync_DkimKeyConfigured_ArrivesSignedAndVerifiesAgainstThePublicKey()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var keyFile = Path.GetTempFileName();
        await File.WriteAllTextAsync(keyFile, rsa.ExportPkcs8PrivateKeyPem());
        var id = $"dkim-{Guid.NewGuid():N}@meridian.example";
        try
        {
            await using (var sender = new SmtpSender(new SmtpSenderOptions
            {
                Host = "127.0.0.1", Port = Servers.SmtpPort, Security = MailServerSecurity.StartTls, PinnedCertificate = Pin,
                UserName = "support@example.test", Password = "support-pass",
                Dkim = Helpdesk.Mail.Writing.DkimSigning.CreateSigner(keyFile, "meridian.example", "desk2026"),
            }))
            {
                await sender.SendAsync(new SubmissionEnvelope("passwordchange@meridian.example", "customer@example.test"),
                    Helpdesk.Mail.Writing.DeskComposer.Build(new Helpdesk.Mail.Writing.OutgoingMail
                    {
                        From = ("Meridian Outfitters Customer Care", "passwordchange@meridian.example"), To = ("José Núñez", "customer@example.test"),
                        Subject = "Re: Contraseña nueva [#7]", MessageId = id, Date = DateTimeOffset.UtcNow, Text = "Use the new link.\n\nMeridian",
                    }));
            }

            await using var customer = await LoginAsync("customer");
            var found = await WaitForAsync(customer, id);
            byte[]? raw = null;
            foreach (var m in await customer.FetchAsync(found)) raw = m.Raw.ToArray();
            var arrived = MimeKit.MimeMessage.Load(new MemoryStream(raw!));
            var signature = arrived.Headers[arrived.Headers.IndexOf(MimeKit.HeaderId.DkimSignature)];
            var locator = new PublishedKey($"v=DKIM1; k=rsa; p={Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo())}");
            Assert.IsTrue(new MimeKit.Cryptography.DkimVerifier(locator).Verify(arrived, signature), "the signature holds after Postfix and Dovecot");
            StringAssert.Contains(signature.Value, "d=meridian.example");
        }
        finally
        {
            File.Delete(keyFile);
        }
    }

    /// <summary>The TXT record the desk's operator would publish at desk2026._domainkey.meridian.example.</summary>
    private sealed class PublishedKey(string record) : MimeKit.Cryptography.DkimPublicKeyLocatorBase
    {
        public override Org.BouncyCastle.Crypto.AsymmetricKeyParameter LocatePublicKey(string methods, string domain, string selector, CancellationToken cancellationToken = default) =>
            domain == "meridian.example" && selector == "desk2026" ? GetPublicKey(record) : throw new InvalidOperationException("no such key");

        public override Task<Org.BouncyCastle.Crypto.AsymmetricKeyParameter> LocatePublicKeyAsync(string methods, string domain, string selector, CancellationToken cancellationToken = default) =>
            Task.FromResult(LocatePublicKey(methods, domain, selector, cancellationToken));
    }

    private static byte[] Reply(string messageId, string body) => Encoding.UTF8.GetBytes(
        "From: Meridian Outfitters <passwordchange@meridian.example>\r\nTo: customer@example.test\r\n"
        + $"Subject: Re: Reset link expired [#1042]\r\nMessage-ID: <{messageId}>\r\nAuto-Submitted: auto-replied\r\n"
        + $"Date: Sun, 22 Nov 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n");
}
