using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Helpdesk.Drill.Report;

/// <summary>Writes a drill's report folder: drill.json (every series and figure) and index.html (charts as inline SVG).</summary>
public static class DrillReportWriter
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private static readonly string[] Palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"];

    public static void Write(DrillResult result, string folder)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "drill.json"), JsonSerializer.Serialize(result, Json));
        File.WriteAllText(Path.Combine(folder, "index.html"), Html(result));
    }

    public static DrillResult? Read(string folder) => JsonSerializer.Deserialize<DrillResult>(File.ReadAllText(Path.Combine(folder, "drill.json")), Json);

    public static string Html(DrillResult r)
    {
        var h = new StringBuilder();
        var iv = r.Intervals;
        List<(double, double)> Of(Func<DrillInterval, double> y) => iv.Select(i => (i.SimulatedHour, y(i))).ToList();
        List<(double, double)> OfSamples(Func<DrillSample, double> y) => r.Samples.Select(s => (Math.Round(s.SimulatedHours, 2), y(s))).ToList();
        h.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Breach-week drill ").Append(E(r.Run)).Append("</title><style>")
            .Append("body{font-family:system-ui,sans-serif;margin:24px;max-width:820px;color:#222}table{border-collapse:collapse;margin:8px 0 16px}")
            .Append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:left;font-size:14px}.pass{color:#176b1d;font-weight:600}.fail{color:#b00020;font-weight:700}")
            .Append("figure.chart{margin:12px 0}svg .title{font-weight:600;font-size:14px}svg .axis{stroke:#444}svg .grid{stroke:#eee}")
            .Append("svg .ytick{font-size:11px;text-anchor:end}svg .xtick{font-size:11px;text-anchor:middle}svg .xlabel,svg .ylabel{font-size:12px;text-anchor:middle}")
            .Append("svg .legend{font-size:12px}svg .empty{font-size:14px;fill:#888;text-anchor:middle}</style></head><body>");
        h.Append("<h1>Breach-week drill</h1><p>Run <code>").Append(E(r.Run)).Append("</code>, started ").Append(r.StartedAt.ToString("u", CultureInfo.InvariantCulture))
            .Append(" on ").Append(r.Machine.Cores).Append(" cores (").Append(E(r.Machine.Os)).Append(", ").Append(E(r.Machine.Runtime)).Append("), load at the end ")
            .Append(E(r.Machine.LoadAtEnd)).Append(".</p><p>Command: <code>").Append(E(r.Command)).Append("</code></p>");
        h.Append("<h2>Verdict: <span class=\"").Append(r.Passed ? "pass\">nothing lost, nothing doubled" : "fail\">CHECKS FAILED").Append("</span></h2><table><tr><th>Check</th><th>Result</th><th>Detail</th></tr>");
        foreach (var c in r.Checks)
        {
            h.Append("<tr><td>").Append(E(c.Name)).Append("</td><td class=\"").Append(c.Passed ? "pass\">pass" : "fail\">FAIL").Append("</td><td>").Append(E(c.Detail));
            if (c.Examples.Count > 0) h.Append("<br><small>").Append(E(string.Join("; ", c.Examples))).Append("</small>");
            h.Append("</td></tr>");
        }
        h.Append("</table>");
        if (r.FaultDroppedMessageId is not null) h.Append("<p class=\"fail\">Fault injected on purpose: the ticket message of ").Append(E(r.FaultDroppedMessageId)).Append(" was deleted.</p>");

        h.Append("<h2>Figures</h2><table><tr><th>What</th><th>Count</th><th>p50</th><th>p95</th><th>p99</th><th>max</th></tr>");
        void Row(string name, Stats s, string unit) => h.Append(CultureInfo.InvariantCulture,
            $"<tr><td>{E(name)} ({unit})</td><td>{s.Count:N0}</td><td>{s.P50:0.###}</td><td>{s.P95:0.###}</td><td>{s.P99:0.###}</td><td>{s.Max:0.###}</td></tr>");
        Row("intake lag, delivery → ticket", r.IntakeLagSeconds, "s");
        Row("intake lag after the first simulated hour", r.IntakeLagAfterFirstHourSeconds, "s");
        Row("claim (take next)", r.ClaimMs, "ms");
        Row("dashboard read (every figure)", r.DashboardMs, "ms");
        Row("drill-down read (waiting tickets)", r.DrillDownMs, "ms");
        if (r.Console is { } console) Row($"send→next in Chromium ({console.Browsers} agents; target p95 < 150)", console.SendToNextMs, "ms");
        h.Append("</table><table>");
        void Fact(string name, string value) => h.Append("<tr><td>").Append(E(name)).Append("</td><td>").Append(E(value)).Append("</td></tr>");
        Fact("mails written by customers", string.Join(", ", r.MailsWritten.Select(m => $"{m.Key} {m.Value:N0}")) + $" (accepted by Postfix {r.Accepted:N0}, refused {r.CustomerSmtpFailures:N0})");
        Fact("agents' replies / skips / failures", $"{r.AgentReplies:N0} / {r.AgentSkips:N0} / {r.AgentFailures:N0}" + (r.LastAgentError is null ? "" : $" (last: {r.LastAgentError})"));
        if (r.Console is { } co)
            Fact("agents in Chromium: replies (in the desk) / queue empty after the send / skips / failures",
                $"{co.Replies:N0} ({co.RepliesStored:N0}) / {co.EmptyAfterSend:N0} / {co.Skips:N0} / {co.Failures:N0}" + (co.LastError is null ? "" : $" (last: {co.LastError})"));
        else Fact("send→next in Chromium", "not measured in this run (no --browsers)");
        Fact("arrivals took / agents stopped at", $"{r.ArrivalsSeconds:0} s / {r.DrainedSeconds:0} s; settled afterwards: {(r.Settled ? "yes" : "NO")}");
        if (r.Bulk is { } b) Fact("bulk reply halfway", b.Error ?? $"at {b.At:0} s: largest cluster {b.Intent} ({b.ClusterSize} tickets), template {b.Template}: {b.Queued} queued, {b.Skipped} skipped");
        if (r.Drain is { } d)
        {
            Fact("backlog started to drain", $"at {d.StartedAt:0} s (simulated hour {d.StartedAtSimulatedHours:0.0}) with {d.BacklogThen:N0} waiting");
            Fact("dashboard's forecast then", d.DashboardForecastDrainedAt is { } at
                ? $"empty at {at:u} (in {d.DashboardForecastRealSeconds:0} s), from {d.DashboardInPerHour:0} in and {d.DashboardAnsweredPerHour:0} answered per hour"
                : $"not draining (last complete hours: {d.DashboardInPerHour:0} in, {d.DashboardAnsweredPerHour:0} answered per hour)");
            Fact("drill's forecast then / actual", $"{(d.DrillForecastRealSeconds is { } f ? f.ToString("0", CultureInfo.InvariantCulture) + " s" : "not draining")} / "
                + $"{(d.ActualRealSeconds is { } a ? a.ToString("0", CultureInfo.InvariantCulture) + " s" : "not empty by the end")}");
        }
        else Fact("backlog started to drain", "never detected (the backlog did not fall three samples running after growing)");
        h.Append("</table>");

        h.Append("<h2>Charts</h2>");
        const string x = "simulated hours after the notice";
        h.Append(SvgChart.Lines("arrivals", "Arrivals against answers per interval", x, "mails", [
            new("arrived", Palette[0], Of(i => i.Arrived)), new("answered (replies written)", Palette[2], Of(i => i.Answered)), new("sent by the outbox", Palette[1], Of(i => i.Sent))]));
        h.Append(SvgChart.Stacked("backlog", "Backlog by age (simulated hours waiting)", x, "tickets waiting",
            r.BacklogAgeBands.Select((band, k) => new ChartSeries(band, Palette[k % Palette.Length], OfSamples(s => s.BacklogByAge.ElementAtOrDefault(k)))).ToList()));
        h.Append(SvgChart.Lines("intake-lag", "Intake lag, delivery → ticket", x, "seconds", [
            new("p50", Palette[0], Of(i => i.IntakeLagP50)), new("p95", Palette[1], Of(i => i.IntakeLagP95)), new("max", Palette[3], Of(i => i.IntakeLagMax))]));
        h.Append(SvgChart.Lines("latency", "Claim p99 and slowest dashboard read per interval", x, "milliseconds", [
            new("claim p99", Palette[0], Of(i => i.ClaimP99Ms)), new("dashboard max", Palette[1], Of(i => i.DashboardMaxMs))]));
        if (r.Console is not null)
            h.Append(SvgChart.Lines("send-next", "Send→next in Chromium per interval (Ctrl+Enter → next ticket rendered)", x, "milliseconds", [
                new("p50", Palette[0], Of(i => i.SendToNextP50Ms)), new("p95", Palette[1], Of(i => i.SendToNextP95Ms)), new("max", Palette[3], Of(i => i.SendToNextMaxMs)),
                new("target p95 (150 ms)", Palette[5], Of(_ => 150))]));
        h.Append(SvgChart.Lines("outbox", "Outbox queue and send rate", x, "items / per second", [
            new("queued (sample)", Palette[0], OfSamples(s => s.OutboxQueued)), new("sent per second", Palette[2], Of(i => i.OutboxPerSecond))]));
        var processes = iv.SelectMany(i => i.CpuPercent.Keys).Distinct().ToList();
        h.Append(SvgChart.Lines("cpu", "CPU per process (100 = one core)", x, "percent",
            processes.Select((p, k) => new ChartSeries(p, Palette[k % Palette.Length], Of(i => i.CpuPercent.GetValueOrDefault(p)))).ToList()));
        h.Append(SvgChart.Lines("memory", "Resident memory per process", x, "MB",
            processes.Select((p, k) => new ChartSeries(p, Palette[k % Palette.Length], Of(i => i.MemoryMegabytes.GetValueOrDefault(p)))).ToList()));
        h.Append(SvgChart.Lines("agents", "Agents on duty (shifts)", x, "agents", [new("on duty", Palette[4], OfSamples(s => s.AgentsOnDuty))]));
        h.Append("<h2>Plan and notes</h2><table>");
        foreach (var (k, v) in r.Plan) Fact(k, v);
        h.Append("</table><ul>");
        foreach (var n in r.Notes) h.Append("<li>").Append(E(n)).Append("</li>");
        h.Append("</ul><p>Every series is in <a href=\"drill.json\">drill.json</a>.</p></body></html>");
        return h.ToString();
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
