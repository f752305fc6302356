using Helpdesk.Core.Bulk;
using Helpdesk.Core.Data;
using Helpdesk.Core.Outbox;
using Helpdesk.Core.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Helpdesk.Browser.Tests;

[TestClass]
public sealed class BulkBrowserTests
{
    private static readonly string[] Expired =
    [
        "I clicked Create a New Password like the email said and it tells me the link has expired. What do I do now?",
        "I clicked create a new password like the email said and it says the link has expired. What do I do now?",
        "Hi, I clicked Create a New Password like your email said and it tells me the link has expired. What now?",
        "i clicked create a new password like the email said and it tells me the link expired. what do i do",
        "I clicked Create a New Password like the email said and it tells me the link has expired. What do I do now? Thanks",
        "Hello. I clicked Create a New Password as the email said and it tells me the link has expired. What do I do now?",
    ];

    /// <summary>The surge's most common question, asked by six more customers of the demo desk.</summary>
    private static async Task AddExpiredLinkTicketsAsync(BrowserDesk desk)
    {
        var factory = desk.Services.GetRequiredService<IDbContextFactory<HelpdeskDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var now = DateTimeOffset.UtcNow;
        string[] names = ["Linda Park", "Omar Haddad", "Jill Stone", "Ravi Menon", "Carla Diaz", "Tom Berg"];
        foreach (var (i, text) in Expired.Index())
        {
            var customer = new Helpdesk.Core.Customers.Customer($"expired{i}@example.com", names[i], now.AddMinutes(-30 + i));
            db.Customers.Add(customer);
            var ticket = Ticket.Open(customer, "Re: Important: please create a new password", now.AddMinutes(-30 + i));
            ticket.AddCustomerMessage(TicketMessage.Inbound($"expired-{i}@mail.example", null, [], customer.Address, customer.Name,
                "Re: Important: please create a new password", text, text, null, now.AddMinutes(-30 + i), null));
            ticket.Classify("reset_help", 0.97, needsTriage: false);
            db.Tickets.Add(ticket);
        }
        await db.SaveChangesAsync();
    }

    private static async Task<string> OpenBiggestClusterAsync(IPage page)
    {
        await page.Locator("tr[data-cluster]").First.WaitForAsync();
        var key = await page.EvaluateAsync<string>("""
            () => [...document.querySelectorAll('tr[data-cluster]')]
                .sort((a, b) => Number(b.querySelector('[data-size]').textContent) - Number(a.querySelector('[data-size]').textContent))[0].dataset.cluster
            """);
        await page.Locator($"tr[data-cluster='{key}'] button").ClickAsync();
        await page.Locator("tr[data-member]").First.WaitForAsync();
        return key;
    }

    private static async Task PreviewAsync(IPage page)
    {
        await page.Locator("[data-preview-button]").ClickAsync();
        await page.Locator("[data-preview-ticket]").First.WaitForAsync();
    }

    [TestMethod]
    public async Task BulkReply_LeadReviewsRemovesSendsUndoesThenSends_TicketsAnsweredOnceExceptRemoved()
    {
        await using var desk = await BrowserDesk.StartAsync(new Dictionary<string, string?> { ["Helpdesk:Bulk:UndoWindow"] = "00:00:12" });
        await AddExpiredLinkTicketsAsync(desk);
        var page = await desk.SignedInPageAsync("lead");
        await page.GetByRole(AriaRole.Link, new() { Name = "Bulk replies" }).ClickAsync();
        await page.Locator("tr[data-cluster]").First.WaitForAsync();
        await BrowserDesk.ScreenshotAsync(page, "bulk-clusters");

        var key = await OpenBiggestClusterAsync(page);
        var size = await page.Locator("tr[data-member]").CountAsync();
        Assert.AreEqual(Expired.Length, size, "the six expired-link questions form the biggest cluster");
        Assert.AreNotEqual("", await page.Locator("#bulk-template").InputValueAsync(), "a template for the cluster's intent is picked");
        await PreviewAsync(page);
        var removed = long.Parse((await page.Locator("tr[data-member]").Nth(1).GetAttributeAsync("data-member"))!, System.Globalization.CultureInfo.InvariantCulture);
        await page.Locator($"tr[data-member='{removed}'] button").ClickAsync();
        await page.Locator($"tr[data-member='{removed}'][data-removed=true]").WaitForAsync();
        Assert.AreEqual((size - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), await page.Locator("[data-included]").TextContentAsync());
        StringAssert.Contains(await page.Locator("#bulk-template option:checked").TextContentAsync(), "expired", "the template closest to the question is picked");
        StringAssert.Contains(await page.Locator("[data-preview-ticket] pre").First.TextContentAsync(), "Hello Linda,");
        await page.Locator("[data-preview]").ScrollIntoViewIfNeededAsync();
        await BrowserDesk.ScreenshotAsync(page, "bulk-preview");

        await page.Locator("[data-send]").ClickAsync();
        var countdown = page.Locator("[data-countdown]");
        await countdown.WaitForAsync();
        var secondsLeft = int.Parse((await countdown.TextContentAsync())!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.IsTrue(secondsLeft is > 0 and <= 12, $"countdown shows {secondsLeft}");
        await BrowserDesk.ScreenshotAsync(page, "bulk-countdown");
        await page.Locator("button[data-undo]").ClickAsync();
        await page.Locator("[data-bulk-state=undone]").WaitForAsync();
        await BrowserDesk.ScreenshotAsync(page, "bulk-undone");

        var factory = desk.Services.GetRequiredService<IDbContextFactory<HelpdeskDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            var first = await db.BulkSends.SingleAsync();
            Assert.AreEqual(BulkSendState.Undone, first.State);
            Assert.AreEqual(size - 1, await db.Outbox.CountAsync(o => o.BulkBatchId == first.Id && o.State == OutboxState.Cancelled));
            Assert.AreEqual(0, await db.Outbox.CountAsync(o => o.BulkBatchId == first.Id && o.State != OutboxState.Cancelled));
        }

        // Second time: the same cluster (its tickets are back), sent and left to run out the window.
        await page.Locator("[data-done]").ClickAsync();
        await page.Locator($"tr[data-cluster='{key}'] button").ClickAsync();
        await page.Locator("tr[data-member]").First.WaitForAsync();
        await page.Locator($"tr[data-member='{removed}'] button").ClickAsync();
        await page.Locator($"tr[data-member='{removed}'][data-removed=true]").WaitForAsync();
        await PreviewAsync(page);
        await page.Locator("[data-send]").ClickAsync();
        await page.Locator("[data-countdown]").WaitForAsync();
        await page.Locator("[data-bulk-state=released]").WaitForAsync(new() { Timeout = 30_000 });
        await BrowserDesk.ScreenshotAsync(page, "bulk-sent");

        await using (var db = await factory.CreateDbContextAsync())
        {
            var second = await db.BulkSends.OrderBy(b => b.Id).LastAsync();
            Assert.AreEqual(BulkSendState.Queued, second.State);
            var answered = await db.Outbox.Where(o => o.BulkBatchId == second.Id).Select(o => o.TicketNumber).ToListAsync();
            Assert.AreEqual(size - 1, answered.Count);
            Assert.IsFalse(answered.Contains(removed));
            Assert.IsTrue(await db.Tickets.Where(t => answered.Contains(t.Number)).AllAsync(t => t.Status == TicketStatus.Solved));
            Assert.AreEqual(TicketStatus.New, (await db.Tickets.SingleAsync(t => t.Number == removed)).Status);
            Assert.AreEqual(size - 1, await db.Messages.CountAsync(m => answered.Contains(m.TicketNumber) && m.Direction == MessageDirection.Outbound),
                "one reply per ticket: the undone ones left no trace");
        }
    }
    [TestMethod]
    public async Task BulkReply_SentThenPageReloaded_UndoFromRecentListWithdrawsEveryReply()
    {
        await using var desk = await BrowserDesk.StartAsync(new Dictionary<string, string?> { ["Helpdesk:Bulk:UndoWindow"] = "00:02:00" });
        await AddExpiredLinkTicketsAsync(desk);
        var page = await desk.SignedInPageAsync("lead");
        await page.GetByRole(AriaRole.Link, new() { Name = "Bulk replies" }).ClickAsync();
        await OpenBiggestClusterAsync(page);
        var size = await page.Locator("tr[data-member]").CountAsync();
        await PreviewAsync(page);
        await page.Locator("[data-send]").ClickAsync();
        await page.Locator("[data-countdown]").WaitForAsync();

        // The lead reloads: the send's own countdown is gone, the list of recent bulk replies still offers Undo.
        await page.ReloadAsync();
        await BrowserDesk.WaitForCircuitAsync(page);
        var row = page.Locator("tr[data-recent][data-state=holding]");
        await row.WaitForAsync();
        var secondsLeft = int.Parse((await row.Locator("[data-recent-countdown]").TextContentAsync())!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.IsTrue(secondsLeft is > 0 and <= 120, $"countdown shows {secondsLeft}");
        Assert.AreEqual(size.ToString(System.Globalization.CultureInfo.InvariantCulture), await row.Locator("[data-held]").TextContentAsync());
        await BrowserDesk.ScreenshotAsync(page, "bulk-recent");
        await row.Locator("button[data-recent-undo]").ClickAsync();
        await page.Locator("tr[data-recent][data-state=undone]").WaitForAsync();

        var factory = desk.Services.GetRequiredService<IDbContextFactory<HelpdeskDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var send = await db.BulkSends.SingleAsync();
        Assert.AreEqual(BulkSendState.Undone, send.State);
        Assert.AreEqual(size, await db.Outbox.CountAsync(o => o.BulkBatchId == send.Id && o.State == OutboxState.Cancelled));
        Assert.AreEqual(0, await db.Outbox.CountAsync(o => o.BulkBatchId == send.Id && o.State != OutboxState.Cancelled), "nothing was or will be sent");
        var numbers = await db.BulkSendMembers.Where(m => m.BulkSendId == send.Id).Select(m => m.TicketNumber).ToListAsync();
        Assert.IsTrue(await db.Tickets.Where(t => numbers.Contains(t.Number)).AllAsync(t => t.Status == TicketStatus.New), "the tickets are back in the queue");
    }
}
