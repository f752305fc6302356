using System.Data;
using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Helpdesk.Core.Data.Sql;

/// <summary>
/// Runs the desk's raw SQL on a context's connection: parameters by name (with or without the @), in the context's
/// current transaction, times passed as the provider stores them (<see cref="ProviderSql"/>), and rows read back in the
/// same terms on both engines. The one place commands are built by hand; prepared per-row commands (intake, the surge
/// seeders) come from <see cref="Prepare(DbConnection, DbTransaction?, string, string[])"/>.
/// </summary>
public sealed class RawSql(HelpdeskDbContext db)
{
    public ProviderSql Provider { get; } = ProviderSql.For(db);

    public bool IsSqlite => Provider.IsSqlite;

    /// <inheritdoc cref="ProviderSql.Time(DateTimeOffset)"/>
    public object Time(DateTimeOffset time) => Provider.Time(time);

    /// <inheritdoc cref="ProviderSql.Time(DateTimeOffset?)"/>
    public object Time(DateTimeOffset? time) => Provider.Time(time);

    /// <inheritdoc cref="ProviderSql.IndexedBy"/>
    public string IndexedBy(string index) => Provider.IndexedBy(index);

    public async Task<List<T>> ListAsync<T>(string sql, Func<DbDataReader, T> read, CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters)
    {
        await using var cmd = await CommandAsync(sql, cancellationToken, parameters).ConfigureAwait(false);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) rows.Add(read(reader));
        return rows;
    }

    /// <summary>The first column of the first row; null for no row or SQL NULL.</summary>
    public async Task<object?> ScalarAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var cmd = await CommandAsync(sql, cancellationToken, parameters).ConfigureAwait(false);
        return Value(await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Runs a statement; the number of rows it changed.</summary>
    public async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var cmd = await CommandAsync(sql, cancellationToken, parameters).ConfigureAwait(false);
        return await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="write"/> holding this process's write gate for the database (SQLite); at once on PostgreSQL.</summary>
    public async Task<T> GatedAsync<T>(Func<Task<T>> write, CancellationToken cancellationToken)
    {
        var gate = Provider.WriteGate(db);
        if (gate is not null) await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await write().ConfigureAwait(false);
        }
        finally
        {
            gate?.Release();
        }
    }

    /// <summary>A command on the context's (opened) connection, in its current transaction.</summary>
    public async Task<DbCommand> CommandAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var conn = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return Command(conn, db.Database.CurrentTransaction?.GetDbTransaction(), sql, parameters);
    }

    /// <summary>A command on the context's connection in its current transaction, without opening it (the caller has).</summary>
    public DbCommand Command(string sql, params (string Name, object? Value)[] parameters) =>
        Command(db.Database.GetDbConnection(), db.Database.CurrentTransaction?.GetDbTransaction(), sql, parameters);

    /// <summary>A command in an explicit transaction (the claim's, begun on the connection itself).</summary>
    public static DbCommand Command(DbConnection conn, DbTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters) Add(cmd, name, value);
        return cmd;
    }

    /// <summary>The first column of the first row of a command in an explicit transaction; null for no row or SQL NULL.</summary>
    public static async Task<object?> ScalarAsync(DbConnection conn, DbTransaction? tx, string sql, CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters)
    {
        await using var cmd = Command(conn, tx, sql, parameters);
        return Value(await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Adds a parameter (null as SQL NULL); the name may be given with or without its @.</summary>
    public static DbParameter Add(DbCommand command, string name, object? value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name.StartsWith('@') ? name : "@" + name;
        p.Value = value ?? DBNull.Value;
        command.Parameters.Add(p);
        return p;
    }

    /// <summary>
    /// A statement prepared once and run per row with <see cref="RunAsync"/>: how intake and the surge seeders write many
    /// rows without EF building a command each time. The parameters are named, in the order the values will come.
    /// </summary>
    public static DbCommand Prepare(DbConnection conn, DbTransaction? tx, string sql, params string[] parameterNames)
    {
        var cmd = Command(conn, tx, sql);
        foreach (var name in parameterNames) Add(cmd, name, null);
        return cmd;
    }

    /// <summary>As <see cref="Prepare(DbConnection, DbTransaction?, string, string[])"/>, with positional parameters @p0..@pN.</summary>
    public static DbCommand Prepare(DbConnection conn, DbTransaction? tx, string sql, int parameters) =>
        Prepare(conn, tx, sql, Enumerable.Range(0, parameters).Select(i => "@p" + i.ToString(CultureInfo.InvariantCulture)).ToArray());

    /// <summary>A prepared statement on the context's connection, in its current transaction.</summary>
    public DbCommand Prepare(string sql, params string[] parameterNames) =>
        Prepare(db.Database.GetDbConnection(), db.Database.CurrentTransaction?.GetDbTransaction(), sql, parameterNames);

    /// <summary>Rows per round trip when <see cref="ScalarManyAsync(DbConnection, DbTransaction?, string, string[], IReadOnlyList{object?[]}, CancellationToken)"/> or <see cref="RunManyAsync(string, string[], IReadOnlyList{object?[]}, CancellationToken)"/> send a batch.</summary>
    public const int RowsPerBatch = 500;

    /// <summary>
    /// Runs one statement once per row of values (in the order of <paramref name="parameterNames"/>), in order, and
    /// returns each run's first column of its first row (an INSERT's RETURNING). Where the provider can batch
    /// (PostgreSQL), <see cref="RowsPerBatch"/> runs go in one round trip: a write per row costs a round trip to the
    /// server, and with hundreds of agents on the same machine every round trip waits for the scheduler. Elsewhere
    /// (SQLite, in-process, where a round trip costs nothing) the statement is prepared once and run per row.
    /// </summary>
    public static async Task<object?[]> ScalarManyAsync(DbConnection conn, DbTransaction? tx, string sql, string[] parameterNames,
        IReadOnlyList<object?[]> rows, CancellationToken cancellationToken)
    {
        var results = new object?[rows.Count];
        if (rows.Count == 0) return results;
        if (!conn.CanCreateBatch)
        {
            await using var cmd = Prepare(conn, tx, sql, parameterNames);
            for (var i = 0; i < rows.Count; i++) results[i] = await RunScalarAsync(cmd, cancellationToken, rows[i]).ConfigureAwait(false);
            return results;
        }
        for (var from = 0; from < rows.Count; from += RowsPerBatch)
        {
            var count = Math.Min(RowsPerBatch, rows.Count - from);
            await using var batch = Batch(conn, tx, sql, parameterNames, rows, from, count);
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < count; i++)
            {
                if (i > 0 && !await reader.NextResultAsync(cancellationToken).ConfigureAwait(false))
                    throw new InvalidOperationException($"A batch of {count} statements returned {i} results: every run must return a row.");
                results[from + i] = await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Value(reader.GetValue(0)) : null;
            }
        }
        return results;
    }

    /// <summary>As <see cref="ScalarManyAsync(DbConnection, DbTransaction?, string, string[], IReadOnlyList{object?[]}, CancellationToken)"/> on the context's connection, in its current transaction.</summary>
    public async Task<object?[]> ScalarManyAsync(string sql, string[] parameterNames, IReadOnlyList<object?[]> rows, CancellationToken cancellationToken)
    {
        var conn = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ScalarManyAsync(conn, db.Database.CurrentTransaction?.GetDbTransaction(), sql, parameterNames, rows, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>As <see cref="ScalarManyAsync(string, string[], IReadOnlyList{object?[]}, CancellationToken)"/> for a statement that returns no rows; the rows it changed in all.</summary>
    public async Task<int> RunManyAsync(string sql, string[] parameterNames, IReadOnlyList<object?[]> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0) return 0;
        var conn = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var tx = db.Database.CurrentTransaction?.GetDbTransaction();
        var changed = 0;
        if (!conn.CanCreateBatch)
        {
            await using var cmd = Prepare(conn, tx, sql, parameterNames);
            foreach (var row in rows) changed += await RunAsync(cmd, cancellationToken, row).ConfigureAwait(false);
            return changed;
        }
        for (var from = 0; from < rows.Count; from += RowsPerBatch)
        {
            await using var batch = Batch(conn, tx, sql, parameterNames, rows, from, Math.Min(RowsPerBatch, rows.Count - from));
            changed += await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        return changed;
    }

    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var conn = db.Database.GetDbConnection();
        if (conn.State != ConnectionState.Open) await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return conn;
    }

    private static DbBatch Batch(DbConnection conn, DbTransaction? tx, string sql, string[] parameterNames, IReadOnlyList<object?[]> rows, int from, int count)
    {
        var batch = conn.CreateBatch();
        batch.Transaction = tx;
        for (var i = 0; i < count; i++)
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = sql;
            var values = rows[from + i];
            for (var p = 0; p < parameterNames.Length; p++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = parameterNames[p].StartsWith('@') ? parameterNames[p] : "@" + parameterNames[p];
                parameter.Value = values[p] ?? DBNull.Value;
                command.Parameters.Add(parameter);
            }
            batch.BatchCommands.Add(command);
        }
        return batch;
    }

    /// <summary>Sets a prepared command's parameters in order (null as SQL NULL) and runs it.</summary>
    public static Task<int> RunAsync(DbCommand cmd, CancellationToken cancellationToken, params object?[] values)
    {
        Set(cmd, values);
        return cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Sets a prepared command's parameters in order and returns the first column of its first row.</summary>
    public static async Task<object?> RunScalarAsync(DbCommand cmd, CancellationToken cancellationToken, params object?[] values)
    {
        Set(cmd, values);
        return Value(await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>A time column as either engine returns it: UTC milliseconds (SQLite) or timestamptz (PostgreSQL).</summary>
    public static DateTimeOffset ReadTime(DbDataReader reader, int ordinal) =>
        reader.GetValue(ordinal) switch
        {
            long ms => DateTimeOffset.FromUnixTimeMilliseconds(ms),
            DateTime dt => new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc)),
            DateTimeOffset dto => dto,
            var other => DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(other, CultureInfo.InvariantCulture)),
        };

    public static DateTimeOffset? ReadNullableTime(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : ReadTime(reader, ordinal);

    /// <summary>A count or sum as an int, whatever integer type the engine returned; SQL NULL (a sum of no rows) as 0.</summary>
    public static int ReadInt(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? 0 : Convert.ToInt32(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    public static long ReadLong(DbDataReader reader, int ordinal) =>
        Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    private static void Set(DbCommand cmd, object?[] values)
    {
        for (var i = 0; i < values.Length; i++) cmd.Parameters[i].Value = values[i] ?? DBNull.Value;
    }

    private static object? Value(object? value) => value is DBNull ? null : value;
}
