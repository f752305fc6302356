using System.Diagnostics;
using System.Globalization;
using Helpdesk.Mail.Mime;
using Helpdesk.Mail.Tests.Fuzz;

namespace Helpdesk.Benchmarks;

/// <summary>
/// The long fuzz run: mutated golden and RFC messages (1,000,000 by default), reporting unexpected exceptions,
/// the slowest message and memory. Seeded: a failure replays with the same --seed.
/// </summary>
internal static class MimeFuzzBenchmark
{
    public static Task<int> RunAsync(string[] args) => Task.FromResult(Run(args));

    private static int Run(string[] args)
    {
        var iterations = int.Parse(Machine.Option(args, "--iterations", "1000000"), CultureInfo.InvariantCulture);
        var seed = int.Parse(Machine.Option(args, "--seed", "20261122"), CultureInfo.InvariantCulture);
        var withHtml = args.Contains("--html");
        var progressEvery = int.Parse(Machine.Option(args, "--progress", "100000"), CultureInfo.InvariantCulture);
        var trace = args.Contains("--trace"); // writes each message to fuzz-current.eml first, to catch a crash
        var data = Path.Combine(Machine.RepositoryRoot(), "tests", "Helpdesk.Mail.Tests", "TestData");
        var corpus = Directory.GetFiles(data, "*.eml", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToList();
        Console.WriteLine($"machine: {Machine.Describe()}");
        Console.WriteLine($"date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine($"corpus: {corpus.Count} messages from {data}; {iterations} iterations, seed {seed}, sanitized HTML {(withHtml ? "built" : "not built")}");
        var heapLimit = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        Console.WriteLine($"heap limit: {heapLimit / 1024 / 1024} MiB (set DOTNET_GCHeapHardLimit to make bounded memory a pass/fail fact)");
        Machine.PinToOneCore(0);

        // Warm up first, so the slowest-message figure measures the parser and not the JIT.
        var warm = new EmailReader();
        for (var k = 0; k < 3; k++)
            foreach (var m in corpus)
                _ = warm.Read(m).Html;

        var reader = new EmailReader(new MimeParserOptions { MaxMessageSize = 4 * 1024 * 1024 });
        var mutator = new MailMutator(seed);
        var pick = new Random(seed);
        var unexpected = new Dictionary<string, int>();
        var tooLarge = 0;
        var slowest = TimeSpan.Zero;
        var slowestIteration = -1;
        var over100ms = 0;
        long mostAllocated = 0;
        var mostAllocatedIteration = -1;
        var mostAllocatedSize = 0;
        long bytes = 0;
        var total = Stopwatch.StartNew();
        var watch = new Stopwatch();
        for (var i = 0; i < iterations; i++)
        {
            var message = mutator.Mutate(corpus[pick.Next(corpus.Count)]);
            bytes += message.Length;
            if (trace)
                File.WriteAllBytes(Path.Combine(Path.GetTempPath(), "fuzz-current.eml"), message);
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            watch.Restart();
            try
            {
                var e = reader.Read(message);
                _ = e.VisibleText;
                if (withHtml)
                    _ = e.Html;
            }
            catch (MessageTooLargeException)
            {
                tooLarge++;
            }
            catch (Exception e)
            {
                var key = e.GetType().Name + ": " + e.Message;
                if (!unexpected.ContainsKey(key))
                    Console.WriteLine($"iteration {i}: {e}");
                unexpected[key] = unexpected.GetValueOrDefault(key) + 1;
            }
            watch.Stop();
            var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            if (allocated > mostAllocated)
            {
                mostAllocated = allocated;
                mostAllocatedIteration = i;
                mostAllocatedSize = message.Length;
                if (trace)
                    File.WriteAllBytes(Path.Combine(Path.GetTempPath(), "fuzz-most-allocated.eml"), message);
            }
            if (watch.Elapsed > slowest)
            {
                slowest = watch.Elapsed;
                slowestIteration = i;
            }
            if (watch.Elapsed.TotalMilliseconds > 100)
            {
                over100ms++;
                if (over100ms <= 20)
                    Console.WriteLine($"  slow: iteration {i}, {message.Length} bytes, {watch.Elapsed.TotalMilliseconds:F1} ms");
                if (args.Contains("--dump-slow"))
                    File.WriteAllBytes(Path.Combine(Path.GetTempPath(), $"fuzz-slow-{i}.eml"), message);
            }
            if ((i + 1) % progressEvery == 0)
                Console.WriteLine($"  {i + 1} done, most allocated {mostAllocated / 1024 / 1024} MiB at {mostAllocatedIteration}, {total.Elapsed.TotalSeconds:F0} s, slowest {slowest.TotalMilliseconds:F1} ms, working set {Environment.WorkingSet / 1024 / 1024} MiB");
        }
        var process = Process.GetCurrentProcess();
        Console.WriteLine($"iterations: {iterations} in {total.Elapsed.TotalSeconds:F0} s ({iterations / total.Elapsed.TotalSeconds:F0} msg/s, {bytes / 1024.0 / 1024.0:F0} MiB)");
        Console.WriteLine($"unexpected exceptions: {unexpected.Values.Sum()} ({unexpected.Count} kinds); MessageTooLarge: {tooLarge}");
        Console.WriteLine($"slowest message: {slowest.TotalMilliseconds:F1} ms (iteration {slowestIteration}); over 100 ms: {over100ms}");
        Console.WriteLine($"most allocated by one message: {mostAllocated / 1024 / 1024} MiB (iteration {mostAllocatedIteration}, {mostAllocatedSize} bytes in)");
        Console.WriteLine($"memory: peak working set {process.PeakWorkingSet64 / 1024 / 1024} MiB, managed heap after GC {GC.GetTotalMemory(true) / 1024 / 1024} MiB");
        return unexpected.Count == 0 && over100ms == 0 ? 0 : 1;
    }
}
