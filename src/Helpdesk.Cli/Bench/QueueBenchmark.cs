using System.Collections.Concurrent;
using System.Diagnostics;
using Helpdesk.Core.Data;
using Helpdesk.Demo;
using Helpdesk.Core.Queue;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Helpdesk.Cli.Bench;

/// <summary>
/// `Next` claim latency and throughput over a large queue: N agents each loop claim → answer (the answer is a write
/// that competes for the same database, as it does in real use; only the claim is timed). Runs on one engine per
/// <see cref="RunAsync"/>; `bench queue --engines sqlite,postgres` runs both back to back and prints one table.
/// </summary>
public sealed class QueueBenchmark(TextWriter output)
{
    /// <summary>One timed run. CPU seconds: this process (agents + EF + SQLite itself) and, on a local PostgreSQL, the server's processes.</summary>
    public sealed record Result(string Engine, int Agents, double? PacedRate, LatencyStats Latency, double ClaimsPerSecond,
        double WallSeconds, double ClientCpuSeconds, double? ServerCpuSeconds);

    /// <summary>What to measure; the same for every engine of one command.</summary>
    public sealed record Plan(int Tickets, IReadOnlyList<int> AgentCounts, int ClaimsPerRun, double? PacedRate, int Repeat = 1);

    /// <summary>Runs the plan on SQLite (<paramref name="postgres"/> null; the file is reused) or on PostgreSQL.</summary>
    public async Task<IReadOnlyList<Result>> RunAsync(string? databaseFile, Plan plan, CancellationToken cancellationToken, string? postgres = null)
    {
        var file = databaseFile ?? Path.Combine(Path.GetTempPath(), $"helpdesk-bench-queue-{plan.Tickets}.db");
        var engine = postgres is null ? "SQLite" : "PostgreSQL";
        string connection;
        if (postgres is null) connection = $"Data Source={file}";
        else
        {
            // Every agent holds a connection while it claims or answers: the pool must not be what they queue on.
            var builder = new Npgsql.NpgsqlConnectionStringBuilder(postgres);
            builder.MaxPoolSize = Math.Max(builder.MaxPoolSize, plan.AgentCounts.Max() + 16);
            connection = builder.ConnectionString;
            await BenchPostgres.EnsureDatabaseAsync(builder, plan.AgentCounts.Max(), output, cancellationToken);
        }
        using var host = await CliHost.StartAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Helpdesk"] = connection,
            ["Helpdesk:Database:Provider"] = postgres is null ? "Sqlite" : "Postgres",
            ["Helpdesk:Demo:Mode"] = "Off",
        }, cancellationToken: cancellationToken);
        output.WriteLine($"database: {(postgres is null ? "SQLite " + file : "PostgreSQL " + new Npgsql.NpgsqlConnectionStringBuilder(postgres).Database)}");
        var factory = host.Services.GetRequiredService<IDbContextFactory<HelpdeskDbContext>>();
        await EnsureTicketsAsync(factory, plan.Tickets, plan.AgentCounts.Max(), plan.ClaimsPerRun * plan.Repeat * plan.AgentCounts.Count * 2, cancellationToken);
        var queue = host.Services.GetRequiredService<TicketQueue>();
        var server = postgres is null ? null : await BenchPostgres.LocalServerAsync(factory, cancellationToken);

        var results = new List<Result>();
        await RunOnceAsync(engine, queue, factory, 4, Math.Min(1000, plan.ClaimsPerRun / 10), null, server, cancellationToken); // warm-up
        for (var round = 1; round <= plan.Repeat; round++)
        foreach (var agents in plan.AgentCounts)
        foreach (var rate in plan.PacedRate is { } r && agents > 1 ? new double?[] { null, r } : [null])
        {
            var result = await RunOnceAsync(engine, queue, factory, agents, plan.ClaimsPerRun, rate, server, cancellationToken);
            output.WriteLine($"{engine,-10} run {round}  agents={agents,3}  {Mode(rate),-14} claims={result.Latency.Count,6}  p50={result.Latency.P50,6:F2} ms  " +
                             $"p95={result.Latency.P95,6:F2} ms  p99={result.Latency.P99,7:F2} ms  max={result.Latency.Max,7:F2} ms  claims/s={result.ClaimsPerSecond,6:F0}  " +
                             $"cpu={result.ClientCpuSeconds:F1}+{result.ServerCpuSeconds?.ToString("F1", System.Globalization.CultureInfo.InvariantCulture) ?? "-"} s in {result.WallSeconds:F1} s");
            results.Add(result);
        }
        return results;
    }

    public static string Mode(double? rate) => rate is null ? "flat out" : $"paced {rate:F0}/s";

    /// <summary>
    /// Medians over the repeated runs of each (engine, agents, load): one line per configuration, engines side by side,
    /// as docs/benchmarks.md records them. CPU is client + server seconds per 1,000 claims.
    /// </summary>
    public static void WriteTable(TextWriter output, IReadOnlyList<Result> results)
    {
        output.WriteLine();
        output.WriteLine("| engine | agents | load | runs | claims/s | p50 ms | p95 ms | p99 ms | max ms (worst) | CPU s per 1,000 claims (client + server) |");
        output.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var g in results.GroupBy(r => (r.Engine, r.Agents, r.PacedRate)))
        {
            var runs = g.ToList();
            double Median(Func<Result, double> f)
            {
                var sorted = runs.Select(f).Order().ToArray();
                return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
            }
            var client = Median(r => r.ClientCpuSeconds * 1000 / Math.Max(1, r.Latency.Count));
            var server = runs.All(r => r.ServerCpuSeconds is not null) ? Median(r => r.ServerCpuSeconds!.Value * 1000 / Math.Max(1, r.Latency.Count)) : (double?)null;
            var cpu = server is { } s ? FormattableString.Invariant($"{client:F2} + {s:F2}") : FormattableString.Invariant($"{client:F2}");
            output.WriteLine(FormattableString.Invariant(
                $"| {g.Key.Engine} | {g.Key.Agents} | {Mode(g.Key.PacedRate)} | {runs.Count} | {Median(r => r.ClaimsPerSecond):N0} | {Median(r => r.Latency.P50):F2} | {Median(r => r.Latency.P95):F2} | {Median(r => r.Latency.P99):F2} | {runs.Max(r => r.Latency.Max):F0} | {cpu} |"));
        }
    }

    /// <summary>
    /// Reuses a seeded database when it still has a real queue left (earlier runs answered part of it); otherwise adds
    /// tickets up to <paramref name="tickets"/>. A database that has the tickets but too short a queue is an error:
    /// the numbers would not be comparable with a fresh one.
    /// </summary>
    private async Task EnsureTicketsAsync(IDbContextFactory<HelpdeskDbContext> factory, int tickets, int maxAgents, int willAnswer,
        CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await ReleaseStaleClaimsAsync(db, cancellationToken);
        var queued = await db.Tickets.CountAsync(t => t.Status == Core.Tickets.TicketStatus.New, cancellationToken);
        var total = await db.Tickets.CountAsync(cancellationToken);
        var needed = Math.Max(maxAgents * 4, willAnswer) + 50_000;
        if (total >= tickets)
        {
            if (queued < needed)
                throw new CliUsageException($"the database holds {total:N0} tickets but only {queued:N0} queued (earlier runs answered the rest); " +
                                            $"this run needs {needed:N0}. Start from a new file or database.");
            output.WriteLine($"database: {total:N0} tickets, {queued:N0} queued (reused)");
            return;
        }
        var clock = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        await SyntheticSurge.WriteAsync(db, tickets - total, TimeSpan.FromDays(3), DateTimeOffset.UtcNow, 42, cancellationToken: cancellationToken);
        output.WriteLine($"database: wrote {tickets - total:N0} tickets in {clock.Elapsed.TotalSeconds:F0} s " +
                         $"({(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F0} s CPU in this process)");
    }

    /// <summary>A run stopped with Ctrl+C leaves claims held by the simulated agents; they would be resumed, not claimed.</summary>
    private static Task<int> ReleaseStaleClaimsAsync(HelpdeskDbContext db, CancellationToken cancellationToken) =>
        db.Tickets.Where(t => t.ClaimedBy >= FirstAgentId).ExecuteUpdateAsync(s => s
            .SetProperty(t => t.ClaimedBy, (long?)null).SetProperty(t => t.ClaimedAt, (DateTimeOffset?)null)
            .SetProperty(t => t.ClaimExpiresAt, (DateTimeOffset?)null), cancellationToken);

    private const long FirstAgentId = 1_000_000;

    /// <summary>
    /// Flat out (rate null): every agent claims again the moment it has answered, which measures the most the queue
    /// can do and the queueing delay at saturation. Paced: the agents together claim at a fixed rate, as people with
    /// reading time do, which measures the latency an agent feels at that load.
    /// </summary>
    private static async Task<Result> RunOnceAsync(string engine, TicketQueue queue, IDbContextFactory<HelpdeskDbContext> factory, int agents,
        int claims, double? rate, BenchPostgres.Server? server, CancellationToken cancellationToken)
    {
        var latencies = new ConcurrentBag<double>();
        var remaining = claims;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var serverCpu = server?.CpuSeconds();
        var wall = Stopwatch.StartNew();
        var interval = rate is { } r ? TimeSpan.FromSeconds(agents / r) : TimeSpan.Zero;
        var workers = Enumerable.Range(0, agents).Select(a => Task.Run(async () =>
        {
            var agentId = FirstAgentId + a;
            var due = wall.Elapsed + interval * ((double)a / agents);
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                if (rate is not null)
                {
                    var wait = due - wall.Elapsed;
                    if (wait > TimeSpan.Zero) await Task.Delay(wait, cancellationToken);
                    due += interval;
                }
                var t0 = Stopwatch.GetTimestamp();
                var number = await queue.NextAsync(agentId, cancellationToken: cancellationToken);
                latencies.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                if (number is null) break;
                await AnswerAsync(factory, number.Value, cancellationToken);
            }
        }, cancellationToken)).ToArray();
        await Task.WhenAll(workers);
        wall.Stop();
        var clientCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        return new Result(engine, agents, rate, LatencyStats.From(latencies), latencies.Count / wall.Elapsed.TotalSeconds,
            wall.Elapsed.TotalSeconds, clientCpu, server?.CpuSeconds() - serverCpu);
    }

    /// <summary>Takes the ticket out of the queue through the domain, as the console does (load, transition, save).</summary>
    private static async Task AnswerAsync(IDbContextFactory<HelpdeskDbContext> factory, long number, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var ticket = await db.Tickets.SingleAsync(t => t.Number == number, cancellationToken);
        ticket.Solve(DateTimeOffset.UtcNow);
        await db.SaveChangesAsync(cancellationToken);
    }
}
