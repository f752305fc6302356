using Microsoft.Playwright;

namespace Helpdesk.Testing.Answering;

/// <summary>
/// The answering console (/answer) in Debian's Chromium as an agent works it: sign in, pick a suggestion with its key,
/// send with Ctrl+Enter; and the console's speed as the agent sees it: from the Ctrl+Enter key press to the next
/// ticket's number in the DOM plus one animation frame, timed inside the page (performance.now) so the driver's own
/// round trips do not count. Shared by the console benchmark and the breach-week drill's Chromium agents.
/// </summary>
public static class AnswerPage
{
    public const string Chromium = "/usr/bin/chromium";

    /// <summary>Headless Debian Chromium as the browser tests and benchmarks start it.</summary>
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        if (!File.Exists(Chromium)) throw new InvalidOperationException($"{Chromium} is missing: run tests/install-deps.sh (apt-get install chromium).");
        return playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-dev-shm-usage", "--disable-background-networking"],
        });
    }

    /// <summary>A browser context of its own (its own cookies: one agent) on the console at <paramref name="console"/>.</summary>
    public static Task<IBrowserContext> NewAgentContextAsync(IBrowser browser, Uri console) =>
        browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = console.ToString(),
            ViewportSize = new ViewportSize { Width = 1366, Height = 900 },
            Locale = "en-US",
            TimezoneId = "UTC",
        });

    /// <summary>Signs in with a password (agents have no second step unless the desk requires one) and waits until the page left /signin.</summary>
    public static async Task SignInAsync(IPage page, string user, string password)
    {
        await page.GotoAsync("/signin");
        await page.FillAsync("#username", user);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(u => !new Uri(u).AbsolutePath.StartsWith("/signin", StringComparison.Ordinal));
    }

    /// <summary>
    /// Opens /answer and waits until keys work and the timing is in place. With <paramref name="mayBeEmpty"/> an empty
    /// queue is a ready page too (the drill's agents meet one); otherwise it waits for a ticket.
    /// </summary>
    public static async Task OpenAsync(IPage page, bool mayBeEmpty = false, float timeoutMs = 120_000)
    {
        await page.GotoAsync("/answer");
        var ready = mayBeEmpty ? ".answer-workspace[data-state=working], .answer-workspace[data-state=empty]" : ".answer-workspace[data-state=working]";
        await page.Locator(ready).First.WaitForAsync(new LocatorWaitForOptions { Timeout = timeoutMs });
        await WhenKeysWorkAsync(page);
        await page.EvaluateAsync(Instrument);
    }

    /// <summary>The ticket on screen, or null when the page shows none (empty queue, loading).</summary>
    public static Task<string?> TicketAsync(IPage page) =>
        page.EvaluateAsync<string?>("() => document.querySelector('.ticket-number')?.dataset.ticket ?? null");

    /// <summary>"working", "empty", "loading" or "claim-lost" (the page's data-state).</summary>
    public static async Task<string> StateAsync(IPage page) =>
        await page.EvaluateAsync<string?>("() => document.querySelector('.answer-workspace')?.dataset.state ?? null") ?? "";

    /// <summary>Presses 1 (the first suggestion) and waits until it is in the reply box.</summary>
    public static async Task PickFirstSuggestionAsync(IPage page, float timeoutMs = 30_000)
    {
        await page.Keyboard.PressAsync("1");
        await page.WaitForFunctionAsync("() => document.getElementById('reply-editor')?.value.length > 0", null,
            new PageWaitForFunctionOptions { Timeout = timeoutMs });
    }

    /// <summary>What a send led to: the next ticket (timed), an empty queue, or a problem the page shows.</summary>
    public enum SendOutcome { NextTicket, QueueEmpty, Problem, TimedOut }

    /// <summary>
    /// Ctrl+Enter, then waits for what follows. With <paramref name="orEmptyOrProblem"/> an empty queue or a problem on the
    /// page ends the wait too (the drill); the benchmark waits for the next ticket only. Milliseconds only for the next ticket.
    /// </summary>
    public static async Task<(SendOutcome Outcome, double Ms)> SendAndNextAsync(IPage page, bool orEmptyOrProblem = false, float timeoutMs = 30_000)
    {
        await page.Keyboard.PressAsync("Control+Enter");
        var until = orEmptyOrProblem
            ? "() => window.__bench.t1 > 0 || document.querySelector('.answer-workspace')?.dataset.state === 'empty' || !!document.querySelector('.workspace-problem')"
            : "() => window.__bench.t1 > 0";
        try
        {
            await page.WaitForFunctionAsync(until, null, new PageWaitForFunctionOptions { Timeout = timeoutMs });
        }
        catch (TimeoutException)
        {
            return (SendOutcome.TimedOut, 0);
        }
        var ms = await page.EvaluateAsync<double>("() => window.__bench.t1 > 0 ? window.__bench.t1 - window.__bench.t0 : -1");
        if (ms >= 0) return (SendOutcome.NextTicket, ms);
        return await page.Locator(".workspace-problem").CountAsync() > 0 ? (SendOutcome.Problem, 0) : (SendOutcome.QueueEmpty, 0);
    }

    /// <summary>The problem sentence the page shows, or "".</summary>
    public static async Task<string> ProblemAsync(IPage page) =>
        string.Join(' ', (await page.Locator(".workspace-problem").AllTextContentsAsync()).Select(t => t.Trim()));

    // t0 at the Ctrl+Enter key press (capturing, before the console's own handler), t1 one animation frame after a
    // different ticket number is in the DOM.
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
}
