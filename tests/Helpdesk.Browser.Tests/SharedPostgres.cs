using Npgsql;

namespace Helpdesk.Browser.Tests;

/// <summary>
/// A fresh PostgreSQL database for several browser desks to share, on the server named by HELPDESK_TEST_POSTGRES (the
/// PostgreSQL pass of tests/run-all.sh starts one); dropped when disposed. Tests using it carry TestCategory "Postgres".
/// </summary>
public sealed class SharedPostgres : IAsyncDisposable
{
    private readonly string _server;

    private SharedPostgres(string server, string name)
    {
        _server = server;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    /// <summary>The settings that put a <see cref="BrowserDesk"/> on this database.</summary>
    public IDictionary<string, string?> DeskSettings => new Dictionary<string, string?>
    {
        ["ConnectionStrings:Helpdesk"] = ConnectionString,
        ["Helpdesk:Database:Provider"] = "Postgres",
    };

    public static async Task<SharedPostgres> CreateAsync()
    {
        var server = Environment.GetEnvironmentVariable("HELPDESK_TEST_POSTGRES") is { Length: > 0 } cs
            ? cs
            : throw new InvalidOperationException("This test needs HELPDESK_TEST_POSTGRES (see tests/servers/postgres/postgres.sh env).");
        var name = "browser_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync(server, $"CREATE DATABASE \"{name}\"");
        return new SharedPostgres(server, name);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(_server, $"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
    }

    private static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, connection);
        await cmd.ExecuteNonQueryAsync();
    }
}
