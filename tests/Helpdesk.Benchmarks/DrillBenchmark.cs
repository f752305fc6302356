using Helpdesk.Drill;
using Helpdesk.Drill.Report;
using Helpdesk.Testing.Answering;

namespace Helpdesk.Benchmarks;

/// <summary>
/// The breach-week drill with the real console: `helpdesk drill`'s options plus <c>--browsers N</c> (default 5) agents
/// answering in Chromium on the console, which is desk instance 1 (docs/drill.md). It lives here, not in the CLI, so the
/// CLI carries neither the web project nor Playwright.
/// Usage: drill [--mails N] [--days D] [--day 10m] [--agents N] ... [--browsers 5]
/// </summary>
public static class DrillBenchmark
{
    public const int DefaultBrowsers = 5;

    public static async Task<int> RunAsync(string[] args)
    {
        DrillOptions options;
        try
        {
            options = DrillArguments.Parse(args, browsers: true);
            if (!args.Any(a => a == DrillArguments.Browsers || a.StartsWith(DrillArguments.Browsers + "=", StringComparison.Ordinal))) options.Browsers = DefaultBrowsers;
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine("drill: " + e.Message);
            return 2;
        }
        if (options.Validate() is { Count: > 0 } problems)
        {
            Console.Error.WriteLine("drill: " + string.Join(" ", problems));
            return 2;
        }
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        DrillResult result;
        try
        {
            result = await new BreachWeekDrill(options, Console.Out, new DrillConsole()).RunAsync(cancellationToken: stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Ctrl+C: the drill stopped its mail servers and desk on the way out; there is no report.
            Console.Error.WriteLine("drill: stopped before the end; no report.");
            return 130;
        }
        if (!result.Passed) Console.Error.WriteLine("drill: a check failed (see the report): " + string.Join("; ", result.Checks.Where(x => !x.Passed).Select(x => x.Name)));
        return result.Passed ? 0 : 1;
    }
}
