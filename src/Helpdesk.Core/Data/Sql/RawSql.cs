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
        var conn = db.Database.GetDbConnection();
        if (conn.State != ConnectionState.Open) await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
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
