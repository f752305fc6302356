using System.Diagnostics;
using System.Globalization;
using Helpdesk.Core;
using Helpdesk.Core.Data;
using Helpdesk.Core.Intake;
using Helpdesk.Mail.Reading;
using Helpdesk.Testing.Mail;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Helpdesk.Benchmarks;

/// <summary>
/// Delivery to ticket with the poller in IDLE: the intake worker runs against the loopback Dovecot, messages are
/// delivered one at a time (doveadm save, spaced), and a reader watches the Messages table; the latency is from the
/// moment the delivery starts to the moment the message's row is visible to another connection (what the agent
/// console would show). Three rounds on one desk; prints p50/p95/max per round and the medians.
/// Options: --messages N (per round, default 200), --spacing-ms N (default 250).
/// </summary>
public static class IntakeLatencyBenchmark
{
    private const int BasePort = 29000;
    private const int Rounds = 3;
    private const string User = "idle@example.test";

    public static async Task<int> RunAsync(string[] args)
    {
        var count = Option(args, "--messages", 200);
        var spacing = TimeSpan.FromMilliseconds(Option(args, "--spacing-ms", 250));
        var servers = LoopbackMailServers.Start(BasePort);
        try
        {
            var mails = RealisticMail.Generate(count * Rounds + 1, seed: 20261123).ToList();
            var reader = new EmailReader();
            var ids = mails.Select(m => reader.Read(m).MessageId ?? throw new InvalidOperationException("no Message-ID")).ToList();
            Console.WriteLine($"IDLE latency: {count} messages per round, one every {spacing.TotalMilliseconds:0} ms, {Rounds} rounds; {Environment.ProcessorCount} cores");
            var result = await MeasureAsync(servers, mails, ids, count, spacing);

            Console.WriteLine();
            Console.WriteLine($"| delivery to ticket row, IDLE, {count} messages x {Rounds} rounds, median of rounds | p50 | p95 | max |");
            Console.WriteLine("|---|---|---|---|");
            Console.WriteLine($"| intake on MailKit | {result.P50:0} ms | {result.P95:0} ms | {result.Max:0} ms |");
            return 0;
        }
        finally
        {
            servers.Stop();
        }
    }

    private static async Task<(double P50, double P95, double Max)> MeasureAsync(LoopbackMailServers servers, List<byte[]> mails, List<string> ids,
        int count, TimeSpan spacing)
    {
        var dir = Directory.CreateTempSubdirectory("helpdesk-bench-latency-").FullName;
        try
        {
            var database = Path.Combine(dir, "desk.db");
            var settings = new Dictionary<string, string?>
            {
                ["ConnectionStrings:Helpdesk"] = $"Data Source={database}",
                ["Helpdesk:DataDirectory"] = dir,
                ["Helpdesk:Mailboxes:0:Host"] = "127.0.0.1",
                ["Helpdesk:Mailboxes:0:Port"] = servers.ImapPort.ToString(CultureInfo.InvariantCulture),
                ["Helpdesk:Mailboxes:0:Security"] = "StartTls",
                ["Helpdesk:Mailboxes:0:PinnedCertificate"] = servers.CertificatePath,
                ["Helpdesk:Mailboxes:0:User"] = User,
                ["Helpdesk:Mailboxes:0:Password"] = "idle-pass",
            };
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
            await using var services = new ServiceCollection()
                .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning).AddSimpleConsole())
                .AddSingleton<IConfiguration>(configuration)
                .AddHelpdeskCore(configuration)
                .BuildServiceProvider();
            await services.GetRequiredService<SchemaMigrator>().MigrateAsync();
            var worker = new IntakeWorker(services.GetRequiredService<MailSources>(), services.GetRequiredService<IntakePipeline>(),
                services.GetRequiredService<IntakeStore>(), services.GetRequiredService<MailboxLeases>(), services.GetRequiredService<IOptions<IntakeOptions>>(), TimeProvider.System,
                NullLogger<IntakeWorker>.Instance);

            var watcher = new RowWatcher(database);
            using var stop = new CancellationTokenSource();
            await worker.StartAsync(CancellationToken.None);
            var watching = watcher.RunAsync(stop.Token);
            try
            {
                // Warm-up: the first message also waits for the worker's first connect and the JIT.
                servers.Deliver(User, mails[0]);
                await watcher.WaitForAsync(ids[0], TimeSpan.FromSeconds(120));

                var p50s = new List<double>();
                var p95s = new List<double>();
                var maxes = new List<double>();
                for (var round = 0; round < Rounds; round++)
                {
                    var sent = new Dictionary<string, long>();
                    var pace = Stopwatch.StartNew();
                    for (var i = 0; i < count; i++)
                    {
                        var n = 1 + round * count + i;
                        sent[ids[n]] = Stopwatch.GetTimestamp();
                        servers.Deliver(User, mails[n]);
                        var due = spacing * (i + 1) - pace.Elapsed;
                        if (due > TimeSpan.Zero) await Task.Delay(due);
                    }
                    foreach (var id in sent.Keys) await watcher.WaitForAsync(id, TimeSpan.FromSeconds(60));
                    var latencies = sent.Select(s => Stopwatch.GetElapsedTime(s.Value, watcher.SeenAt(s.Key)).TotalMilliseconds).Order().ToList();
                    p50s.Add(Percentile(latencies, 0.50));
                    p95s.Add(Percentile(latencies, 0.95));
                    maxes.Add(latencies[^1]);
                    Console.WriteLine($"round {round + 1}: p50 {p50s[^1]:0} ms, p95 {p95s[^1]:0} ms, max {maxes[^1]:0} ms");
                }
                return (Median(p50s), Median(p95s), Median(maxes));
            }
            finally
            {
                await stop.CancelAsync();
                try { await watching; } catch (OperationCanceledException) { }
                await worker.StopAsync(CancellationToken.None);
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>Polls the Messages table on its own connection every 10 ms and remembers when each Message-ID first showed.</summary>
    private sealed class RowWatcher(string database)
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _seen = new(StringComparer.Ordinal);

        public long SeenAt(string messageId) => _seen[messageId];

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly");
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = """SELECT "Id", "MessageIdHeader" FROM "Messages" WHERE "Id" > $after ORDER BY "Id" """;
            var after = command.Parameters.Add("$after", SqliteType.Integer);
            long last = 0;
            while (!cancellationToken.IsCancellationRequested)
            {
                after.Value = last;
                await using (var rows = await command.ExecuteReaderAsync(cancellationToken))
                {
                    var now = Stopwatch.GetTimestamp();
                    while (await rows.ReadAsync(cancellationToken))
                    {
                        last = rows.GetInt64(0);
                        if (!rows.IsDBNull(1)) _seen.TryAdd(rows.GetString(1), now);
                    }
                }
                await Task.Delay(10, cancellationToken);
            }
        }

        public async Task WaitForAsync(string messageId, TimeSpan timeout)
        {
            var clock = Stopwatch.StartNew();
            while (!_seen.ContainsKey(messageId))
            {
                if (clock.Elapsed > timeout) throw new TimeoutException($"{messageId} not taken in after {timeout.TotalSeconds:0} s");
                await Task.Delay(20);
            }
        }
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
