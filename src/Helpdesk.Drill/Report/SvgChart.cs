using System.Globalization;
using System.Net;
using System.Text;

namespace Helpdesk.Drill.Report;

/// <summary>One line of a chart: its name, colour and (x, y) points.</summary>
public sealed record ChartSeries(string Name, string Color, IReadOnlyList<(double X, double Y)> Points);

/// <summary>
/// Line and stacked-area charts as inline SVG: no script, no external file, so the report opens anywhere and a
/// browser test can check what was drawn (each series is a path with a data-series attribute).
/// </summary>
public static class SvgChart
{
    private const int Width = 760, Height = 260, Left = 60, Right = 16, Top = 30, Bottom = 40;

    public static string Lines(string id, string title, string xLabel, string yLabel, IReadOnlyList<ChartSeries> series) => Draw(id, title, xLabel, yLabel, series, stacked: false);

    /// <summary>Series drawn on top of each other (the backlog by age): each band is the area between its running sums.</summary>
    public static string Stacked(string id, string title, string xLabel, string yLabel, IReadOnlyList<ChartSeries> series) => Draw(id, title, xLabel, yLabel, series, stacked: true);

    private static string Draw(string id, string title, string xLabel, string yLabel, IReadOnlyList<ChartSeries> series, bool stacked)
    {
        var all = series.SelectMany(s => s.Points).ToList();
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<figure class=\"chart\" id=\"{id}\"><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" role=\"img\" aria-label=\"{E(title)}\">");
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"18\" class=\"title\">{E(title)}</text>");
        if (all.Count == 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width / 2}\" y=\"{Height / 2}\" class=\"empty\">no data</text></svg></figure>");
            return sb.ToString();
        }
        var xMin = all.Min(p => p.X);
        var xMax = Math.Max(xMin + 1e-9, all.Max(p => p.X));
        double yMax;
        List<List<(double X, double Y)>> tops = [];
        if (stacked)
        {
            var xs = series[0].Points.Select(p => p.X).ToList();
            var running = new double[xs.Count];
            foreach (var s in series)
            {
                for (var i = 0; i < xs.Count && i < s.Points.Count; i++) running[i] += s.Points[i].Y;
                tops.Add(xs.Select((x, i) => (x, running[i])).ToList());
            }
            yMax = running.DefaultIfEmpty(0).Max();
        }
        else yMax = all.Max(p => p.Y);
        yMax = Nice(Math.Max(yMax, 1e-9));
        double Px(double x) => Left + (x - xMin) / (xMax - xMin) * (Width - Left - Right);
        double Py(double y) => Height - Bottom - y / yMax * (Height - Top - Bottom);
        // Axes with five ticks each.
        sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width - Right}\" y2=\"{Height - Bottom}\" class=\"axis\"/>");
        sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Height - Bottom}\" class=\"axis\"/>");
        for (var i = 0; i <= 4; i++)
        {
            var y = yMax * i / 4;
            var x = xMin + (xMax - xMin) * i / 4;
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{F(Py(y))}\" x2=\"{Width - Right}\" y2=\"{F(Py(y))}\" class=\"grid\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{F(Py(y) + 4)}\" class=\"ytick\">{Short(y)}</text>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(Px(x))}\" y=\"{Height - Bottom + 16}\" class=\"xtick\">{Short(x)}</text>");
        }
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{(Left + Width - Right) / 2}\" y=\"{Height - 6}\" class=\"xlabel\">{E(xLabel)}</text>");
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"14\" y=\"{(Top + Height - Bottom) / 2}\" class=\"ylabel\" transform=\"rotate(-90 14 {(Top + Height - Bottom) / 2})\">{E(yLabel)}</text>");
        for (var s = 0; s < series.Count; s++)
        {
            var serie = series[s];
            if (stacked)
            {
                var upper = tops[s];
                var lower = s == 0 ? upper.Select(p => (p.X, 0.0)).ToList() : tops[s - 1];
                var points = upper.Select(p => $"{F(Px(p.X))},{F(Py(p.Y))}").Concat(lower.AsEnumerable().Reverse().Select(p => $"{F(Px(p.X))},{F(Py(p.Item2))}"));
                sb.Append(CultureInfo.InvariantCulture, $"<path data-series=\"{E(serie.Name)}\" d=\"M{string.Join(" L", points)} Z\" fill=\"{serie.Color}\" fill-opacity=\"0.75\" stroke=\"none\"/>");
            }
            else if (serie.Points.Count > 0)
            {
                var d = string.Join(" L", serie.Points.Select(p => $"{F(Px(p.X))},{F(Py(p.Y))}"));
                sb.Append(CultureInfo.InvariantCulture, $"<path data-series=\"{E(serie.Name)}\" d=\"M{d}\" fill=\"none\" stroke=\"{serie.Color}\" stroke-width=\"2\"/>");
            }
            sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Width - Right - 170}\" y=\"{Top + 4 + 16 * s}\" width=\"10\" height=\"10\" fill=\"{serie.Color}\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width - Right - 155}\" y=\"{Top + 13 + 16 * s}\" class=\"legend\">{E(serie.Name)}</text>");
        }
        sb.Append("</svg></figure>");
        return sb.ToString();
    }

    private static double Nice(double max)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(max)));
        foreach (var step in new[] { 1, 2, 2.5, 5, 10 })
            if (step * magnitude >= max) return step * magnitude;
        return 10 * magnitude;
    }

    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Short(double v) => Math.Abs(v) >= 10_000 ? (v / 1000).ToString("0.#k", CultureInfo.InvariantCulture)
        : Math.Abs(v) >= 100 ? v.ToString("0", CultureInfo.InvariantCulture) : v.ToString("0.##", CultureInfo.InvariantCulture);

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
