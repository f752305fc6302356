using Microsoft.Playwright;

namespace Helpdesk.Browser.Tests;

/// <summary>The incident-mode steps the browser tests share: a watched help page, the Admin's switch, the banner's arrival.</summary>
internal static class IncidentSteps
{
    /// <summary>An open /help page, without the banner yet, that counts its own navigations.</summary>
    public static async Task<WatchedHelpPage> OpenHelpPageAsync(this BrowserDesk desk)
    {
        var page = await desk.NewPageAsync();
        await page.GotoAsync("/help");
        await BrowserDesk.WaitForCircuitAsync(page);
        Assert.AreEqual(0, await page.Locator("[data-incident-banner]").CountAsync(), "no banner before the incident");
        return new WatchedHelpPage(page);
    }

    /// <summary>The Admin signs in on <paramref name="desk"/> and switches incident mode on at /admin/incident; the Admin's page.</summary>
    public static async Task<IPage> SwitchIncidentModeOnAsync(this BrowserDesk desk)
    {
        var admin = await desk.SignedInPageAsync("admin");
        await admin.GotoAsync("/admin/incident");
        await BrowserDesk.WaitForCircuitAsync(admin);
        await admin.Locator("[data-incident-state=off]").WaitForAsync();
        await admin.Locator("[data-incident-switch]").ClickAsync();
        await admin.Locator("[data-incident-state=on]").WaitForAsync();
        return admin;
    }
}

/// <summary>A help page whose reloads are counted: the incident banner must arrive over its circuit, not by navigation.</summary>
internal sealed class WatchedHelpPage
{
    private int _navigations;

    public WatchedHelpPage(IPage page)
    {
        Page = page;
        page.FrameNavigated += (_, frame) => { if (frame == page.MainFrame) _navigations++; };
    }

    public IPage Page { get; }

    /// <summary>Waits for the banner (its warning about mail that pretends to be ours) without the page having navigated.</summary>
    public async Task WaitForBannerAsync()
    {
        await Page.Locator("[data-incident-banner]").WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
        StringAssert.Contains(await Page.Locator("[data-incident-banner]").InnerTextAsync(), "pretend to come from");
        Assert.AreEqual(0, _navigations, "the banner arrives over the circuit, without a reload");
    }
}
