using System.Globalization;
using System.Text;
using Helpdesk.Core.Data;
using Helpdesk.Core.Tickets;
using Helpdesk.Testing.Dns;
using Helpdesk.Testing.Mail;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;

namespace Helpdesk.Browser.Tests;

/// <summary>
/// Sender authenticity with every part real: the company's notice is signed by Postfix through the OpenDKIM milter
/// (key made by opendkim-genkey), the key, SPF and DMARC records come from dnsmasq on loopback, every mail travels
/// Postfix -> Dovecot (LMTP) and the desk takes it in from Dovecot over IMAP with its own intake worker; the verdict is
/// stored with the message and the agent sees it as a badge on /answer in Chromium.
/// Ports: mail base HELPDESK_TEST_BROWSER_MAIL_BASE_PORT (default 34000: IMAP +143, SMTP +25, signing SMTP +587),
/// OpenDKIM base + 891, DNS HELPDESK_TEST_DNS_PORT_POSTFIX (default 31904).
/// </summary>
[TestClass]
public sealed class SignedByPostfixBrowserTests
{
    private const string Desk = "support@example.test";

    private static int MailBase => int.TryParse(Environment.GetEnvironmentVariable("HELPDESK_TEST_BROWSER_MAIL_BASE_PORT"), out var p) ? p : 34000;

    private static int DnsPort => int.TryParse(Environment.GetEnvironmentVariable("HELPDESK_TEST_DNS_PORT_POSTFIX"), out var p) ? p : 31904;

    private static MimeMessage Mail(string from, string subject, string text)
    {
        var m = new MimeMessage();
        m.From.Add(MailboxAddress.Parse(from));
        m.To.Add(MailboxAddress.Parse("passwordchange@meridian.example"));
        m.Subject = subject;
        m.Date = DateTimeOffset.UtcNow;
        m.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("postfix.test");
        m.Body = new TextPart("plain") { Text = text };
        return m;
    }

    /// <summary>Hands a mail to Postfix on a port: the envelope says who for, whatever the To header says.</summary>
    private static async Task SendAsync(int port, MimeMessage message, string recipient)
    {
        using var smtp = new MailKit.Net.Smtp.SmtpClient();
        await smtp.ConnectAsync("127.0.0.1", port, SecureSocketOptions.None);
        await smtp.SendAsync(message, message.From.Mailboxes.First(), [MailboxAddress.Parse(recipient)]);
        await smtp.DisconnectAsync(true);
    }

    /// <summary>Postfix delivers in the background: the message with that Message-ID in the user's Maildir, within 20 s.</summary>
    private static async Task<byte[]> DeliveredAsync(LoopbackMailServers servers, string user, MimeMessage sent)
    {
        var messageId = sent.MessageId ?? throw new ArgumentException("The mail has no Message-ID.", nameof(sent));
        var needle = Encoding.ASCII.GetBytes(messageId);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            var found = servers.ReadMaildir(user).FirstOrDefault(m => m.AsSpan().IndexOf(needle) >= 0);
            if (found is not null) return found;
            await Task.Delay(100);
        }
        throw new TimeoutException($"{messageId} did not arrive in {user}'s Maildir within 20 s.");
    }

    /// <summary>The header lines Dovecot added at delivery (Return-Path, Delivered-To) taken off, so the copy can be sent again.</summary>
    private static MimeMessage Redeliverable(byte[] stored)
    {
        var message = MimeMessage.Load(new MemoryStream(stored));
        message.Headers.RemoveAll(HeaderId.ReturnPath);
        message.Headers.RemoveAll("Delivered-To");
        return message;
    }

    [TestMethod]
    public async Task PostfixWithOpenDkim_GenuineForgedBrokenLookalike_RightVerdictStoredAndBadgeShown()
    {
        using var opendkim = LoopbackOpenDkim.Start(MailBase + 891, "meridian.example", "s2026");
        var servers = LoopbackMailServers.StartWithSigner(MailBase, opendkim.Milter);
        try
        {
            using var dns = LoopbackDns.Start(DnsPort, new Dictionary<string, string>
            {
                [opendkim.RecordName] = opendkim.Record,
                // The company's real outbound servers are elsewhere: mail reaching the desk from 127.0.0.1 fails SPF.
                ["meridian.example"] = "v=spf1 ip4:192.0.2.25 -all",
                ["_dmarc.meridian.example"] = "v=DMARC1; p=reject",
            });
            await RunAsync(servers, dns);
        }
        finally
        {
            servers.Stop();
        }
    }

    private static async Task RunAsync(LoopbackMailServers servers, LoopbackDns dns)
    {
        // The genuine notice, through the signing listener (as from the company's own outbound server).
        var genuine = Mail("news@meridian.example", "Our notice", "Please create a new password on our site.\n");
        await SendAsync(servers.SigningPort, genuine, Desk);
        var signed = await DeliveredAsync(servers, Desk, genuine);
        StringAssert.Contains(Encoding.ASCII.GetString(signed), "d=meridian.example", "OpenDKIM signed the notice on its way through Postfix");

        // Signed by the same Postfix and OpenDKIM, then its body changed on the way (a relay that rewrites links).
        var original = Mail("offers@meridian.example", "Our notice again", "Please create a new password on our site.\n");
        await SendAsync(servers.SigningPort, original, "customer@example.test");
        var copy = Encoding.ASCII.GetString(await DeliveredAsync(servers, "customer@example.test", original));
        StringAssert.Contains(copy, "DKIM-Signature:");
        var broken = Redeliverable(Encoding.ASCII.GetBytes(copy.Replace("on our site", "at meridian-login.net", StringComparison.Ordinal)));
        await SendAsync(servers.SmtpPort, broken, Desk);

        // From our domain but not through our server: unsigned, and signed with a key that is not ours.
        var forged = Mail("security@meridian.example", "Verify your account", "Your account is locked, reply with your password.\n");
        await SendAsync(servers.SmtpPort, forged, Desk);
        using var otherKey = new DkimTestKey("meridian.example", "s2026");
        var forgedSigned = MimeMessage.Load(new MemoryStream(otherKey.Sign(
            Mail("billing@meridian.example", "Payment problem", "Your card was declined, send the number again.\n"))));
        await SendAsync(servers.SmtpPort, forgedSigned, Desk);

        var lookalike = Mail("alerts@meridian-support.com", "Account notice", "Sign in at https://meridian-support.com/login today.\n");
        await SendAsync(servers.SmtpPort, lookalike, Desk);

        await using var desk = await BrowserDesk.StartAsync(new Dictionary<string, string?>
        {
            ["Helpdesk:Mail:DnsServers:0"] = dns.Server,
            ["Helpdesk:Mail:ReceivingHost"] = "mail.example.test",
            ["Helpdesk:Mailboxes:0:Host"] = "127.0.0.1",
            ["Helpdesk:Mailboxes:0:Port"] = servers.ImapPort.ToString(CultureInfo.InvariantCulture),
            ["Helpdesk:Mailboxes:0:Security"] = "StartTls",
            ["Helpdesk:Mailboxes:0:PinnedCertificate"] = servers.CertificatePath,
            ["Helpdesk:Mailboxes:0:User"] = Desk,
            ["Helpdesk:Mailboxes:0:Password"] = "support-pass",
            ["Helpdesk:Mailboxes:0:Timeout"] = "00:00:20",
            ["Helpdesk:Intake:ReconnectDelay"] = "00:00:00.200",
            ["Helpdesk:Intake:MaxReconnectDelay"] = "00:00:01",
            ["Helpdesk:Intake:IdleWait"] = "00:00:02",
        });
        var expected = new (MimeMessage Mail, string Verdict, string Reason, string Badge)[]
        {
            (genuine, "pass", "dkim pass aligned with meridian.example", "Sent by meridian.example, verified"),
            (broken, "fail", "dkim signature of meridian.example does not hold", "Claims to be from us but is not"),
            (forged, "fail", "dmarc fail for meridian.example", "Claims to be from us but is not"),
            (forgedSigned, "fail", "dkim signature of meridian.example does not hold", "Claims to be from us but is not"),
            (lookalike, "none", "no dkim signature", "Sender meridian-support.com not verified"),
        };
        var page = await desk.SignedInPageAsync("agent");
        var factory = desk.Services.GetRequiredService<IDbContextFactory<HelpdeskDbContext>>();
        foreach (var (mail, verdict, reason, badge) in expected)
        {
            var stored = await TakenInAsync(factory, mail.MessageId ?? throw new InvalidOperationException("no Message-ID"));
            Assert.AreEqual(verdict, stored.SenderVerdict, $"{mail.From}: {stored.SenderReason}");
            StringAssert.Contains(stored.SenderReason ?? "", reason, mail.From.ToString());

            await page.GotoAsync("/answer?ticket=" + stored.TicketNumber.ToString(CultureInfo.InvariantCulture));
            var shown = page.Locator(".sender-badge[data-badge=sender]");
            await shown.First.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
            Assert.AreEqual(badge, (await shown.First.TextContentAsync())?.Trim(), mail.From.ToString());
            if (mail == lookalike)
                StringAssert.Contains(await page.Locator(".sender-badge[data-badge=lookalike]").First.TextContentAsync() ?? "", "meridian-support.com imitates meridian.example");
            if (mail == genuine)
                await BrowserDesk.ScreenshotAsync(page, "answer-sender-signed-by-postfix");
        }
    }

    /// <summary>The inbound message the desk's intake worker stored for that Message-ID, within 90 s (the demo desk prepares first).</summary>
    private static async Task<TicketMessage> TakenInAsync(IDbContextFactory<HelpdeskDbContext> factory, string messageId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            await using (var db = await factory.CreateDbContextAsync())
            {
                var stored = await db.Messages.AsNoTracking()
                    .FirstOrDefaultAsync(m => m.Direction == MessageDirection.Inbound && (m.MessageIdHeader == messageId || m.MessageIdHeader == "<" + messageId + ">"));
                if (stored is not null) return stored;
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The desk did not take in {messageId} from Dovecot within 90 s.");
            await Task.Delay(250);
        }
    }
}
