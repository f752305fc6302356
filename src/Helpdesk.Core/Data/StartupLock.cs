using Npgsql;

namespace Helpdesk.Core.Data;

/// <summary>
/// Start-up work that must run once per database, not once per instance: bringing the schema up to date, importing the
/// seed templates, seeding the demo. Several instances starting together on PostgreSQL take turns through a
/// session-level advisory lock; the second finds the work done. One SQLite file has one desk instance (plus CLI runs,
/// whose writes the file lock already serialises), so there it is a no-op.
/// </summary>
public static class StartupLock
{
    /// <summary>An arbitrary constant that names the lock; "HDSK" in ASCII.</summary>
    private const long Key = 0x4844534B;

    public static async Task<IAsyncDisposable> AcquireAsync(DatabaseTarget target, CancellationToken cancellationToken = default)
    {
        if (target.Provider != DatabaseProvider.Postgres) return NoLock.Instance;
        var connection = new NpgsqlConnection(target.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var cmd = new NpgsqlCommand($"SELECT pg_advisory_lock({Key})", connection);
            await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return new Held(connection);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private sealed class Held(NpgsqlConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            // Closing the session releases the lock even if the unlock fails.
            try
            {
                await using var cmd = new NpgsqlCommand($"SELECT pg_advisory_unlock({Key})", connection);
                await cmd.ExecuteNonQueryAsync().ConfigureAwait(false);
            }
            finally
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
