using System.Data.Common;
using Helpdesk.Core.Abstractions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Helpdesk.Core.Data;

/// <summary>The one place that picks the database provider.</summary>
public static class DatabaseRegistration
{
    public const string ConnectionStringName = "Helpdesk";

    /// <summary>
    /// The assemblies holding each provider's migrations (src/Helpdesk.Data.Migrations.*). They reference Core, so Core
    /// names them here and every host (web, CLI, tests, benchmarks) references both projects.
    /// </summary>
    public const string SqliteMigrationsAssembly = "Helpdesk.Data.Migrations.Sqlite";

    /// <inheritdoc cref="SqliteMigrationsAssembly"/>
    public const string PostgresMigrationsAssembly = "Helpdesk.Data.Migrations.Postgres";

    public static IServiceCollection AddHelpdeskDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var problems = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        if (!System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), problems, validateAllProperties: true))
            throw new InvalidOperationException(string.Join(" ", problems.Select(p => p.ErrorMessage)));
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        var dataDirectory = DataDirectory.Resolve(configuration["Helpdesk:DataDirectory"]);
        services.AddSingleton(options);
        services.AddSingleton(new DatabaseTarget(options.Provider, ResolveConnectionString(options, connectionString, dataDirectory), dataDirectory));
        services.AddPooledDbContextFactory<HelpdeskDbContext>((sp, builder) => Configure(builder, sp.GetRequiredService<DatabaseTarget>(), options));
        services.AddSingleton<SchemaMigrator>();
        if (options.Provider == DatabaseProvider.Postgres)
        {
            // Several instances share one PostgreSQL: "tickets changed" crosses them by LISTEN/NOTIFY.
            services.AddSingleton<InProcessDeskNotifier>();
            services.AddSingleton<PostgresDeskNotifier>();
            services.AddSingleton<IDeskNotifier>(sp => sp.GetRequiredService<PostgresDeskNotifier>());
            services.AddSingleton<PostgresNotificationListener>();
            services.AddHostedService(sp => sp.GetRequiredService<PostgresNotificationListener>());
        }
        return services;
    }

    public static void Configure(DbContextOptionsBuilder builder, DatabaseTarget target, DatabaseOptions options)
    {
        switch (target.Provider)
        {
            case DatabaseProvider.Sqlite:
                builder.UseSqlite(target.ConnectionString, o => o.CommandTimeout(Math.Max(5, options.BusyTimeoutMilliseconds / 1000 + 5))
                    .MigrationsAssembly(SqliteMigrationsAssembly));
                builder.AddInterceptors(new SqlitePragmas(options.BusyTimeoutMilliseconds), new SqliteWriteGate.SaveChangesGate());
                break;
            case DatabaseProvider.Postgres:
                builder.UseNpgsql(target.ConnectionString, o => o.CommandTimeout(30).MigrationsAssembly(PostgresMigrationsAssembly));
                break;
            default:
                throw new InvalidOperationException(
                    $"Helpdesk:Database:Provider is '{target.Provider}'; use 'Sqlite' or 'Postgres'.");
        }
    }

    private static string ResolveConnectionString(DatabaseOptions options, string? configured, string dataDirectory)
    {
        if (options.Provider == DatabaseProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(configured))
                throw new InvalidOperationException("ConnectionStrings:Helpdesk must be set when Helpdesk:Database:Provider is Postgres (for example Host=db;Database=helpdesk;Username=desk).");
            try
            {
                return new Npgsql.NpgsqlConnectionStringBuilder(configured).ConnectionString;
            }
            catch (ArgumentException e)
            {
                throw new InvalidOperationException($"ConnectionStrings:Helpdesk is not a valid PostgreSQL connection string: {e.Message}", e);
            }
        }

        if (string.IsNullOrWhiteSpace(configured))
        {
            Directory.CreateDirectory(dataDirectory);
            return new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDirectory, "helpdesk.db"), Pooling = true }.ToString();
        }

        try
        {
            var builder = new SqliteConnectionStringBuilder(configured);
            if (builder.DataSource is { Length: > 0 } file && file != ":memory:" && !file.StartsWith("file:", StringComparison.Ordinal))
            {
                var dir = Path.GetDirectoryName(Path.GetFullPath(file));
                if (dir is not null) Directory.CreateDirectory(dir);
            }
            return builder.ToString();
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException($"ConnectionStrings:Helpdesk is not a valid SQLite connection string: {e.Message}", e);
        }
    }

    /// <summary>Per-connection SQLite settings: wait for the write lock instead of failing, cheaper fsync under WAL, keys on.</summary>
    private sealed class SqlitePragmas(int busyTimeoutMs) : DbConnectionInterceptor
    {
        private readonly string _sql = $"PRAGMA busy_timeout={busyTimeoutMs}; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;";

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            using var cmd = connection.CreateCommand();
            cmd.CommandText = _sql;
            cmd.ExecuteNonQuery();
        }

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = _sql;
            await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}

/// <summary>The database the desk runs on, resolved once at start.</summary>
public sealed record DatabaseTarget(DatabaseProvider Provider, string ConnectionString, string DataDirectory);
