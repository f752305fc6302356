using Helpdesk.Cli.Bench;

namespace Helpdesk.Cli.Commands;

/// <summary>`helpdesk bench`: end-to-end timings of the desk's hot paths (results go to docs/benchmarks.md).</summary>
public sealed class BenchCommand : ICliCommand
{
    public string Name => "bench";

    public string Summary => "Measure a hot path: bench queue (claim latency and throughput)";

    public string Usage => """
        Usage: helpdesk bench queue [--tickets N] [--agents 1,32] [--claims N] [--rate R] [--db FILE | --postgres CONNECTION]

        queue   Next-claim latency (p50/p95/p99/max) and claims per second with 1 and 32 concurrent agents over a
                SQLite database of N tickets (default 1,000,000; written once into a temporary file, or --db FILE, and
                reused on the next run). Each agent loops claim -> answer; only the claim is timed. With several
                agents it runs twice: flat out (saturation) and paced at R claims/s in total (default 1000).
                --postgres runs the same over a PostgreSQL database (e.g. "Host=127.0.0.1;Port=25432;Username=helpdesk;
                Database=bench"), filled once like the SQLite file.
        """;

    public async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var options = CliArgs.Parse(args, flags: [], valued: ["--tickets", "--agents", "--claims", "--db", "--rate", "--postgres"]);
        var what = options.Positional.FirstOrDefault() ?? throw new CliUsageException("say what to measure, e.g. 'helpdesk bench queue'.");
        switch (what)
        {
            case "queue":
                var tickets = options.Value("--tickets") is { } t ? CliArgs.PositiveInt("--tickets", t) : 1_000_000;
                var agents = (options.Value("--agents") ?? "1,32").Split(',').Select(a => CliArgs.PositiveInt("--agents", a)).ToList();
                var claims = options.Value("--claims") is { } c ? CliArgs.PositiveInt("--claims", c) : 20_000;
                await stdout.WriteLineAsync($"bench queue: {tickets:N0} tickets, agents {string.Join(',', agents)}, {claims:N0} claims per run, {Environment.ProcessorCount} cores");
                var rate = options.Value("--rate") is { } rt ? CliArgs.PositiveInt("--rate", rt) : 1000;
                if (options.Value("--db") is not null && options.Value("--postgres") is not null)
                    throw new CliUsageException("give --db FILE (SQLite) or --postgres CONNECTION, not both.");
                await new QueueBenchmark(stdout).RunAsync(options.Value("--db"), tickets, agents, claims, rate, cancellationToken, options.Value("--postgres"));
                return 0;
            default:
                throw new CliUsageException($"unknown benchmark '{what}'.");
        }
    }
}
