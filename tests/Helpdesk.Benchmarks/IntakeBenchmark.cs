using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Helpdesk.Core;
using Helpdesk.Core.Data;
using Helpdesk.Core.Intake;
using Helpdesk.Testing.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Helpdesk.Benchmarks;

/// <summary>
/// Intake end to end: realistic support mail delivered into Dovecot, then taken in by the desk's intake (UID
/// SEARCH, UID FETCH in batches, store with the cursor, parse, machine mail, threading, masking, ticket,
/// acknowledgment, \Seen) into a fresh SQLite database, three times; beside a plain fetch of the same mailbox by
/// Python's imaplib in the same run. Prints medians and the time per stage. Options: --messages N (default 20000).
/// The timed runs start with the intent model already trained (a running desk trains it once, at its first start);
/// one "first start" run before them takes in the same mail with no model yet, so training is inside the time (the
/// Model stage is intake waiting for it).
/// </summary>
public static class IntakeBenchmark
{
    private const int BasePort = 27000;
    private const int Runs = 3;
    private const string User = "bulk@example.test";

    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length >= 2 && args[0] == "--messages" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20_000;
        var servers = LoopbackMailServers.Start(BasePort);
        try
        {
            var messages = RealisticMail.Generate(count, seed: 20261122).ToList();
            servers.WriteToMaildir(User, messages);
            Console.WriteLine($"delivered {count} messages ({messages.Sum(m => (long)m.Length) / 1e6:0.0} MB) into Dovecot; {Environment.ProcessorCount} cores");
            await ImaplibSecondsAsync(servers); // Dovecot indexes the new mailbox on the first look

            var modelDir = Directory.CreateTempSubdirectory("helpdesk-bench-model-").FullName;
            var modelFile = Path.Combine(modelDir, "intent.model");
            var (coldSeconds, coldStages, _) = await IntakeOnceAsync(servers, count, modelFile, warm: false);
            Console.WriteLine($"first start (no model yet): intake {coldSeconds:0.00} s ({count / coldSeconds:N0} msg/s); stages "
                + string.Join(", ", coldStages.Select(s => $"{s.Key} {s.Value:0.00} s")));

            var python = new List<double>();
            var intake = new List<double>();
            var stages = new List<Dictionary<IntakeStage, double>>();
            for (var run = 0; run < Runs; run++)
            {
                python.Add(await ImaplibSecondsAsync(servers));
                var (seconds, perStage, tickets) = await IntakeOnceAsync(servers, count, modelFile, warm: true);
                intake.Add(seconds);
                stages.Add(perStage);
                Console.WriteLine($"run {run + 1}: intake {seconds:0.00} s ({count / seconds:N0} msg/s, {tickets} tickets), imaplib {python[^1]:0.00} s; stages "
                    + string.Join(", ", perStage.Select(s => $"{s.Key} {s.Value:0.00} s")));
            }

            Console.WriteLine();
            Console.WriteLine($"| {count:N0} realistic messages, median of {Runs} | seconds | msgs/s |");
            Console.WriteLine("|---|---|---|");
            Console.WriteLine($"| intake end to end on MailKit (fetch, store, parse, thread, ticket, ack, flag) | {Median(intake):0.00} | {count / Median(intake):N0} |");
            Console.WriteLine($"| Python imaplib plain fetch (network ceiling) | {Median(python):0.00} | {count / Median(python):N0} |");
            Console.WriteLine($"| first start: the same intake with no model yet (trained meanwhile), one run | {coldSeconds:0.00} | {count / coldSeconds:N0} |");
            Console.WriteLine();
            Console.WriteLine("| stage (median run) | seconds | share |");
            Console.WriteLine("|---|---|---|");
            var median = stages[intake.IndexOf(Median(intake))];
            var total = Median(intake);
            // Lookup, Save and Acknowledge are parts of Database; listed under it.
            var parts = new[] { IntakeStage.Lookup, IntakeStage.Save, IntakeStage.Acknowledge };
            foreach (var (stage, s) in median.Where(s => !parts.Contains(s.Key)).OrderByDescending(s => s.Value))
            {
                Console.WriteLine($"| {stage} | {s:0.00} | {s / total:P0} |");
                if (stage == IntakeStage.Database)
                    foreach (var part in parts)
                        Console.WriteLine($"| - of which {part} | {median[part]:0.00} | {median[part] / total:P0} |");
            }
            try { Directory.Delete(modelDir, recursive: true); } catch (IOException) { }
            return 0;
        }
        finally
        {
            servers.Stop();
        }
    }

    private static async Task<(double Seconds, Dictionary<IntakeStage, double> Stages, int Tickets)> IntakeOnceAsync(LoopbackMailServers servers, int count, string modelFile, bool warm)
    {
        var dir = Directory.CreateTempSubdirectory("helpdesk-bench-intake-").FullName;
        try
        {
            var settings = new Dictionary<string, string?>
            {
                ["ConnectionStrings:Helpdesk"] = $"Data Source={Path.Combine(dir, "desk.db")}",
                ["Helpdesk:DataDirectory"] = dir,
                ["Helpdesk:Mailboxes:0:Host"] = "127.0.0.1",
                ["Helpdesk:Mailboxes:0:Port"] = servers.ImapPort.ToString(CultureInfo.InvariantCulture),
                ["Helpdesk:Mailboxes:0:Security"] = "None",
                ["Helpdesk:Mailboxes:0:User"] = User,
                ["Helpdesk:Mailboxes:0:Password"] = "bulk-pass",
                ["Helpdesk:Classification:ModelFile"] = modelFile,
            };
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
            await using var services = new ServiceCollection()
                .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning).AddSimpleConsole())
                .AddSingleton<IConfiguration>(configuration)
                .AddHelpdeskCore(configuration)
                .BuildServiceProvider();
            await services.GetRequiredService<SchemaMigrator>().MigrateAsync();
            if (warm) await services.GetRequiredService<Helpdesk.Core.Classification.IntentClassifierService>().WarmUpAsync();
            var pipeline = services.GetRequiredService<IntakePipeline>();
            pipeline.StageTimes.Reset();

            var clock = Stopwatch.StartNew();
            var summary = await services.GetRequiredService<IntakeRunner>().RunOnceAsync(includeDropFolder: false);
            var seconds = clock.Elapsed.TotalSeconds;
            if (summary.Errors.Count > 0) throw new InvalidOperationException(string.Join("; ", summary.Errors.Values));
            var taken = summary.TakenBySource.Values.Sum();
            if (taken != count) throw new InvalidOperationException($"took in {taken}, expected {count}");

            var factory = services.GetRequiredService<IDbContextFactory<HelpdeskDbContext>>();
            await using var db = await factory.CreateDbContextAsync();
            var notDone = await db.RawMessages.CountAsync(r => r.State != RawMessageState.Processed && r.State != RawMessageState.Duplicate);
            if (notDone > 0) throw new InvalidOperationException($"{notDone} messages not processed");
            var tickets = await db.Tickets.CountAsync();
            var stages = Enum.GetValues<IntakeStage>().ToDictionary(s => s, s => pipeline.StageTimes[s].TotalSeconds);
            return (seconds, stages, tickets);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<double> ImaplibSecondsAsync(LoopbackMailServers servers)
    {
        var script = Path.Combine(Path.GetTempPath(), "helpdesk-imaplib-intake.py");
        await File.WriteAllTextAsync(script, """
            import imaplib, json, sys, time
            t0 = time.perf_counter()
            m = imaplib.IMAP4('127.0.0.1', int(sys.argv[1]))
            m.login(sys.argv[2], sys.argv[3])
            m.select('INBOX', readonly=True)
            uidnext = int(m.response('UIDNEXT')[1][0])
            count = 0
            for a in range(1, uidnext, 500):
                typ, data = m.uid('FETCH', f'{a}:{a + 499}', '(UID RFC822.SIZE FLAGS INTERNALDATE BODY.PEEK[])')
                count += sum(1 for part in data if isinstance(part, tuple))
            m.logout()
            print(json.dumps({'messages': count, 'seconds': time.perf_counter() - t0}))
            """);
        var start = new ProcessStartInfo("python3", [script, servers.ImapPort.ToString(CultureInfo.InvariantCulture), User, "bulk-pass"]) { RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        using var result = JsonDocument.Parse(output);
        return result.RootElement.GetProperty("seconds").GetDouble();
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
