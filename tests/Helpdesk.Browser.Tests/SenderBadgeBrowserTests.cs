using System.Globalization;
using Helpdesk.Core.Data;
using Helpdesk.Core.Intake;
using Helpdesk.Core.Tickets;
using Helpdesk.Testing.Dns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;

namespace Helpdesk.Browser.Tests;

/// <summary>
/// End to end through the desk: mails taken in by the intake pipeline are checked against a real DNS server (dnsmasq
/// on loopback serving meridian.example's DKIM key and DMARC p=reject), the verdict is stored with the message, and
/// the agent sees it as a plain badge on /answer in Chromium. The genuine notice is signed by MimeKit's DkimSigner with
/// the test's key (not by OpenDKIM in Postfix).
/// </summary>
[TestClass]
public sealed class SenderBadgeBrowserTests
{
    private static int Port => int.TryParse(Environment.GetEnvironmentVariable("HELPDESK_TEST_DNS_PORT_BROWSER"), out var p) ? p : 31903;

    private static MimeMessage Mail(string from, string subject, string text)
    {
        var m = new MimeMessage();
        m.From.Add(MailboxAddress.Parse(from));
        m.To.Add(MailboxAddress.Parse("passwordchange@meridian.example"));
        m.Subject = subject;
        m.Date = DateTimeOffset.UtcNow;
        m.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("mail.test");
        m.Body = new TextPart("plain") { Text = text };
        return m;
    }

    private static byte[] Bytes(MimeMessage m)
    {
        using var s = new MemoryStream();
        m.WriteTo(s);
        return s.ToArray();
    }

    [TestMethod]
    public async Task Intake_GenuineForgedBrokenLookalike_StoredVerdictsShownAsBadges()
    {
        using var key = new DkimTestKey("meridian.example", "s2026");
        using var dns = LoopbackDns.Start(Port, new Dictionary<string, string>
        {
            [key.RecordName] = key.Record,
            ["_dmarc.meridian.example"] = "v=DMARC1; p=reject",
        });
        await using var desk = await BrowserDesk.StartAsync(new Dictionary<string, string?>
        {
            ["Helpdesk:Mail:DnsServers:0"] = dns.Server,
        });
        var genuine = key.Sign(Mail("news@meridian.example", "Our notice", "Please create a new password on our site.\n"));
        var broken = System.Text.Encoding.ASCII.GetBytes(System.Text.Encoding.ASCII.GetString(
            key.Sign(Mail("offers@meridian.example", "Our notice again", "Please create a new password on our site.\n"))).Replace("on our site", "at meridian-login.net", StringComparison.Ordinal));
        var forged = Bytes(Mail("security@meridian.example", "Verify your account", "Your account is locked, reply with your password.\n"));
        var lookalike = Bytes(Mail("alerts@meridian-support.com", "Account notice", "Sign in at https://meridian-support.com/login today.\n"));

        var pipeline = desk.Services.GetRequiredService<IntakePipeline>();
        var expected = new (byte[] Mail, string Verdict, string Badge)[]
        {
            (genuine, "pass", "Sent by meridian.example, verified"),
            (forged, "fail", "Claims to be from us but is not"),
            (broken, "fail", "Claims to be from us but is not"),
            (lookalike, "none", "Sender meridian-support.com not verified"),
        };
        var page = await desk.SignedInPageAsync("agent");
        var uid = 0L;
        foreach (var (mail, verdict, badge) in expected)
        {
            var outcome = await pipeline.ProcessAsync(new RawMessage("browser-test", 1, ++uid, mail, DateTimeOffset.UtcNow));
            Assert.IsNotNull(outcome.TicketNumber, outcome.Error);
            await using (var db = await desk.Services.GetRequiredService<IDbContextFactory<HelpdeskDbContext>>().CreateDbContextAsync())
            {
                var stored = await db.Messages.AsNoTracking().SingleAsync(m => m.RawMessageId == outcome.RawMessageId && m.Direction == MessageDirection.Inbound);
                Assert.AreEqual(verdict, stored.SenderVerdict, stored.SenderReason);
            }

            await page.GotoAsync("/answer?ticket=" + outcome.TicketNumber.Value.ToString(CultureInfo.InvariantCulture));
            var shown = page.Locator(".sender-badge[data-badge=sender]");
            await shown.First.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
            Assert.AreEqual(badge, (await shown.First.TextContentAsync())?.Trim());
            if (mail == lookalike)
                StringAssert.Contains(await page.Locator(".sender-badge[data-badge=lookalike]").First.TextContentAsync() ?? "", "meridian-support.com imitates meridian.example");
        }
    }
}
