using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;

namespace Helpdesk.Benchmarks;

/// <summary>
/// The agent's loop in a real browser against a running desk: press 1 (first suggestion), Ctrl+Enter, and time from the
/// key press to the next ticket's number in the DOM plus one animation frame, measured inside the page
/// (performance.now), so the driver's own round trips do not count.
/// Usage: console --url http://127.0.0.1:5090 [--user agent] [--password demo-desk] [--sends 200] [--warmup 10]
/// </summary>
public static class ConsoleBenchmark
{
    private const string Instrument = """
        () => {
          window.__bench = { t0: 0, t1: 0, last: document.querySelector('.ticket-number')?.dataset.ticket };
          document.addEventListener('keydown', e => {
            if (e.key === 'Enter' && e.ctrlKey) { window.__bench.t0 = performance.now(); window.__bench.t1 = 0; }
          }, true);
          new MutationObserver(() => {
            const t = document.querySelector('.ticket-number');
            const n = t && t.dataset.ticket;
            if (n && n !== window.__bench.last) {
              window.__bench.last = n;
              requestAnimationFrame(() => { window.__bench.t1 = performance.now(); });
            }
          }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['data-ticket'] });
        }
        """;

    // The keyboard module attaches after the first interactive render: a key pressed before that does nothing, and on
    // a desk that has just started (nothing compiled yet) that window is seconds long.
    private static async Task WhenKeysWorkAsync(IPage page)
    {
        await page.Locator("[data-circuit-ready]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        await page.Locator("html[data-desk-keys=on]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 60_000 });
    }

    public static async Task<int> RunAsync(string[] args)
    {
        string Arg(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }
        var url = Arg("--url", "http://127.0.0.1:5080");
        var user = Arg("--user", "agent");
        var password = Arg("--password", "demo-desk");
        var sends = int.Parse(Arg("--sends", "200"), CultureInfo.InvariantCulture);
        var warmup = int.Parse(Arg("--warmup", "10"), CultureInfo.InvariantCulture);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = url,
            ViewportSize = new ViewportSize { Width = 1366, Height = 900 },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signin");
        await page.FillAsync("#username", user);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(u => !new Uri(u).AbsolutePath.StartsWith("/signin", StringComparison.Ordinal));
        await page.GotoAsync("/answer");
        await page.Locator(".answer-workspace[data-state=working]").WaitForAsync(new LocatorWaitForOptions { Timeout = 120_000 });
        await WhenKeysWorkAsync(page);
        await page.EvaluateAsync(Instrument);

        var timings = new List<double>(sends);
        var failures = 0;
        var wall = Stopwatch.StartNew();
        for (var i = 0; i < warmup + sends; i++)
        {
            await page.Locator("[data-suggestion='1']").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
            await page.Keyboard.PressAsync("1");
            await page.WaitForFunctionAsync("() => document.getElementById('reply-editor').value.length > 0");
            await page.Keyboard.PressAsync("Control+Enter");
            try
            {
                await page.WaitForFunctionAsync("() => window.__bench.t1 > 0", null, new PageWaitForFunctionOptions { Timeout = 30_000 });
            }
            catch (TimeoutException)
            {
                failures++;
                var problem = await page.Locator(".workspace-problem").AllTextContentsAsync();
                Console.Error.WriteLine($"send {i}: no next ticket within 30 s. {string.Join(' ', problem)}");
                await page.GotoAsync("/answer");
                await page.Locator(".answer-workspace[data-state=working]").WaitForAsync(new LocatorWaitForOptions { Timeout = 120_000 });
                await WhenKeysWorkAsync(page);
                await page.EvaluateAsync(Instrument);
                continue;
            }
            var ms = await page.EvaluateAsync<double>("() => window.__bench.t1 - window.__bench.t0");
            if (i >= warmup) timings.Add(ms);
        }
        wall.Stop();

        timings.Sort();
        double P(double q) => timings.Count == 0 ? double.NaN : timings[Math.Min(timings.Count - 1, (int)Math.Ceiling(q * timings.Count) - 1)];
        Console.WriteLine($"console: {timings.Count} sends timed ({warmup} warm-up, {failures} failed) in {wall.Elapsed.TotalSeconds:0.0} s");
        Console.WriteLine(FormattableString.Invariant($"Ctrl+Enter -> next ticket rendered: p50 {P(0.50):0.0} ms, p95 {P(0.95):0.0} ms, p99 {P(0.99):0.0} ms, max {timings.LastOrDefault():0.0} ms"));
        return failures == 0 ? 0 : 1;
    }
}
