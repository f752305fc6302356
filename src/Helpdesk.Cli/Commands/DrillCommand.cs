using System.Globalization;
using Helpdesk.Drill;

namespace Helpdesk.Cli.Commands;

/// <summary>`helpdesk drill`: the breach-week drill (issue 24) against real Dovecot, Postfix and a desk; see docs/drill.md.</summary>
public sealed class DrillCommand : ICliCommand
{
    public string Name => "drill";

    public string Summary => "Replay a compressed breach week against the whole desk, check exactly-once, write a report";

    public string Usage => """
        Usage: helpdesk drill [--mails N] [--days D] [--day 10m] [--agents N] [--think 2s] [--leads N]
                              [--engine sqlite|postgres] [--instances N] [--postgres CONNECTION] [--out FOLDER]
                              [--outbox-rate R] [--undeliverable 0.03] [--connections N] [--port BASE] [--drain 3m]
                              [--seed S] [--model FILE] [--fault drop-one-mail]

        Starts Dovecot and Postfix on 127.0.0.1 (tests/servers/mail; ports BASE+143, +25..., default 34000), a desk
        (SQLite in FOLDER/work, or a fresh database on --postgres with --instances desk hosts), and replays the week:
        N customer mails (default 2,000) written by SMTP with the week's shape (the spike after the notice decaying
        over D days, default 7, day and night in the customers' time zones), one simulated day lasting --day (default
        10m); --agents simulated agents at peak (default 300; fewer at night) answering through the console's services,
        each holding a ticket --think on average (default 2s); --leads leads reading the dashboard and drill-down
        every 3 s; a bulk reply to the largest cluster halfway. A share of customers (--undeliverable) have no mailbox,
        so the desk's mail to them comes back as DSNs.
        Afterwards it checks, against Dovecot's delivery log, that every delivered mail is exactly one ticket message
        or one machine mail, no customer got two acknowledgments or two replies to one message, every sent reply is
        in the recipient's mailbox and every bounce marked its address; and writes FOLDER/drill.json and
        FOLDER/index.html (default folder drill-report). Exit 0 when every check passed, 1 when one failed.
        --model FILE uses that intent model, or trains one from the seed set and saves it there (repeated drills train once).
        --fault drop-one-mail deletes one taken-in mail before the checks, to show they catch it (exit 1).
        Needs the mail servers installed (tests/install-deps.sh) and root for Postfix.
        """;

    public async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var a = CliArgs.Parse(args, flags: [], valued: ["--mails", "--days", "--day", "--agents", "--think", "--leads", "--engine", "--instances",
            "--postgres", "--out", "--outbox-rate", "--undeliverable", "--connections", "--port", "--drain", "--seed", "--fault", "--model"]);
        if (a.Positional.Count > 0) throw new CliUsageException($"unexpected argument '{a.Positional[0]}'.");
        var options = new DrillOptions();
        if (a.Value("--mails") is { } m) options.Mails = CliArgs.PositiveInt("--mails", m);
        if (a.Value("--days") is { } d) options.Days = CliArgs.PositiveInt("--days", d);
        if (a.Value("--day") is { } day) options.Day = Duration("--day", day);
        if (a.Value("--agents") is { } ag) options.Agents = CliArgs.PositiveInt("--agents", ag);
        if (a.Value("--think") is { } th) options.ThinkTime = Duration("--think", th);
        if (a.Value("--leads") is { } l) options.Leads = int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out var leads) ? leads : throw new CliUsageException($"--leads takes a whole number, not '{l}'.");
        if (a.Value("--engine") is { } e)
            options.Engine = e.ToLowerInvariant() switch
            {
                "sqlite" => DrillEngine.Sqlite,
                "postgres" => DrillEngine.Postgres,
                _ => throw new CliUsageException($"--engine takes sqlite or postgres, not '{e}'."),
            };
        if (a.Value("--instances") is { } i) options.Instances = CliArgs.PositiveInt("--instances", i);
        options.Postgres = a.Value("--postgres");
        options.ModelFile = a.Value("--model");
        if (a.Value("--out") is { } o) options.Output = o;
        if (a.Value("--outbox-rate") is { } r) options.OutboxPerSecond = Number("--outbox-rate", r);
        if (a.Value("--undeliverable") is { } u) options.UndeliverableShare = Number("--undeliverable", u);
        if (a.Value("--connections") is { } c) options.CustomerConnections = CliArgs.PositiveInt("--connections", c);
        if (a.Value("--port") is { } p) options.MailBasePort = CliArgs.PositiveInt("--port", p);
        if (a.Value("--drain") is { } dr) options.DrainTimeout = Duration("--drain", dr);
        if (a.Value("--seed") is { } s) options.Seed = CliArgs.PositiveInt("--seed", s);
        if (a.Value("--fault") is { } f)
            options.Fault = f == "drop-one-mail" ? DrillFault.DropOneMail : throw new CliUsageException($"--fault takes drop-one-mail, not '{f}'.");
        var problems = options.Validate();
        if (problems.Count > 0) throw new CliUsageException(string.Join(" ", problems));

        var result = await new BreachWeekDrill(options, stdout).RunAsync(cancellationToken: cancellationToken);
        if (!result.Passed) await stderr.WriteLineAsync("helpdesk drill: a check failed (see the report): " + string.Join("; ", result.Checks.Where(x => !x.Passed).Select(x => x.Name)));
        return result.Passed ? 0 : 1;
    }

    /// <summary>90s, 10m, 2h, 500ms, or hh:mm:ss.</summary>
    internal static TimeSpan Duration(string option, string text)
    {
        var t = text.Trim();
        double Value(string digits) => double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0
            ? v : throw new CliUsageException($"{option} takes a duration such as 500ms, 90s, 10m or 2h, not '{text}'.");
        if (t.EndsWith("ms", StringComparison.Ordinal)) return TimeSpan.FromMilliseconds(Value(t[..^2]));
        if (t.EndsWith('s')) return TimeSpan.FromSeconds(Value(t[..^1]));
        if (t.EndsWith('m')) return TimeSpan.FromMinutes(Value(t[..^1]));
        if (t.EndsWith('h')) return TimeSpan.FromHours(Value(t[..^1]));
        return TimeSpan.TryParse(t, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero
            ? span : throw new CliUsageException($"{option} takes a duration such as 500ms, 90s, 10m or 2h, not '{text}'.");
    }

    private static double Number(string option, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : throw new CliUsageException($"{option} takes a number, not '{text}'.");
}
