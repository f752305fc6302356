using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Helpdesk.Core;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Helpdesk.Web.Tests;

/// <summary>The whole web desk in memory (TestServer), on its own SQLite file, in demo mode with a small demo set.</summary>
public sealed class DeskFactory : WebApplicationFactory<Program>
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "helpdesk-web-tests", Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string?> _settings;

    private readonly bool _waitUntilPrepared;

    /// <param name="settings">Settings over the test defaults.</param>
    /// <param name="waitUntilPrepared">False: the server is handed over while the desk still prepares (first-start tests).</param>
    public DeskFactory(IDictionary<string, string?>? settings = null, bool waitUntilPrepared = true)
    {
        _waitUntilPrepared = waitUntilPrepared;
        Directory.CreateDirectory(_dir);
        _settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Helpdesk"] = $"Data Source={Path.Combine(_dir, "desk.db")}",
            ["Helpdesk:DataDirectory"] = _dir,
            ["Helpdesk:Demo:Mode"] = "On",
            ["Helpdesk:Demo:EmailCount"] = "200",
            ["Helpdesk:Demo:SamplesDirectory"] = Path.Combine(RepositoryRoot, "data", "samples"),
            // One intent model for the run: the demo seeder needs one, and training it per desk would cost seconds each.
            ["Helpdesk:Classification:ModelFile"] = SharedModel.Value,
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) _settings[k] = v;
    }

    private static readonly Lazy<string> SharedModel = new(() =>
    {
        var dir = Path.Combine(Path.GetTempPath(), "helpdesk-web-tests", $"model-{Guid.NewGuid():N}");
        var config = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Helpdesk:DataDirectory"] = dir,
            ["ConnectionStrings:Helpdesk"] = $"Data Source={Path.Combine(dir, "model.db")}",
            ["Helpdesk:Classification:UseGeneratedTraining"] = "false", // seed set only: half the training time
        }).Build();
        using var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection()
            .AddLogging().AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(config)
            .AddHelpdeskCore(config).BuildServiceProvider();
        var classifier = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<Helpdesk.Core.Classification.IntentClassifierService>(services);
        classifier.EnsureModelAsync(null).GetAwaiter().GetResult();
        return classifier.ModelPath;
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string RepositoryRoot { get; } = Helpdesk.Core.Data.DataDirectory.FindRepositoryRoot(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException("Helpdesk.sln not found above the test assembly.");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (k, v) in _settings) builder.UseSetting(k, v);
        builder.UseEnvironment("Testing");
        builder.ConfigureServices(s => s.AddSingleton<IHostedService>(sp => new StartWatch(sp, _start)));
    }

    private readonly StartTasks _start = new();

    private sealed class StartTasks
    {
        public Task Prepared { get; set; } = Task.CompletedTask;

        public List<Task> Workers { get; } = [];
    }

    /// <summary>
    /// Registered after the desk's own services, so it starts after them, while the host is still starting: it notes the
    /// preparation and each worker's start before a worker that refuses can stop the host and dispose its services.
    /// </summary>
    private sealed class StartWatch(IServiceProvider services, StartTasks into) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            into.Prepared = services.GetRequiredService<Helpdesk.Web.Startup.DeskPreparation>().Ready;
            into.Workers.AddRange(services.GetServices<IHostedService>().OfType<Helpdesk.Web.Startup.AfterPreparation>().Select(w => w.Started));
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>
    /// The desk listens before it has prepared (schema, demo data, first Admin); the tests start from a prepared desk, as
    /// they did when preparation ran before the server started. A failed preparation fails the start, as it did then.
    /// </summary>
    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        if (!_waitUntilPrepared) return host;
        // Prepared, and every worker started (or the reason one refused, thrown as the start's error). The tasks were noted
        // while the host started (StartWatch): a worker that refuses stops the host, and its services can be gone by now.
        _start.Prepared.WaitAsync(TimeSpan.FromMinutes(5)).GetAwaiter().GetResult();
        Task.WhenAll(_start.Workers).WaitAsync(TimeSpan.FromMinutes(1)).GetAwaiter().GetResult();
        return host;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
