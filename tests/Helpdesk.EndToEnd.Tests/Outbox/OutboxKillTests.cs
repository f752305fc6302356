using Helpdesk.Core.Outbox;
using Helpdesk.EndToEnd.Tests.Intake;
using Helpdesk.Mail.Writing;
using Microsoft.EntityFrameworkCore;
using static Helpdesk.EndToEnd.Tests.MailServersFixture;

namespace Helpdesk.EndToEnd.Tests.Outbox;

[TestClass]
public sealed class OutboxKillTests
{
    [TestMethod]
    public async Task SendProcess_KilledThreeTimesMidBatch_NoReplyLostAndAtMostTheUnfinishedPassSentAgain()
    {
        const int replies = 300;
        const int pass = 20; // BatchSize: the Sent marks of a pass are committed together when it ends
        var tag = Guid.NewGuid().ToString("N")[..8];
        await using var desk = await IntakeDesk.CreateAsync(more: new Dictionary<string, string?>
        {
            ["Helpdesk:Outbox:Host"] = "127.0.0.1",
            ["Helpdesk:Outbox:Port"] = Servers.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Helpdesk:Outbox:Security"] = "StartTls",
            ["Helpdesk:Outbox:User"] = "support@example.test",
            ["Helpdesk:Outbox:Password"] = "support-pass",
            ["Helpdesk:Outbox:PinnedCertificate"] = Servers.CertificatePath,
            ["Helpdesk:Outbox:MaxPerSecond"] = "40",
            ["Helpdesk:Outbox:BatchSize"] = pass.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Helpdesk:Outbox:Lease"] = "00:00:02",
        });
        await using (var db = await desk.Factory.CreateDbContextAsync())
        {
            for (var i = 0; i < replies; i++)
            {
                var id = $"kill-{tag}-{i}@meridian.example";
                var item = new OutboxItem(OutboxKind.Reply, i + 1, null, id, "support@example.test", "idle@example.test", $"Re: help [#{i + 1}]", DateTimeOffset.UtcNow);
                item.SetMime(DeskComposer.Build(new OutgoingMail
                {
                    From = ("Desk", "support@example.test"), To = (null, "idle@example.test"),
                    Subject = $"Re: help [#{i + 1}]", MessageId = id, Date = DateTimeOffset.UtcNow, Text = $"Reply {i}",
                }));
                db.Outbox.Add(item);
            }
            await db.SaveChangesAsync();
        }

        var random = new Random(20261122);
        for (var kill = 0; kill < 3; kill++)
        {
            using var process = desk.StartCli("send", "--once");
            // Kill it mid-batch: once it has sent more than before (start-up time varies with load), a moment later.
            var before = await SentAsync(desk);
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (await SentAsync(desk) == before && waited.Elapsed < TimeSpan.FromSeconds(60) && !process.HasExited) await Task.Delay(20);
            await Task.Delay(random.Next(0, 300));
            process.Kill(); // SIGKILL: no cleanup, leases and the SMTP session left as they are
            await process.WaitForExitAsync();
        }
        var sentBeforeLastRun = await SentAsync(desk);
        Assert.IsTrue(sentBeforeLastRun is > 0 and < replies, $"the kills landed mid-way ({sentBeforeLastRun} of {replies} sent before the last run)");
        using (var last = desk.StartCli("send", "--once"))
        {
            await last.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
            Assert.AreEqual(0, last.ExitCode, await last.StandardError.ReadToEndAsync());
        }

        Assert.IsTrue(await desk.QueryAsync(db => db.Outbox.AllAsync(o => o.State == OutboxState.Sent)), "every reply is marked sent");
        await using var mailbox = await LoginAsync("idle");
        await mailbox.SelectAsync("INBOX");
        var byId = new Dictionary<string, int>();
        // Postfix delivers asynchronously; wait until every reply has arrived at least once.
        for (var attempt = 0; attempt < 100; attempt++)
        {
            byId.Clear();
            await mailbox.SelectAsync("INBOX");
            var uids = await mailbox.SearchMessageIdAsync($"kill-{tag}-");
            if (uids.Count > 0)
            {
                foreach (var m in await mailbox.FetchAsync(uids))
                {
                    var raw = System.Text.Encoding.UTF8.GetString(m.Raw);
                    var start = raw.IndexOf($"<kill-{tag}-", StringComparison.Ordinal);
                    var id = raw[(start + 1)..raw.IndexOf('>', start)];
                    byId[id] = byId.GetValueOrDefault(id) + 1;
                }
            }
            if (byId.Count >= replies) break;
            await Task.Delay(150);
        }
        Assert.AreEqual(replies, byId.Count, "no reply is lost");
        // A kill between the server's 250 and the pass's commit sends those again: each copy carries the same
        // Message-ID (counted by it above), so the customer's client shows one message. The window is one pass per kill.
        var copies = byId.Values.Sum() - replies;
        Assert.IsTrue(copies <= 3 * pass, $"at most the unfinished pass is sent again per kill ({pass} each); got {copies}");
    }

    private static Task<int> SentAsync(IntakeDesk desk) => desk.QueryAsync(db => db.Outbox.CountAsync(o => o.State == OutboxState.Sent));
}
