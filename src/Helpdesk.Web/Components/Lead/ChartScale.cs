using System.Globalization;

namespace Helpdesk.Web.Components.Lead;

/// <summary>Axis arithmetic for the dashboard's SVG charts: round tick steps so the axis reads 0, 50, 100, not 0, 47, 94.</summary>
public static class ChartScale
{
    /// <summary>A step of 1, 2 or 5 times a power of ten giving at most <paramref name="maxTicks"/> steps up to <paramref name="max"/>.</summary>
    public static int Step(int max, int maxTicks = 5)
    {
        if (max <= 0) return 1;
        var raw = (double)max / maxTicks;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        foreach (var m in new[] { 1, 2, 5, 10 })
            if (m * magnitude >= raw) return Math.Max(1, (int)(m * magnitude));
        return Math.Max(1, (int)(10 * magnitude));
    }

    /// <summary>The axis top: the first multiple of the step at or above the largest value (at least one step).</summary>
    public static int Top(int max, int step) => Math.Max(step, (max + step - 1) / step * step);

    public static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
}
