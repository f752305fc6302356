using System.Collections.Concurrent;
using System.Diagnostics;
using Helpdesk.Core.Data;
using Helpdesk.Core.Demo;
using Helpdesk.Core.Queue;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Helpdesk.Cli.Bench;

/// <summary>
/// `Next` claim latency and throughput over a large queue: N agents each loop claim → answer (the answer is a write
/// that competes for the same database, as it does in real use; only the claim is timed).
/// </summary>
public sealed class QueueBenchmark(TextWriter output)
{
    public sealed record Result(int Agents, double? PacedRate, LatencyStats Latency, double ClaimsPerSecond);

    public async Task<IReadOnlyList<Result>> RunAsync(string? databaseFile, int tickets, IReadOnlyList<int> agentCounts,
        int claimsPerRun, double? pacedRate, CancellationToken cancellationToken, string? postgres = null)
    {
        var file = databaseFile ?? Path.Combine(Path.GetTempPath(), $"helpdesk-bench-queue-{tickets}.db");
        using var host = await CliHost.StartAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Helpdesk"] = postgres ?? $"Data Source={file}",
            ["Helpdesk:Database:Provider"] = postgres is null ? "Sqlite" : "Postgres",
            ["Helpdesk:Demo:Mode"] = "Off",
        }, cancellationToken: cancellationToken);
        output.WriteLine($"database: {(postgres is null ? "SQLite " + file : "PostgreSQL")}");
        var factory = host.Services.GetRequiredService<IDbContextFactory<HelpdeskDbContext>>();
        await EnsureTicketsAsync(factory, tickets, cancellationToken);
        var queue = host.Services.GetRequiredService<TicketQueue>();

        var results = new List<Result>();
        await RunOnceAsync(queue, factory, 4, Math.Min(1000, claimsPerRun / 10), null, cancellationToken); // warm-up
        foreach (var agents in agentCounts)
        foreach (var rate in pacedRate is { } r && agents > 1 ? new double?[] { null, r } : [null])
        {
            var result = await RunOnceAsync(queue, factory, agents, claimsPerRun, rate, cancellationToken);
            var mode = rate is null ? "flat out" : $"paced {rate:F0}/s";
            output.WriteLine($"agents={agents,3}  {mode,-14} claims={result.Latency.Count,6}  p50={result.Latency.P50,6:F2} ms  p95={result.Latency.P95,6:F2} ms  " +
                             $"p99={result.Latency.P99,6:F2} ms  max={result.Latency.Max,7:F2} ms  claims/s={result.ClaimsPerSecond,6:F0}");
            results.Add(result);
        }
        return results;
    }

    private async Task EnsureTicketsAsync(IDbContextFactory<HelpdeskDbContext> factory, int tickets, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var queued = await db.Tickets.CountAsync(t => t.Status == Core.Tickets.TicketStatus.New, cancellationToken);
        var total = await db.Tickets.CountAsync(cancellationToken);
        if (total >= tickets && queued > 100_000)
        {
            output.WriteLine($"database: {total:N0} tickets, {queued:N0} queued (reused)");
            return;
        }
        var clock = Stopwatch.StartNew();
        await SyntheticSurge.WriteAsync(db, tickets - total, TimeSpan.FromDays(3), DateTimeOffset.UtcNow, 42, cancellationToken: cancellationToken);
        output.WriteLine($"database: wrote {tickets - total:N0} tickets in {clock.Elapsed.TotalSeconds:F0} s");
    }

    /// <summary>
    /// Flat out (rate null): every agent claims again the moment it has answered, which measures the most the queue
    /// can do and the queueing delay at saturation. Paced: the agents together claim at a fixed rate, as people with
    /// reading time do, which measures the latency an agent feels at that load.
    /// </summary>
    private static async Task<Result> RunOnceAsync(TicketQueue queue, IDbContextFactory<HelpdeskDbContext> factory, int agents,
        int claims, double? rate, CancellationToken cancellationToken)
    {
        var latencies = new ConcurrentBag<double>();
        var remaining = claims;
        var wall = Stopwatch.StartNew();
        var interval = rate is { } r ? TimeSpan.FromSeconds(agents / r) : TimeSpan.Zero;
        var workers = Enumerable.Range(0, agents).Select(a => Task.Run(async () =>
        {
            var agentId = 1_000_000 + a;
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
        return new Result(agents, rate, LatencyStats.From(latencies), latencies.Count / wall.Elapsed.TotalSeconds);
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
