using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Helpdesk.Core.Data;

/// <summary>
/// An INSERT for one entity type, prepared once and run per row inside the context's current transaction, for rows
/// that are written once and never updated in the same unit of work (intake's messages and attachments). EF's SQLite
/// provider builds and sends a new command for every row it inserts; at surge scale that was a third of intake.
/// The columns and value conversions come from the EF model, so a column added to the entity later is written here
/// too without anybody remembering this class.
/// </summary>
internal sealed class PreparedInsert<T> : IAsyncDisposable where T : class
{
    private readonly DbCommand _command;
    private readonly string[] _names;
    private readonly (IClrPropertyGetter Getter, Func<object?, object?>? ToProvider)[] _columns;

    public PreparedInsert(HelpdeskDbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var key = entity.FindPrimaryKey()?.Properties is [var single] ? single : throw new InvalidOperationException($"{typeof(T).Name} needs a single-column key.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var properties = entity.GetProperties().Where(p => p != key && !p.IsShadowProperty()).ToList();
        if (entity.GetProperties().Any(p => p != key && p.IsShadowProperty()))
            throw new InvalidOperationException($"{typeof(T).Name} has a shadow property; PreparedInsert writes only CLR properties.");

        _command = db.Database.GetDbConnection().CreateCommand();
        _command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var columns = properties.Select(p => Quote(p.GetColumnName(table)!));
        var names = properties.Select((_, i) => $"@p{i}").ToList();
        _command.CommandText = $"INSERT INTO {Quote(table.Name)} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", names)}) RETURNING {Quote(key.GetColumnName(table)!)}";
        _names = [.. names];
        foreach (var name in names)
        {
            var parameter = _command.CreateParameter();
            parameter.ParameterName = name;
            _command.Parameters.Add(parameter);
        }
        _columns = properties.Select(p => (p.GetGetter(), p.GetTypeMapping().Converter?.ConvertToProvider)).ToArray();
    }

    /// <summary>Inserts the row; returns the key the database gave it.</summary>
    public async Task<long> InsertAsync(T row, CancellationToken cancellationToken)
    {
        var values = Values(row);
        for (var i = 0; i < values.Length; i++) _command.Parameters[i].Value = values[i] ?? DBNull.Value;
        var id = await _command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return Convert.ToInt64(id, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Inserts the rows in order and returns their keys in the same order: on PostgreSQL a few hundred rows per round
    /// trip (<see cref="Sql.RawSql.ScalarManyAsync(DbConnection, DbTransaction?, string, string[], IReadOnlyList{object?[]}, CancellationToken)"/>),
    /// on SQLite the statement prepared once and run per row.
    /// </summary>
    public async Task<long[]> InsertAllAsync(IReadOnlyList<T> rows, CancellationToken cancellationToken)
    {
        var ids = await Sql.RawSql.ScalarManyAsync(_command.Connection!, _command.Transaction, _command.CommandText, _names, rows.Select(Values).ToList(),
            cancellationToken).ConfigureAwait(false);
        return ids.Select(id => Convert.ToInt64(id, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
    }

    private object?[] Values(T row)
    {
        var values = new object?[_columns.Length];
        for (var i = 0; i < _columns.Length; i++)
        {
            var value = _columns[i].Getter.GetClrValue(row);
            values[i] = value is not null && _columns[i].ToProvider is { } convert ? convert(value) : value;
        }
        return values;
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public ValueTask DisposeAsync() => _command.DisposeAsync();
}
