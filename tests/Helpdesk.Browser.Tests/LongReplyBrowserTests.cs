using System.Globalization;
using System.Text;
using Helpdesk.Core.Data;
using Helpdesk.Core.Tickets;
using Helpdesk.Web.Answer;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Helpdesk.Browser.Tests;

/// <summary>
/// Nothing an agent types is lost: a pasted log or a long explanation either goes out whole or is refused with a
/// sentence while the text stays in the box, also after a reload. (Before, anything over SignalR's 32 KB message limit
/// dropped the circuit and the text with it.)
/// </summary>
[TestClass]
public sealed class LongReplyBrowserTests
{
    /// <summary>
    /// A reply like a pasted log: many lines, quotes, accents and tabs (each costs more than one byte on the wire),
    /// nothing the guardrails stop. Exactly <paramref name="length"/> characters, no white space at either end.
    /// </summary>
    public static string LongText(int length)
    {
        var text = new StringBuilder("Hello, here is what our sign-in service logged for you:\n");
        for (var i = 1; text.Length < length; i++)
            text.Append(CultureInfo.InvariantCulture, $"Line {i:0000}\t\"sign-in\" answered 'ok' after {i % 97} ms; café, naïve, Grüße — step {i % 9} of 9.\n");
        text.Length = length - 1;
        text.Append('.');
        return text.ToString();
    }

    private static async Task<IPage> StartAnsweringAsync(BrowserDesk desk)
    {
        var page = await desk.SignedInPageAsync("agent");
        // A 50,000-character round trip on a busy shared machine can hold the page's main thread for many seconds.
        page.SetDefaultTimeout(90_000);
        await page.GotoAsync("/answer");
        await page.Locator(".answer-workspace[data-state=working]").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        await page.Locator("html[data-desk-keys=on]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 60_000 });
        return page;
    }

    private static async Task<long> ShownTicketAsync(IPage page)
    {
        var shown = page.Locator(".ticket-number");
        await shown.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        return long.Parse(await shown.GetAttributeAsync("data-ticket") ?? "", CultureInfo.InvariantCulture);
    }

    /// <summary>Types the first words, then pastes the rest in one go (as Ctrl+V does: one input event).</summary>
    private static async Task TypeThenPasteAsync(IPage page, string text)
    {
        await page.Keyboard.PressAsync("e");
        await page.Keyboard.TypeAsync(text[..6]);
        await page.Keyboard.InsertTextAsync(text[6..]);
    }

    [TestMethod]
    public async Task Reply50000Characters_TypedPastedAndSent_ArrivesWhole()
    {
        await using var desk = await BrowserDesk.StartAsync();
        var page = await StartAnsweringAsync(desk);
        var number = await ShownTicketAsync(page);
        var text = LongText(50_000);
        Assert.IsLessThanOrEqualTo(ReplyLimits.MaxCharacters, text.Length, "the test's reply is within the stated limit");

        await TypeThenPasteAsync(page, text);
        Assert.IsTrue(await page.Locator("button.send-next").IsEnabledAsync(), "Send & next is enabled while the box has text");
        await page.ClickAsync("button.send-next");
        await page.WaitForFunctionAsync("n => { const t = document.querySelector('.ticket-number'); return t && t.dataset.ticket !== n; }",
            number.ToString(CultureInfo.InvariantCulture), new PageWaitForFunctionOptions { Timeout = 60_000 });

        await using var db = await desk.Services.GetRequiredService<IDbContextFactory<HelpdeskDbContext>>().CreateDbContextAsync();
        // The ticket may be one a customer wrote again on after an answer: this test's reply is the newest outbound.
        var reply = await db.Messages.AsNoTracking().Where(m => m.TicketNumber == number && m.Direction == MessageDirection.Outbound).OrderByDescending(m => m.Id).FirstAsync();
        Assert.AreEqual(text.Length, reply.Text.Length, "every character arrived");
        Assert.AreEqual(text, reply.Text);
        Assert.AreEqual(1, await db.Outbox.CountAsync(o => o.TicketNumber == number), "the reply is in the outbox");
        StringAssert.Contains(await page.Locator(".workspace-notice").TextContentAsync() ?? "", "is on its way");
        Assert.AreEqual(0, await page.Locator("#components-reconnect-modal[data-state=shown]").CountAsync(), "the connection never dropped");
    }

    [TestMethod]
    public async Task ReplyOverTheLimit_Sent_RefusedWithSentenceAndDraftKeptAfterReload()
    {
        await using var desk = await BrowserDesk.StartAsync();
        var page = await StartAnsweringAsync(desk);
        var number = await ShownTicketAsync(page);
        var text = LongText(ReplyLimits.MaxCharacters + 20_000);

        await TypeThenPasteAsync(page, text);
        var problem = page.Locator(".workspace-problem");
        await problem.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        StringAssert.Contains(await problem.TextContentAsync() ?? "", ReplyLimits.MaxCharacters.ToString("N0", CultureInfo.InvariantCulture));
        Assert.IsTrue(await page.Locator("button.send-next").IsEnabledAsync(), "Send & next is enabled while the box has text");

        await page.ClickAsync("button.send-next");
        await page.Keyboard.PressAsync("Control+Enter");
        await page.WaitForTimeoutAsync(1_000);
        Assert.AreEqual(number, await ShownTicketAsync(page), "still on the same ticket");
        StringAssert.Contains(await problem.TextContentAsync() ?? "", "Nothing was sent");
        Assert.AreEqual(text, await page.InputValueAsync("#reply-editor"), "the text is still in the box");
        Assert.AreEqual(0, await page.Locator("#components-reconnect-modal[data-state=shown]").CountAsync(), "the connection never dropped");
        await using (var db = await desk.Services.GetRequiredService<IDbContextFactory<HelpdeskDbContext>>().CreateDbContextAsync())
            Assert.AreEqual(0, await db.Outbox.CountAsync(o => o.TicketNumber == number), "nothing was queued");

        await page.ReloadAsync();
        await BrowserDesk.WaitForCircuitAsync(page);
        await page.Locator(".workspace-problem").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        Assert.AreEqual(number, await ShownTicketAsync(page), "the claim survived the reload");
        Assert.AreEqual(text, await page.InputValueAsync("#reply-editor"), "the whole draft came back");

        // Shortened under the limit, it goes.
        var shorter = text[..ReplyLimits.MaxCharacters];
        await page.FillAsync("#reply-editor", shorter);
        await problem.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached, Timeout = 60_000 });
        await page.ClickAsync("button.send-next");
        await page.WaitForFunctionAsync("n => { const t = document.querySelector('.ticket-number'); return t && t.dataset.ticket !== n; }",
            number.ToString(CultureInfo.InvariantCulture), new PageWaitForFunctionOptions { Timeout = 60_000 });
        await using var after = await desk.Services.GetRequiredService<IDbContextFactory<HelpdeskDbContext>>().CreateDbContextAsync();
        var reply = await after.Messages.AsNoTracking().Where(m => m.TicketNumber == number && m.Direction == MessageDirection.Outbound).OrderByDescending(m => m.Id).FirstAsync();
        Assert.AreEqual(shorter.TrimEnd(), reply.Text);
    }
}
