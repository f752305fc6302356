using System.Globalization;
using Helpdesk.Benchmarks.Circuits;
using Microsoft.Data.Sqlite;

namespace Helpdesk.Benchmarks;

/// <summary>
/// console-memory without a browser, so that 1,000 agents fit one machine: each agent is a <see cref="CircuitClient"/>
/// (HTTP sign-in, the prerendered /answer, its circuit over SignalR), and the desk's RSS and managed heap are read
/// before and after as console-memory reads them, divided by N. An agent counts as holding a ticket only when its
/// circuit rendered a ticket number and the database says that ticket is claimed by that agent (--db).
/// Usage: circuits --url http://127.0.0.1:5090 --pid PID --db /path/run.db [--circuits 50] [--user-prefix drill-agent-]
///        [--password demo-desk] [--settle 10] [--admin admin] [--parallel 4] [--hold 0] [--no-deflate]
/// Like a browser, each circuit's WebSocket asks for compressed frames unless --no-deflate.
/// </summary>
public static class CircuitsBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        string Arg(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }
        var url = new Uri(Arg("--url", "http://127.0.0.1:5080").TrimEnd('/') + "/");
        var pid = int.Parse(Arg("--pid", "0"), CultureInfo.InvariantCulture);
        var db = Arg("--db", "");
        var circuits = int.Parse(Arg("--circuits", "50"), CultureInfo.InvariantCulture);
        var prefix = Arg("--user-prefix", "drill-agent-");
        var password = Arg("--password", "demo-desk");
        var settle = TimeSpan.FromSeconds(int.Parse(Arg("--settle", "10"), CultureInfo.InvariantCulture));
        var admin = Arg("--admin", "admin");
        var parallel = int.Parse(Arg("--parallel", "4"), CultureInfo.InvariantCulture);
        var deflate = !args.Contains("--no-deflate");
        var hold = TimeSpan.FromSeconds(int.Parse(Arg("--hold", "0"), CultureInfo.InvariantCulture));
        if (pid <= 0 || db.Length == 0)
        {
            Console.Error.WriteLine("circuits: --pid of the desk process and --db (its SQLite file, to check the claims) are required.");
            return 2;
        }

        var adminClient = new CircuitClient(url);
        await adminClient.SignInAsync(admin, password, "/healthz", CancellationToken.None);
        using var adminHttp = adminClient.NewHttp();
        Task<DeskMemory.Sample> MeasureAsync() => DeskMemory.MeasureAsync(settle, () => adminHttp.GetStringAsync("/diagnostics/memory"), pid);

        // One warm circuit first, as console-memory does: the baseline already holds what the first page loads once.
        await using var warm = new CircuitClient(url, deflate);
        await warm.SignInAsync("agent", password, "/answer", CancellationToken.None);
        await warm.OpenAsync("/answer", TimeSpan.FromMinutes(2), CancellationToken.None);
        Console.WriteLine($"warm circuit: {warm.Components} server components, state {(warm.HadState ? "yes" : "none")}, {warm.Batches} batches, ticket #{warm.Ticket}; JS calls: {string.Join(", ", warm.Calls)}");
        var before = await MeasureAsync();

        var clients = new CircuitClient[circuits];
        var opened = 0;
        var failed = 0;
        var started = System.Diagnostics.Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(1, circuits), new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (i, ct) =>
        {
            var client = clients[i - 1] = new CircuitClient(url, deflate);
            try
            {
                await client.SignInAsync(prefix + i.ToString("000", CultureInfo.InvariantCulture), password, "/answer", ct);
                await client.OpenAsync("/answer", TimeSpan.FromMinutes(3), ct);
            }
            catch (Exception e)
            {
                if (Interlocked.Increment(ref failed) <= 5) Console.WriteLine($"{client.User}: {e.GetType().Name}: {e.Message}");
            }
            var n = Interlocked.Increment(ref opened);
            if (n % 50 == 0) Console.WriteLine(FormattableString.Invariant($"{n} circuits open ({started.Elapsed.TotalSeconds:0} s)"));
        });
        Console.WriteLine(FormattableString.Invariant($"opened {circuits} in {started.Elapsed.TotalSeconds:0} s, {failed} failed"));
        var after = await MeasureAsync();

        // The claims as the database holds them now (after the settle, so a circuit that lost its claim shows).
        var claimed = new Dictionary<string, HashSet<long>>(StringComparer.OrdinalIgnoreCase);
        await using (var conn = new SqliteConnection($"Data Source={db};Mode=ReadOnly"))
        {
            await conn.OpenAsync();
            using var cmd = conn.CreateCommand();
            cmd.CommandText = """
                SELECT s."UserName", t."Number" FROM "Tickets" t JOIN "Staff" s ON s."Id" = t."ClaimedBy"
                WHERE t."Status" IN (0, 1) AND s."UserName" LIKE $p
                """;
            cmd.Parameters.AddWithValue("$p", prefix + "%");
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync())
            {
                if (!claimed.TryGetValue(r.GetString(0), out var set)) claimed[r.GetString(0)] = set = [];
                set.Add(r.GetInt64(1));
            }
        }
        var rendered = clients.Count(c => c.Ticket is not null);
        var holding = clients.Count(c => c.Ticket is { } t && c.User is { } u && claimed.TryGetValue(u, out var s) && s.Contains(t));
        var distinct = clients.Where(c => c.Ticket is not null).Select(c => c.Ticket).Distinct().Count();
        var errors = clients.Count(c => c.Error is not null);
        var connected = clients.Count(c => c.Connected);

        Console.WriteLine($"circuits: {circuits} signed-in agents on /answer without a browser (WebSocket compression {(deflate ? "on" : "off")}); {rendered} rendered a ticket ({distinct} distinct), " +
                          $"{holding} of those claimed by that agent in the database; {errors} circuit errors, {connected} still connected; desk pid {pid}");
        if (clients.FirstOrDefault(c => c.Ticket is not null) is { } first)
            Console.WriteLine($"JS calls answered for {first.User}: {string.Join(", ", first.Calls)}");
        Console.WriteLine(FormattableString.Invariant(
            $"batches per circuit {clients.Average(c => c.Batches):0.0}, JS calls per circuit {clients.Average(c => c.JsCalls):0.0}"));
        DeskMemory.PrintPerCircuit(before, after, circuits);
        if (hold > TimeSpan.Zero) await Task.Delay(hold);
        foreach (var c in clients) await c.DisposeAsync();
        return holding == circuits ? 0 : 1;
    }
}
