using Helpdesk.Mail.Transport;
using Helpdesk.Testing.Mail;

namespace Helpdesk.EndToEnd.Tests;

/// <summary>Starts Dovecot and Postfix once for the assembly and stops them by pid at the end.</summary>
[TestClass]
public static class MailServersFixture
{
    /// <summary>IMAP on 24143 (STARTTLS) and 24993 (TLS), SMTP on 24025 (STARTTLS) and 24465 (TLS).</summary>
    private const int BasePort = 24000;

    private static LoopbackMailServers? _servers;

    public static LoopbackMailServers Servers =>
        _servers ?? throw new InvalidOperationException("The mail servers did not start; see the assembly initialization error.");

    public static MailServerPin Pin => MailServerPin.FromPemFile(Servers.CertificatePath);

    /// <summary>HELPDESK_TEST_MAIL_BASE_PORT moves them, so two checkouts can run the suite on one machine at once.</summary>
    [AssemblyInitialize]
    public static void Start(TestContext context) => _servers = LoopbackMailServers.Start(
        int.TryParse(Environment.GetEnvironmentVariable("HELPDESK_TEST_MAIL_BASE_PORT"), out var port) ? port : BasePort);

    [AssemblyCleanup]
    public static void Stop() => _servers?.Stop();

    /// <summary>A signed-in MailKit session for one of the test users (password "name-pass").</summary>
    public static Task<TestMailbox> LoginAsync(string user) => TestMailbox.LoginAsync(Servers, user);

    public static byte[] Message(string messageId, string subject, string body, string to = "support@example.test") =>
        System.Text.Encoding.UTF8.GetBytes(
            $"From: Dana Whitfield <dana@example.test>\r\nTo: {to}\r\nSubject: {subject}\r\nMessage-ID: <{messageId}>\r\n"
            + $"Date: Sun, 22 Nov 2026 09:00:00 +0000\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n");

    /// <summary>Postfix delivers asynchronously: looks for the Message-ID in INBOX for up to 15 s; the UIDs found.</summary>
    public static Task<IReadOnlyList<uint>> WaitForAsync(TestMailbox client, string messageId) => client.WaitForAsync(messageId);
}
