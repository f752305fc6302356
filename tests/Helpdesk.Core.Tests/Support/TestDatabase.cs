using Helpdesk.Core.Classification;
using Helpdesk.Core.Customers;
using Helpdesk.Core.Data;
using Helpdesk.Core.Tickets;
using Helpdesk.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Helpdesk.Core.Tests.Support;

/// <summary>A fresh desk database in a temporary folder, with the desk's services around it.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    /// <summary>
    /// Tests that read SQLite's own catalog (sqlite_master, pragma_table_info) to check a schema step's SQLite SQL
    /// against what EnsureCreated makes. They run in the SQLite pass; the PostgreSQL pass of tests/run-all.sh leaves them out.
    /// </summary>
    public const string SqliteCatalog = "SqliteCatalog";

    public static readonly DateTimeOffset Start = new(2026, 11, 20, 14, 0, 0, TimeSpan.Zero);

    private readonly string? _postgresDatabase;

    private TestDatabase(string directory, ServiceProvider services, ManualTimeProvider clock, string? postgresDatabase)
    {
        Directory = directory;
        Services = services;
        Clock = clock;
        _postgresDatabase = postgresDatabase;
    }

    /// <summary>
    /// The database engine every data and service test runs on: SQLite unless HELPDESK_TEST_PROVIDER=Postgres, in which
    /// case HELPDESK_TEST_POSTGRES is the connection string of the server tests/run-all.sh started (each test database is
    /// created fresh on it and dropped afterwards).
    /// </summary>
    public static DatabaseProvider Provider { get; } =
        string.Equals(Environment.GetEnvironmentVariable("HELPDESK_TEST_PROVIDER"), "Postgres", StringComparison.OrdinalIgnoreCase)
            ? DatabaseProvider.Postgres
            : DatabaseProvider.Sqlite;

    private static string PostgresServer =>
        Environment.GetEnvironmentVariable("HELPDESK_TEST_POSTGRES") is { Length: > 0 } cs
            ? cs
            : throw new InvalidOperationException("HELPDESK_TEST_PROVIDER=Postgres needs HELPDESK_TEST_POSTGRES (see tests/servers/postgres/postgres.sh env).");

    /// <summary>The intent model every test database shares, trained from data/training by the first one (per test run).</summary>
    public static string SharedModelPath { get; } =
        Path.Combine(Path.GetTempPath(), "helpdesk-tests", $"intent-{Environment.ProcessId}-{Guid.NewGuid():N}.model");

    private static readonly SemaphoreSlim SharedModelGate = new(1, 1);

    public string Directory { get; }

    public ServiceProvider Services { get; }

    public ManualTimeProvider Clock { get; }

    public IDbContextFactory<HelpdeskDbContext> Factory => Services.GetRequiredService<IDbContextFactory<HelpdeskDbContext>>();

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>A second desk instance on the same database as <paramref name="first"/> (its own services and clock).</summary>
    public static Task<TestDatabase> CreateSharingAsync(TestDatabase first, IDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["ConnectionStrings:Helpdesk"] = first.ConnectionString,
            ["Helpdesk:Database:Provider"] = Provider.ToString(),
        };
        return CreateAsync(all, ownsDatabase: false);
    }

    public string ConnectionString => Get<DatabaseTarget>().ConnectionString;

    public static async Task<TestDatabase> CreateAsync(IDictionary<string, string?>? settings = null) => await CreateAsync(settings, ownsDatabase: true);

    /// <summary>
    /// A desk over a database that <paramref name="load"/> fills first (given its connection string), before the desk's
    /// services exist and migrate it: how a database made by an earlier build is brought in.
    /// </summary>
    public static async Task<TestDatabase> CreateOverAsync(Func<string, Task> load) => await CreateAsync(null, ownsDatabase: true, load);

    private static async Task<TestDatabase> CreateAsync(IDictionary<string, string?>? settings, bool ownsDatabase, Func<string, Task>? load = null)
    {
        var dir = Path.Combine(Path.GetTempPath(), "helpdesk-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(dir);
        string? postgresDatabase = null;
        var config = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Helpdesk"] = $"Data Source={Path.Combine(dir, "desk.db")}",
            ["Helpdesk:DataDirectory"] = dir,
            // The seed set only: the generated set doubles training time, and these tests check the desk, not the model.
            ["Helpdesk:Classification:UseGeneratedTraining"] = "false",
        };
        if (Provider == DatabaseProvider.Postgres && ownsDatabase)
        {
            postgresDatabase = await CreatePostgresDatabaseAsync();
            config["Helpdesk:Database:Provider"] = "Postgres";
            config["ConnectionStrings:Helpdesk"] = new Npgsql.NpgsqlConnectionStringBuilder(PostgresServer) { Database = postgresDatabase }.ConnectionString;
        }
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) config[k] = v;
        var sharedModel = !config.ContainsKey("Helpdesk:Classification:ModelFile");
        // One model for the whole test run: training per database would cost seconds in every test that seeds demo data.
        if (sharedModel) config["Helpdesk:Classification:ModelFile"] = SharedModelPath;
        if (load is not null) await load(config["ConnectionStrings:Helpdesk"]!);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(config).Build();
        var clock = new ManualTimeProvider(Start);
        var services = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<IConfiguration>(configuration)
            .AddHelpdeskCore(configuration)
            .AddHelpdeskDemo()
            .AddSingleton<TimeProvider>(clock)
            .BuildServiceProvider();
        try
        {
            await services.GetRequiredService<SchemaMigrator>().MigrateAsync();
        }
        catch
        {
            // A test that expects the migration to refuse the database still leaves no database behind.
            await new TestDatabase(dir, services, clock, postgresDatabase).DisposeAsync();
            throw;
        }
        if (sharedModel)
        {
            await SharedModelGate.WaitAsync();
            try
            {
                if (!File.Exists(SharedModelPath)) await services.GetRequiredService<IntentClassifierService>().EnsureModelAsync(null);
            }
            finally
            {
                SharedModelGate.Release();
            }
        }
        return new TestDatabase(dir, services, clock, postgresDatabase);
    }

    /// <summary>Adds <paramref name="count"/> New tickets, one per customer, received a second apart.</summary>
    public async Task<List<long>> AddTicketsAsync(int count, Func<int, (TicketPriority Priority, string? Intent)>? shape = null)
    {
        await using var db = await Factory.CreateDbContextAsync();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var customers = Enumerable.Range(0, count).Select(i => new Customer($"c{i}-{Guid.NewGuid():N}@example.com", $"Customer {i}", Start)).ToList();
        db.Customers.AddRange(customers);
        await db.SaveChangesAsync();
        var tickets = new List<Ticket>(count);
        for (var i = 0; i < count; i++)
        {
            var (priority, intent) = shape?.Invoke(i) ?? (TicketPriority.Normal, null);
            var at = Start.AddSeconds(i);
            var t = Ticket.Open(customers[i], $"Question {i}", at, priority);
            t.AddCustomerMessage(TicketMessage.Inbound($"m{i}@example.com", null, [], customers[i].Address, null, $"Question {i}", "text", "text", null, at, null));
            if (intent is not null) t.Classify(intent, 0.9, false);
            tickets.Add(t);
        }
        db.Tickets.AddRange(tickets);
        await db.SaveChangesAsync();
        return tickets.Select(t => t.Number).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_postgresDatabase is not null) await DropPostgresDatabaseAsync(_postgresDatabase);
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static async Task<string> CreatePostgresDatabaseAsync()
    {
        var name = "desk_" + Guid.NewGuid().ToString("N");
        await using var connection = new Npgsql.NpgsqlConnection(PostgresServer);
        await connection.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await cmd.ExecuteNonQueryAsync();
        return name;
    }

    private static async Task DropPostgresDatabaseAsync(string name)
    {
        Npgsql.NpgsqlConnection.ClearAllPools();
        await using var connection = new Npgsql.NpgsqlConnection(PostgresServer);
        await connection.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await cmd.ExecuteNonQueryAsync();
    }
}
