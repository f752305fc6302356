using Helpdesk.Mail.Tests.Replay;
using Helpdesk.Mail.Transport;
using static Helpdesk.Mail.Tests.Transport.ImapScripts;

namespace Helpdesk.Mail.Tests.Transport;

/// <summary>
/// The protocol log the desk writes from MailKit: every way a password can travel (LOGIN with a quoted string or a
/// literal, AUTHENTICATE with and without an initial response) leaves no trace of it, and customers' words in fetched
/// bodies stay out too.
/// </summary>
[TestClass]
public sealed class MailProtocolLogTests
{
    private const string Secret = "s3cret pass\"word";
    private const string NonAsciiSecret = "Grüße-geheim";

    [TestMethod]
    public async Task Log_AuthenticatePlainWithInitialResponse_NeitherPasswordNorItsBase64Logged()
    {
        await using var server = ImapScriptServer.Start(Open(Dovecot));
        var log = new List<string>();

        await using (var session = await OpenAsync(server, log: log.Add)) await session.DisposeAsync();

        await server.AssertCompleteAsync();
        AssertNoSecret(log, Password, PlainResponse);
        Assert.IsTrue(log.Any(l => l.Contains("AUTHENTICATE ********", StringComparison.Ordinal)), string.Join("\n", log));
        Assert.IsTrue(log.Any(l => l.Contains("SELECT INBOX", StringComparison.Ordinal)), "the rest of the session is logged");
    }

    [TestMethod]
    public async Task Log_AuthenticatePlainAnsweringAChallenge_ResponseLineNotLogged()
    {
        await using var server = ImapScriptServer.Start($$"""
            S: * OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready.
            C: AUTHENTICATE PLAIN
            S: +
            C+: {{PlainResponse}}
            S: {tag} OK [CAPABILITY {{Dovecot}}] Logged in
            {{Namespaces}}
            """);
        var log = new List<string>();

        using (var client = await ImapConnector.ConnectAndLoginAsync(Loopback(server), new MailCredentials(User, Password), log.Add))
            await client.DisconnectAsync(quit: true);

        await server.AssertCompleteAsync();
        AssertNoSecret(log, Password, PlainResponse);
    }

    [TestMethod]
    public async Task Log_LoginWithQuotedPassword_PasswordNotLogged()
    {
        // No AUTH= mechanism offered: MailKit falls back to the LOGIN command, the password as a quoted string.
        await using var server = ImapScriptServer.Start($$"""
            S: * OK [CAPABILITY IMAP4rev1] ready.
            C: LOGIN support@example.test "s3cret pass\"word"
            S: {tag} OK [CAPABILITY {{Dovecot}}] Logged in
            {{Namespaces}}
            """);
        var log = new List<string>();

        using (var client = await ImapConnector.ConnectAndLoginAsync(Loopback(server), new MailCredentials(User, Secret), log.Add))
            await client.DisconnectAsync(quit: true);

        await server.AssertCompleteAsync();
        AssertNoSecret(log, Secret, "s3cret", "word");
        Assert.IsTrue(log.Any(l => l.Contains("LOGIN ********", StringComparison.Ordinal)), string.Join("\n", log));
    }

    [TestMethod]
    public async Task Log_LoginWithPasswordAsSynchronizingLiteral_PasswordSentLaterNotLogged()
    {
        // A non-ASCII password goes as a literal: the command line first, the password only after the server's "+".
        await using var server = ImapScriptServer.Start($$"""
            S: * OK [CAPABILITY IMAP4rev1] ready.
            C: LOGIN support@example.test {14}
            S: + go ahead
            C+: {{NonAsciiSecret}}
            S: {tag} OK [CAPABILITY {{Dovecot}}] Logged in
            {{Namespaces}}
            """);
        var log = new List<string>();

        using (var client = await ImapConnector.ConnectAndLoginAsync(Loopback(server), new MailCredentials(User, NonAsciiSecret), log.Add))
            await client.DisconnectAsync(quit: true);

        await server.AssertCompleteAsync();
        AssertNoSecret(log, NonAsciiSecret, "geheim");
        Assert.IsTrue(log.Any(l => l.Contains("LIST", StringComparison.Ordinal) && l.StartsWith("C: ", StringComparison.Ordinal)), "logging resumes after the login");
    }

    [TestMethod]
    public async Task Log_FetchedBody_CustomersWordsCutOff()
    {
        await using var server = ImapScriptServer.Start($$"""
            {{Open(Dovecot)}}
            C: UID FETCH 1 (BODY.PEEK[])
            S: * 1 FETCH (UID 1 BODY[] {#}
            S: Subject: Locked out
            S:
            S: My card is 4111 1111 1111 1111 and my password is hunter2.
            S: )
            S: {tag} OK Fetch completed.
            """);
        var log = new List<string>();
        await using var session = await OpenAsync(server, log: log.Add);

        var messages = await session.FetchAsync([1]);

        Assert.HasCount(1, messages);
        await session.DisposeAsync();
        await server.AssertCompleteAsync();
        AssertNoSecret(log, "hunter2", "4111");
    }

    [TestMethod]
    public void LogClient_LoginSplitAcrossWrites_EveryWriteRedactedUntilTheTaggedAnswer()
    {
        var log = new List<string>();
        var protocol = new MailProtocolLog(log.Add);
        static byte[] B(string s) => System.Text.Encoding.UTF8.GetBytes(s);

        protocol.LogClient(B("A1 LOGIN user {6}\r\n"), 0, 19);
        protocol.LogServer(B("+ ok\r\n"), 0, 6);
        protocol.LogClient(B("hunter\r\n"), 0, 8);
        protocol.LogServer(B("* CAPABILITY IMAP4rev1\r\nA1 OK done\r\n"), 0, 36);
        protocol.LogClient(B("A2 SELECT INBOX\r\n"), 0, 17);

        AssertNoSecret(log, "hunter", "user {6}");
        Assert.AreEqual("C: A2 SELECT INBOX", log[^1]);
    }

    private static MailServerEndpoint Loopback(ImapScriptServer server) =>
        new("127.0.0.1", server.Port, MailServerSecurity.None) { Timeout = TimeSpan.FromSeconds(10) };

    private static void AssertNoSecret(List<string> log, params string[] secrets)
    {
        Assert.IsNotEmpty(log, "something was logged");
        foreach (var secret in secrets)
            Assert.IsFalse(log.Any(l => l.Contains(secret, StringComparison.Ordinal)), $"'{secret}' in the log:\n{string.Join("\n", log)}");
    }
}
