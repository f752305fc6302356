using System.Globalization;

namespace Helpdesk.Drill;

/// <summary>
/// The drill's command-line options, read in one place: `helpdesk drill` and the benchmarks' `drill` command (which
/// adds the Chromium agents) take the same words. A bad value is an <see cref="ArgumentException"/> naming the option.
/// </summary>
public static class DrillArguments
{
    /// <summary>Every option that takes a value; <c>--browsers</c> only where a console host is at hand.</summary>
    public static readonly IReadOnlyList<string> Valued =
    [
        "--mails", "--days", "--day", "--agents", "--think", "--leads", "--engine", "--instances", "--postgres", "--out",
        "--outbox-rate", "--undeliverable", "--connections", "--port", "--drain", "--seed", "--fault", "--model",
    ];

    public const string Browsers = "--browsers";

    /// <summary>Reads <paramref name="args"/> into a plan (not yet validated: see <see cref="DrillOptions.Validate"/>).</summary>
    /// <param name="browsers">Whether <c>--browsers N</c> is accepted (the caller can host the console).</param>
    public static DrillOptions Parse(IReadOnlyList<string> args, bool browsers)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            if (!a.StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"unexpected argument '{a}'.");
            var eq = a.IndexOf('=');
            var name = eq > 0 ? a[..eq] : a;
            if (name == Browsers && !browsers)
                throw new ArgumentException("--browsers needs the console in the drill's process: run the benchmarks' drill command "
                    + "(dotnet tests/Helpdesk.Benchmarks/bin/Release/net10.0/Helpdesk.Benchmarks.dll drill ... --browsers N), see docs/drill.md.");
            if (name != Browsers && !Valued.Contains(name)) throw new ArgumentException($"unknown option '{name}'.");
            values[name] = eq > 0 ? a[(eq + 1)..] : i + 1 < args.Count ? args[++i] : throw new ArgumentException($"option '{name}' needs a value.");
        }
        string? V(string name) => values.GetValueOrDefault(name);

        var options = new DrillOptions();
        if (V("--mails") is { } m) options.Mails = PositiveInt("--mails", m);
        if (V("--days") is { } d) options.Days = PositiveInt("--days", d);
        if (V("--day") is { } day) options.Day = Duration("--day", day);
        if (V("--agents") is { } ag) options.Agents = PositiveInt("--agents", ag);
        if (V("--think") is { } th) options.ThinkTime = Duration("--think", th);
        if (V("--leads") is { } l) options.Leads = WholeNumber("--leads", l);
        if (V("--engine") is { } e)
            options.Engine = e.ToLowerInvariant() switch
            {
                "sqlite" => DrillEngine.Sqlite,
                "postgres" => DrillEngine.Postgres,
                _ => throw new ArgumentException($"--engine takes sqlite or postgres, not '{e}'."),
            };
        if (V("--instances") is { } inst) options.Instances = PositiveInt("--instances", inst);
        options.Postgres = V("--postgres");
        options.ModelFile = V("--model");
        if (V("--out") is { } o) options.Output = o;
        if (V("--outbox-rate") is { } r) options.OutboxPerSecond = Number("--outbox-rate", r);
        if (V("--undeliverable") is { } u) options.UndeliverableShare = Number("--undeliverable", u);
        if (V("--connections") is { } c) options.CustomerConnections = PositiveInt("--connections", c);
        if (V("--port") is { } p) options.MailBasePort = PositiveInt("--port", p);
        if (V("--drain") is { } dr) options.DrainTimeout = Duration("--drain", dr);
        if (V("--seed") is { } s) options.Seed = PositiveInt("--seed", s);
        if (V("--fault") is { } f)
            options.Fault = f == "drop-one-mail" ? DrillFault.DropOneMail : throw new ArgumentException($"--fault takes drop-one-mail, not '{f}'.");
        if (V(Browsers) is { } b) options.Browsers = WholeNumber(Browsers, b);
        return options;
    }

    /// <summary>90s, 10m, 2h, 500ms, or hh:mm:ss.</summary>
    public static TimeSpan Duration(string option, string text)
    {
        var t = text.Trim();
        double Value(string digits) => double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0
            ? v : throw new ArgumentException($"{option} takes a duration such as 500ms, 90s, 10m or 2h, not '{text}'.");
        if (t.EndsWith("ms", StringComparison.Ordinal)) return TimeSpan.FromMilliseconds(Value(t[..^2]));
        if (t.EndsWith('s')) return TimeSpan.FromSeconds(Value(t[..^1]));
        if (t.EndsWith('m')) return TimeSpan.FromMinutes(Value(t[..^1]));
        if (t.EndsWith('h')) return TimeSpan.FromHours(Value(t[..^1]));
        return TimeSpan.TryParse(t, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero
            ? span : throw new ArgumentException($"{option} takes a duration such as 500ms, 90s, 10m or 2h, not '{text}'.");
    }

    private static int PositiveInt(string option, string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n : throw new ArgumentException($"{option} takes a whole number above zero, not '{text}'.");

    private static int WholeNumber(string option, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw new ArgumentException($"{option} takes a whole number, not '{text}'.");

    private static double Number(string option, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : throw new ArgumentException($"{option} takes a number, not '{text}'.");
}
