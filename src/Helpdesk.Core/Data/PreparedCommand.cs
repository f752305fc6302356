using System.Data.Common;

namespace Helpdesk.Core.Data;

/// <summary>
/// A raw SQL command with positional parameters @p0..@pN, prepared once and run per row: how the surge seeders and the
/// bulk benchmark write a million rows without EF building a command each time. For entity rows the model knows,
/// prefer <see cref="PreparedInsert{T}"/>, which takes its columns from the model.
/// </summary>
public static class PreparedCommand
{
    public static DbCommand Prepare(DbConnection conn, DbTransaction tx, string sql, int parameters)
    {
        var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        for (var i = 0; i < parameters; i++)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = "@p" + i;
            cmd.Parameters.Add(p);
        }
        return cmd;
    }

    /// <summary>Sets the parameters in order (null as DBNull) and runs the command.</summary>
    public static Task<int> RunAsync(DbCommand cmd, CancellationToken cancellationToken, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++) cmd.Parameters[i].Value = values[i] ?? DBNull.Value;
        return cmd.ExecuteNonQueryAsync(cancellationToken);
    }
}
