using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace Helpdesk.Web.Tests;

/// <summary>The whole web desk in memory (TestServer), on its own SQLite file, in demo mode with a small demo set.</summary>
public sealed class DeskFactory : WebApplicationFactory<Program>
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "helpdesk-web-tests", Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string?> _settings;

    public DeskFactory(IDictionary<string, string?>? settings = null)
    {
        Directory.CreateDirectory(_dir);
        _settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Helpdesk"] = $"Data Source={Path.Combine(_dir, "desk.db")}",
            ["Helpdesk:DataDirectory"] = _dir,
            ["Helpdesk:Demo:Mode"] = "On",
            ["Helpdesk:Demo:EmailCount"] = "200",
            ["Helpdesk:Demo:SamplesDirectory"] = Path.Combine(RepositoryRoot, "data", "samples"),
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) _settings[k] = v;
    }

    public static string RepositoryRoot { get; } = Helpdesk.Core.Data.DataDirectory.FindRepositoryRoot(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException("Helpdesk.sln not found above the test assembly.");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (k, v) in _settings) builder.UseSetting(k, v);
        builder.UseEnvironment("Testing");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
