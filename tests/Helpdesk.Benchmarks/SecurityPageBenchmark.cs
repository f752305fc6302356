using System.Diagnostics;
using System.Globalization;
using System.Text;
using Helpdesk.Core;
using Helpdesk.Core.Data;
using Helpdesk.Core.Intake;
using Helpdesk.Core.Security;
using Helpdesk.Web.Components.Pages;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Helpdesk.Benchmarks;

/// <summary>
/// The /security page over a phishing wave taken in by the real intake pipeline (--reports N forwarded mails, default
/// 10,000, over 50 sender domains; no intent model, so intake does not classify): the figures' queries, then the whole
/// page rendered to HTML as its first render does. Medians of --runs runs (default 9) after one warm-up. SQLite.
/// </summary>
public static class SecurityPageBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var reports = int.Parse(Machine.Option(args, "--reports", "10000"), CultureInfo.InvariantCulture);
        var runs = int.Parse(Machine.Option(args, "--runs", "9"), CultureInfo.InvariantCulture);
        var dir = Directory.CreateTempSubdirectory("helpdesk-bench-security-").FullName;
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Helpdesk"] = $"Data Source={Path.Combine(dir, "desk.db")}",
            ["Helpdesk:DataDirectory"] = dir,
            ["Helpdesk:Demo:Mode"] = "Off",
            ["Helpdesk:Classification:ModelFile"] = Path.Combine(dir, "none.model"),
        }).Build();
        await using var services = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<IConfiguration>(config)
            .AddHelpdeskCore(config)
            .BuildServiceProvider();
        await services.GetRequiredService<SchemaMigrator>().MigrateAsync();

        var fill = Stopwatch.StartNew();
        var pipeline = services.GetRequiredService<IntakePipeline>();
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        for (var from = 0; from < reports; from += 500)
        {
            var batch = Enumerable.Range(from, Math.Min(500, reports - from)).Select(k => new RawMessage("INBOX-bench", 1, k + 1,
                Forward($"c{k % 3000}@customers.example", $"s{k % 7}@d{k % 50}.phish.example", $"https://login.d{k % 50}.phish.example/{k}", k),
                start.AddMilliseconds(360.0 * k))).ToList();
            await pipeline.ProcessBatchAsync(batch);
        }
        fill.Stop();

        var figures = services.GetRequiredService<SecurityFigures>();
        var steps = new (string Name, Func<Task> Run)[]
        {
            ("counts: domains, hosts, senders (GROUP BY on the covering index)", () => figures.AllCountsAsync()),
            ("snapshot: totals + counts + alerts", () => figures.ReadAsync()),
            ("newest 50 reports", () => figures.ReportsAsync(null, 50)),
            ("whole page: figures + reports + HTML render", () => RenderAsync(services)),
        };
        Console.WriteLine($"security page benchmark: {reports:N0} reports taken in by intake in {fill.Elapsed.TotalSeconds:0.0} s; {Machine.Describe()}; load {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine();
        Console.WriteLine($"| step ({reports:N0} reports) | median ms | max ms |");
        Console.WriteLine("|---|---:|---:|");
        foreach (var (name, run) in steps)
        {
            await run();
            var times = new List<double>();
            for (var i = 0; i < runs; i++)
            {
                var clock = Stopwatch.StartNew();
                await run();
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
            Console.WriteLine($"| {name} | {Machine.Median(times):0.0} | {times.Max():0.0} |");
        }
        var snapshot = await figures.ReadAsync();
        Console.WriteLine();
        Console.WriteLine($"{snapshot.Reports:N0} reports, {snapshot.Customers:N0} customers, {snapshot.Domains.Count} domains, {snapshot.LinkHosts.Count} link hosts, {snapshot.Senders.Count} senders");
        try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        return snapshot.Reports == reports ? 0 : 1;
    }

    private static async Task RenderAsync(IServiceProvider services)
    {
        await using var renderer = new HtmlRenderer(services, NullLoggerFactory.Instance);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<SecurityPage>(ParameterView.Empty)).ToHtmlString());
        if (!html.Contains("data-report-count", StringComparison.Ordinal)) throw new InvalidOperationException("the page rendered no figures");
    }

    private static byte[] Forward(string customer, string sender, string link, int k) => Encoding.UTF8.GetBytes(
        $"From: <{customer}>\r\nTo: passwordchange@meridian.example\r\nSubject: Fwd: Verify now\r\nMessage-ID: <bench-{k}@c.example>\r\n"
        + "Date: Sun, 22 Nov 2026 09:00:00 +0000\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        + "Is this real?\r\n\r\n---------- Forwarded message ---------\r\n"
        + $"From: Meridian <{sender}>\r\nDate: Sun, 22 Nov 2026 at 08:00\r\nSubject: Verify now\r\nTo: <{customer}>\r\n\r\nClick {link}\r\n");
}
