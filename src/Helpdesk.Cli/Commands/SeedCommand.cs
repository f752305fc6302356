using System.Diagnostics;
using Helpdesk.Core.Data;
using Helpdesk.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Helpdesk.Cli.Commands;

/// <summary>`helpdesk seed`: the demo data set, or a large synthetic surge for benchmarks.</summary>
public sealed class SeedCommand : ICliCommand
{
    public string Name => "seed";

    public string Summary => "Load the demo data set, or --synthetic N tickets for benchmarks, into the configured database";

    public string Usage => """
        Usage: helpdesk seed [--emails N] [--samples DIR]
               helpdesk seed --synthetic N [--days D] [--realistic]

        Without --synthetic: loads the demo desk (tickets, demo accounts for each role, machine mail) from
        data/samples into the database named by ConnectionStrings__Helpdesk (default data/helpdesk.db), when it is
        empty. --emails sets how many emails the demo takes in (default 2400).
        With --synthetic: appends N synthetic tickets spread over D days (default 3) ending now, the oldest 60%
        answered; for benchmarks and load tests. --realistic shapes it like the real surge (peak after the notice,
        day and night, agents' replies, customers writing again, live claims): the lead dashboard's benchmark data.
        """;

    public async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var options = CliArgs.Parse(args, flags: ["--realistic"], valued: ["--emails", "--samples", "--synthetic", "--days"]);
        var overrides = new Dictionary<string, string?> { ["Helpdesk:Demo:Mode"] = "On" };
        if (options.Value("--emails") is { } emails) overrides["Helpdesk:Demo:EmailCount"] = CliArgs.PositiveInt("--emails", emails).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (options.Value("--samples") is { } samples) overrides["Helpdesk:Demo:SamplesDirectory"] = samples;
        using var host = await CliHost.StartAsync(overrides, cancellationToken: cancellationToken);
        var target = host.Services.GetRequiredService<DatabaseTarget>();

        if (options.Value("--synthetic") is { } syntheticText)
        {
            var count = CliArgs.PositiveInt("--synthetic", syntheticText);
            var days = options.Value("--days") is { } d ? CliArgs.PositiveInt("--days", d) : 3;
            var factory = host.Services.GetRequiredService<IDbContextFactory<HelpdeskDbContext>>();
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            var clock = Stopwatch.StartNew();
            var progress = new Progress<int>(n => { if (n % 100_000 == 0 || n == count) stderr.WriteLine($"  {n:N0} / {count:N0} tickets"); });
            if (options.Flag("--realistic"))
                await RealisticSurge.WriteAsync(db, count, TimeSpan.FromDays(days), TimeProvider.System.GetUtcNow(), seed: 42,
                    progress: progress, cancellationToken: cancellationToken);
            else
                await SyntheticSurge.WriteAsync(db, count, TimeSpan.FromDays(days), TimeProvider.System.GetUtcNow(), seed: 42,
                    progress: progress, cancellationToken: cancellationToken);
            await stdout.WriteLineAsync($"Wrote {count:N0} synthetic tickets over {days} days into {target.Provider} in {clock.Elapsed.TotalSeconds:F1} s.");
            return 0;
        }

        var seeded = await host.Services.GetRequiredService<DemoDataSeeder>().SeedIfNeededAsync(cancellationToken);
        await stdout.WriteLineAsync(seeded > 0
            ? $"Loaded the demo desk: {seeded:N0} tickets, demo accounts agent, lead, trainer and admin."
            : "The database already holds tickets or staff; nothing was loaded.");
        return 0;
    }
}
