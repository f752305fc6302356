using System.Globalization;
using System.Net.Http.Json;
using Microsoft.Playwright;

namespace Helpdesk.Benchmarks;

/// <summary>
/// Memory per connected agent: N browser contexts, each signed in as its own agent with /answer open (so each circuit
/// holds a ticket and its view), and the desk process's RSS (/proc/PID/status) and managed heap (the desk's loopback
/// /diagnostics/memory, read as a signed-in Admin, after a forced full collection) before and after, divided by N.
/// With --pause, every page then pauses its circuit (Blazor.pauseCircuit, as a tab hidden for a few minutes does), the
/// memory is read again, and every page resumes and must show the ticket it held.
/// Usage: console-memory --url http://127.0.0.1:5090 --pid PID [--circuits 50] [--user-prefix drill-agent-] [--password demo-desk]
///        [--settle 10] [--admin admin] [--parallel 4] [--renderers 16] [--pause]
/// Accounts are PREFIX001..PREFIXNNN (the load drill creates drill-agent-001...).
/// </summary>
public static class ConsoleMemoryBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        string Arg(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }
        var url = Arg("--url", "http://127.0.0.1:5080");
        var pid = int.Parse(Arg("--pid", "0"), CultureInfo.InvariantCulture);
        var circuits = int.Parse(Arg("--circuits", "50"), CultureInfo.InvariantCulture);
        var prefix = Arg("--user-prefix", "drill-agent-");
        var password = Arg("--password", "demo-desk");
        var settle = TimeSpan.FromSeconds(int.Parse(Arg("--settle", "10"), CultureInfo.InvariantCulture));
        var admin = Arg("--admin", "admin");
        var parallel = int.Parse(Arg("--parallel", "4"), CultureInfo.InvariantCulture);
        var renderers = int.Parse(Arg("--renderers", "16"), CultureInfo.InvariantCulture);
        var pause = args.Contains("--pause");
        if (pid <= 0)
        {
            Console.Error.WriteLine("console-memory: --pid of the desk process is required (its RSS is read from /proc/PID/status).");
            return 2;
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            // Many contexts share a few renderer processes: 1,000 pages with a process each would not fit the machine.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                $"--renderer-process-limit={renderers}"],
        });
        // The memory report answers only a signed-in Admin.
        var adminPage = await SignInAsync(browser, url, admin, password, "/healthz");
        Task<DeskMemory.Sample> MeasureAsync() => DeskMemory.MeasureAsync(settle, async () =>
        {
            var response = await adminPage.Context.APIRequest.GetAsync("/diagnostics/memory");
            return response.Ok ? await response.TextAsync() : throw new InvalidOperationException($"/diagnostics/memory answered {response.Status}");
        }, pid);

        // One warm circuit first, so the baseline already holds what the first page loads once per process
        // (compiled components, the template catalog, the classifier): the rest is what each further agent costs.
        var warm = await OpenAgentAsync(browser, url, "agent", password);
        var before = await MeasureAsync();
        var pages = new IPage[circuits];
        var opened = 0;
        var started = System.Diagnostics.Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(1, circuits), new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (i, _) =>
        {
            pages[i - 1] = await OpenAgentAsync(browser, url, prefix + i.ToString("000", CultureInfo.InvariantCulture), password);
            var n = Interlocked.Increment(ref opened);
            if (n % 50 == 0) Console.WriteLine(FormattableString.Invariant($"{n} circuits open ({started.Elapsed.TotalSeconds:0} s)"));
        });
        var after = await MeasureAsync();
        var working = 0;
        foreach (var page in pages)
            if (await page.Locator(".answer-workspace[data-state=working]").CountAsync() == 1) working++;

        double PerCircuitKb(long b, long a) => (a - b) / 1024.0 / circuits;
        Console.WriteLine($"console-memory: {circuits} signed-in agents on /answer ({working} holding a ticket), desk pid {pid}");
        DeskMemory.PrintPerCircuit(before, after, circuits);
        var result = working == circuits ? 0 : 1;
        if (pause)
        {
            var held = new long?[circuits];
            for (var i = 0; i < circuits; i++) held[i] = await TicketOnAsync(pages[i]);
            var paused = 0;
            await Parallel.ForEachAsync(Enumerable.Range(0, circuits), new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (i, _) =>
            {
                if (await pages[i].EvaluateAsync<bool>("() => Blazor.pauseCircuit()")) Interlocked.Increment(ref paused);
            });
            var whilePaused = await MeasureAsync();
            Console.WriteLine(FormattableString.Invariant(
                $"paused {paused} of {circuits}: managed heap {whilePaused.Heap.ManagedHeapBytes / 1048576.0:0.0} MiB, {PerCircuitKb(before.Heap.ManagedHeapBytes, whilePaused.Heap.ManagedHeapBytes):0} KiB per agent; RSS {whilePaused.Rss / 1048576.0:0.0} MiB, {PerCircuitKb(before.Rss, whilePaused.Rss):0} KiB per agent"));
            var same = 0;
            await Parallel.ForEachAsync(Enumerable.Range(0, circuits), new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (i, _) =>
            {
                if (!await pages[i].EvaluateAsync<bool>("() => Blazor.resumeCircuit()")) return;
                await pages[i].Locator(".answer-workspace[data-state=working]").WaitForAsync(new LocatorWaitForOptions { Timeout = 120_000 });
                if (await TicketOnAsync(pages[i]) == held[i]) Interlocked.Increment(ref same);
            });
            Console.WriteLine($"resumed: {same} of {circuits} pages back on the ticket they held");
            if (paused != circuits || same != circuits) result = 1;
        }
        await warm.Context.CloseAsync();
        return result;
    }

    private static async Task<long?> TicketOnAsync(IPage page) =>
        long.TryParse(await page.Locator(".ticket-number").GetAttributeAsync("data-ticket"), CultureInfo.InvariantCulture, out var n) ? n : null;

    // Straight to the page after signing in: a queue page opened first would leave a disconnected circuit behind,
    // retained for minutes and counted as if the agent's.
    private static async Task<IPage> SignInAsync(IBrowser browser, string url, string user, string password, string then = "/")
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = url, ViewportSize = new ViewportSize { Width = 1366, Height = 900 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(180_000); // hundreds of pages opening on a shared two-core machine
        await page.GotoAsync("/signin?returnUrl=" + Uri.EscapeDataString(then));
        await page.FillAsync("#username", user);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(u => new Uri(u).AbsolutePath != "/signin", new PageWaitForURLOptions { Timeout = 60_000 });
        if (new Uri(page.Url).AbsolutePath == Helpdesk.Web.Account.AccountEndpoints.CodePath)
        {
            // Admins sign in with a second step since issue 23: the demo admin's authenticator key is documented.
            var code = new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(Helpdesk.Demo.DemoDataSeeder.DemoAuthenticatorKey)).ComputeTotp(DateTime.UtcNow);
            await page.FillAsync("#code", code);
            await page.ClickAsync("form:has(#code) button[type=submit]");
        }
        await page.WaitForURLAsync(u => !new Uri(u).AbsolutePath.StartsWith("/signin", StringComparison.Ordinal),
            new PageWaitForURLOptions { Timeout = 60_000 });
        return page;
    }

    private static async Task<IPage> OpenAgentAsync(IBrowser browser, string url, string user, string password)
    {
        var page = await SignInAsync(browser, url, user, password, "/answer");
        await page.Locator(".answer-workspace[data-state=working]").WaitForAsync(new LocatorWaitForOptions { Timeout = 120_000 });
        return page;
    }
}
