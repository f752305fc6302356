using System.Diagnostics;

namespace Helpdesk.Benchmarks;

internal static class Machine
{
    /// <summary>"nproc N, CPU model" as the results file records it.</summary>
    public static string Describe()
    {
        var model = "unknown CPU";
        try
        {
            model = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? model;
        }
        catch (IOException)
        {
        }
        return $"nproc {Environment.ProcessorCount}, {model}, .NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}";
    }

    /// <summary>Keeps this process on one CPU so "per core" means what it says.</summary>
    public static void PinToOneCore(int core)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsWindows())
            return;
        try
        {
            Process.GetCurrentProcess().ProcessorAffinity = (IntPtr)(1L << core);
        }
        catch (Exception e) when (e is PlatformNotSupportedException or System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            Console.Error.WriteLine($"could not pin to core {core}: {e.Message}");
        }
    }

    public static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    public static string Option(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }

    /// <summary>The repository root (the folder with Helpdesk.sln), from the working directory up.</summary>
    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(Directory.GetCurrentDirectory());
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Helpdesk.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }
}
