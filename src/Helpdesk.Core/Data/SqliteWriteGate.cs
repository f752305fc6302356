using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Helpdesk.Core.Data;

/// <summary>
/// SQLite allows one writer per file. When writers of one process collide, the losers sleep in SQLite's busy handler
/// (1, 2, 5, 10 ... 100 ms steps), which is what makes the tail latency of claims and sends long under load. Queuing
/// this process's writes on one async gate per database file instead hands the lock over without sleeping; other
/// processes still serialize through SQLite's own lock and busy_timeout.
/// </summary>
public static class SqliteWriteGate
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    public static SemaphoreSlim For(string connectionString) => Gates.GetOrAdd(connectionString, _ => new SemaphoreSlim(1, 1));

    /// <summary>
    /// Runs <paramref name="write"/> in one transaction, committed when it returns and rolled back when it throws, with
    /// this file's gate held for that transaction only, for writers that read before it without the gate. On
    /// PostgreSQL there is no gate: the transaction alone.
    /// </summary>
    internal static async Task<T> InTransactionAsync<T>(HelpdeskDbContext db, Func<CancellationToken, Task<T>> write, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var gate = Sql.ProviderSql.For(db).WriteGate(db);
        if (gate is not null) await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var result = await write(cancellationToken).ConfigureAwait(false);
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            return result;
        }
        finally
        {
            gate?.Release();
            await db.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Takes the gate around every SaveChanges that is not already inside an explicit transaction.</summary>
    internal sealed class SaveChangesGate : SaveChangesInterceptor
    {
        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (Gate(eventData.Context) is { } gate)
            {
                await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                ((HelpdeskDbContext)eventData.Context!).HeldWriteGate = gate;
            }
            return result;
        }

        public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
        {
            if (Gate(eventData.Context) is { } gate)
            {
                gate.Wait();
                ((HelpdeskDbContext)eventData.Context!).HeldWriteGate = gate;
            }
            return result;
        }

        public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            Release(eventData.Context);
            return ValueTask.FromResult(result);
        }

        public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
        {
            Release(eventData.Context);
            return result;
        }

        public override void SaveChangesFailed(DbContextErrorEventData eventData) => Release(eventData.Context);

        public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
        {
            Release(eventData.Context);
            return Task.CompletedTask;
        }

        // EF Core reports a concurrency conflict (Version, ClaimedBy) here and not through SaveChangesFailed: without this
        // release one stale send kept the gate, and every later write on the SQLite desk waited for ever (found by the
        // breach-week drill: intake, outbox and agents all stopped after one StaleTicketException).
        public override InterceptionResult ThrowingConcurrencyException(ConcurrencyExceptionEventData eventData, InterceptionResult result)
        {
            Release(eventData.Context);
            return result;
        }

        public override ValueTask<InterceptionResult> ThrowingConcurrencyExceptionAsync(ConcurrencyExceptionEventData eventData, InterceptionResult result,
            CancellationToken cancellationToken = default)
        {
            Release(eventData.Context);
            return ValueTask.FromResult(result);
        }

        public override void SaveChangesCanceled(DbContextEventData eventData) => Release(eventData.Context);

        public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
        {
            Release(eventData.Context);
            return Task.CompletedTask;
        }

        private static SemaphoreSlim? Gate(DbContext? context) =>
            context is HelpdeskDbContext { IsSqlite: true, HeldWriteGate: null } db && db.Database.CurrentTransaction is null
                ? For(db.Database.GetConnectionString() ?? "")
                : null;

        // The held gate lives on the context, not in an AsyncLocal: a value set inside an async interceptor method
        // does not flow back to the SaveChanges caller, so the release would never see it.
        private static void Release(DbContext? context)
        {
            if (context is not HelpdeskDbContext { HeldWriteGate: { } gate } db) return;
            db.HeldWriteGate = null;
            gate.Release();
        }
    }
}
