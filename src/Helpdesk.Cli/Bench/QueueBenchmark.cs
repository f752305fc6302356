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
    public sealed record Result(int Agents, LatencyStats Latency, double ClaimsPerSecond);

    public async Task<IReadOnlyList<Result>> RunAsync(string? databaseFile, int tickets, IReadOnlyList<int> agentCounts,
        int claimsPerRun, CancellationToken cancellationToken)
    {
        var file = databaseFile ?? Path.Combine(Path.GetTempPath(), $"helpdesk-bench-queue-{tickets}.db");
        using var host = await CliHost.StartAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Helpdesk"] = $"Data Source={file}",
            ["Helpdesk:Demo:Mode"] = "Off",
        }, cancellationToken: cancellationToken);
        var factory = host.Services.GetRequiredService<IDbContextFactory<HelpdeskDbContext>>();
        await EnsureTicketsAsync(factory, tickets, cancellationToken);
        var queue = host.Services.GetRequiredService<TicketQueue>();

        var results = new List<Result>();
        foreach (var agents in agentCounts)
        {
            await RunOnceAsync(queue, factory, agents, Math.Min(500, claimsPerRun / 10), cancellationToken); // warm-up
            var result = await RunOnceAsync(queue, factory, agents, claimsPerRun, cancellationToken);
            output.WriteLine($"agents={agents,3}  claims={result.Latency.Count,6}  p50={result.Latency.P50,7:F2} ms  p95={result.Latency.P95,7:F2} ms  " +
                             $"p99={result.Latency.P99,7:F2} ms  max={result.Latency.Max,7:F2} ms  claims/s={result.ClaimsPerSecond,8:F0}");
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

    private static async Task<Result> RunOnceAsync(TicketQueue queue, IDbContextFactory<HelpdeskDbContext> factory, int agents,
        int claims, CancellationToken cancellationToken)
    {
        var latencies = new ConcurrentBag<double>();
        var remaining = claims;
        var wall = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, agents).Select(a => Task.Run(async () =>
        {
            var agentId = 1_000_000 + a;
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                var t0 = Stopwatch.GetTimestamp();
                var number = await queue.NextAsync(agentId, cancellationToken: cancellationToken);
                latencies.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                if (number is null) break;
                await AnswerAsync(factory, number.Value, cancellationToken);
            }
        }, cancellationToken)).ToArray();
        await Task.WhenAll(workers);
        wall.Stop();
        return new Result(agents, LatencyStats.From(latencies), latencies.Count / wall.Elapsed.TotalSeconds);
    }

    /// <summary>Moves the ticket out of the queue as a reply would (status Pending, claim cleared).</summary>
    private static async Task AnswerAsync(IDbContextFactory<HelpdeskDbContext> factory, long number, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.Tickets.Where(t => t.Number == number)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, Core.Tickets.TicketStatus.Pending)
                .SetProperty(t => t.ClaimedBy, (long?)null).SetProperty(t => t.ClaimExpiresAt, (DateTimeOffset?)null), cancellationToken);
    }
}
