namespace Helpdesk.Cli.Tests;

/// <summary>Runs `helpdesk ...` in-process with its own database file and captures what it prints.</summary>
public sealed class CliRun : IDisposable
{
    private readonly Dictionary<string, string?> _previous = [];

    public CliRun()
    {
        Directory = Path.Combine(Path.GetTempPath(), "helpdesk-cli-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        // The CLI reads the same configuration sources as the desk; the environment is the one a test can set.
        Set("ConnectionStrings__Helpdesk", $"Data Source={Path.Combine(Directory, "desk.db")}");
        Set("Helpdesk__DataDirectory", Directory);
        Set("Helpdesk__Demo__SamplesDirectory", Path.Combine(RepositoryRoot, "data", "samples"));
    }

    public static string RepositoryRoot { get; } = Helpdesk.Core.Data.DataDirectory.FindRepositoryRoot(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException("Helpdesk.sln not found above the test assembly.");

    public string Directory { get; }

    public string Database => Path.Combine(Directory, "desk.db");

    public async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await CliApp.RunAsync(args, stdout, stderr, CancellationToken.None);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    public void Set(string name, string value)
    {
        _previous[name] = Environment.GetEnvironmentVariable(name);
        Environment.SetEnvironmentVariable(name, value);
    }

    public void Dispose()
    {
        foreach (var (k, v) in _previous) Environment.SetEnvironmentVariable(k, v);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
