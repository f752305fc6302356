using System.Globalization;

namespace Helpdesk.Benchmarks;

/// <summary>
/// What console-memory and circuits read of the desk: its managed heap as the desk's own /diagnostics/memory reports it
/// (after a forced full compacting collection) and its resident size from /proc.
/// </summary>
internal static class DeskMemory
{
    /// <summary>The JSON of GET /diagnostics/memory (Admin only).</summary>
    internal sealed record Report(long ManagedHeapBytes, long GcCommittedBytes, long WorkingSetBytes, int ProcessId);

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
