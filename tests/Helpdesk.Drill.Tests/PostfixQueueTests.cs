using System.Diagnostics;
using System.Text;
using Helpdesk.Mail.Transport;
using Helpdesk.Testing.Mail;

namespace Helpdesk.Drill.Tests;

/// <summary>
/// The drill counts itself settled only when Postfix's queue is empty: a delivery Dovecot could not take waits there
/// for its retry while every other count stands still, and the checks would then call it lost.
/// </summary>
[TestClass]
public sealed class PostfixQueueTests
{
    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public async Task PostfixQueued_DeliveryDeferredWhileDovecotIsDown_CountsTheMailUntilItLeaves()
    {
        var servers = DrillFixture.Servers;
        Assert.AreEqual(0, servers.PostfixQueued(), "an idle Postfix started by root has an empty, readable queue");

        servers.StopDovecot();
        try
        {
            await using var smtp = new SmtpSender(new SmtpSenderOptions
            {
                Host = "127.0.0.1",
                Port = servers.SmtpPort,
                Security = MailServerSecurity.StartTls,
                PinnedCertificate = MailServerPin.FromPemFile(servers.CertificatePath),
                ClientName = "customers.example.test",
            });
            var message = Encoding.ASCII.GetBytes(
                "From: queued@example.test\r\nTo: customer@example.test\r\nSubject: held\r\nMessage-ID: <queued-test@example.test>\r\n\r\nLMTP is down.\r\n");
            await smtp.SendAsync(new SubmissionEnvelope("queued@example.test", ["customer@example.test"]), message, CancellationToken.None);

            // Postfix accepted it; with Dovecot's LMTP gone the delivery is deferred and the mail stays queued.
            var queued = await WaitForAsync(() => servers.PostfixQueued() is > 0);
            Assert.IsTrue(queued, "the accepted mail is counted while it cannot be delivered");
        }
        finally
        {
            servers.EnsureStarted();
            Run("postsuper", "-c", Path.Combine(servers.RunDirectory, "postfix", "etc"), "-d", "ALL");
        }

        Assert.IsTrue(await WaitForAsync(() => servers.PostfixQueued() == 0), "the count falls back to 0 once the queue is emptied");
    }

    private static async Task<bool> WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100; i++)
        {
            if (condition()) return true;
            await Task.Delay(100);
        }
        return condition();
    }

    private static void Run(string file, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        process.WaitForExit();
        Assert.AreEqual(0, process.ExitCode, $"{file} {string.Join(' ', arguments)}: {process.StandardError.ReadToEnd()}");
    }
}
