using Helpdesk.Core.Outbox;
using Helpdesk.EndToEnd.Tests.Intake;
using Helpdesk.Mail.Writing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Helpdesk.EndToEnd.Tests.MailServersFixture;

namespace Helpdesk.EndToEnd.Tests.Outbox;

[TestClass]
public sealed class OutboxOutageTests
{
    [TestMethod]
    public async Task Dispatch_SmtpServerDownForAWhile_RepliesWaitThenEachArrivesOnce()
    {
        await using var forwarder = new SwitchableForwarder(Servers.SmtpPort);
        await using var desk = await IntakeDesk.CreateAsync(more: new Dictionary<string, string?>
        {
            ["Helpdesk:Outbox:Host"] = "127.0.0.1",
            ["Helpdesk:Outbox:Port"] = forwarder.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Helpdesk:Outbox:Security"] = "StartTls",
            ["Helpdesk:Outbox:User"] = "support@example.test",
            ["Helpdesk:Outbox:Password"] = "support-pass",
            ["Helpdesk:Outbox:PinnedCertificate"] = Servers.CertificatePath,
            ["Helpdesk:Outbox:RetryBaseDelay"] = "00:00:00.200",
            ["Helpdesk:Outbox:RetryMaxDelay"] = "00:00:01",
            ["Helpdesk:Outbox:MaxAttempts"] = "50",
        });
        var ids = Enumerable.Range(0, 5).Select(i => $"outage-{i}-{Guid.NewGuid():N}@meridian.example").ToList();
        await using (var db = await desk.Factory.CreateDbContextAsync())
        {
            foreach (var id in ids)
            {
                var item = new OutboxItem(OutboxKind.Reply, 1, null, id, "support@example.test", "customer@example.test", "Re: help [#1]", DateTimeOffset.UtcNow);
                item.SetMime(DeskComposer.Build(new OutgoingMail
                {
                    From = ("Desk", "support@example.test"), To = (null, "customer@example.test"),
                    Subject = "Re: help [#1]", MessageId = id, Date = DateTimeOffset.UtcNow, Text = "Here is how.",
                }));
                db.Outbox.Add(item);
            }
            await db.SaveChangesAsync();
        }
        var dispatcher = desk.Services.GetRequiredService<OutboxDispatcher>();

        // The server is down: passes run, nothing is sent, nothing is given up on.
        for (var i = 0; i < 4; i++)
        {
            await dispatcher.DispatchOnceAsync(default);
            await Task.Delay(300);
        }
        var during = await desk.QueryAsync(db => db.Outbox.ToListAsync());
        Assert.IsTrue(during.All(o => o.State == OutboxState.Queued), "replies wait while the server is down");
        Assert.IsTrue(during.All(o => o.Attempts >= 1 && o.LastError is not null), "each attempt and its reason are kept");

        // The server comes back: everything goes out.
        forwarder.SwitchOn();
        for (var i = 0; i < 100 && await desk.QueryAsync(db => db.Outbox.AnyAsync(o => o.State == OutboxState.Queued)); i++)
        {
            await dispatcher.DispatchOnceAsync(default);
            await Task.Delay(100);
        }
        Assert.IsTrue(await desk.QueryAsync(db => db.Outbox.AllAsync(o => o.State == OutboxState.Sent)));

        await using var customer = await LoginAsync("customer");
        foreach (var id in ids) Assert.AreEqual(1, (await WaitForAsync(customer, id)).Count, $"{id} arrived once");
    }
}
