using Microsoft.Playwright;

namespace Helpdesk.Browser.Tests;

/// <summary>
/// One headless Chromium for the whole assembly. Playwright's own browser download is not reachable here, so the tests
/// drive Debian's package (installed by tests/install-deps.sh).
/// </summary>
[TestClass]
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private static IPlaywright? _playwright;
    private static IBrowser? _browser;

    public static IBrowser Browser => _browser ?? throw new InvalidOperationException($"Chromium did not start from {ExecutablePath}; see the assembly initialization error.");

    [AssemblyInitialize]
    public static async Task StartAsync(TestContext context)
    {
        if (!File.Exists(ExecutablePath))
            throw new InvalidOperationException($"{ExecutablePath} is missing: run tests/install-deps.sh (apt-get install chromium).");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            // Root in a container: no user-namespace sandbox; no GPU; and nothing that talks to the internet on its own.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-dev-shm-usage", "--disable-background-networking"],
        });
    }

    [AssemblyCleanup]
    public static async Task StopAsync()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
    }
}
