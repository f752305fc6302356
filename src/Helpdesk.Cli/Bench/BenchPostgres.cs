using System.Globalization;
using Helpdesk.Core.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Helpdesk.Cli.Bench;

/// <summary>What the queue benchmark needs from a PostgreSQL server besides the desk's own schema.</summary>
internal static class BenchPostgres
{
    /// <summary>
    /// Creates the benchmark's database when it does not exist yet (connecting to the server's "postgres" database),
    /// and stops early when the server cannot take one connection per agent.
    /// </summary>
    public static async Task EnsureDatabaseAsync(NpgsqlConnectionStringBuilder target, int agents, TextWriter output, CancellationToken cancellationToken)
    {
        var admin = new NpgsqlConnectionStringBuilder(target.ConnectionString) { Database = "postgres", Pooling = false };
        await using var conn = new NpgsqlConnection(admin.ConnectionString);
        await conn.OpenAsync(cancellationToken);
        await using (var limit = new NpgsqlCommand("SELECT current_setting('max_connections')::int - current_setting('superuser_reserved_connections')::int", conn))
        {
            var usable = Convert.ToInt32(await limit.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
            if (usable < agents + 8)
                throw new CliUsageException($"the PostgreSQL server allows {usable} connections; {agents} agents need {agents + 8} (raise max_connections).");
        }
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", conn);
        exists.Parameters.AddWithValue("name", target.Database ?? "postgres");
        if (await exists.ExecuteScalarAsync(cancellationToken) is not null) return;
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{target.Database!.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", conn);
        await create.ExecuteNonQueryAsync(cancellationToken);
        output.WriteLine($"database: created PostgreSQL database {target.Database}");
    }

    /// <summary>The server when it runs on this machine (its processes readable in /proc), else null.</summary>
    public static async Task<Server?> LocalServerAsync(IDbContextFactory<HelpdeskDbContext> factory, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var backend = await db.Database.SqlQueryRaw<int>("SELECT pg_backend_pid() AS \"Value\"").SingleAsync(cancellationToken);
        return Server.ParentOf(backend);
    }

    /// <summary>A local PostgreSQL server: the postmaster and its backends, for CPU accounting.</summary>
    public sealed class Server(int postmaster)
    {
        private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

        public static Server? ParentOf(int backend) =>
            Stat(backend) is { } fields && int.TryParse(fields[1], CultureInfo.InvariantCulture, out var parent) ? new Server(parent) : null;

        /// <summary>User + system seconds of the postmaster, its live children, and its children that have exited.</summary>
        public double CpuSeconds()
        {
            long ticks = 0;
            if (Stat(postmaster) is { } own) ticks += Ticks(own, 11) + Ticks(own, 12) + Ticks(own, 13) + Ticks(own, 14);
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(dir), CultureInfo.InvariantCulture, out var pid) || pid == postmaster) continue;
                if (Stat(pid) is { } f && f[1] == postmaster.ToString(CultureInfo.InvariantCulture)) ticks += Ticks(f, 11) + Ticks(f, 12);
            }
            return ticks / TicksPerSecond;
        }

        private static long Ticks(string[] fields, int index) => long.Parse(fields[index], CultureInfo.InvariantCulture);

        /// <summary>The fields of /proc/PID/stat after the command name: [0] state, [1] ppid, [11] utime, [12] stime, [13] cutime, [14] cstime.</summary>
        private static string[]? Stat(int pid)
        {
            try
            {
                var text = File.ReadAllText($"/proc/{pid}/stat");
                return text[(text.LastIndexOf(')') + 2)..].Split(' ');
            }
            catch (IOException) { return null; }
            catch (UnauthorizedAccessException) { return null; }
        }
    }
}
