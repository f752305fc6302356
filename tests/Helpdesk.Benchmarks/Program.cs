using Helpdesk.Benchmarks;

// One entry per benchmark; each lives in its own file.
var benchmarks = new Dictionary<string, Func<string[], Task<int>>>(StringComparer.OrdinalIgnoreCase)
{
    ["authenticity"] = AuthenticityBenchmark.RunAsync,
    ["bulk"] = BulkBenchmark.RunAsync,
    ["classifier"] = a => ClassifierBenchmark.RunAsync(a, CancellationToken.None),
    ["classifier-lab"] = ClassifierLab.RunAsync,
    ["classifier-embed"] = ClassifierEmbedLab.RunAsync,
    ["dashboard"] = DashboardBenchmark.RunAsync,
    ["drill"] = DrillBenchmark.RunAsync,
    ["security-page"] = SecurityPageBenchmark.RunAsync,
    ["console"] = ConsoleBenchmark.RunAsync,
    ["console-memory"] = ConsoleMemoryBenchmark.RunAsync,
    ["circuits"] = CircuitsBenchmark.RunAsync,
    ["fuzz"] = MimeFuzzBenchmark.RunAsync,
    ["imap"] = ImapFetchBenchmark.RunAsync,
    ["intake"] = IntakeBenchmark.RunAsync,
    ["intake-latency"] = IntakeLatencyBenchmark.RunAsync,
    ["machine-mail"] = MachineMailBenchmark.RunAsync,
    ["mime"] = MimeBenchmark.RunAsync,
    ["outbox"] = OutboxBenchmark.RunAsync,
    ["words"] = WordsBenchmark.RunAsync,
};

if (args.Length == 0 || !benchmarks.TryGetValue(args[0], out var run))
{
    Console.Error.WriteLine($"usage: dotnet run -c Release --project tests/Helpdesk.Benchmarks -- <{string.Join('|', benchmarks.Keys)}> [options]");
    return 2;
}

return await run(args[1..]);
