using Helpdesk.Drill;
using Helpdesk.Drill.Report;
using Helpdesk.Testing.Mail;

namespace Helpdesk.Drill.Tests;

/// <summary>Starts Dovecot and Postfix once for the assembly (stopped by pid at the end) and runs the short drill once for the tests that read it.</summary>
[TestClass]
public static class DrillFixture
{
    /// <summary>IMAP on 33143, SMTP on 33025...; HELPDESK_TEST_DRILL_MAIL_BASE_PORT moves them (the end-to-end tests use 24000).</summary>
    private const int BasePort = 33000;

    private static LoopbackMailServers? _servers;
    private static Task<(DrillResult Result, string Folder, string Log)>? _shortDrill;
    private static readonly Lock Gate = new();

    public static LoopbackMailServers Servers =>
        _servers ?? throw new InvalidOperationException("The mail servers did not start; see the assembly initialization error.");

    /// <summary>One intent model for the assembly's drills, trained by the first (the seed set; several seconds of ML.NET).</summary>
    public static string ModelFile { get; } = Path.Combine(Path.GetTempPath(), "helpdesk-tests", $"drill-intent-{Environment.ProcessId}.model");

    [AssemblyInitialize]
    public static void Start(TestContext context) => _servers = LoopbackMailServers.Start(
        int.TryParse(Environment.GetEnvironmentVariable("HELPDESK_TEST_DRILL_MAIL_BASE_PORT"), out var port) ? port : BasePort);

    [AssemblyCleanup]
    public static void Stop()
    {
        _servers?.Stop();
        try { File.Delete(ModelFile); } catch (IOException) { }
    }

    /// <summary>A new report folder under the temp folder.</summary>
    public static string NewFolder() => Directory.CreateTempSubdirectory("helpdesk-drill-").FullName;

    /// <summary>
    /// The short drill: 1,000 customer mails over two simulated days of 12 s each, 60 agents at peak, on SQLite, whose
    /// instance 1 is the web console with <see cref="ShortDrillBrowsers"/> agents answering in Chromium beside them.
    /// Run once; the exactly-once test, the Chromium test and the report test read it.
    /// </summary>
    public const int ShortDrillBrowsers = 2;

    public static Task<(DrillResult Result, string Folder, string Log)> ShortDrillAsync()
    {
        lock (Gate)
        {
            return _shortDrill ??= Task.Run(async () =>
            {
                var folder = NewFolder();
                var log = new StringWriter();
                var plan = ShortPlan(folder);
                plan.Browsers = ShortDrillBrowsers;
                var result = await new BreachWeekDrill(plan, TextWriter.Synchronized(log), new Helpdesk.Testing.Answering.DrillConsole()).RunAsync(Servers);
                return (result, folder, log.ToString());
            });
        }
    }

    public static DrillOptions ShortPlan(string folder, int mails = 1_000, int days = 2, double daySeconds = 12) => new()
    {
        Mails = mails,
        Days = days,
        Day = TimeSpan.FromSeconds(daySeconds),
        Agents = 60,
        ThinkTime = TimeSpan.FromMilliseconds(300),
        Leads = 2,
        LeadEvery = TimeSpan.FromSeconds(2),
        OutboxPerSecond = 200,
        SampleEvery = TimeSpan.FromSeconds(1),
        DrainTimeout = TimeSpan.FromSeconds(60),
        Output = folder,
        ModelFile = ModelFile,
    };
}
