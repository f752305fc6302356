using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Helpdesk.Mail.Transport;
using Helpdesk.Testing.Mail;

namespace Helpdesk.Benchmarks;

/// <summary>
/// Fills a real Dovecot mailbox with realistic support mail, then fetches all of it with the intake's MailKit session
/// and with Python's imaplib (the plain network ceiling) in the same run; prints medians of three runs each.
/// Options: --messages N (default 20000).
/// </summary>
public static class ImapFetchBenchmark
{
    private const int BasePort = 26000;
    private const int Runs = 3;
    private const string User = "bulk@example.test";
    private const string Password = "bulk-pass";

    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length >= 2 && args[0] == "--messages" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20_000;
        var servers = LoopbackMailServers.Start(BasePort);
        try
        {
            var clock = Stopwatch.StartNew();
            var messages = RealisticMail.Generate(count, seed: 20261122).ToList();
            var totalBytes = messages.Sum(m => (long)m.Length);
            servers.WriteToMaildir(User, messages);
            Console.WriteLine($"delivered {count} messages ({totalBytes / 1e6:0.0} MB) into Maildir in {clock.Elapsed.TotalSeconds:0.00} s");

            // The first SELECT indexes 20,000 new files; do it (and one full read) before timing anything.
            clock.Restart();
            await FetchWithMailKitAsync(servers, MailServerSecurity.None, count, totalBytes);
            Console.WriteLine($"warm-up (Dovecot indexes the mailbox): {clock.Elapsed.TotalSeconds:0.00} s");

            var rows = new List<(string Name, double Seconds)>
            {
                ("MailKit GetStreamsAsync, 500 UIDs a command, plain", Median(await RepeatAsync(() => FetchWithMailKitAsync(servers, MailServerSecurity.None, count, totalBytes)))),
                ("Python imaplib, plain", Median(await RepeatAsync(() => FetchWithImaplibAsync(servers, false, count, totalBytes)))),
                ("MailKit GetStreamsAsync, 500 UIDs a command, STARTTLS", Median(await RepeatAsync(() => FetchWithMailKitAsync(servers, MailServerSecurity.StartTls, count, totalBytes)))),
                ("Python imaplib, STARTTLS", Median(await RepeatAsync(() => FetchWithImaplibAsync(servers, true, count, totalBytes)))),
            };

            Console.WriteLine();
            Console.WriteLine($"| fetch all {count} messages ({totalBytes / 1e6:0.0} MB), median of {Runs} | seconds | msgs/s | MB/s |");
            Console.WriteLine("|---|---|---|---|");
            foreach (var (name, seconds) in rows)
            {
                Console.WriteLine($"| {name} | {seconds:0.000} | {count / seconds:N0} | {totalBytes / 1e6 / seconds:0.0} |");
            }

            return 0;
        }
        finally
        {
            servers.Stop();
        }
    }

    /// <summary>The intake's own path: <see cref="ImapMailboxSession"/> (MailKit) fetching raw bytes in batches of 500.</summary>
    private static async Task<double> FetchWithMailKitAsync(LoopbackMailServers servers, MailServerSecurity security, int count, long bytes)
    {
        var clock = Stopwatch.StartNew();
        var endpoint = new MailServerEndpoint("127.0.0.1", servers.ImapPort, security, MailServerPin.FromPemFile(servers.CertificatePath));
        await using var session = await ImapMailboxSession.OpenAsync(endpoint, new MailCredentials(User, Password), "INBOX", null);
        var uids = await session.SearchFromAsync(1);
        var seen = 0;
        long seenBytes = 0;
        foreach (var batch in uids.Chunk(500))
        {
            foreach (var message in await session.FetchAsync(batch))
            {
                seen++;
                seenBytes += message.Raw.Length;
            }
        }
        await session.DisposeAsync();
        var seconds = clock.Elapsed.TotalSeconds;
        Check("MailKit", seen, seenBytes, count, bytes);
        return seconds;
    }

    private static async Task<double> FetchWithImaplibAsync(LoopbackMailServers servers, bool startTls, int count, long bytes)
    {
        var script = Path.Combine(Path.GetTempPath(), "helpdesk-imaplib-fetch.py");
        await File.WriteAllTextAsync(script, ImaplibScript);
        var start = new ProcessStartInfo("python3", [script, servers.ImapPort.ToString(CultureInfo.InvariantCulture),
            User, Password, startTls ? servers.CertificatePath : ""]) { RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        using var result = JsonDocument.Parse(output);
        Check("imaplib", result.RootElement.GetProperty("messages").GetInt32(), result.RootElement.GetProperty("bytes").GetInt64(), count, bytes);
        return result.RootElement.GetProperty("seconds").GetDouble();
    }

    private static void Check(string who, int seen, long seenBytes, int count, long bytes)
    {
        if (seen != count || seenBytes != bytes)
        {
            throw new InvalidOperationException($"{who} fetched {seen} messages / {seenBytes} bytes, expected {count} / {bytes}");
        }
    }

    private static async Task<List<double>> RepeatAsync(Func<Task<double>> run)
    {
        var times = new List<double>();
        for (var i = 0; i < Runs; i++)
        {
            times.Add(await run());
        }

        return times;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    // Same work as the client: one connection, login, select, UID FETCH of 500 UIDs at a time (imaplib waits for
    // each answer: it cannot pipeline), the same items; the clock covers connect to logout, like the client's.
    private const string ImaplibScript = """
        import imaplib, json, ssl, sys, time
        port, user, password, cafile = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
        t0 = time.perf_counter()
        m = imaplib.IMAP4('127.0.0.1', port)
        if cafile:
            m.starttls(ssl_context=ssl.create_default_context(cafile=cafile))
        m.login(user, password)
        typ, data = m.select('INBOX')
        uidnext = int(m.response('UIDNEXT')[1][0])
        count = size = 0
        for a in range(1, uidnext, 500):
            typ, data = m.uid('FETCH', f'{a}:{a + 499}', '(UID RFC822.SIZE FLAGS INTERNALDATE BODY.PEEK[])')
            for part in data:
                if isinstance(part, tuple):
                    count += 1
                    size += len(part[1])
        m.logout()
        print(json.dumps({'messages': count, 'bytes': size, 'seconds': time.perf_counter() - t0}))
        """;
}
