namespace Helpdesk.Benchmarks;

/// <summary>Dispatches to one benchmark by name; each benchmark lives in its own file.</summary>
public static class Program
{
    private static readonly Dictionary<string, Func<string[], CancellationToken, Task<int>>> Benchmarks = new(StringComparer.Ordinal)
    {
        ["classifier"] = ClassifierBenchmark.RunAsync,
    };

    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || !Benchmarks.TryGetValue(args[0], out var run))
        {
            Console.Error.WriteLine($"usage: dotnet run -c Release --project tests/Helpdesk.Benchmarks -- <{string.Join('|', Benchmarks.Keys)}> [options]");
            return 2;
        }

        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        return await run(args[1..], cancellation.Token).ConfigureAwait(false);
    }
}
