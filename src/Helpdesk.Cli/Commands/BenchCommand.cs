using Helpdesk.Cli.Bench;

namespace Helpdesk.Cli.Commands;

/// <summary>`helpdesk bench`: end-to-end timings of the desk's hot paths (results go to docs/benchmarks.md).</summary>
public sealed class BenchCommand : ICliCommand
{
    public string Name => "bench";

    public string Summary => "Measure a hot path: bench queue (claim latency and throughput)";

    public string Usage => """
        Usage: helpdesk bench queue [--tickets N] [--agents 1,32,500] [--claims N] [--rate R] [--repeat K]
                                    [--engines sqlite,postgres] [--db FILE] [--postgres CONNECTION]

        queue   Next-claim latency (p50/p95/p99/max) and claims per second with each number of concurrent agents
                (default 1,32) over a database of N tickets (default 1,000,000; written once, then reused while it
                still has a queue). Each agent loops claim -> answer; only the claim is timed. With several agents it
                runs twice: flat out (saturation) and paced at R claims/s in total (default 1000). --repeat runs the
                whole set K times; the closing table gives the median of each figure.
                --engines says which engines to run, one after the other in this one command (default: sqlite, or
                postgres when only --postgres is given). SQLite uses --db FILE (default a file in the temp folder);
                PostgreSQL uses --postgres, e.g. "Host=127.0.0.1;Port=25432;Username=helpdesk;Database=bench" (the
                database is created when missing; the pool is sized for the agents).
        """;

    public async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var options = CliArgs.Parse(args, flags: [], valued: ["--tickets", "--agents", "--claims", "--db", "--rate", "--postgres", "--engines", "--repeat"]);
        var what = options.Positional.FirstOrDefault() ?? throw new CliUsageException("say what to measure, e.g. 'helpdesk bench queue'.");
        switch (what)
        {
            case "queue":
                var tickets = options.Value("--tickets") is { } t ? CliArgs.PositiveInt("--tickets", t) : 1_000_000;
                var agents = (options.Value("--agents") ?? "1,32").Split(',').Select(a => CliArgs.PositiveInt("--agents", a)).ToList();
                var claims = options.Value("--claims") is { } c ? CliArgs.PositiveInt("--claims", c) : 20_000;
                var rate = options.Value("--rate") is { } rt ? CliArgs.PositiveInt("--rate", rt) : 1000;
                var repeat = options.Value("--repeat") is { } rp ? CliArgs.PositiveInt("--repeat", rp) : 1;
                var postgres = options.Value("--postgres");
                var engines = Engines(options.Value("--engines"), postgres);
                if (engines.Contains("postgres") && postgres is null)
                    throw new CliUsageException("--engines postgres needs --postgres CONNECTION.");
                await stdout.WriteLineAsync($"bench queue: {tickets:N0} tickets, agents {string.Join(',', agents)}, {claims:N0} claims per run, " +
                                            $"{repeat} round(s), engines {string.Join(',', engines)}, {Environment.ProcessorCount} cores, load {LoadAverage()}");
                var plan = new QueueBenchmark.Plan(tickets, agents, claims, rate, repeat);
                var bench = new QueueBenchmark(stdout);
                var results = new List<QueueBenchmark.Result>();
                foreach (var engine in engines)
                    results.AddRange(await bench.RunAsync(options.Value("--db"), plan, cancellationToken, engine == "postgres" ? postgres : null));
                QueueBenchmark.WriteTable(stdout, results);
                await stdout.WriteLineAsync($"load at the end: {LoadAverage()}");
                return 0;
            default:
                throw new CliUsageException($"unknown benchmark '{what}'.");
        }
    }

    private static List<string> Engines(string? list, string? postgres)
    {
        if (list is null) return [postgres is null ? "sqlite" : "postgres"];
        var engines = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(e => e.ToLowerInvariant()).Distinct().ToList();
        if (engines.Count == 0 || engines.Any(e => e is not ("sqlite" or "postgres")))
            throw new CliUsageException($"--engines takes sqlite, postgres or both (comma-separated), not '{list}'.");
        return engines;
    }

    /// <summary>The 1, 5 and 15 minute load averages, recorded with every run (the machine is shared).</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
