using System.Diagnostics;
using System.Globalization;
using Helpdesk.Core;
using Helpdesk.Core.Data;
using Helpdesk.Core.Outbox;
using Helpdesk.Mail.Transport;
using Helpdesk.Mail.Writing;
using Helpdesk.Testing.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Helpdesk.Benchmarks;

/// <summary>
/// Replies per second to a real Postfix (STARTTLS + AUTH, handing mail to Dovecot over LMTP), every contender in the
/// same run on the same bytes, taking turns run by run so a load change on the machine hits them alike:
/// the outbox dispatcher (N replies queued in a fresh SQLite desk, rate limit out of the way), the SMTP client alone
/// in a loop (no database), and Python's smtplib in a loop. Every reply is then looked up in the mailbox by
/// Message-ID. Options: --replies N (default 2000), --runs N (default 3).
/// </summary>
public static class OutboxBenchmark
{
    private const int BasePort = 28000;

    /// <summary>Runs one contender; returns wall seconds and the client's CPU seconds (null: measured here from this process).</summary>
    private sealed record Contender(string Name, Func<LoopbackMailServers, IReadOnlyList<(string Id, byte[] Mime)>, Task<(double Wall, double? Cpu)>> Run);

    private static Func<LoopbackMailServers, IReadOnlyList<(string Id, byte[] Mime)>, Task<(double, double?)>> InProcess(
        Func<LoopbackMailServers, IReadOnlyList<(string Id, byte[] Mime)>, Task<double>> run) =>
        async (s, m) => (await run(s, m), null);

    public static async Task<int> RunAsync(string[] args)
    {
        var count = IntOption(args, "--replies", 2_000);
        var runs = IntOption(args, "--runs", 3);
        Contender[] contenders =
        [
            new("outbox dispatcher on MailKit, up to 4 connections (SQLite desk, lease + one commit per pass)", InProcess((s, m) => DispatcherAsync(s, m, connections: 4))),
            new("outbox dispatcher on MailKit, 1 connection", InProcess((s, m) => DispatcherAsync(s, m, connections: 1))),
            new("MailKit SmtpSender alone, one connection", InProcess(NewSenderAsync)),
            new("Python smtplib loop, one connection", SmtplibAsync),
        ];
        Compose();
        var servers = LoopbackMailServers.Start(BasePort);
        try
        {
            var seconds = contenders.ToDictionary(c => c.Name, _ => new List<double>());
            var cpuSeconds = contenders.ToDictionary(c => c.Name, _ => new List<double>());
            for (var run = 0; run < runs; run++)
            {
                foreach (var contender in contenders)
                {
                    var tag = $"b{run}{Guid.NewGuid():N}"[..14];
                    var messages = Messages(tag, count);
                    var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                    var (elapsed, ownCpu) = await contender.Run(servers, messages);
                    var cpu = ownCpu ?? (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
                    var delivered = await DeliveredAsync(servers, tag, count);
                    seconds[contender.Name].Add(elapsed);
                    cpuSeconds[contender.Name].Add(cpu);
                    Console.WriteLine($"run {run + 1}, {contender.Name}: {count} in {elapsed:0.00} s ({count / elapsed:N0}/s), client CPU {cpu:0.00} s; {delivered} in the mailbox");
                    if (delivered != count) { Console.Error.WriteLine("not every reply arrived"); return 1; }
                }
            }
            var baseline = Machine.Median(seconds[contenders[^1].Name]);
            Console.WriteLine();
            var baselineCpu = Machine.Median(cpuSeconds[contenders[^1].Name]);
            Console.WriteLine($"| {count:N0} replies through Postfix, median of {runs} | seconds | replies/s | vs smtplib | client CPU ms/reply | CPU vs smtplib |");
            Console.WriteLine("|---|---|---|---|---|---|");
            foreach (var contender in contenders)
            {
                var median = Machine.Median(seconds[contender.Name]);
                var cpu = Machine.Median(cpuSeconds[contender.Name]);
                Console.WriteLine($"| {contender.Name} | {median:0.00} | {count / median:N0} | {baseline / median:0.00} | {cpu * 1000 / count:0.00} | {cpu / baselineCpu:0.00} |");
            }
            Console.WriteLine($"machine: {Machine.Describe()}; load {File.ReadAllText("/proc/loadavg").Trim()}; date {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");
            return 0;
        }
        finally
        {
            servers.Stop();
        }
    }

    private static int IntOption(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private const string ReplyText = "Hello,\n\nThe reset email can take a few minutes to arrive; please check your spam folder too. " +
                                     "To create your new password, go to https://www.meridian.example/account/new-password.\n\nMeridian Customer Care";

    /// <summary>The same reply every contender sends, each with its own Message-ID, written by the desk's composer.</summary>
    private static List<(string Id, byte[] Mime)> Messages(string tag, int count) =>
        Enumerable.Range(0, count).Select(i =>
        {
            var id = $"{tag}-{i}@meridian.example";
            return (id, DeskComposer.Build(new OutgoingMail
            {
                From = ("Meridian Outfitters Customer Care", "support@example.test"), To = ("Customer", "bulk@example.test"),
                Subject = $"Re: I never got the reset email [#{i + 1}]", MessageId = id, Date = DateTimeOffset.UtcNow,
                Text = ReplyText, InReplyTo = $"question-{i}@example.org",
            }));
        }).ToList();

    /// <summary>
    /// Writing a reply (acknowledgments are written inside intake's batch) with MimeKit, one thread, counted in CPU time
    /// of the process so other work on the machine does not count against it.
    /// </summary>
    private static void Compose()
    {
        const int n = 20_000;
        var date = DateTimeOffset.UtcNow;
        double Rate(Func<int, byte[]> build)
        {
            for (var i = 0; i < 2_000; i++) build(i); // warm-up
            var best = 0.0;
            for (var round = 0; round < 3; round++)
            {
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                for (var i = 0; i < n; i++) build(i);
                best = Math.Max(best, n / (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
            }
            return best;
        }
        var mimeKit = Rate(i => DeskComposer.Build(new OutgoingMail
        {
            From = ("Meridian Outfitters Customer Care", "support@example.test"), To = ("Señora Müller", "bulk@example.test"),
            Subject = $"Re: Contraseña nueva [#{i}]", MessageId = $"c-{i}@meridian.example", Date = date, Text = ReplyText, InReplyTo = $"q-{i}@example.org",
            References = [$"q-{i}@example.org"], AutoSubmitted = "auto-replied",
        }));
        Console.WriteLine($"writing a reply, best of 3 x {n:N0}, one thread, per CPU second: DeskComposer (MimeKit) {mimeKit:N0}/s");
    }

    private static async Task<double> DispatcherAsync(LoopbackMailServers servers, IReadOnlyList<(string Id, byte[] Mime)> messages, int connections)
    {
        var dir = Directory.CreateTempSubdirectory("helpdesk-bench-outbox-").FullName;
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Helpdesk"] = $"Data Source={Path.Combine(dir, "desk.db")}",
            ["Helpdesk:DataDirectory"] = dir,
            ["Helpdesk:Outbox:Host"] = "127.0.0.1",
            ["Helpdesk:Outbox:Port"] = servers.SmtpPort.ToString(CultureInfo.InvariantCulture),
            ["Helpdesk:Outbox:Security"] = "StartTls",
            ["Helpdesk:Outbox:User"] = "support@example.test",
            ["Helpdesk:Outbox:Password"] = "support-pass",
            ["Helpdesk:Outbox:PinnedCertificate"] = servers.CertificatePath,
            ["Helpdesk:Outbox:MaxPerSecond"] = "10000",
            ["Helpdesk:Outbox:BatchSize"] = "200",
            ["Helpdesk:Outbox:Connections"] = connections.ToString(CultureInfo.InvariantCulture),
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        await using var services = new ServiceCollection().AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<IConfiguration>(configuration).AddHelpdeskCore(configuration).BuildServiceProvider();
        await services.GetRequiredService<SchemaMigrator>().MigrateAsync();
        var factory = services.GetRequiredService<IDbContextFactory<HelpdeskDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            for (var i = 0; i < messages.Count; i++)
            {
                var item = new OutboxItem(OutboxKind.Reply, i + 1, null, messages[i].Id, "support@example.test", "bulk@example.test", $"Re: help [#{i + 1}]", DateTimeOffset.UtcNow);
                item.SetMime(messages[i].Mime);
                db.Outbox.Add(item);
            }
            await db.SaveChangesAsync();
        }

        var dispatcher = services.GetRequiredService<OutboxDispatcher>();
        var clock = Stopwatch.StartNew();
        var sent = 0;
        while (sent < messages.Count)
        {
            var handled = await dispatcher.DispatchOnceAsync(CancellationToken.None);
            if (handled == 0 && clock.Elapsed > TimeSpan.FromMinutes(5)) break;
            sent += handled;
        }
        await dispatcher.DisposeAsync();
        clock.Stop();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        return clock.Elapsed.TotalSeconds;
    }

    private static async Task<double> NewSenderAsync(LoopbackMailServers servers, IReadOnlyList<(string Id, byte[] Mime)> messages)
    {
        var clock = Stopwatch.StartNew();
        await using (var sender = new SmtpSender(new SmtpSenderOptions
        {
            Host = "127.0.0.1", Port = servers.SmtpPort, Security = MailServerSecurity.StartTls, PinnedCertificate = MailServerPin.FromPemFile(servers.CertificatePath),
            UserName = "support@example.test", Password = "support-pass",
        }))
        {
            var n = 0;
            foreach (var (_, mime) in messages)
                await sender.SendAsync(new SubmissionEnvelope("support@example.test", ["bulk@example.test"], $"outbox-{++n}"), mime);
        }
        return clock.Elapsed.TotalSeconds;
    }

    private static async Task<(double, double?)> SmtplibAsync(LoopbackMailServers servers, IReadOnlyList<(string Id, byte[] Mime)> messages)
    {
        var dir = Directory.CreateTempSubdirectory("helpdesk-bench-smtplib-").FullName;
        try
        {
            for (var i = 0; i < messages.Count; i++) await File.WriteAllBytesAsync(Path.Combine(dir, $"{i:D7}.eml"), messages[i].Mime);
            var script = Path.Combine(AppContext.BaseDirectory, "python", "smtplib_send.py");
            var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { script, "127.0.0.1", servers.SmtpPort.ToString(CultureInfo.InvariantCulture), servers.CertificatePath,
                         "support@example.test", "support-pass", "support@example.test", "bulk@example.test", dir })
                start.ArgumentList.Add(a);
            using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start python3");
            var output = await process.StandardOutput.ReadToEndAsync();
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0) throw new InvalidOperationException($"smtplib loop failed ({process.ExitCode}): {error}");
            // The loop times itself (connect to QUIT), so Python's start-up is not counted against it.
            var parts = output.Trim().Split(' ');
            return (double.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Postfix delivers asynchronously: waits (untimed) until every Message-ID of the run is in the mailbox.</summary>
    private static async Task<int> DeliveredAsync(LoopbackMailServers servers, string tag, int count)
    {
        var pin = MailServerPin.FromPemFile(servers.CertificatePath);
        using var client = new MailKit.Net.Imap.ImapClient
        {
            ServerCertificateValidationCallback = (_, certificate, _, errors) => errors == System.Net.Security.SslPolicyErrors.None || pin.Matches(certificate),
        };
        await client.ConnectAsync("127.0.0.1", servers.ImapPort, MailKit.Security.SecureSocketOptions.StartTls);
        await client.AuthenticateAsync("bulk@example.test", "bulk-pass");
        var delivered = 0;
        for (var attempt = 0; attempt < 600 && delivered < count; attempt++)
        {
            await client.Inbox.OpenAsync(MailKit.FolderAccess.ReadOnly);
            delivered = (await client.Inbox.SearchAsync(MailKit.Search.SearchQuery.HeaderContains("Message-ID", tag + "-"))).Count;
            await client.Inbox.CloseAsync();
            if (delivered < count) await Task.Delay(200);
        }
        await client.DisconnectAsync(true);
        return delivered;
    }
}
