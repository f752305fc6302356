using System.Globalization;
using System.Text.Json;

namespace Helpdesk.Benchmarks;

/// <summary>
/// What console-memory and circuits read of the desk: its managed heap as the desk's own /diagnostics/memory reports it
/// (after a forced full compacting collection) and its resident size from /proc.
/// </summary>
internal static class DeskMemory
{
    /// <summary>The JSON of GET /diagnostics/memory (Admin only).</summary>
    internal sealed record Report(long ManagedHeapBytes, long GcCommittedBytes, long WorkingSetBytes, int ProcessId);

    /// <summary>The desk's memory at one moment: resident set and the heap report.</summary>
    internal sealed record Sample(long Rss, Report Heap);

    /// <summary>
    /// After <paramref name="settle"/>, the desk's report (<paramref name="readReport"/> returns GET /diagnostics/memory's
    /// JSON, read as an Admin), then its RSS two seconds later: the forced collection returns freed pages to the OS lazily.
    /// </summary>
    internal static async Task<Sample> MeasureAsync(TimeSpan settle, Func<Task<string>> readReport, int pid)
    {
        await Task.Delay(settle);
        var heap = JsonSerializer.Deserialize<Report>(await readReport(), Web) ?? throw new InvalidOperationException("no memory report");
        await Task.Delay(TimeSpan.FromSeconds(2));
        return new Sample(RssBytes(pid), heap);
    }

    /// <summary>The three lines both memory commands print: RSS, managed heap and GC committed, before → after, per circuit.</summary>
    internal static void PrintPerCircuit(Sample before, Sample after, int circuits)
    {
        double PerCircuitKb(long b, long a) => (a - b) / 1024.0 / circuits;
        Console.WriteLine(FormattableString.Invariant(
            $"RSS: {before.Rss / 1048576.0:0.0} MiB -> {after.Rss / 1048576.0:0.0} MiB, {PerCircuitKb(before.Rss, after.Rss):0} KiB per circuit"));
        Console.WriteLine(FormattableString.Invariant(
            $"managed heap after full GC: {before.Heap.ManagedHeapBytes / 1048576.0:0.0} MiB -> {after.Heap.ManagedHeapBytes / 1048576.0:0.0} MiB, {PerCircuitKb(before.Heap.ManagedHeapBytes, after.Heap.ManagedHeapBytes):0} KiB per circuit"));
        Console.WriteLine(FormattableString.Invariant(
            $"GC committed: {before.Heap.GcCommittedBytes / 1048576.0:0.0} MiB -> {after.Heap.GcCommittedBytes / 1048576.0:0.0} MiB"));
    }

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>The desk process's resident set in bytes (VmRSS of /proc/PID/status).</summary>
    internal static long RssBytes(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException($"no VmRSS in /proc/{pid}/status");
    }
}
