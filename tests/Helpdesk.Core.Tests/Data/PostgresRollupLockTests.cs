using System.Data;
using System.Data.Common;
using Helpdesk.Core.Customers;
using Helpdesk.Core.Data;
using Helpdesk.Core.Tests.Support;
using Helpdesk.Core.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Core.Tests.Data;

/// <summary>
/// The lead's rollups on PostgreSQL are kept by a trigger on Tickets, and every writer adds to the same row: the hour's
/// line of DeskHourlyFlow. Kept at each row change, that row stayed locked from intake's first ticket to the end of its
/// batch, and 300 agents' sends queued behind it (the breach-week drill, docs/drill.md). The trigger now runs at commit,
/// so a transaction holds the row only while it commits. Runs in the PostgreSQL pass of tests/run-all.sh.
/// </summary>
[TestClass]
[TestCategory("Postgres")]
public sealed class PostgresRollupLockTests
{
    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task AnsweringATicket_WhileAnotherTransactionWritesTicketsOfTheSameHour_DoesNotWaitForItsCommit()
    {
        Assert.AreEqual(DatabaseProvider.Postgres, TestDatabase.Provider, "run with HELPDESK_TEST_PROVIDER=Postgres (tests/run-all.sh does)");
        await using var desk = await TestDatabase.CreateAsync();
        var answered = await desk.AddTicketAsync("Ana Answered", "Reset link", "The link does not work.");

        // Intake's batch, still open: a new ticket of the same hour is written but not committed.
        await using var intake = await desk.Factory.CreateDbContextAsync();
        await using var batch = await intake.Database.BeginTransactionAsync();
        var customer = new Customer($"{Guid.NewGuid():N}@example.com", "Ben Batch", TestDatabase.Start);
        intake.Customers.Add(customer);
        var ticket = Ticket.Open(customer, "Locked out", TestDatabase.Start);
        ticket.AddCustomerMessage(TicketMessage.Inbound($"{Guid.NewGuid():N}@example.com", null, [], customer.Address, "Ben Batch", "Locked out",
            "I cannot sign in.", "I cannot sign in.", null, TestDatabase.Start, null));
        intake.Tickets.Add(ticket);
        await intake.SaveChangesAsync();

        // An agent answers another ticket of that hour meanwhile; it must not wait for the batch to commit.
        await using (var agent = await desk.Factory.CreateDbContextAsync())
        {
            var conn = agent.Database.GetDbConnection();
            await agent.Database.OpenConnectionAsync();
            await Execute(conn, "SET lock_timeout = '3s'");
            try
            {
                await Execute(conn, $"""UPDATE "Tickets" SET "Status" = {(int)TicketStatus.Solved}, "UpdatedAt" = '{TestDatabase.Start:O}' WHERE "Number" = {answered}""");
            }
            catch (DbException e) when (e.Message.Contains("lock timeout", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail("answering waited for the open batch's lock on the hour's rollup row: " + e.Message);
            }
        }

        await batch.CommitAsync();

        // Both changes counted once, at their commits.
        await using var db = await desk.Factory.CreateDbContextAsync();
        var conn2 = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using var read = conn2.CreateCommand();
        read.CommandText = """SELECT "Arrived", "Answered" FROM "DeskHourlyFlow" WHERE "Hour" = date_trunc('hour', @at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'""";
        var at = read.CreateParameter();
        at.ParameterName = "at";
        at.Value = TestDatabase.Start;
        read.Parameters.Add(at);
        await using var row = await read.ExecuteReaderAsync(CommandBehavior.SingleRow);
        Assert.IsTrue(await row.ReadAsync(), "the hour has its rollup row");
        Assert.AreEqual(2, row.GetInt32(0), "both tickets arrived in that hour");
        Assert.AreEqual(1, row.GetInt32(1), "one was answered");
    }

    private static async Task Execute(DbConnection conn, string sql)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync();
    }
}
