using Microsoft.Playwright;

namespace Helpdesk.Browser.Tests;

[TestClass]
public sealed class SignInBrowserTests
{
    [TestMethod]
    public async Task SignIn_DemoAgent_QueueShownWithLiveCircuit()
    {
        await using var desk = await BrowserDesk.StartAsync();
        var page = await desk.SignedInPageAsync("agent");

        var rows = await page.Locator("tr[data-ticket]").CountAsync();
        Assert.IsTrue(rows > 10, $"the queue lists the waiting demo tickets; saw {rows} rows");
        Assert.AreEqual("/", new Uri(page.Url).AbsolutePath);
        await BrowserDesk.ScreenshotAsync(page, "queue");
    }

    [TestMethod]
    public async Task SignIn_WrongPassword_StaysOnSignInWithMessage()
    {
        await using var desk = await BrowserDesk.StartAsync();
        var page = await desk.NewPageAsync();
        await page.GotoAsync("/signin");
        await page.FillAsync("#username", "agent");
        await page.FillAsync("#password", "not-the-password");
        await page.ClickAsync("button[type=submit]");

        await page.Locator(".alert-danger").WaitForAsync();
        StringAssert.StartsWith(new Uri(page.Url).AbsolutePath, "/signin");
        await BrowserDesk.ScreenshotAsync(page, "signin-failed");
    }

    [TestMethod]
    public async Task QueueSearch_TicketNumber_FiltersRowsWithoutReload()
    {
        await using var desk = await BrowserDesk.StartAsync();
        var page = await desk.SignedInPageAsync("agent");
        var first = await page.Locator("tr[data-ticket]").First.GetAttributeAsync("data-ticket") ?? throw new AssertFailedException("no ticket row");
        var navigations = 0;
        page.FrameNavigated += (_, frame) => { if (frame == page.MainFrame) navigations++; };

        var search = page.Locator("#queue-search");
        await search.FillAsync(first);
        await search.PressAsync("Enter");
        await page.WaitForFunctionAsync("n => [...document.querySelectorAll('tr[data-ticket]')].every(r => r.dataset.ticket === n)", first);

        Assert.AreEqual(1, await page.Locator("tr[data-ticket]").CountAsync());
        Assert.AreEqual(0, navigations, "the search runs over the circuit, not by reloading the page");
    }
}
