using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using Helpdesk.Mail.Reading;
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
        var dumpLarge = args.Contains("--dump-large"); // keeps up to 40 inputs of 2 MiB or more, for profiling
        var dumpedLarge = 0;
        var trace = args.Contains("--trace"); // writes each message to fuzz-current.eml first, to catch a crash
        var data = Path.Combine(Machine.RepositoryRoot(), "tests", "Helpdesk.Mail.Tests", "TestData");
        var corpus = Directory.GetFiles(data, "*.eml", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToList();
        // --replay N: writes mutant N of the seed to the temp folder and stops. The mutator draws from its own seeded
        // Random only, so mutating 0..N without reading them gives the same input as the full run, in seconds.
        if (Machine.Option(args, "--replay", "") is { Length: > 0 } replay)
            return Replay(corpus, seed, int.Parse(replay, CultureInfo.InvariantCulture));
        // --depths DIR[,DIR...]: the nesting estimate of every HTML body under the folders (for HtmlNesting's bound).
        if (Machine.Option(args, "--depths", "") is { Length: > 0 } folders)
            return Depths(folders.Split(','));
        // --time FILE [--reads N]: thread CPU of reading one (slow) input again, median of N reads after a warm-up.
        if (Machine.Option(args, "--time", "") is { Length: > 0 } timed)
            return Time(corpus, timed, int.Parse(Machine.Option(args, "--reads", "21"), CultureInfo.InvariantCulture));
        Console.WriteLine($"machine: {Machine.Describe()}");
        Console.WriteLine($"date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine($"corpus: {corpus.Count} messages from {data}; {iterations} iterations, seed {seed}, sanitized HTML {(withHtml ? "built" : "not built")}");
        var heapLimit = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        Console.WriteLine($"heap limit: {heapLimit / 1024 / 1024} MiB (set DOTNET_GCHeapHardLimit to make bounded memory a pass/fail fact)");
        // A run started under `taskset -c N` stays on that core. Otherwise the warm-up runs unpinned and only then is
        // the reading thread pinned to --core (default 1): confined to one core from the start, the runtime's tiered
        // JIT never finishes (its background compiler waits behind the reading thread), and the timed mutants then
        // run largely unoptimized code (mutant 17730: 124 ms of CPU so, 61 ms once optimized; docs/benchmarks.md).
        var pinnedByCaller = (OperatingSystem.IsLinux() || OperatingSystem.IsWindows())
            && BitOperations.PopCount((ulong)Process.GetCurrentProcess().ProcessorAffinity) == 1;
        var core = int.Parse(Machine.Option(args, "--core", "1"), CultureInfo.InvariantCulture);
        var warmupSeconds = double.Parse(Machine.Option(args, "--warmup-seconds", "30"), CultureInfo.InvariantCulture);

        // Warm up first, so the slowest-message figure measures the parser and not the JIT. Mutants of another seed
        // too: a rare path's first use (the text-bounce rules' type initializer compiling its regexes: 270 ms once
        // per process) otherwise lands on whichever timed mutant reaches it first.
        var warm = new EmailReader();
        for (var k = 0; k < 3; k++)
            foreach (var m in corpus)
                _ = warm.Read(m).Html;
        var warmMutator = new MailMutator(seed + 1);
        var warmPick = new Random(seed + 1);
        var warmFailures = 0;
        var warmClock = Stopwatch.StartNew();
        var warmMutants = 0;
        for (var k = 0; k < 5_000 || (!pinnedByCaller && warmClock.Elapsed.TotalSeconds < warmupSeconds); k++, warmMutants++)
        {
            try { _ = warm.Read(warmMutator.Mutate(corpus[warmPick.Next(corpus.Count)])).VisibleText; }
            catch (MessageTooLargeException) { }
            catch (Exception e)
            {
                if (++warmFailures <= 5)
                    Console.WriteLine($"warm-up mutant {k} (seed {seed + 1}): {e.GetType().Name}: {e.Message}");
            }
        }
        Console.WriteLine($"warm-up: {warmMutants:N0} mutants of seed {seed + 1} in {warmClock.Elapsed.TotalSeconds:F0} s, {warmFailures} unexpected exceptions");
        if (!pinnedByCaller && (OperatingSystem.IsLinux() || OperatingSystem.IsWindows()))
            Machine.PinToOneCore(core);
        if (OperatingSystem.IsLinux() || OperatingSystem.IsWindows())
            Console.WriteLine($"cpu affinity mask: 0x{(ulong)Process.GetCurrentProcess().ProcessorAffinity:x}{(pinnedByCaller ? " (pinned by the caller for the whole run)" : " (the reading thread, after the warm-up)")}");

        var reader = new EmailReader(new MimeParserOptions { MaxMessageSize = 4 * 1024 * 1024 });
        var mutator = new MailMutator(seed);
        var pick = new Random(seed);
        var unexpected = new Dictionary<string, int>();
        var tooLarge = 0;
        var slowest = TimeSpan.Zero;
        var slowestIteration = -1;
        var over100ms = 0;
        var slowestCpu = 0.0;
        var over100msCpu = 0;
        long mostAllocated = 0;
        var mostAllocatedIteration = -1;
        var mostAllocatedSize = 0;
        long bytes = 0;
        var buckets = SizeBucket.All();
        var gen0 = GC.CollectionCount(0);
        var gen1 = GC.CollectionCount(1);
        var gen2 = GC.CollectionCount(2);
        var pauseBefore = GC.GetTotalPauseDuration();
        var total = Stopwatch.StartNew();
        var watch = new Stopwatch();
        for (var i = 0; i < iterations; i++)
        {
            var message = mutator.Mutate(corpus[pick.Next(corpus.Count)]);
            bytes += message.Length;
            if (trace)
                File.WriteAllBytes(Path.Combine(Path.GetTempPath(), "fuzz-current.eml"), message);
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var gen2Before = GC.CollectionCount(2);
            var cpuBefore = ThreadCpu.Milliseconds();
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
            var cpu = ThreadCpu.Milliseconds() - cpuBefore;
            if (cpu > slowestCpu)
                slowestCpu = cpu;
            if (cpu > 100)
                over100msCpu++;
            var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            if (dumpLarge && message.Length >= 2 * 1024 * 1024 && dumpedLarge++ < 40)
                File.WriteAllBytes(Path.Combine(Path.GetTempPath(), $"fuzz-large-{i}.eml"), message);
            SizeBucket.For(buckets, message.Length).Add(watch.Elapsed.TotalMilliseconds, allocated, GC.CollectionCount(2) - gen2Before);
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
                    Console.WriteLine($"  slow: iteration {i}, {message.Length} bytes, {watch.Elapsed.TotalMilliseconds:F1} ms ({cpu:F1} ms on this thread's CPU clock; the rest is waiting for the core or the GC; gen2 collections during it: {GC.CollectionCount(2) - gen2Before})");
                if (args.Contains("--dump-slow"))
                    File.WriteAllBytes(Path.Combine(Path.GetTempPath(), $"fuzz-slow-{i}.eml"), message);
            }
            if ((i + 1) % progressEvery == 0)
                Console.WriteLine($"  {i + 1} done, most allocated {mostAllocated / 1024 / 1024} MiB at {mostAllocatedIteration}, {total.Elapsed.TotalSeconds:F0} s, slowest {slowest.TotalMilliseconds:F1} ms, working set {Environment.WorkingSet / 1024 / 1024} MiB");
        }
        var process = Process.GetCurrentProcess();
        Console.WriteLine($"gc: gen0 {GC.CollectionCount(0) - gen0}, gen1 {GC.CollectionCount(1) - gen1}, gen2 {GC.CollectionCount(2) - gen2}; total pause {(GC.GetTotalPauseDuration() - pauseBefore).TotalSeconds:F1} s");
        Console.WriteLine("| size | messages | median ms | p99 ms | max ms | over 100 ms | mean allocated | max allocated | gen2 GCs during |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var b in buckets)
            if (b.Count > 0)
                Console.WriteLine(b.Row());
        Console.WriteLine($"iterations: {iterations} in {total.Elapsed.TotalSeconds:F0} s ({iterations / total.Elapsed.TotalSeconds:F0} msg/s, {bytes / 1024.0 / 1024.0:F0} MiB)");
        Console.WriteLine($"unexpected exceptions: {unexpected.Values.Sum()} ({unexpected.Count} kinds); MessageTooLarge: {tooLarge}");
        Console.WriteLine($"slowest message: {slowest.TotalMilliseconds:F1} ms (iteration {slowestIteration}); over 100 ms: {over100ms}");
        Console.WriteLine($"slowest by this thread's CPU clock (waiting for a shared core left out): {slowestCpu:F1} ms; over 100 ms of CPU: {over100msCpu}");
        Console.WriteLine($"most allocated by one message: {mostAllocated / 1024 / 1024} MiB (iteration {mostAllocatedIteration}, {mostAllocatedSize} bytes in)");
        Console.WriteLine($"memory: peak working set {process.PeakWorkingSet64 / 1024 / 1024} MiB, managed heap after GC {GC.GetTotalMemory(true) / 1024 / 1024} MiB");
        if (Machine.Option(args, "--old-reader", "") is { Length: > 0 } oldPath)
            RunOld(MimeOldReader.Load(oldPath), corpus, iterations, seed);
        return unexpected.Count == 0 && warmFailures == 0 && over100ms == 0 ? 0 : 1;
    }

    // The same mutants, in the same order, through the reader before MimeKit: exceptions, slow messages, rate.
    private static int Replay(List<byte[]> corpus, int seed, int iteration)
    {
        var mutator = new MailMutator(seed);
        var pick = new Random(seed);
        byte[] message = [];
        for (var i = 0; i <= iteration; i++)
            message = mutator.Mutate(corpus[pick.Next(corpus.Count)]);
        var path = Path.Combine(Path.GetTempPath(), $"fuzz-replay-{seed}-{iteration}.eml");
        File.WriteAllBytes(path, message);
        Console.WriteLine($"iteration {iteration} of seed {seed}: {message.Length} bytes, written to {path}");
        return 0;
    }

    private static int Depths(string[] folders)
    {
        var reader = new EmailReader(new MimeParserOptions { MaxMessageSize = 4 * 1024 * 1024 });
        var depths = new List<(int Depth, int Tags, string File)>();
        foreach (var file in folders.SelectMany(f => Directory.GetFiles(f, "*.eml", SearchOption.AllDirectories)).Order(StringComparer.Ordinal))
        {
            var bytes = File.ReadAllBytes(file);
            var bodies = new List<string>();
            try
            {
                if (reader.Read(bytes).RawHtml is { } raw)
                    bodies.Add(raw);
                using var stream = new MemoryStream(bytes);
                var message = MimeKit.MimeMessage.Load(stream);
                foreach (var part in message.BodyParts.OfType<MimeKit.TextPart>())
                    if (part.IsHtml)
                        bodies.Add(part.Text);
            }
            catch (Exception e) when (e is MessageTooLargeException or FormatException)
            {
                continue;
            }
            foreach (var html in bodies)
            {
                var scan = HtmlNesting.Measure(HtmlLimits.Cap(html));
                depths.Add((scan.MaxDepth, scan.StartTags, file));
            }
        }
        depths.Sort((a, b) => b.Depth.CompareTo(a.Depth));
        Console.WriteLine($"{depths.Count} HTML bodies in {string.Join(", ", folders)}");
        foreach (var (depth, tags, file) in depths.Take(8))
            Console.WriteLine($"  depth {depth}, {tags} start tags: {file}");
        if (depths.Count > 0)
            Console.WriteLine($"median depth {depths[depths.Count / 2].Depth}, p99 {depths[depths.Count / 100].Depth}, max {depths[0].Depth}; most start tags {depths.Max(d => d.Tags)}");
        return 0;
    }

    private static int Time(List<byte[]> corpus, string path, int reads)
    {
        Console.WriteLine($"machine: {Machine.Describe()}");
        Console.WriteLine($"date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        if ((OperatingSystem.IsLinux() || OperatingSystem.IsWindows()) && BitOperations.PopCount((ulong)Process.GetCurrentProcess().ProcessorAffinity) != 1)
            Machine.PinToOneCore(0);
        var reader = new EmailReader(new MimeParserOptions { MaxMessageSize = 4 * 1024 * 1024 });
        foreach (var m in corpus)
            _ = reader.Read(m).Html;
        var message = File.ReadAllBytes(path);
        var parsed = reader.Read(message);
        var html = parsed.RawHtml;
        Console.WriteLine($"{path}: {message.Length} bytes, HTML {html?.Length ?? 0} chars, text {parsed.Text.Length} chars");
        double Median(Action one)
        {
            one();
            var cpu = new List<double>();
            for (var k = 0; k < reads; k++)
            {
                var before = ThreadCpu.Milliseconds();
                one();
                cpu.Add(ThreadCpu.Milliseconds() - before);
            }
            cpu.Sort();
            return cpu[cpu.Count / 2];
        }
        Console.WriteLine($"EmailReader.Read + VisibleText: median {Median(() => _ = reader.Read(message).VisibleText):F1} ms of thread CPU ({reads} reads)");
        if (html is not null)
        {
            Console.WriteLine($"HtmlToText.Convert alone: median {Median(() => _ = HtmlToText.Convert(html)):F1} ms");
            Console.WriteLine($"HtmlSanitizer.Sanitize alone (the Html property): median {Median(() => _ = HtmlSanitizer.Sanitize(html)):F1} ms");
        }
        return 0;
    }

    private static void RunOld(MimeOldReader old, List<byte[]> corpus, int iterations, int seed)
    {
        foreach (var m in corpus)
            _ = old.VisibleText(old.Read(m));
        var mutator = new MailMutator(seed);
        var pick = new Random(seed);
        var exceptions = new Dictionary<string, int>();
        var over100ms = 0;
        var slowest = 0.0;
        var total = Stopwatch.StartNew();
        var watch = new Stopwatch();
        for (var i = 0; i < iterations; i++)
        {
            var message = mutator.Mutate(corpus[pick.Next(corpus.Count)]);
            watch.Restart();
            try
            {
                _ = old.VisibleText(old.Read(message));
            }
            catch (Exception e)
            {
                var name = (e is System.Reflection.TargetInvocationException { InnerException: { } inner } ? inner : e).GetType().Name;
                exceptions[name] = exceptions.GetValueOrDefault(name) + 1;
            }
            watch.Stop();
            slowest = Math.Max(slowest, watch.Elapsed.TotalMilliseconds);
            if (watch.Elapsed.TotalMilliseconds > 100)
                over100ms++;
        }
        Console.WriteLine($"old reader, same mutants: {iterations / total.Elapsed.TotalSeconds:F0} msg/s; exceptions: "
            + (exceptions.Count == 0 ? "none" : string.Join(", ", exceptions.Select(e => $"{e.Key} {e.Value}")))
            + $"; slowest {slowest:F1} ms; over 100 ms: {over100ms}");
    }
}

/// <summary>Timings of the messages of one input-size range, so the tail of the large mutants is visible on its own.</summary>
internal sealed class SizeBucket(string label, int upTo)
{
    private readonly List<float> _milliseconds = [];
    private long _allocated;
    private long _maxAllocated;
    private int _gen2;

    public string Label { get; } = label;
    public int UpTo { get; } = upTo;
    public int Count => _milliseconds.Count;

    public static SizeBucket[] All() =>
    [
        new("< 16 KiB", 16 * 1024), new("16-256 KiB", 256 * 1024), new("256 KiB-1 MiB", 1024 * 1024),
        new("1-2 MiB", 2 * 1024 * 1024), new("2-3 MiB", int.MaxValue),
    ];

    public static SizeBucket For(SizeBucket[] buckets, int size)
    {
        foreach (var b in buckets)
            if (size < b.UpTo)
                return b;
        return buckets[^1];
    }

    public void Add(double milliseconds, long allocated, int gen2Collections)
    {
        _milliseconds.Add((float)milliseconds);
        _allocated += allocated;
        _maxAllocated = Math.Max(_maxAllocated, allocated);
        _gen2 += gen2Collections;
    }

    public string Row()
    {
        var sorted = _milliseconds.ToArray();
        Array.Sort(sorted);
        float At(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        var firstOver = Array.FindIndex(sorted, t => t > 100);
        var over = firstOver < 0 ? 0 : sorted.Length - firstOver;
        return string.Create(CultureInfo.InvariantCulture,
            $"| {Label} | {Count:N0} | {At(0.5):F2} | {At(0.99):F2} | {sorted[^1]:F1} | {over} | {_allocated / Count / 1024.0 / 1024.0:F1} MiB | {_maxAllocated / 1024.0 / 1024.0:F0} MiB | {_gen2} |");
    }
}

/// <summary>CPU time of the calling thread (Linux), to tell parser work from time spent waiting for a shared core.</summary>
internal static class ThreadCpu
{
    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code enabled for the whole benchmark project
    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec value);
#pragma warning restore SYSLIB1054

    public static double Milliseconds()
    {
        if (!OperatingSystem.IsLinux())
            return double.NaN;
        return ClockGetTime(3 /* CLOCK_THREAD_CPUTIME_ID */, out var t) == 0 ? t.Seconds * 1000.0 + t.Nanoseconds / 1e6 : double.NaN;
    }
}
