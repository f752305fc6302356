using System.Diagnostics;
using System.Globalization;
using Helpdesk.Core;
using Helpdesk.Core.Data;
using Helpdesk.Core.Outbox;
using Helpdesk.Mail.Compose;
using Helpdesk.Mail.Mime;
using Helpdesk.Mail.Net;
using Helpdesk.Testing.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Helpdesk.Benchmarks;

/// <summary>
/// Replies per second through the outbox to a real Postfix (STARTTLS + AUTH, handing mail to Dovecot over LMTP):
/// N replies queued in a fresh SQLite desk, sent by the dispatcher with the rate limit out of the way, three runs;
/// every reply is then looked up in the recipient's mailbox. Options: --replies N (default 2000).
/// </summary>
public static class OutboxBenchmark
{
    private const int BasePort = 28000;
    private const int Runs = 3;

    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length >= 2 && args[0] == "--replies" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2_000;
        var servers = LoopbackMailServers.Start(BasePort);
        try
        {
            var seconds = new List<double>();
            for (var run = 0; run < Runs; run++)
            {
                var (elapsed, delivered) = await RunOnceAsync(servers, count, run);
                seconds.Add(elapsed);
                Console.WriteLine($"run {run + 1}: {count} replies sent in {elapsed:0.00} s ({count / elapsed:N0}/s); {delivered} found in the mailbox");
                if (delivered != count) { Console.Error.WriteLine("not every reply arrived"); return 1; }
            }
            var median = seconds.Order().ElementAt(Runs / 2);
            Console.WriteLine();
            Console.WriteLine($"| {count:N0} replies through Postfix, median of {Runs} | seconds | replies/s |");
            Console.WriteLine("|---|---|---|");
            Console.WriteLine($"| outbox dispatcher, one SMTP connection (STARTTLS + AUTH) | {median:0.00} | {count / median:N0} |");
            Console.WriteLine($"machine: {Environment.ProcessorCount} cores; date {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");
            return 0;
        }
        finally
        {
            servers.Stop();
        }
    }

    private static async Task<(double Seconds, int Delivered)> RunOnceAsync(LoopbackMailServers servers, int count, int run)
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
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        await using var services = new ServiceCollection().AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<IConfiguration>(configuration).AddHelpdeskCore(configuration).BuildServiceProvider();
        await services.GetRequiredService<SchemaMigrator>().MigrateAsync();
        var factory = services.GetRequiredService<IDbContextFactory<HelpdeskDbContext>>();
        var tag = $"bench{run}-{Guid.NewGuid():N}"[..16];
        await using (var db = await factory.CreateDbContextAsync())
        {
            for (var i = 0; i < count; i++)
            {
                var id = $"{tag}-{i}@meridian.example";
                var item = new OutboxItem(OutboxKind.Reply, i + 1, null, id, "support@example.test", "bulk@example.test", $"Re: help [#{i + 1}]", DateTimeOffset.UtcNow);
                item.SetMime(OutgoingMessageBuilder.Build(new OutgoingMessage
                {
                    From = new EmailAddress("Meridian Outfitters Customer Care", "support@example.test"),
                    To = new EmailAddress("Customer", "bulk@example.test"),
                    Subject = $"Re: I never got the reset email [#{i + 1}]", MessageId = id, Date = DateTimeOffset.UtcNow,
                    Text = "Hello,\n\nThe reset email can take a few minutes to arrive; please check your spam folder too. " +
                           "To create your new password, go to https://www.meridian.example/account/new-password.\n\nMeridian Customer Care",
                    InReplyTo = $"question-{i}@example.org",
                }));
                db.Outbox.Add(item);
            }
            await db.SaveChangesAsync();
        }

        var dispatcher = services.GetRequiredService<OutboxDispatcher>();
        var clock = Stopwatch.StartNew();
        var sent = 0;
        while (sent < count)
        {
            var handled = await dispatcher.DispatchOnceAsync(CancellationToken.None);
            if (handled == 0 && clock.Elapsed > TimeSpan.FromMinutes(5)) break;
            sent += handled;
        }
        clock.Stop();
        await dispatcher.DisposeAsync();

        // Every reply must be in the mailbox (Postfix delivers asynchronously; not timed).
        var endpoint = new Helpdesk.Mail.Transport.MailServerEndpoint("127.0.0.1", servers.ImapPort, Helpdesk.Mail.Transport.MailServerSecurity.StartTls,
            Helpdesk.Mail.Transport.MailServerPin.FromPemFile(servers.CertificatePath));
        using var client = await Helpdesk.Mail.Transport.ImapConnector.ConnectAndLoginAsync(endpoint, new Helpdesk.Mail.Transport.MailCredentials("bulk@example.test", "bulk-pass"));
        var delivered = 0;
        for (var attempt = 0; attempt < 600 && delivered < count; attempt++)
        {
            await client.Inbox.OpenAsync(MailKit.FolderAccess.ReadOnly);
            delivered = (await client.Inbox.SearchAsync(MailKit.Search.SearchQuery.HeaderContains("Message-ID", tag + "-"))).Count;
            if (delivered < count) await Task.Delay(200);
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        return (clock.Elapsed.TotalSeconds, delivered);
    }
}
