using System.Globalization;

namespace Helpdesk.Drill.Report;

/// <summary>CPU seconds and resident memory of a process and all its children, read from /proc (Linux).</summary>
public static class ProcessUsage
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux
    private static readonly long PageSize = Environment.SystemPageSize;

    public readonly record struct Usage(double CpuSeconds, double RssMegabytes, int Processes);

    /// <summary>The process tree under <paramref name="root"/>; zeros when /proc is not there or the process is gone.</summary>
    public static Usage Tree(int root) => Split(root, _ => false).Own;

    /// <summary>
    /// The process tree under <paramref name="root"/> in two parts: the subtrees of its direct children whose program (the
    /// first word of the command line) <paramref name="apart"/> picks (the Playwright driver and the Chromium it starts),
    /// and the rest.
    /// </summary>
    public static (Usage Own, Usage Apart) Split(int root, Func<string, bool> apart)
    {
        if (!Directory.Exists("/proc")) return default;
        var parents = new Dictionary<int, int>();
        var stats = new Dictionary<int, (double Cpu, double Rss)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            string text;
            try { text = File.ReadAllText(Path.Combine(dir, "stat")); }
            catch (IOException) { continue; }
            catch (UnauthorizedAccessException) { continue; }
            // The command name may hold spaces and parentheses: fields start after the last ')'.
            var close = text.LastIndexOf(')');
            if (close < 0) continue;
            var f = text[(close + 2)..].Split(' ');
            if (f.Length < 22) continue;
            parents[pid] = int.Parse(f[1], CultureInfo.InvariantCulture);
            var cpu = (double.Parse(f[11], CultureInfo.InvariantCulture) + double.Parse(f[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
            var rss = double.Parse(f[21], CultureInfo.InvariantCulture) * PageSize / (1024.0 * 1024);
            stats[pid] = (cpu, rss);
        }
        if (!stats.ContainsKey(root)) return default;
        var children = parents.GroupBy(p => p.Value).ToDictionary(g => g.Key, g => g.Select(p => p.Key).ToList());
        Usage Sum(IEnumerable<int> tops)
        {
            double total = 0, memory = 0;
            var count = 0;
            var stack = new Stack<int>(tops);
            while (stack.Count > 0)
            {
                var pid = stack.Pop();
                if (stats.TryGetValue(pid, out var s))
                {
                    total += s.Cpu;
                    memory += s.Rss;
                    count++;
                }
                if (children.TryGetValue(pid, out var kids)) foreach (var k in kids) stack.Push(k);
            }
            return new Usage(total, memory, count);
        }
        var direct = children.GetValueOrDefault(root) ?? [];
        var away = direct.Where(c => apart(Program(c))).ToList();
        var whole = Sum([root]);
        var other = Sum(away);
        return (new Usage(whole.CpuSeconds - other.CpuSeconds, whole.RssMegabytes - other.RssMegabytes, whole.Processes - other.Processes), other);
    }

    /// <summary>The program a process runs (the first word of /proc/PID/cmdline), or "" when it is gone.</summary>
    private static string Program(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/cmdline").Split('\0')[0]; }
        catch (IOException) { return ""; }
        catch (UnauthorizedAccessException) { return ""; }
    }

    /// <summary>
    /// The pid written in a pid file, or null. Read by `cat`: Postfix holds an exclusive lock on master.pid, and
    /// .NET's own open takes a shared lock on Unix, which that refuses.
    /// </summary>
    public static int? FromPidFile(string path)
    {
        if (!File.Exists(path)) return null;
        try
        {
            var start = new System.Diagnostics.ProcessStartInfo("cat", [path]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = System.Diagnostics.Process.Start(start)!;
            var text = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (System.ComponentModel.Win32Exception) { return null; }
    }
}
