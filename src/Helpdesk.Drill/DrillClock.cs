using System.Diagnostics;

namespace Helpdesk.Drill;

/// <summary>Real time since the drill started, and the simulated week time it stands for.</summary>
public sealed class DrillClock(TimeSpan day)
{
    private readonly Stopwatch _watch = Stopwatch.StartNew();

    public TimeSpan Day { get; } = day;

    public void Restart() => _watch.Restart();

    public TimeSpan Elapsed => _watch.Elapsed;

    public TimeSpan Simulated => ToSimulated(_watch.Elapsed);

    public TimeSpan ToSimulated(TimeSpan real) => TimeSpan.FromHours(real / Day * 24);

    public TimeSpan ToReal(TimeSpan simulated) => Day * (simulated.TotalHours / 24);
}

/// <summary>Timed observations (real seconds since start, value) gathered from many threads.</summary>
public sealed class Observations
{
    private readonly List<(double At, double Value)> _items = [];

    public void Add(double at, double value)
    {
        lock (_items) _items.Add((at, value));
    }

    public List<(double At, double Value)> Snapshot()
    {
        lock (_items) return [.. _items];
    }

    public int Count
    {
        get { lock (_items) return _items.Count; }
    }

    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
