using System.Globalization;
using Helpdesk.Core;
using Helpdesk.Core.Classification;
using Helpdesk.Core.Data;
using Helpdesk.Core.Intake;
using Helpdesk.Core.Outbox;
using Helpdesk.Core.Replies;
using Helpdesk.Core.Staff;
using Helpdesk.Core.Templates;
using Helpdesk.Drill.Mail;
using Helpdesk.Drill.Staff;
using Helpdesk.Testing.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Helpdesk.Drill.Desk;

/// <summary>
/// The desk under drill: one host per instance, each running the desk's own intake worker (IMAP IDLE on the drill
/// mailbox) and outbox worker (SMTP to Postfix under the configured rate), all on one database. The drill talks to it
/// only through the desk's services, as the console and the dashboard do.
/// </summary>
public sealed class DrillDesk : IAsyncDisposable
{
    private DrillDesk(IReadOnlyList<IHost> instances, string connectionString, string? database, string? server, Uri? console)
    {
        Instances = instances;
        ConsoleAddress = console;
        ConnectionString = connectionString;
        _database = database;
        _server = server;
    }

    private readonly string? _database;
    private readonly string? _server;

    public IReadOnlyList<IHost> Instances { get; }

    public string ConnectionString { get; }

    /// <summary>The console's address when instance 1 is the web host (an <see cref="IDrillConsole"/> was given), else null.</summary>
    public Uri? ConsoleAddress { get; }

    public IServiceProvider First => Instances[0].Services;

    public IDbContextFactory<HelpdeskDbContext> Factory => First.GetRequiredService<IDbContextFactory<HelpdeskDbContext>>();

    /// <param name="console">When given, instance 1 is the console's web host (built by it), not a plain worker host: with
    /// SQLite one desk host per database, since the desk's write gate is in-process.</param>
    public static async Task<DrillDesk> StartAsync(DrillOptions options, LoopbackMailServers servers, string work, ILoggerProvider? log,
        IDrillConsole? console, CancellationToken cancellationToken)
    {
        string connection;
        string? database = null;
        if (options.Engine == DrillEngine.Postgres)
        {
            database = "drill_" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "_" + Guid.NewGuid().ToString("N")[..6];
            await using (var admin = new NpgsqlConnection(options.Postgres))
            {
                await admin.OpenAsync(cancellationToken).ConfigureAwait(false);
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", admin);
                await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            connection = new NpgsqlConnectionStringBuilder(options.Postgres) { Database = database, MaxPoolSize = 100 }.ConnectionString;
        }
        else connection = $"Data Source={Path.Combine(work, "desk.db")}";

        var hosts = new List<IHost>();
        try
        {
            for (var i = 0; i < options.Instances; i++)
            {
                var settings = Settings(options, servers, work, connection, i);
                IHost host;
                if (i == 0 && console is not null)
                {
                    // The web host also makes sure an Admin exists; the drill's is never signed in with.
                    settings["Helpdesk:Admin:Password"] = PasswordRules.NewTemporaryPassword();
                    host = console.BuildHost(settings, log);
                }
                else host = Build(settings, log);
                if (i == 0)
                {
                    await using (await StartupLock.AcquireAsync(host.Services.GetRequiredService<DatabaseTarget>(), cancellationToken).ConfigureAwait(false))
                    {
                        await host.Services.GetRequiredService<SchemaMigrator>().MigrateAsync(cancellationToken).ConfigureAwait(false);
                        await host.Services.GetRequiredService<TemplateCatalog>().ImportSeedAsync(cancellationToken).ConfigureAwait(false);
                    }
                    // The intent model, trained once from the seed set before any mail arrives (intake waits for it).
                    await host.Services.GetRequiredService<IntentClassifierService>().EnsureModelAsync(null, cancellationToken).ConfigureAwait(false);
                }
                hosts.Add(host);
            }
            foreach (var host in hosts) await host.StartAsync(cancellationToken).ConfigureAwait(false);
            var address = console is null ? null : await console.ReadyAsync(hosts[0], cancellationToken).ConfigureAwait(false);
            return new DrillDesk(hosts, connection, database, options.Postgres, address);
        }
        catch
        {
            foreach (var host in hosts) host.Dispose();
            throw;
        }
    }

    /// <summary>The desk's configuration for instance <paramref name="instance"/>, as a deployment would set it.</summary>
    /// <summary>Where intake moves the mail it has taken in.</summary>
    public const string DrillProcessedFolder = "Processed";

    public static Dictionary<string, string?> Settings(DrillOptions options, LoopbackMailServers servers, string work, string connection, int instance)
    {
        string S(int n) => n.ToString(CultureInfo.InvariantCulture);
        return new Dictionary<string, string?>
        {
            ["ConnectionStrings:Helpdesk"] = connection,
            ["Helpdesk:Database:Provider"] = options.Engine == DrillEngine.Postgres ? "Postgres" : "Sqlite",
            ["Helpdesk:DataDirectory"] = work,
            ["Helpdesk:Demo:Mode"] = "Off",
            ["Helpdesk:Company:DeskAddress"] = MailMix.DeskUser,
            ["Helpdesk:Mailboxes:0:Name"] = "drill",
            ["Helpdesk:Mailboxes:0:Host"] = "127.0.0.1",
            ["Helpdesk:Mailboxes:0:Port"] = S(servers.ImapPort),
            ["Helpdesk:Mailboxes:0:Security"] = "StartTls",
            ["Helpdesk:Mailboxes:0:User"] = MailMix.DeskUser,
            ["Helpdesk:Mailboxes:0:Password"] = "drill-pass",
            ["Helpdesk:Mailboxes:0:PinnedCertificate"] = servers.CertificatePath,
            ["Helpdesk:Mailboxes:0:Timeout"] = "00:00:30",
            // As a deployment would: taken-in mail leaves the inbox. A Maildir inbox of 30,000+ messages made every
            // LMTP delivery rewrite Dovecot's UID list, and Dovecot took more CPU than the desk (first full run).
            ["Helpdesk:Mailboxes:0:ProcessedFolder"] = DrillProcessedFolder,
            ["Helpdesk:Intake:DropFolder"] = Path.Combine(work, "drop"),
            ["Helpdesk:Intake:IdleWait"] = "00:00:10",
            ["Helpdesk:Intake:ReconnectDelay"] = "00:00:00.200",
            ["Helpdesk:Intake:MaxReconnectDelay"] = "00:00:02",
            ["Helpdesk:Intake:MailboxLease"] = "00:00:06",
            ["Helpdesk:Intake:InstanceName"] = $"drill-{instance}",
            ["Helpdesk:Outbox:Host"] = "127.0.0.1",
            ["Helpdesk:Outbox:Port"] = S(servers.SmtpPort),
            ["Helpdesk:Outbox:Security"] = "StartTls",
            ["Helpdesk:Outbox:User"] = MailMix.DeskUser,
            ["Helpdesk:Outbox:Password"] = "drill-pass",
            ["Helpdesk:Outbox:PinnedCertificate"] = servers.CertificatePath,
            ["Helpdesk:Outbox:EnvelopeFrom"] = MailMix.DeskUser,
            ["Helpdesk:Outbox:MaxPerSecond"] = options.OutboxPerSecond.ToString(CultureInfo.InvariantCulture),
            ["Helpdesk:Outbox:RetryBaseDelay"] = "00:00:02",
            ["Helpdesk:Outbox:RetryMaxDelay"] = "00:00:10",
            ["Helpdesk:Bulk:UndoWindow"] = "00:00:05",
            ["Helpdesk:Classification:UseGeneratedTraining"] = "false",
            ["Helpdesk:Classification:ModelFile"] = options.ModelFile ?? Path.Combine(work, "intent.model"),
        };
    }

    private static IHost Build(Dictionary<string, string?> settings, ILoggerProvider? log)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, Args = [] });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Error);
        if (log is not null) builder.Logging.AddProvider(log);
        builder.AddHelpdeskCore();
        builder.Services.AddHostedService<IntakeWorker>();
        builder.Services.AddHostedService<OutboxWorker>();
        return builder.Build();
    }

    public async Task StopAsync()
    {
        foreach (var host in Instances)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try { await host.StopAsync(timeout.Token).ConfigureAwait(false); }
            catch (OperationCanceledException) { }
        }
    }

    /// <summary>The PostgreSQL database made for the run (null on SQLite, whose file stays in the report's work folder).</summary>
    public string? DatabaseName => _database;

    /// <summary>Leave the PostgreSQL database in place when disposed (set when a check failed, to look at it afterwards).</summary>
    public bool KeepDatabase { get; set; }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in Instances)
        {
            if (host is IAsyncDisposable a) await a.DisposeAsync().ConfigureAwait(false);
            else host.Dispose();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_database is not null && _server is not null && !KeepDatabase)
        {
            NpgsqlConnection.ClearAllPools();
            try
            {
                await using var admin = new NpgsqlConnection(_server);
                await admin.OpenAsync().ConfigureAwait(false);
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", admin);
                await drop.ExecuteNonQueryAsync().ConfigureAwait(false);
            }
            catch (NpgsqlException)
            {
                // The run is over; a database left behind is named drill_<time> and harmless.
            }
        }
    }
}
