using System.Data;
using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Core.Data;

/// <summary>Plain ADO reads for the figures: the rollup tables are outside EF's model, and times differ per provider
/// (UTC milliseconds on SQLite, timestamptz on PostgreSQL).</summary>
internal sealed class FigureSql(HelpdeskDbContext db)
{
    public bool IsSqlite { get; } = db.IsSqlite;

    public object Time(DateTimeOffset t) => IsSqlite ? t.ToUnixTimeMilliseconds() : t.ToUniversalTime();

    public DateTimeOffset ReadTime(DbDataReader reader, int ordinal) =>
        reader.GetValue(ordinal) switch
        {
            long ms => DateTimeOffset.FromUnixTimeMilliseconds(ms),
            DateTime dt => new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc)),
            DateTimeOffset dto => dto,
            var other => DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(other, CultureInfo.InvariantCulture)),
        };

    public DateTimeOffset? ReadNullableTime(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : ReadTime(reader, ordinal);

    public static int ReadInt(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? 0 : Convert.ToInt32(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    public static long ReadLong(DbDataReader reader, int ordinal) =>
        Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    /// <summary>SQLite only: the planner otherwise picks the (Status, ReceivedAt) index for queue filters.</summary>
    public string Indexed(string index) => IsSqlite ? $" INDEXED BY \"{index}\"" : "";

    public async Task<List<T>> ListAsync<T>(string sql, Func<DbDataReader, T> read, CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters)
    {
        await using var cmd = await CommandAsync(sql, parameters, cancellationToken).ConfigureAwait(false);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) rows.Add(read(reader));
        return rows;
    }

    public async Task<object?> ScalarAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var cmd = await CommandAsync(sql, parameters, cancellationToken).ConfigureAwait(false);
        var value = await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is DBNull ? null : value;
    }

    private async Task<DbCommand> CommandAsync(string sql, (string Name, object? Value)[] parameters, CancellationToken cancellationToken)
    {
        var conn = db.Database.GetDbConnection();
        if (conn.State != ConnectionState.Open) await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = "@" + name;
            p.Value = value ?? DBNull.Value;
            cmd.Parameters.Add(p);
        }
        return cmd;
    }
}
