using System.Diagnostics;
using System.Globalization;
using Helpdesk.Core;
using Helpdesk.Core.Data;
using Helpdesk.Demo;
using Helpdesk.Core.Reporting;
using Helpdesk.Web.Components.Lead;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Helpdesk.Benchmarks;

/// <summary>
/// Every lead-dashboard query over a realistic surge (RealisticSurge: default 1,000,000 tickets over three days ending
/// 2026-11-22 12:00 UTC, the clock fixed there), then the whole dashboard: all figures read and the dashboard component
/// rendered to HTML, as the page's first render does. Medians of --runs runs after one warm-up.
/// Options: --tickets N, --db FILE (kept and reused; default in the temp folder), --runs R (default 7).
/// </summary>
public static class DashboardBenchmark
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    public static async Task<int> RunAsync(string[] args)
    {
        var tickets = int.Parse(Machine.Option(args, "--tickets", "1000000"), CultureInfo.InvariantCulture);
        var runs = int.Parse(Machine.Option(args, "--runs", "7"), CultureInfo.InvariantCulture);
        var file = Machine.Option(args, "--db", Path.Combine(Path.GetTempPath(), $"helpdesk-bench-dashboard-{tickets}.db"));
        var dir = Directory.CreateTempSubdirectory("helpdesk-bench-dashboard-").FullName;
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Helpdesk"] = $"Data Source={file}",
            ["Helpdesk:DataDirectory"] = dir,
            ["Helpdesk:Demo:Mode"] = "Off",
        }).Build();
        await using var services = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<IConfiguration>(config)
            .AddHelpdeskCore(config)
            .AddSingleton<TimeProvider>(new FixedTime(Now))
            .BuildServiceProvider();
        await services.GetRequiredService<SchemaMigrator>().MigrateAsync();
        var factory = services.GetRequiredService<IDbContextFactory<HelpdeskDbContext>>();
        await EnsureSurgeAsync(factory, tickets);

        var figures = services.GetRequiredService<DeskFigures>();
        var list = services.GetRequiredService<LeadTickets>();
        var hour = DeskFigures.HourOf(Now);
        var start = await figures.IncidentStartAsync() ?? Now;
        var queries = new (string Name, Func<Task> Run)[]
        {
            ("incident start (first ticket)", () => figures.IncidentStartAsync()),
            ("in/answered per hour, last 24 h", () => figures.FlowAsync(hour.AddHours(-23), hour)),
            ("in/answered per hour, since start", () => figures.FlowAsync(start, hour)),
            ("backlog by intent and age band", () => figures.BacklogAsync(Now)),
            ("oldest waiting", () => figures.OldestWaitingAsync()),
            ("first response median/p90, 24 h", () => figures.FirstResponseAsync(hour.AddHours(-23))),
            ("first response median/p90, since start", () => figures.FirstResponseAsync(null)),
            ("drain forecast", () => figures.ForecastAsync(Now, 400_000)),
            ("agents online, answers today", () => figures.AgentsAsync(Now)),
            ("triage and changed-intent shares", () => figures.TriageAsync()),
            ("outbox health", () => figures.OutboxAsync()),
            ("intake lag per mailbox", () => figures.IntakeAsync(Now)),
            ("drill-down: waiting, first page of 50", () => list.ListAsync(new LeadTicketFilter { Waiting = true })),
            ("drill-down: waiting 1-2 days, first page", () => list.ListAsync(new LeadTicketFilter { Age = AgeBand.OneToTwoDays })),
            ("all figures (one snapshot)", () => figures.ReadAsync()),
            ("whole dashboard: figures + HTML render", () => RenderDashboardAsync(figures)),
        };

        Console.WriteLine($"dashboard benchmark: {tickets:N0} tickets in {file}; {Machine.Describe()}; load {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine();
        Console.WriteLine($"| query ({tickets:N0} tickets) | median ms | max ms |");
        Console.WriteLine("|---|---:|---:|");
        foreach (var (name, run) in queries)
        {
            await run(); // warm-up: first use of the statement and of the pages it reads
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
        Console.WriteLine($"backlog {snapshot.Backlog.Total:N0}; oldest waiting since {snapshot.Oldest?.WaitingSince:u}; agents online {snapshot.Agents.Count(a => a.Online)}; " +
                          $"median first answer 24 h {snapshot.FirstResponseLast24Hours.Median}; forecast {(snapshot.Forecast.DrainedAt is { } d ? d.ToString("u", CultureInfo.InvariantCulture) : "not draining")} " +
                          $"(in {snapshot.Forecast.InPerHour:N0}/h, answered {snapshot.Forecast.AnsweredPerHour:N0}/h)");
        try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        return 0;
    }

    private static async Task RenderDashboardAsync(DeskFigures figures)
    {
        var snapshot = await figures.ReadAsync();
        await using var services = new ServiceCollection().AddLogging().BuildServiceProvider();
        await using var renderer = new HtmlRenderer(services, NullLoggerFactory.Instance);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<DashboardView>(ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                ["Snapshot"] = snapshot,
                ["Zone"] = figures.Options.ResolveTimeZone(),
            }))).ToHtmlString());
        if (html.Length < 1000) throw new InvalidOperationException("the dashboard rendered almost nothing");
    }

    private static async Task EnsureSurgeAsync(IDbContextFactory<HelpdeskDbContext> factory, int tickets)
    {
        await using var db = await factory.CreateDbContextAsync();
        var have = await db.Tickets.CountAsync();
        if (have >= tickets)
        {
            Console.WriteLine($"database: {have:N0} tickets (reused)");
            return;
        }
        var clock = Stopwatch.StartNew();
        var progress = new Progress<int>(n => { if (n % 200_000 == 0) Console.Error.WriteLine($"  {n:N0} / {tickets - have:N0}"); });
        await RealisticSurge.WriteAsync(db, tickets - have, TimeSpan.FromDays(3), Now, seed: 42, progress: progress);
        Console.WriteLine($"database: wrote {tickets - have:N0} realistic tickets in {clock.Elapsed.TotalSeconds:F0} s (figure triggers on)");
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
