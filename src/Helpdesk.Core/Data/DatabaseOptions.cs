using System.ComponentModel.DataAnnotations;

namespace Helpdesk.Core.Data;

public enum DatabaseProvider
{
    Sqlite = 0,
    Postgres = 1,
}

/// <summary>Bound from <c>Helpdesk:Database</c>; the connection string itself is <c>ConnectionStrings:Helpdesk</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Helpdesk:Database";

    /// <summary>Which database engine. Default: SQLite, a file under the data directory.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>SQLite only: how long a writer waits for the file lock before failing. Default 5 s.</summary>
    [Range(100, 120_000, ErrorMessage = "Helpdesk:Database:BusyTimeoutMilliseconds must be from 100 to 120000.")]
    public int BusyTimeoutMilliseconds { get; set; } = 5_000;
}

/// <summary>Where the desk keeps its files (SQLite database, models, drop folder). Bound from <c>Helpdesk</c>.</summary>
public static class DataDirectory
{
    /// <summary>
    /// <c>Helpdesk:DataDirectory</c> when set; otherwise <c>data/</c> beside Helpdesk.sln when run from a checkout
    /// (so `dotnet run` from any folder uses the same database); otherwise <c>data/</c> under the current folder.
    /// </summary>
    public static string Resolve(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return Path.GetFullPath(configured);
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            var root = FindRepositoryRoot(start);
            if (root is not null) return Path.Combine(root, "data");
        }
        return Path.GetFullPath("data");
    }

    /// <summary>The folder holding Helpdesk.sln, walking up from <paramref name="start"/>, or null.</summary>
    public static string? FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Helpdesk.sln"))) return dir.FullName;
        return null;
    }
}
