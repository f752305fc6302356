namespace Helpdesk.Cli.Bench;

/// <summary>Percentiles of a set of latencies (milliseconds), nearest-rank.</summary>
public sealed record LatencyStats(int Count, double P50, double P95, double P99, double Max)
{
    public static LatencyStats From(IReadOnlyCollection<double> samples)
    {
        if (samples.Count == 0) return new LatencyStats(0, 0, 0, 0, 0);
        var sorted = samples.Order().ToArray();
        double At(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new LatencyStats(sorted.Length, At(0.50), At(0.95), At(0.99), sorted[^1]);
    }
}
