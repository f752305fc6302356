using Helpdesk.Benchmarks;

// One benchmark per class; the first argument picks it. Add new ones to the list.
IBenchmark[] benchmarks = [new MimeBenchmark(), new MimeFuzzBenchmark()];

var name = args.Length > 0 ? args[0] : "";
var benchmark = benchmarks.FirstOrDefault(b => b.Name == name);
if (benchmark is null)
{
    Console.Error.WriteLine("Usage: dotnet run -c Release --project tests/Helpdesk.Benchmarks -- NAME [options]");
    foreach (var b in benchmarks)
        Console.Error.WriteLine($"  {b.Name,-10} {b.Description}");
    return 2;
}
return benchmark.Run(args[1..]);
