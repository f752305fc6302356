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
        Real Chromium agents measuring send→next in the console: the benchmarks' `drill` command takes the same
        options plus --browsers N (docs/drill.md); this command keeps the web console and Playwright out of the CLI.
        Needs the mail servers installed (tests/install-deps.sh) and root for Postfix.
        """;

    public async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        DrillOptions options;
        try { options = DrillArguments.Parse(args, browsers: false); }
        catch (ArgumentException e) { throw new CliUsageException(e.Message); }
        var problems = options.Validate();
        if (problems.Count > 0) throw new CliUsageException(string.Join(" ", problems));

        var result = await new BreachWeekDrill(options, stdout).RunAsync(cancellationToken: cancellationToken);
        if (!result.Passed) await stderr.WriteLineAsync("helpdesk drill: a check failed (see the report): " + string.Join("; ", result.Checks.Where(x => !x.Passed).Select(x => x.Name)));
        return result.Passed ? 0 : 1;
    }
}
