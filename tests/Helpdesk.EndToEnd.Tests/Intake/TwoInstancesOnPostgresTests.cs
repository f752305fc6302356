using System.Diagnostics;
using Helpdesk.Core.Intake;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Helpdesk.EndToEnd.Tests.Intake;

/// <summary>
/// Two intake instances (two `helpdesk intake` processes) on one PostgreSQL and one mailbox. Runs in the PostgreSQL
/// pass of tests/run-all.sh, which starts the server and sets HELPDESK_TEST_POSTGRES.
/// </summary>
[TestClass]
[TestCategory("Postgres")]
public sealed class TwoInstancesOnPostgresTests
{
    [TestMethod]
    public async Task HolderKilled_OtherInstanceTakesOverWithin30s_NothingLostOrDoubled()
    {
        var server = Environment.GetEnvironmentVariable("HELPDESK_TEST_POSTGRES")
            ?? throw new AssertFailedException("HELPDESK_TEST_POSTGRES is not set: run in the PostgreSQL pass of tests/run-all.sh");
        var database = "intake_" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAsync(server, $"CREATE DATABASE \"{database}\"");
        var processes = new Dictionary<string, Process>();
        var output = new System.Text.StringBuilder();
        try
        {
            await using var desk = await IntakeDesk.CreateAsync(batchSize: 50, more: new Dictionary<string, string?>
            {
                ["Helpdesk:Database:Provider"] = "Postgres",
                ["ConnectionStrings:Helpdesk"] = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString,
                ["Helpdesk:Intake:Acknowledge"] = "false",
            });
            foreach (var name in new[] { "desk-a", "desk-b" })
            {
                var process = desk.StartCli(new Dictionary<string, string?> { ["Helpdesk:Intake:InstanceName"] = name }, "intake", "--no-drop");
                // Read what each process says: a full pipe would stall it, and its words explain a failure.
                process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine($"{name}: {e.Data}"); };
                process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine($"{name} (stderr): {e.Data}"); };
                process.BeginOutputReadLine();
                process.BeginErrorReadLine();
                processes[name] = process;
            }

            desk.Deliver(Enumerable.Range(0, 200).Select(i => IntakeDesk.CustomerMail(i, "two")));
            await WaitForAsync(desk, 200, TimeSpan.FromSeconds(60));
            var holder = await HolderAsync(desk);
            Assert.IsTrue(processes.ContainsKey(holder), $"the lease is held by one of the two instances, not '{holder}'");

            processes[holder].Kill();
            await processes[holder].WaitForExitAsync();
            var killedAt = Stopwatch.StartNew();
            desk.Deliver(Enumerable.Range(200, 200).Select(i => IntakeDesk.CustomerMail(i, "two")));
            var other = processes.Keys.Single(k => k != holder);
            while (await HolderAsync(desk) != other)
            {
                if (killedAt.Elapsed > TimeSpan.FromSeconds(45)) Assert.Fail($"{other} has not taken the mailbox over 45 s after {holder} was killed. The processes said:\n{Said(output)}");
                await Task.Delay(250);
            }
            var tookOver = killedAt.Elapsed;
            await WaitForAsync(desk, 400, TimeSpan.FromSeconds(90));

            Assert.IsTrue(tookOver < TimeSpan.FromSeconds(30), $"taken over {tookOver.TotalSeconds:F1} s after the kill");
            var ids = await desk.InboundMessageIdsAsync();
            var missing = Enumerable.Range(0, 400).Count(i => !ids.ContainsKey($"two-{i}@example.test"));
            Assert.AreEqual(0, missing, "lost");
            Assert.AreEqual(0, ids.Count(i => i.Value != 1), "taken in twice");
            Assert.AreEqual(400, await desk.QueryAsync(db => db.Tickets.CountAsync()));
        }
        finally
        {
            foreach (var p in processes.Values)
            {
                if (!p.HasExited) p.Kill();
                p.Dispose();
            }
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
        }
    }

    private static string Said(System.Text.StringBuilder output)
    {
        lock (output) return output.ToString();
    }

    private static Task<string> HolderAsync(IntakeDesk desk) => desk.QueryAsync(db => db.Set<MailboxLease>().Select(l => l.Holder).SingleAsync());

    private static async Task WaitForAsync(IntakeDesk desk, int tickets, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        int count;
        while ((count = await desk.QueryAsync(db => db.Tickets.CountAsync())) < tickets)
        {
            if (clock.Elapsed > limit) Assert.Fail($"{count} of {tickets} tickets after {limit.TotalSeconds} s");
            await Task.Delay(250);
        }
    }

    private static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, connection);
        await cmd.ExecuteNonQueryAsync();
    }
}
