namespace Helpdesk.Drill;

/// <summary>Which database the drilled desk runs on.</summary>
public enum DrillEngine
{
    Sqlite,
    Postgres,
}

/// <summary>Deliberate faults, so a test can show that the checks catch what they claim to catch.</summary>
public enum DrillFault
{
    None,

    /// <summary>After intake, one delivered customer mail is deleted from the desk's database: a lost mail.</summary>
    DropOneMail,
}

/// <summary>One drill's plan: scale, compression, staff and where the desk and the report live.</summary>
public sealed class DrillOptions
{
    /// <summary>Customer mails written to the desk over the simulated week (bounces and our own mail come on top). Default 2,000.</summary>
    public int Mails { get; set; } = 2_000;

    /// <summary>Simulated days after the notice. Default 7 (the breach week).</summary>
    public int Days { get; set; } = 7;

    /// <summary>Real time one simulated day takes. Default 10 minutes (the week in 70 minutes).</summary>
    public TimeSpan Day { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Simulated agents on the day shift; nights and evenings have fewer (see <see cref="WeekShape.OnShift"/>). Default 300.</summary>
    public int Agents { get; set; } = 300;

    /// <summary>Mean real time an agent holds a ticket before sending (drawn from half to one and a half of it). Default 2 s.</summary>
    public TimeSpan ThinkTime { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Leads reading the dashboard and the drill-down, each every <see cref="LeadEvery"/>. Default 3.</summary>
    public int Leads { get; set; } = 3;

    public TimeSpan LeadEvery { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Share of customers whose address does not exist at the mail server, so our mail to them bounces. Default 0.03.</summary>
    public double UndeliverableShare { get; set; } = 0.03;

    /// <summary>The outbox's rate limit (Helpdesk:Outbox:MaxPerSecond). Default 50.</summary>
    public double OutboxPerSecond { get; set; } = 50;

    /// <summary>SMTP connections the customers' mail is written on. Default 4.</summary>
    public int CustomerConnections { get; set; } = 4;

    public DrillEngine Engine { get; set; } = DrillEngine.Sqlite;

    /// <summary>Desk instances sharing the database (PostgreSQL only; SQLite is one process's database). Default 1.</summary>
    public int Instances { get; set; } = 1;

    /// <summary>PostgreSQL connection string (a database of its own is created for each run). Required with Postgres.</summary>
    public string? Postgres { get; set; }

    /// <summary>Report folder (JSON, HTML); the desk's SQLite file and logs go into its "work" subfolder.</summary>
    public string Output { get; set; } = "drill-report";

    /// <summary>Ports of the loopback mail servers: base + 143 (IMAP), + 25 (SMTP)... Default 34000.</summary>
    public int MailBasePort { get; set; } = 34_000;

    /// <summary>How often the series are sampled (real time). Default 2 s.</summary>
    public TimeSpan SampleEvery { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>After the last arrival: how long the drill waits for intake, agents and outbox to finish. Default 3 minutes.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>The corpus of human mails (JSON lines with intent, lang, subject, body). Default data/training/heldout*.jsonl of the checkout.</summary>
    public string? Corpus { get; set; }

    public int Seed { get; set; } = 20261117;

    /// <summary>
    /// The intent model file: used when it exists, else trained from the seed set and saved there, so repeated drills
    /// (and the test suite) train once. Default none: a model trained for this run in the work folder.
    /// </summary>
    public string? ModelFile { get; set; }

    public DrillFault Fault { get; set; } = DrillFault.None;

    /// <summary>
    /// Agents answering in real Chromium sessions on the console (desk instance 1 is then the web host), beside the
    /// simulated ones, for the whole run. Needs an <see cref="Staff.IDrillConsole"/> (the benchmarks' drill command and
    /// the drill tests have one). Default 0.
    /// </summary>
    public int Browsers { get; set; }

    /// <summary>Problems, each naming its option; empty when the plan can run.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Mails is < 10 or > 5_000_000) errors.Add($"--mails must be from 10 to 5,000,000, not {Mails}.");
        if (Days is < 1 or > 30) errors.Add($"--days must be from 1 to 30, not {Days}.");
        if (Day < TimeSpan.FromSeconds(5) || Day > TimeSpan.FromDays(1)) errors.Add($"--day must be from 5s to 24h, not {Day}.");
        if (Agents is < 1 or > 5_000) errors.Add($"--agents must be from 1 to 5000, not {Agents}.");
        if (Leads is < 0 or > 100) errors.Add($"--leads must be from 0 to 100, not {Leads}.");
        if (UndeliverableShare is < 0 or > 0.5) errors.Add($"--undeliverable must be from 0 to 0.5, not {UndeliverableShare}.");
        if (OutboxPerSecond is < 0.1 or > 10_000) errors.Add($"--outbox-rate must be from 0.1 to 10000, not {OutboxPerSecond}.");
        if (Instances is < 1 or > 8) errors.Add($"--instances must be from 1 to 8, not {Instances}.");
        if (Instances > 1 && Engine == DrillEngine.Sqlite) errors.Add("--instances above 1 needs --engine postgres: SQLite is one process's database.");
        if (Engine == DrillEngine.Postgres && string.IsNullOrWhiteSpace(Postgres)) errors.Add("--engine postgres needs --postgres CONNECTION.");
        if (Browsers is < 0 or > 50) errors.Add($"--browsers must be from 0 to 50, not {Browsers}.");
        if (CustomerConnections is < 1 or > 32) errors.Add($"--connections must be from 1 to 32, not {CustomerConnections}.");
        return errors;
    }
}
