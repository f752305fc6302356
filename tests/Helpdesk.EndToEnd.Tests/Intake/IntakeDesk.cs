using Helpdesk.Core;
using Helpdesk.Core.Data;
using Helpdesk.Core.Intake;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static Helpdesk.EndToEnd.Tests.MailServersFixture;

namespace Helpdesk.EndToEnd.Tests.Intake;

/// <summary>A desk database in a temporary folder with one mailbox configured: a folder of its own on the test Dovecot.</summary>
internal sealed class IntakeDesk : IAsyncDisposable
{
    private IntakeDesk(string directory, string folder, Dictionary<string, string?> settings, ServiceProvider services)
    {
        Directory = directory;
        Folder = folder;
        Settings = settings;
        Services = services;
    }

    public const string User = "bulk@example.test";

    public string Directory { get; }

    /// <summary>The mailbox folder this desk takes mail from (unique per test).</summary>
    public string Folder { get; }

    /// <summary>The configuration, as KEY=VALUE; the child-process test turns it into environment variables.</summary>
    public Dictionary<string, string?> Settings { get; }

    public ServiceProvider Services { get; }

    public IDbContextFactory<HelpdeskDbContext> Factory => Services.GetRequiredService<IDbContextFactory<HelpdeskDbContext>>();

    public static async Task<IntakeDesk> CreateAsync(string? processedFolder = null, int batchSize = 500, IDictionary<string, string?>? more = null,
        ILoggerProvider? log = null)
    {
        var dir = System.IO.Directory.CreateTempSubdirectory("helpdesk-intake-").FullName;
        var folder = "intake" + Guid.NewGuid().ToString("N")[..10];
        await using (var client = await LoginAsync("bulk"))
            await client.CreateFolderAsync(folder);
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Helpdesk"] = $"Data Source={Path.Combine(dir, "desk.db")}",
            ["Helpdesk:DataDirectory"] = dir,
            ["Helpdesk:Mailboxes:0:Host"] = "127.0.0.1",
            ["Helpdesk:Mailboxes:0:Port"] = Servers.ImapPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Helpdesk:Mailboxes:0:Security"] = "StartTls",
            ["Helpdesk:Mailboxes:0:User"] = User,
            ["Helpdesk:Mailboxes:0:Password"] = "bulk-pass",
            ["Helpdesk:Mailboxes:0:Folder"] = folder,
            ["Helpdesk:Mailboxes:0:BatchSize"] = batchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Helpdesk:Mailboxes:0:PinnedCertificate"] = Servers.CertificatePath,
            ["Helpdesk:Mailboxes:0:Timeout"] = "00:00:20",
            ["Helpdesk:Intake:ReconnectDelay"] = "00:00:00.200",
            ["Helpdesk:Intake:MaxReconnectDelay"] = "00:00:01",
            ["Helpdesk:Intake:IdleWait"] = "00:00:05",
        };
        if (processedFolder is not null) settings["Helpdesk:Mailboxes:0:ProcessedFolder"] = processedFolder;
        // One intent model for the whole run, trained on the seed set by the first desk: intake waits for the model, and
        // training one per desk (ML.NET, several seconds each) would be most of each test's time.
        settings["Helpdesk:Classification:UseGeneratedTraining"] = "false";
        settings["Helpdesk:Classification:ModelFile"] = SharedModelPath;
        foreach (var (k, v) in more ?? new Dictionary<string, string?>()) settings[k] = v;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection()
            .AddLogging(b =>
            {
                b.SetMinimumLevel(log is null ? LogLevel.Warning : LogLevel.Trace);
                if (log is not null) b.AddProvider(log);
            })
            .AddSingleton<IConfiguration>(configuration)
            .AddHelpdeskCore(configuration)
            .BuildServiceProvider();
        await services.GetRequiredService<SchemaMigrator>().MigrateAsync();
        if (settings["Helpdesk:Classification:ModelFile"] == SharedModelPath)
        {
            await SharedModelGate.WaitAsync();
            try
            {
                if (!File.Exists(SharedModelPath)) await services.GetRequiredService<Helpdesk.Core.Classification.IntentClassifierService>().EnsureModelAsync(null);
            }
            finally
            {
                SharedModelGate.Release();
            }
        }
        return new IntakeDesk(dir, folder, settings, services);
    }

    /// <summary>The intent model every desk of this run shares (trained once, from the seed set).</summary>
    public static string SharedModelPath { get; } =
        Path.Combine(Path.GetTempPath(), "helpdesk-tests", $"e2e-intent-{Environment.ProcessId}-{Guid.NewGuid():N}.model");

    private static readonly SemaphoreSlim SharedModelGate = new(1, 1);

    /// <summary>Writes messages straight into the folder's Maildir (Dovecot assigns UIDs at the next look).</summary>
    public void Deliver(IEnumerable<byte[]> messages)
    {
        var maildir = Path.Combine(Servers.RunDirectory, "mail", User, "Maildir", "." + Folder);
        foreach (var sub in new[] { "new", "cur", "tmp" }) System.IO.Directory.CreateDirectory(Path.Combine(maildir, sub));
        var i = 0;
        var stamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        foreach (var m in messages)
        {
            var name = $"{stamp}.M{i++:D8}P{Environment.ProcessId}.intake";
            File.WriteAllBytes(Path.Combine(maildir, "tmp", name), m);
            File.Move(Path.Combine(maildir, "tmp", name), Path.Combine(maildir, "new", name));
        }
    }

    /// <summary>Customer <paramref name="i"/>'s question, Message-ID "{tag}-{i}@example.test", each from a different address.</summary>
    public static byte[] CustomerMail(int i, string tag) => System.Text.Encoding.UTF8.GetBytes(
        $"From: Customer {i} <customer{i}.{tag}@example.org>\r\nTo: bulk@example.test\r\nSubject: Reset problem {i}\r\n"
        + $"Message-ID: <{tag}-{i}@example.test>\r\nDate: Sun, 22 Nov 2026 09:00:00 +0000\r\nMIME-Version: 1.0\r\n"
        + $"Content-Type: text/plain; charset=utf-8\r\n\r\nI never got the reset email ({i}).\r\n");

    public async Task<T> QueryAsync<T>(Func<HelpdeskDbContext, Task<T>> query)
    {
        await using var db = await Factory.CreateDbContextAsync();
        return await query(db);
    }

    /// <summary>Message-IDs of the customer messages in tickets, with how many times each appears.</summary>
    public Task<Dictionary<string, int>> InboundMessageIdsAsync() => QueryAsync(db => db.Messages
        .Where(m => m.Direction == Helpdesk.Core.Tickets.MessageDirection.Inbound && m.MessageIdHeader != null)
        .GroupBy(m => m.MessageIdHeader!).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count));

    /// <summary>Starts the built `helpdesk` CLI as a child process on this desk's settings (passed as environment variables).</summary>
    public System.Diagnostics.Process StartCli(params string[] args) => StartCli(new Dictionary<string, string?>(), args);

    /// <summary>As <see cref="StartCli(string[])"/>, with some settings of this process's own (e.g. its instance name).</summary>
    public System.Diagnostics.Process StartCli(IDictionary<string, string?> own, params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet", [HelpdeskDll(), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in Settings.Concat(own)) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        return System.Diagnostics.Process.Start(start)!;
    }

    private static string HelpdeskDll()
    {
        // The CLI is built beside the tests (a build-only project reference); same configuration as this assembly.
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Helpdesk.sln"))) root = root.Parent;
        var dll = Path.Combine(root!.FullName, "src", "Helpdesk.Cli", "bin", configuration, "net10.0", "helpdesk.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build src/Helpdesk.Cli first", dll);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
