using Helpdesk.Core.Data;
using Helpdesk.Core.Data.Sql;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Helpdesk.Core.Intake;

/// <summary>
/// Stores fetched emails before anything else happens to them (no mail is lost): the raw bytes and the mailbox
/// cursor move in one transaction, so after a crash the cursor never points past an email that is not stored.
/// </summary>
public sealed class IntakeStore(IDbContextFactory<HelpdeskDbContext> factory, TimeProvider time)
{
    /// <summary>One email fetched from a mailbox: its UID and bytes.</summary>
    public sealed record Fetched(long Uid, byte[] Bytes);

    public async Task<MailboxCursor> GetCursorAsync(string mailbox, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.MailboxCursors.AsNoTracking().FirstOrDefaultAsync(c => c.Mailbox == mailbox, cancellationToken).ConfigureAwait(false)
            ?? new MailboxCursor(mailbox);
    }

    /// <summary>
    /// Resets the cursor when the mailbox's UIDVALIDITY changed (UIDs restart; content dedup covers the re-fetch).
    /// Returns the cursor as stored.
    /// </summary>
    public async Task<MailboxCursor> CheckUidValidityAsync(string mailbox, long uidValidity, CancellationToken cancellationToken = default)
    {
        return await InTransactionAsync(async db =>
        {
            var cursor = await CursorAsync(db, mailbox, cancellationToken).ConfigureAwait(false);
            cursor.ResetIfUidValidityChanged(uidValidity);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return cursor;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Stores the batch and advances the cursor past it, in one transaction. Emails already stored under the same
    /// (mailbox, UIDVALIDITY, UID) are skipped. Returns the newly stored emails (with ids), in UID order.
    /// </summary>
    public async Task<IReadOnlyList<RawMessage>> StoreMailboxBatchAsync(string mailbox, long uidValidity, IReadOnlyList<Fetched> batch,
        int waitingAfter, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        // Hashed before the transaction: SHA-256 of a batch's bytes is CPU work the one SQLite writer need not wait for.
        var candidates = batch.OrderBy(f => f.Uid).Select(f => new RawMessage(mailbox, uidValidity, f.Uid, f.Bytes, now)).ToList();
        return await InTransactionAsync(async db =>
        {
            var cursor = await CursorAsync(db, mailbox, cancellationToken).ConfigureAwait(false);
            cursor.ResetIfUidValidityChanged(uidValidity);
            var uids = batch.Select(b => (long?)b.Uid).ToList();
            var existing = (await db.RawMessages.Where(r => r.Source == mailbox && r.UidValidity == uidValidity && uids.Contains(r.Uid))
                .Select(r => r.Uid).ToListAsync(cancellationToken).ConfigureAwait(false)).ToHashSet();
            var stored = candidates.Where(r => !existing.Contains(r.Uid)).ToList();
            await InsertAsync(db, stored, cancellationToken).ConfigureAwait(false);
            if (batch.Count > 0) cursor.Advance(batch.Max(b => b.Uid));
            cursor.RecordPoll(now, waitingAfter, null);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return (IReadOnlyList<RawMessage>)stored;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stores emails from a source without UIDs (drop folder, import), in one transaction.</summary>
    public async Task<IReadOnlyList<RawMessage>> StoreAsync(string source, IReadOnlyList<byte[]> messages, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        return await InTransactionAsync(async db =>
        {
            var stored = messages.Select(m => new RawMessage(source, null, null, m, now)).ToList();
            await InsertAsync(db, stored, cancellationToken).ConfigureAwait(false);
            return (IReadOnlyList<RawMessage>)stored;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Lag for the dashboard: what is waiting on the server, and the last error (null after a good poll).</summary>
    public async Task RecordPollAsync(string mailbox, int waiting, string? error, CancellationToken cancellationToken = default)
    {
        await InTransactionAsync(async db =>
        {
            var cursor = await CursorAsync(db, mailbox, cancellationToken).ConfigureAwait(false);
            cursor.RecordPoll(time.GetUtcNow(), waiting, error is null ? null : error.Length > 1000 ? error[..1000] : error);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Inserts new stored emails with one prepared command inside the caller's transaction. EF would re-build the
    /// statement per row and keep a snapshot copy of every byte[]; the rows are insert-only here.
    /// </summary>
    private static async Task InsertAsync(HelpdeskDbContext db, List<RawMessage> stored, CancellationToken cancellationToken)
    {
        if (stored.Count == 0) return;
        var sql = new RawSql(db);
        var ids = await sql.ScalarManyAsync("""
            INSERT INTO "RawMessages" ("Source", "UidValidity", "Uid", "Sha256", "Size", "FetchedAt", "State")
            VALUES (@source, @validity, @uid, @sha, @size, @at, @state) RETURNING "Id"
            """, ["@source", "@validity", "@uid", "@sha", "@size", "@at", "@state"],
            stored.Select(r => new object?[] { r.Source, r.UidValidity, r.Uid, r.Sha256, r.Size, sql.Time(r.FetchedAt), (int)r.State }).ToList(),
            cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < stored.Count; i++) stored[i].StoredAs(Convert.ToInt64(ids[i], System.Globalization.CultureInfo.InvariantCulture));
        // The bytes in their own table (see RawMessageConfiguration), in the same transaction as the row.
        await sql.RunManyAsync("""
            INSERT INTO "RawMessageBodies" ("Id", "Bytes") VALUES (@id, @bytes)
            """, ["@id", "@bytes"], stored.Select(r => new object?[] { r.Id, r.Bytes }).ToList(), cancellationToken).ConfigureAwait(false);
    }

    private static async Task<MailboxCursor> CursorAsync(HelpdeskDbContext db, string mailbox, CancellationToken cancellationToken)
    {
        var cursor = await db.MailboxCursors.FirstOrDefaultAsync(c => c.Mailbox == mailbox, cancellationToken).ConfigureAwait(false);
        if (cursor is null)
        {
            cursor = new MailboxCursor(mailbox);
            db.MailboxCursors.Add(cursor);
        }
        return cursor;
    }

    private async Task<T> InTransactionAsync<T>(Func<HelpdeskDbContext, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await SqliteWriteGate.InTransactionAsync(db, _ => work(db), cancellationToken).ConfigureAwait(false);
    }
}
