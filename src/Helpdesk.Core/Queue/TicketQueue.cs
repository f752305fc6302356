using System.Data;
using System.Data.Common;
using Helpdesk.Core.Data;
using Helpdesk.Core.Data.Sql;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Core.Queue;

/// <summary>
/// The agents' work queue: New and Open tickets, highest priority first, oldest first within a priority.
/// <see cref="NextAsync"/> claims one ticket atomically with a lease, so no ticket is ever held by two agents;
/// a heartbeat renews the lease; release or expiry puts the ticket back.
/// </summary>
public sealed class TicketQueue(IDbContextFactory<HelpdeskDbContext> factory, TimeProvider time, QueueOptions options) : Staff.IEndedAccountClaims
{
    public TimeSpan LeaseDuration => options.LeaseDuration;

    /// <summary>
    /// Claims the next ticket for <paramref name="staffId"/> (optionally only of one intent), or returns the ticket
    /// the agent already holds. Null when the queue has nothing claimable. Escalated tickets are a lane of their own, for
    /// leads: <see cref="QueueLane.Agents"/> never offers them, <see cref="QueueLane.Escalated"/> offers only them.
    /// <paramref name="excluding"/>: tickets the agent skipped this session, not offered again (keep it short).
    /// </summary>
    public async Task<long?> NextAsync(long staffId, string? intent = null, QueueLane lane = QueueLane.Agents,
        IReadOnlyCollection<long>? excluding = null, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var sql = ClaimSql.For(db);
        var parameters = new List<(string, object?)>
        {
            ("agent", staffId), ("now", sql.Time(now)), ("exp", sql.Time(now + options.LeaseDuration)),
        };
        if (intent is not null) parameters.Add(("intent", intent));
        return await InWriteTransactionAsync(db, (conn, tx) =>
            ScalarAsync(conn, tx, sql.ClaimNext(intent is not null, lane, excluding), cancellationToken, [.. parameters]),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Claims one particular ticket (opened from search or a lead's assignment). False if someone else holds it.</summary>
    public async Task<bool> ClaimAsync(long staffId, long ticketNumber, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var sql = ClaimSql.For(db);
        var claimed = await InWriteTransactionAsync(db, (conn, tx) => ScalarAsync(conn, tx, sql.ClaimOne, cancellationToken,
            ("agent", staffId), ("number", ticketNumber), ("now", sql.Time(now)), ("exp", sql.Time(now + options.LeaseDuration))),
            cancellationToken).ConfigureAwait(false);
        return claimed is not null;
    }

    /// <summary>Renews the agent's lease. False when the claim is gone (expired and taken, or released by a lead).</summary>
    public async Task<bool> HeartbeatAsync(long staffId, long ticketNumber, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var sql = ClaimSql.For(db);
        var renewed = await InWriteTransactionAsync(db, (conn, tx) => ScalarAsync(conn, tx, sql.Renew, cancellationToken,
            ("agent", staffId), ("number", ticketNumber), ("now", sql.Time(now)), ("exp", sql.Time(now + options.LeaseDuration))),
            cancellationToken).ConfigureAwait(false);
        return renewed is not null;
    }

    /// <summary>Gives the ticket back to the queue (Skip). Does nothing when the agent does not hold it.</summary>
    public async Task<bool> ReleaseAsync(long staffId, long ticketNumber, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var sql = ClaimSql.For(db);
        var released = await InWriteTransactionAsync(db, (conn, tx) => ScalarAsync(conn, tx, sql.Release, cancellationToken,
            ("agent", staffId), ("number", ticketNumber)), cancellationToken).ConfigureAwait(false);
        return released is not null;
    }

    /// <summary>
    /// Gives back every ticket held by an account past its end date, at once rather than when the lease lapses, with one
    /// audit line per ticket naming whose claim ended. Safe to run on every instance at the same time: a ticket is
    /// released by the one conditional UPDATE that still finds it held by that account, and only that one audits it.
    /// What the account sent stays theirs: replies and audit keep their staff id and name.
    /// </summary>
    public async Task<IReadOnlyList<(long Ticket, long StaffId)>> ReleaseEndedAccountsAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var sql = ClaimSql.For(db);
        var held = new List<(long Ticket, long StaffId)>();
        var conn = db.Database.GetDbConnection();
        if (conn.State != ConnectionState.Open) await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (var cmd = RawSql.Command(conn, null, sql.HeldByEnded, ("now", sql.Time(now))))
        {
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) held.Add((reader.GetInt64(0), reader.GetInt64(1)));
        }
        if (held.Count == 0) return [];

        var names = await db.Staff.AsNoTracking().Where(s => held.Select(h => h.StaffId).Contains(s.Id))
            .ToDictionaryAsync(s => s.Id, s => s.UserName, cancellationToken).ConfigureAwait(false);
        var released = new List<(long Ticket, long StaffId)>();
        foreach (var (ticket, staffId) in held)
        {
            var done = await InWriteTransactionAsync(db, async (c, tx) =>
            {
                var number = await ScalarAsync(c, tx, sql.Release, cancellationToken, ("agent", staffId), ("number", ticket)).ConfigureAwait(false);
                if (number is null) return null;
                await db.Database.UseTransactionAsync(tx, cancellationToken).ConfigureAwait(false);
                db.AuditEvents.Add(new Audit.AuditEvent(now, null, "system", "ticket.claim_released", ticket,
                    $"{names.GetValueOrDefault(staffId, $"staff {staffId}")}'s account has ended"));
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                await db.Database.UseTransactionAsync(null, cancellationToken).ConfigureAwait(false);
                return number;
            }, cancellationToken).ConfigureAwait(false);
            if (done is not null) released.Add((ticket, staffId));
        }
        return released;
    }

    private async Task<long?> InWriteTransactionAsync(HelpdeskDbContext db,
        Func<DbConnection, DbTransaction, Task<long?>> work, CancellationToken cancellationToken)
    {
        // One writer at a time on SQLite, queued in-process (see SqliteWriteGate) rather than sleeping in the busy handler.
        var gate = ProviderSql.For(db).WriteGate(db);
        if (gate is not null) await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var conn = db.Database.GetDbConnection();
            if (conn.State != ConnectionState.Open) await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            // On SQLite this is BEGIN IMMEDIATE: the write lock is taken before the read, so two processes cannot pick
            // the same row; the loser waits on busy_timeout instead of failing on a stale snapshot.
            await using var tx = await conn.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var result = await work(conn, tx).ConfigureAwait(false);
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            return result;
        }
        finally
        {
            gate?.Release();
        }
    }

    private static async Task<long?> ScalarAsync(DbConnection conn, DbTransaction tx, string sql,
        CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
        await RawSql.ScalarAsync(conn, tx, sql, cancellationToken, parameters).ConfigureAwait(false) is { } number
            ? Convert.ToInt64(number, System.Globalization.CultureInfo.InvariantCulture)
            : null;
}
