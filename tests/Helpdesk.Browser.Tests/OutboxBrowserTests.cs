using System.Text;
using Helpdesk.Core.Data;
using Helpdesk.Core.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Helpdesk.Browser.Tests;

[TestClass]
public sealed class OutboxBrowserTests
{
    private static readonly string[] ServerWords =
    [
        "550 5.1.1 <m.jensen@example.net>: Recipient address rejected: User unknown in virtual mailbox table",
        "554 5.7.1 Service unavailable; client host blocked using zen.spamhaus.org",
        "552 5.3.4 Message size exceeds fixed limit",
    ];

    /// <summary>Some replies of the demo desk as the outbox would hold them after a bad afternoon: sent, failed, bounced.</summary>
    private static async Task ArrangeAsync(BrowserDesk desk)
    {
        var now = desk.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        await using var db = await desk.Services.GetRequiredService<IDbContextFactory<HelpdeskDbContext>>().CreateDbContextAsync();
        var tickets = await db.Tickets.Include(t => t.Customer).OrderBy(t => t.Number).Take(12).ToListAsync();
        for (var i = 0; i < tickets.Count; i++)
        {
            var t = tickets[i];
            var item = new OutboxItem(OutboxKind.Reply, t.Number, null, $"o{i}-{Guid.NewGuid():N}@meridian.example", "passwordchange@meridian.example",
                t.Customer!.Address, $"Re: {t.Subject}", now.AddMinutes(-40 + i));
            item.SetMime(Encoding.UTF8.GetBytes("Subject: x\r\n\r\nx\r\n"));
            if (i < ServerWords.Length) item.MarkFailed(ServerWords[i], now.AddMinutes(-30 + i * 7));
            else if (i < 5) { item.MarkSent(now.AddMinutes(-20)); item.MarkBounced("550 5.1.1 The email account that you tried to reach does not exist"); }
            else if (i < 10) item.MarkSent(now.AddMinutes(-i));
            db.Outbox.Add(item);
        }
        await db.SaveChangesAsync();
    }

    [TestMethod]
    public async Task OutboxPage_RetryOneThenPause_CountsAndOwnerUpdateLive()
    {
        await using var desk = await BrowserDesk.StartAsync();
        await ArrangeAsync(desk);
        var lead = await desk.SignedInPageAsync("lead");
        await lead.ClickAsync("nav a[href='/outbox']");
        await lead.Locator("h1:has-text('Outbox')").WaitForAsync();
        await lead.Locator("[data-count=failed]:has-text('3')").WaitForAsync();
        await BrowserDesk.ScreenshotAsync(lead, "outbox");

        var first = lead.Locator("tr[data-outbox]").First;
        await first.Locator("button:has-text('Retry')").ClickAsync();
        await lead.Locator("[data-count=failed]:has-text('2')").WaitForAsync();

        await lead.FillAsync("#pause-reason", "Provider maintenance until 15:00");
        await lead.ClickAsync("button:has-text('Pause sending')");
        var state = lead.Locator("[data-pause-state=paused]");
        await state.WaitForAsync();
        StringAssert.Contains(await state.TextContentAsync(), "by lead");
        Assert.IsTrue(await desk.Services.GetRequiredService<OutboxControl>().IsPausedAsync(), "the pause is the desk's, not the page's");

        await lead.ClickAsync("button:has-text('Resume sending')");
        await lead.Locator("[data-pause-state=sending]").WaitForAsync();
    }
}
