using System.Globalization;
using Helpdesk.Core.Tickets;
using Helpdesk.Core.Data;
using Helpdesk.Web.Circuits;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Helpdesk.Browser.Tests;

/// <summary>
/// .NET 10's circuit state persistence on the answering page: a paused circuit (hidden tab) or one resumed after the
/// server dropped it comes back to the same ticket and the same unsent words, from the server's persisted state (the
/// tests empty the browser's own copy of the draft first, so only [PersistentState] can bring the words back).
/// </summary>
[TestClass]
public sealed class CircuitStateBrowserTests
{
    private const string Draft = "Hello, I looked at your account: the reset link works again, and";

    private static async Task<(IPage Page, long Ticket)> StartDraftAsync(BrowserDesk desk)
    {
        var page = await desk.SignedInPageAsync("agent");
        await page.GotoAsync("/answer");
        await page.Locator(".answer-workspace[data-state=working]").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        await page.Locator("html[data-desk-keys=on]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 60_000 });
        var ticket = long.Parse(await page.Locator(".ticket-number").GetAttributeAsync("data-ticket") ?? "", CultureInfo.InvariantCulture);
        await page.Keyboard.PressAsync("e");
        await page.Keyboard.TypeAsync(Draft);
        await page.WaitForTimeoutAsync(500); // the last input event reaches the server
        await page.EvaluateAsync("() => sessionStorage.clear()");
        return (page, ticket);
    }

    private static async Task WaitForCircuitsAsync(BrowserDesk desk, Func<int, bool> condition, string what)
    {
        var circuits = desk.Services.GetRequiredService<ConsoleCircuits>();
        for (var i = 0; i < 150 && !condition(circuits.Open); i++) await Task.Delay(100);
        Assert.IsTrue(condition(circuits.Open), $"{what}: {circuits.Open} circuits open");
    }

    private static async Task AssertSameTicketAndDraftAsync(IPage page, long ticket)
    {
        var notice = page.Locator(".workspace-notice");
        await notice.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        StringAssert.Contains(await notice.TextContentAsync() ?? "", $"#{ticket} is still yours");
        Assert.AreEqual(ticket.ToString(CultureInfo.InvariantCulture), await page.Locator(".ticket-number").GetAttributeAsync("data-ticket"));
        Assert.AreEqual(Draft, await page.InputValueAsync("#reply-editor"));
    }

    [TestMethod]
    public async Task PauseCircuitThenResume_SameTicketAndDraftFromPersistedState_ThenSent()
    {
        await using var desk = await BrowserDesk.StartAsync();
        var (page, ticket) = await StartDraftAsync(desk);
        var open = desk.Services.GetRequiredService<ConsoleCircuits>().Open;

        Assert.IsTrue(await page.EvaluateAsync<bool>("() => Blazor.pauseCircuit()"), "the server accepted the pause");
        await WaitForCircuitsAsync(desk, n => n == open - 1, "the paused circuit is gone from the server");
        Assert.IsTrue(await page.EvaluateAsync<bool>("() => Blazor.resumeCircuit()"), "the server resumed it");
        await WaitForCircuitsAsync(desk, n => n == open, "a circuit again");

        await AssertSameTicketAndDraftAsync(page, ticket);
        await page.Keyboard.PressAsync("Control+Enter");
        await page.WaitForFunctionAsync("n => { const t = document.querySelector('.ticket-number'); return t && t.dataset.ticket !== n; }",
            ticket.ToString(CultureInfo.InvariantCulture), new PageWaitForFunctionOptions { Timeout = 60_000 });
        await using var db = await desk.Services.GetRequiredService<IDbContextFactory<HelpdeskDbContext>>().CreateDbContextAsync();
        // The ticket may be one a customer wrote again on after an answer: this test's reply is the newest outbound.
        var reply = await db.Messages.AsNoTracking().Where(m => m.TicketNumber == ticket && m.Direction == MessageDirection.Outbound).OrderByDescending(m => m.Id).FirstAsync();
        Assert.AreEqual(Draft.TrimEnd(), reply.Text);
    }

    [TestMethod]
    public async Task TabHidden_CircuitPausedAfterTheSetting_ShownAgain_ResumedWithDraft()
    {
        await using var desk = await BrowserDesk.StartAsync(new Dictionary<string, string?> { ["Helpdesk:Web:PauseHiddenAfter"] = "00:00:01" });
        var (page, ticket) = await StartDraftAsync(desk);
        var open = desk.Services.GetRequiredService<ConsoleCircuits>().Open;

        await page.EvaluateAsync("""
            () => {
              Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
              document.dispatchEvent(new Event('visibilitychange'));
            }
            """);
        await WaitForCircuitsAsync(desk, n => n == open - 1, "the hidden tab's circuit paused");
        await page.EvaluateAsync("""
            () => {
              Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
              document.dispatchEvent(new Event('visibilitychange'));
            }
            """);
        await WaitForCircuitsAsync(desk, n => n == open, "resumed when shown");
        await AssertSameTicketAndDraftAsync(page, ticket);
        await page.Locator("#components-reconnect-modal").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Hidden, Timeout = 60_000 });
    }
}
