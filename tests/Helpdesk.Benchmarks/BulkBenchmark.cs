using System.Diagnostics;
using System.Globalization;
using Helpdesk.Classification.Data;
using Helpdesk.Core;
using Helpdesk.Core.Bulk;
using Helpdesk.Core.Data;
using Helpdesk.Core.Data.Sql;
using Helpdesk.Core.Replies;
using Helpdesk.Core.Templates;
using Helpdesk.Core.Staff;
using Helpdesk.Mail.CustomerWords;
using Helpdesk.Mail.Reading;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Helpdesk.Benchmarks;

/// <summary>
/// Bulk replies at surge size: clustering N waiting tickets (default 100,000; load from SQLite + MinHash clustering)
/// and queuing M bulk replies (default 10,000; tickets solved, messages, outbox items with MIME, audit, one
/// transaction), each send then undone at once (outbox items cancelled, replies removed, tickets put back). Three
/// runs each, medians printed. The tickets' texts are the customers' visible words from
/// data/training, picked with a skew (a few questions asked very often, as in a surge) and varied per customer:
/// greeting, sign-off and name, a dropped word, a typo, lower case. Options: --tickets N --replies M.
/// </summary>
public static class BulkBenchmark
{
    private const int Runs = 3;
    private static readonly string[] Names = ["Linda", "Bob", "Ana", "Marcus", "Priya", "Tom", "Grace", "Wei", "Sam", "Olga"];
    private static readonly string[] Openers = ["", "", "Hi,", "Hello,", "Good morning.", "hi there", "Dear Meridian,"];
    private static readonly string[] Closers = ["", "Thanks", "Thank you.", "Regards", "Please help!", "thx", "Sent from my phone"];

    public static async Task<int> RunAsync(string[] args)
    {
        var tickets = int.Parse(Machine.Option(args, "--tickets", "100000"), CultureInfo.InvariantCulture);
        var replies = int.Parse(Machine.Option(args, "--replies", "10000"), CultureInfo.InvariantCulture);
        var root = Machine.RepositoryRoot();
        var dir = Path.Combine(Path.GetTempPath(), "helpdesk-bench-bulk", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Helpdesk"] = $"Data Source={Path.Combine(dir, "desk.db")}",
            ["Helpdesk:DataDirectory"] = dir,
            ["Helpdesk:Templates:SeedDirectory"] = Path.Combine(root, "data", "templates"),
            ["Helpdesk:Bulk:MaxTicketsPerSend"] = replies.ToString(CultureInfo.InvariantCulture),
        }).Build();
        await using var services = new ServiceCollection().AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<IConfiguration>(configuration).AddHelpdeskCore(configuration).BuildServiceProvider();
        try
        {
            await services.GetRequiredService<SchemaMigrator>().MigrateAsync();
            await services.GetRequiredService<TemplateCatalog>().ImportSeedAsync();
            var factory = services.GetRequiredService<IDbContextFactory<HelpdeskDbContext>>();
            long leadId;
            await using (var db = await factory.CreateDbContextAsync())
            {
                var lead = new StaffUser("lead", "Lena Lead", "lead@meridian.example", StaffRoles.Lead, DateTimeOffset.UtcNow);
                db.Staff.Add(lead);
                await db.SaveChangesAsync();
                leadId = lead.Id;
            }

            var watch = Stopwatch.StartNew();
            await using (var db = await factory.CreateDbContextAsync())
                await WriteTicketsAsync(db, Texts(root), tickets, DateTimeOffset.UtcNow);
            Console.WriteLine($"wrote {tickets:N0} waiting tickets in {watch.Elapsed.TotalSeconds:0.0} s");

            var clusters = services.GetRequiredService<BulkClusters>();
            var options = services.GetRequiredService<BulkOptions>();
            var process = Process.GetCurrentProcess();
            double Cpu() { process.Refresh(); return process.TotalProcessorTime.TotalSeconds; }
            var clusterCpu = new List<double>();
            var queueCpu = new List<double>();
            var clusterSeconds = new List<double>();
            var loadSeconds = new List<double>();
            BulkClusterReport? report = null;
            for (var run = 0; run < Runs; run++)
            {
                var cpu = Cpu();
                watch.Restart();
                var candidates = await clusters.CandidatesAsync();
                var loaded = watch.Elapsed.TotalSeconds;
                report = BulkClusters.Cluster(candidates, options, DateTimeOffset.UtcNow);
                clusterSeconds.Add(watch.Elapsed.TotalSeconds);
                clusterCpu.Add(Cpu() - cpu);
                loadSeconds.Add(loaded);
                var all = report.Intents.SelectMany(i => i.Clusters).ToList();
                Console.WriteLine($"cluster run {run + 1}: {clusterSeconds[^1]:0.00} s wall, {clusterCpu[^1]:0.00} s CPU (load {loaded:0.00} s) — {candidates.Count:N0} candidates, "
                    + $"{all.Count:N0} clusters holding {all.Sum(c => c.Size):N0} tickets, biggest {all.Max(c => c.Size):N0}");
            }

            var bulk = services.GetRequiredService<BulkReplyService>();
            var queueSeconds = new List<double>();
            var undoSeconds = new List<double>();
            var undoCpu = new List<double>();
            // Each run answers its own 10,000 tickets, biggest clusters first, as a lead would.
            var order = report!.Intents.SelectMany(i => i.Clusters).OrderByDescending(c => c.Size).SelectMany(c => c.Members.Select(m => (c.Intent, m.Ticket)))
                .ToList();
            for (var run = 0; run < Runs; run++)
            {
                var slice = order.Skip(run * replies).Take(replies).ToList();
                if (slice.Count < replies) { Console.Error.WriteLine($"only {slice.Count} clustered tickets left for run {run + 1}"); break; }
                var byIntent = slice.GroupBy(s => s.Intent).OrderByDescending(g => g.Count()).First().Key;
                var template = (await bulk.TemplatesForAsync(byIntent)).First();
                var cpu = Cpu();
                watch.Restart();
                var result = await bulk.SendAsync(leadId, new BulkSendRequest(byIntent, template.Id, template.VersionId,
                    slice.Select(s => new BulkTarget(s.Ticket.TicketNumber, s.Ticket.Version)).ToList()));
                queueSeconds.Add(watch.Elapsed.TotalSeconds);
                queueCpu.Add(Cpu() - cpu);
                Console.WriteLine($"queue run {run + 1}: {result.Queued:N0} replies queued in {queueSeconds[^1]:0.00} s wall, {queueCpu[^1]:0.00} s CPU, {result.Skipped.Count} skipped");

                // The lead changes their mind at once: the whole send must be withdrawn well inside the undo window.
                cpu = Cpu();
                watch.Restart();
                var undo = await bulk.UndoAsync(leadId, result.BulkSendId);
                undoSeconds.Add(watch.Elapsed.TotalSeconds);
                undoCpu.Add(Cpu() - cpu);
                Console.WriteLine($"undo run {run + 1}: {undo.Cancelled:N0} replies withdrawn, {undo.TicketsRestored:N0} tickets back in {undoSeconds[^1]:0.00} s wall, {undoCpu[^1]:0.00} s CPU");
            }

            Console.WriteLine();
            // CPU seconds beside wall seconds: on cores shared with other work, CPU time is what the code costs.
            Console.WriteLine($"| bulk replies, median of {Runs} | wall s | CPU s | target |");
            Console.WriteLine("|---|---:|---:|---|");
            Console.WriteLine($"| cluster {tickets:N0} waiting tickets (load {Machine.Median(loadSeconds):0.00} s + MinHash/LSH) | {Machine.Median(clusterSeconds):0.00} | {Machine.Median(clusterCpu):0.00} | < 30 s |");
            if (queueSeconds.Count > 0)
                Console.WriteLine($"| queue {replies:N0} bulk replies (one transaction) | {Machine.Median(queueSeconds):0.00} | {Machine.Median(queueCpu):0.00} | < 10 s |");
            if (undoSeconds.Count > 0)
                Console.WriteLine($"| undo {replies:N0} bulk replies (one transaction) | {Machine.Median(undoSeconds):0.00} | {Machine.Median(undoCpu):0.00} | well inside the {options.UndoWindow.TotalSeconds:0} s window |");
            Console.WriteLine($"machine: {Machine.Describe()}; date {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>The customers' own words from the training files, per intent (quoted notice and signature removed).</summary>
    private static Dictionary<string, List<string>> Texts(string root) =>
        TrainingDataFile.ReadMessages(Path.Combine(root, "data", "training", "train"))
            .Select(m => (m.Intent, Text: VisibleTextExtractor.Extract(m.Body).Trim()))
            .Where(m => m.Text.Length > 0)
            .GroupBy(m => m.Intent).ToDictionary(g => g.Key, g => g.Select(m => m.Text).Distinct().ToList());

    private static async Task WriteTicketsAsync(HelpdeskDbContext db, Dictionary<string, List<string>> texts, int count, DateTimeOffset now)
    {
        var random = new Random(11);
        var intents = texts.Keys.Order(StringComparer.Ordinal).ToArray();
        var conn = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        const int batch = 20_000;
        for (var done = 0; done < count; done += batch)
        {
            var n = Math.Min(batch, count - done);
            await using var tx = await conn.BeginTransactionAsync();
            var customer = RawSql.Prepare(conn, tx, """INSERT INTO "Customers" ("Id","Address","Name","FirstSeenAt","Undeliverable") VALUES (@p0,@p1,@p2,@p3,0)""", 4);
            var ticket = RawSql.Prepare(conn, tx, """
                INSERT INTO "Tickets" ("Number","Subject","CustomerId","Status","Priority","Intent","IntentConfidence","NeedsTriage",
                  "IntentChangedByAgent","ReceivedAt","LastCustomerMessageAt","WaitingSince","UpdatedAt","InboundCount","HasAttachments","Escalated","IsSpam","Version")
                VALUES (@p0,@p1,@p2,0,1,@p3,@p4,0,0,@p5,@p5,@p5,@p5,1,0,0,0,2)
                """, 6);
            var message = RawSql.Prepare(conn, tx, """
                INSERT INTO "Messages" ("TicketNumber","Direction","MessageIdHeader","FromAddress","FromName","Subject","Text","VisibleText","CreatedAt","SentUnedited")
                VALUES (@p0,0,@p1,@p2,@p3,@p4,@p5,@p5,@p6,0)
                """, 7);
            for (var i = 0; i < n; i++)
            {
                var k = done + i + 1;
                var at = (now - TimeSpan.FromHours(48) + TimeSpan.FromSeconds(k)).ToUnixTimeMilliseconds();
                var name = $"{Names[random.Next(Names.Length)]} Customer{k}";
                var address = $"customer{k}@bulk.example";
                await RawSql.RunAsync(customer, CancellationToken.None, k, address, name, at);
                var intent = intents[random.Next(intents.Length)];
                var pool = texts[intent];
                // Skewed pick: the first questions of each intent are asked far more often (rank ~ r^3), as in a surge.
                var text = Vary(pool[(int)(Math.Pow(random.NextDouble(), 3) * pool.Count)], random);
                var subject = "Re: Important: please create a new password";
                await RawSql.RunAsync(ticket, CancellationToken.None, k, subject, k, intent, 0.85 + random.NextDouble() * 0.15, at);
                await RawSql.RunAsync(message, CancellationToken.None, k, $"bulk-bench-{k}@mail.example", address, name, subject, text, at);
            }
            await tx.CommitAsync();
        }
    }

    private static string Vary(string text, Random random)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (words.Count > 4 && random.NextDouble() < 0.5) words.RemoveAt(random.Next(words.Count));
        if (random.NextDouble() < 0.4)
        {
            var i = random.Next(words.Count);
            if (words[i].Length > 3) words[i] = words[i][..1] + words[i][2] + words[i][1] + words[i][3..];
        }
        var body = string.Join(' ', words);
        if (random.NextDouble() < 0.25) body = body.ToLowerInvariant();
        return $"{Openers[random.Next(Openers.Length)]} {body}\n\n{Closers[random.Next(Closers.Length)]}\n{Names[random.Next(Names.Length)]}".Trim();
    }
}
