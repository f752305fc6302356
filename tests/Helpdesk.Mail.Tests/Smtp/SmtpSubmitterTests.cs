using System.Text;
using Helpdesk.Mail.Net;
using Helpdesk.Mail.Smtp;
using Helpdesk.Mail.Tests.Replay;

namespace Helpdesk.Mail.Tests.Smtp;

/// <summary>
/// SMTP conversations replayed. The Postfix greeting and EHLO answer are the ones the loopback Postfix 3.7 of
/// tests/servers/mail gives; the failures follow RFC 5321 and the replies Postfix is documented to send.
/// </summary>
[TestClass]
public sealed class SmtpSubmitterTests
{
    private const string Postfix = """
        S: 220 mail.example.test ESMTP Postfix (Debian/GNU)
        C: EHLO localhost
        S: 250-mail.example.test
        S: 250-PIPELINING
        S: 250-SIZE 10240000
        S: 250-VRFY
        S: 250-ETRN
        S: 250-AUTH PLAIN LOGIN
        S: 250-ENHANCEDSTATUSCODES
        S: 250-8BITMIME
        S: 250-DSN
        S: 250-SMTPUTF8
        S: 250 CHUNKING
        """;

    private static readonly SubmissionEnvelope ToCustomer = new("passwordchange@meridian.example", "customer@example.test");

    private static (SmtpSubmitter Submitter, List<ReplayStream> Connections) Replay(SmtpSubmitterOptions? options, params string[] transcripts)
    {
        var connections = transcripts.Select(t => ReplayStream.FromTranscript(t)).ToList();
        var next = 0;
        var submitter = new SmtpSubmitter(options ?? new SmtpSubmitterOptions { Endpoint = new SmtpEndpoint("replay", 25, MailSecurity.None) },
            _ => Task.FromResult<Stream>(connections[next++]));
        return (submitter, connections);
    }

    [TestMethod]
    public async Task SendAsync_TwoMessages_PipelinesEnvelopeDotStuffsAndReusesTheConnection()
    {
        var (submitter, connections) = Replay(null, $$"""
            {{Postfix}}
            C: MAIL FROM:<passwordchange@meridian.example> SIZE=29
            C: RCPT TO:<customer@example.test>
            S: 250 2.1.0 Ok
            S: 250 2.1.5 Ok
            C: DATA
            S: 354 End data with <CR><LF>.<CR><LF>
            C: Subject: one
            C:
            C: ..dot line
            C: last
            C: .
            S: 250 2.0.0 Ok: queued as 4XyZ1
            C: MAIL FROM:<passwordchange@meridian.example> SIZE=14
            C: RCPT TO:<customer@example.test>
            S: 250 2.1.0 Ok
            S: 250 2.1.5 Ok
            C: DATA
            S: 354 End data with <CR><LF>.<CR><LF>
            C: Subject: two
            C: .
            S: 250 2.0.0 Ok: queued as 4XyZ2
            C: QUIT
            S: 221 2.0.0 Bye
            """);

        await submitter.SendAsync(ToCustomer, Encoding.ASCII.GetBytes("Subject: one\n\n.dot line\r\nlast"));
        await submitter.SendAsync(ToCustomer, Encoding.ASCII.GetBytes("Subject: two\r\n"));
        await submitter.DisposeAsync();

        connections.Single().AssertComplete();
    }

    [TestMethod]
    public async Task SendAsync_ForeignDomainRefused_ThrowsPermanentWithServerWordsAndResets()
    {
        var (submitter, connections) = Replay(null, $$"""
            {{Postfix}}
            C: MAIL FROM:<passwordchange@meridian.example> SIZE=2
            C: RCPT TO:<someone@elsewhere.example>
            S: 250 2.1.0 Ok
            S: 554 5.7.1 <someone@elsewhere.example>: Relay access denied
            C: RSET
            S: 250 2.0.0 Ok
            C: MAIL FROM:<passwordchange@meridian.example> SIZE=2
            C: RCPT TO:<customer@example.test>
            S: 250 2.1.0 Ok
            S: 250 2.1.5 Ok
            C: DATA
            S: 354 End data with <CR><LF>.<CR><LF>
            C: hi
            C: .
            S: 250 2.0.0 Ok: queued as 4XyZ3
            """);

        var error = await Assert.ThrowsExactlyAsync<SmtpPermanentException>(() =>
            submitter.SendAsync(new SubmissionEnvelope("passwordchange@meridian.example", "someone@elsewhere.example"), "hi"u8.ToArray()));

        Assert.AreEqual(554, error.Reply!.Code);
        Assert.AreEqual("5.7.1", error.Reply.EnhancedStatus);
        StringAssert.Contains(error.Reply.Text, "Relay access denied");
        await submitter.SendAsync(ToCustomer, "hi"u8.ToArray());
        connections.Single().AssertComplete();
    }

    [TestMethod]
    public async Task SendAsync_QueueFullAfterData_ThrowsTransient()
    {
        var (submitter, _) = Replay(new SmtpSubmitterOptions { Endpoint = new SmtpEndpoint("replay", 25, MailSecurity.None), UsePipelining = false }, $$"""
            {{Postfix}}
            C: MAIL FROM:<passwordchange@meridian.example> SIZE=2
            S: 250 2.1.0 Ok
            C: RCPT TO:<customer@example.test>
            S: 250 2.1.5 Ok
            C: DATA
            S: 354 End data with <CR><LF>.<CR><LF>
            C: hi
            C: .
            S: 452 4.3.1 Insufficient system storage
            """);

        var error = await Assert.ThrowsExactlyAsync<SmtpTransientException>(() => submitter.SendAsync(ToCustomer, "hi"u8.ToArray()));

        Assert.AreEqual(452, error.Reply!.Code);
    }

    [TestMethod]
    public async Task SendAsync_OnlyLoginOffered_AuthenticatesWithLoginChallenges()
    {
        var options = new SmtpSubmitterOptions
        {
            Endpoint = new SmtpEndpoint("replay", 587, MailSecurity.None),
            UserName = "support@example.test",
            Password = "support-pass",
        };
        var (submitter, connections) = Replay(options, """
            S: 220 smtp.office365.example Microsoft ESMTP MAIL Service ready
            C: EHLO localhost
            S: 250-smtp.office365.example Hello [127.0.0.1]
            S: 250-AUTH LOGIN XOAUTH2
            S: 250 ENHANCEDSTATUSCODES
            C: AUTH LOGIN
            S: 334 VXNlcm5hbWU6
            C: c3VwcG9ydEBleGFtcGxlLnRlc3Q=
            S: 334 UGFzc3dvcmQ6
            C: c3VwcG9ydC1wYXNz
            S: 235 2.7.0 Authentication successful
            C: MAIL FROM:<passwordchange@meridian.example>
            S: 250 2.1.0 Sender OK
            C: RCPT TO:<customer@example.test>
            S: 250 2.1.5 Recipient OK
            C: DATA
            S: 354 Start mail input; end with <CRLF>.<CRLF>
            C: hi
            C: .
            S: 250 2.0.0 OK <queued@office365.example>
            """);

        await submitter.SendAsync(ToCustomer, "hi"u8.ToArray());

        connections.Single().AssertComplete();
    }

    [TestMethod]
    public async Task SendAsync_PasswordRefused_ThrowsAuthenticationException()
    {
        var options = new SmtpSubmitterOptions
        {
            Endpoint = new SmtpEndpoint("replay", 587, MailSecurity.None),
            UserName = "support@example.test",
            Password = "wrong",
        };
        var (submitter, _) = Replay(options, $$"""
            {{Postfix}}
            C: AUTH PLAIN AHN1cHBvcnRAZXhhbXBsZS50ZXN0AHdyb25n
            S: 535 5.7.8 Error: authentication failed: authentication failure
            """);

        var error = await Assert.ThrowsExactlyAsync<SmtpAuthenticationException>(() => submitter.SendAsync(ToCustomer, "hi"u8.ToArray()));

        Assert.AreEqual("5.7.8", error.Reply!.EnhancedStatus);
    }

    [TestMethod]
    public async Task SendAsync_KeptConnectionClosedByServer_ReconnectsAndSendsOnce()
    {
        var (submitter, connections) = Replay(null, $$"""
            {{Postfix}}
            C: MAIL FROM:<passwordchange@meridian.example> SIZE=2
            C: RCPT TO:<customer@example.test>
            S: 250 2.1.0 Ok
            S: 250 2.1.5 Ok
            C: DATA
            S: 354 End data with <CR><LF>.<CR><LF>
            C: hi
            C: .
            S: 250 2.0.0 Ok: queued as 1
            C: MAIL FROM:<passwordchange@meridian.example> SIZE=2
            C: RCPT TO:<customer@example.test>
            S: 421 4.4.2 mail.example.test Error: timeout exceeded
            """, $$"""
            {{Postfix}}
            C: MAIL FROM:<passwordchange@meridian.example> SIZE=2
            C: RCPT TO:<customer@example.test>
            S: 250 2.1.0 Ok
            S: 250 2.1.5 Ok
            C: DATA
            S: 354 End data with <CR><LF>.<CR><LF>
            C: hi
            C: .
            S: 250 2.0.0 Ok: queued as 2
            """);
        await submitter.SendAsync(ToCustomer, "hi"u8.ToArray());

        // Postfix answers a kept connection that outlived its idle timer with 421 and hangs up.
        await submitter.SendAsync(ToCustomer, "hi"u8.ToArray());

        connections[0].AssertComplete();
        connections[1].AssertComplete();
    }

    [TestMethod]
    [DataRow("a\r\n.b\r\n", "a\r\n..b\r\n")]
    [DataRow(".\n", "..\r\n")]
    [DataRow("no newline", "no newline\r\n")]
    [DataRow("bare\nlf\r\n", "bare\r\nlf\r\n")]
    [DataRow("", "")]
    public void FillData_Lines_StuffsDotsAndEndsLinesWithCrLf(string message, string expected)
    {
        var position = 0;
        var atLineStart = true;
        var chunk = new byte[256];

        var used = SmtpConnection.FillData(Encoding.ASCII.GetBytes(message), ref position, ref atLineStart, chunk);

        Assert.AreEqual(expected, Encoding.ASCII.GetString(chunk, 0, used));
    }

    [TestMethod]
    public void FillData_LineLongerThanChunk_SplitsWithoutStuffingTheContinuation()
    {
        var message = Encoding.ASCII.GetBytes("." + new string('x', 20) + ".y\r\n");
        var output = new StringBuilder();
        var position = 0;
        var atLineStart = true;
        var chunk = new byte[8];

        while (position < message.Length)
        {
            var used = SmtpConnection.FillData(message, ref position, ref atLineStart, chunk);
            output.Append(Encoding.ASCII.GetString(chunk, 0, used));
        }

        Assert.AreEqual(".." + new string('x', 20) + ".y\r\n", output.ToString());
    }
}
