using System.Diagnostics;
using System.Globalization;
using System.Net;
using Helpdesk.Mail.Authenticity;
using Helpdesk.Mail.Authenticity.Lookalikes;
using Helpdesk.Mail.Reading;
using Helpdesk.Testing.Dns;
using MimeKit;

namespace Helpdesk.Benchmarks;

/// <summary>
/// Cost per mail of sender authenticity and lookalike scanning, with every DNS answer already cached (an in-memory
/// resolver holding what a warm DnsClient cache holds: the DKIM key, SPF and DMARC records), so the figure is the
/// desk's and MimeKit's own work: DKIM RSA-SHA256 verification, DMARC alignment, the lookalike scan of From,
/// Reply-To and links. CPU time of the process per mail, median of --runs.
/// </summary>
internal static class AuthenticityBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var runs = int.Parse(Machine.Option(args, "--runs", "7"), CultureInfo.InvariantCulture);
        var mails = int.Parse(Machine.Option(args, "--mails", "2000"), CultureInfo.InvariantCulture);
        using var key = new DkimTestKey("meridian.example", "bench");
        var records = new Dictionary<string, string[]>
        {
            [key.RecordName] = [key.Record],
            ["_dmarc.meridian.example"] = ["v=DMARC1; p=reject"],
            ["meridian.example"] = ["v=spf1 ip4:192.0.2.10 -all"],
        };
        // --opendkim: also a notice signed for real, by Postfix through the OpenDKIM milter, as the desk receives it.
        var signedByPostfix = args.Contains("--opendkim")
            ? await SignedByPostfixAsync(int.Parse(Machine.Option(args, "--mail-base", "30000"), CultureInfo.InvariantCulture), records)
            : null;
        var dns = new CachedRecords(records);
        var checker = new SenderAuthenticityChecker(dns, new AuthenticitySettings { OwnDomains = ["meridian.example"] });
        var detector = new LookalikeDetector(["meridian.example", "meridianoutfitters.com"]);
        var reader = new EmailReader();
        var kinds = new (string Name, ParsedEmail Email)[]
        {
            ("signed notice (DKIM verify)", reader.Read(key.Sign(Mail("news@meridian.example")))),
            ("unsigned customer mail", reader.Read(Bytes(Mail("jane@gmail.test")))),
            ("forged From (DMARC fail)", reader.Read(Bytes(Mail("security@meridian.example")))),
        };
        if (signedByPostfix is not null)
            kinds = [kinds[0], ("notice signed by Postfix+OpenDKIM (DKIM verify)", reader.Read(signedByPostfix)), .. kinds[1..]];
        Console.WriteLine($"machine: {Machine.Describe()}");
        Console.WriteLine($"date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; load average {File.ReadAllText("/proc/loadavg").Trim()}");
        foreach (var (name, email) in kinds)
        {
            for (var i = 0; i < 200; i++) await checker.CheckAsync(email.Message); // warm-up: JIT, key parse
            var check = new List<double>();
            var scan = new List<double>();
            for (var r = 0; r < runs; r++)
            {
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                for (var i = 0; i < mails; i++) await checker.CheckAsync(email.Message);
                check.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / mails);
                cpu = Process.GetCurrentProcess().TotalProcessorTime;
                for (var i = 0; i < mails; i++) LookalikeScan.Of(email, detector);
                scan.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / mails);
            }
            var verdict = await checker.CheckAsync(email.Message);
            Console.WriteLine($"{name}: sender check {Median(check):0.0} µs CPU/mail (runs {string.Join(", ", check.Select(c => c.ToString("0.0", CultureInfo.InvariantCulture)))}), lookalike scan {Median(scan):0.0} µs; verdict {verdict.VerdictName} ({verdict.Reason})");
        }
        return 0;
    }

    /// <summary>
    /// Sends the notice through Postfix's signing listener (OpenDKIM milter, key from opendkim-genkey) to Dovecot and
    /// returns the bytes Dovecot stored; the servers are stopped by pid before it returns. Adds the key to the records.
    /// </summary>
    private static async Task<byte[]> SignedByPostfixAsync(int mailBase, Dictionary<string, string[]> records)
    {
        using var opendkim = Helpdesk.Testing.Dns.LoopbackOpenDkim.Start(mailBase + 891, "meridian.example", "s2026");
        records[opendkim.RecordName] = [opendkim.Record];
        var servers = Helpdesk.Testing.Mail.LoopbackMailServers.StartWithSigner(mailBase, opendkim.Milter);
        try
        {
            var notice = Mail("news@meridian.example");
            notice.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("bench.test");
            using (var smtp = new MailKit.Net.Smtp.SmtpClient())
            {
                await smtp.ConnectAsync("127.0.0.1", servers.SigningPort, MailKit.Security.SecureSocketOptions.None);
                await smtp.SendAsync(notice, notice.From.Mailboxes.First(), [MailboxAddress.Parse("support@example.test")]);
                await smtp.DisconnectAsync(true);
            }
            var needle = System.Text.Encoding.ASCII.GetBytes(notice.MessageId);
            for (var i = 0; i < 200; i++)
            {
                var stored = servers.ReadMaildir("support@example.test").FirstOrDefault(m => m.AsSpan().IndexOf(needle) >= 0);
                if (stored is not null) return stored;
                await Task.Delay(100);
            }
            throw new TimeoutException("Postfix did not deliver the signed notice within 20 s.");
        }
        finally
        {
            servers.Stop();
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static MimeMessage Mail(string from)
    {
        var m = new MimeMessage();
        m.From.Add(MailboxAddress.Parse(from));
        m.To.Add(MailboxAddress.Parse("passwordchange@meridian.example"));
        m.Subject = "About my account";
        m.Date = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
        m.MessageId = "bench-" + from;
        m.Body = new TextPart("plain") { Text = "Hello, I got your notice and created a new password at https://www.meridian.example/account/new-password. Is my card safe?\n\nJane\n" };
        return m;
    }

    private static byte[] Bytes(MimeMessage m)
    {
        using var s = new MemoryStream();
        m.WriteTo(s);
        return s.ToArray();
    }

    /// <summary>Every answer cached: what a warm resolver cache gives, without the network.</summary>
    private sealed class CachedRecords(Dictionary<string, string[]> txt) : IDnsRecords
    {
        public Task<IReadOnlyList<string>> TxtAsync(string name, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<string>>(txt.TryGetValue(name, out var v) ? v : []);

        public Task<IReadOnlyList<IPAddress>> AddressesAsync(string name, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<IPAddress>>([]);

        public Task<IReadOnlyList<string>> MailExchangersAsync(string name, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<string>>([]);
    }
}
