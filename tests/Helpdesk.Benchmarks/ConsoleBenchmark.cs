using System.Diagnostics;
using System.Globalization;
using Helpdesk.Testing.Answering;
using Microsoft.Playwright;

namespace Helpdesk.Benchmarks;

/// <summary>
/// The agent's loop in a real browser against a running desk: press 1 (first suggestion), Ctrl+Enter, and time from the
/// key press to the next ticket's number in the DOM plus one animation frame, measured inside the page
/// (performance.now), so the driver's own round trips do not count (<see cref="AnswerPage"/>, shared with the drill).
/// Usage: console --url http://127.0.0.1:5090 [--user agent] [--password demo-desk] [--sends 200] [--warmup 10]
/// </summary>
public static class ConsoleBenchmark
{
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
        await using var browser = await AnswerPage.LaunchAsync(playwright);
        var context = await AnswerPage.NewAgentContextAsync(browser, new Uri(url));
        var page = await context.NewPageAsync();
        await AnswerPage.SignInAsync(page, user, password);
        await AnswerPage.OpenAsync(page);

        var timings = new List<double>(sends);
        var failures = 0;
        var wall = Stopwatch.StartNew();
        for (var i = 0; i < warmup + sends; i++)
        {
            await page.Locator("[data-suggestion='1']").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
            await AnswerPage.PickFirstSuggestionAsync(page);
            var (outcome, ms) = await AnswerPage.SendAndNextAsync(page);
            if (outcome != AnswerPage.SendOutcome.NextTicket)
            {
                failures++;
                Console.Error.WriteLine($"send {i}: no next ticket within 30 s. {await AnswerPage.ProblemAsync(page)}");
                await AnswerPage.OpenAsync(page);
                continue;
            }
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
