using Helpdesk.Core;
using Helpdesk.Core.Data;
using Helpdesk.Core.Replies;
using Helpdesk.Core.Templates;
using Helpdesk.Demo;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Helpdesk.Cli;

/// <summary>The desk's services for a command: same configuration sources and database as the web host.</summary>
public static class CliHost
{
    /// <summary>Builds the services and brings the schema up to date. Settings may be overridden (KEY=VALUE) by tests.</summary>
    public static async Task<IHost> StartAsync(IDictionary<string, string?>? overrides = null, Action<IServiceCollection>? configure = null,
        CancellationToken cancellationToken = default)
    {
        var host = Build(overrides, configure);
        await using (await StartupLock.AcquireAsync(host.Services.GetRequiredService<DatabaseTarget>(), cancellationToken))
        {
            await host.Services.GetRequiredService<SchemaMigrator>().MigrateAsync(cancellationToken);
            await host.Services.GetRequiredService<TemplateCatalog>().ImportSeedAsync(cancellationToken);
        }
        return host;
    }

    /// <summary>The desk's services without touching the database (`helpdesk migrate` does that itself).</summary>
    public static IHost Build(IDictionary<string, string?>? overrides = null, Action<IServiceCollection>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = false, Args = [] });
        if (overrides is not null) builder.Configuration.AddInMemoryCollection(overrides);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Error);
        builder.AddHelpdeskCore();
        // `helpdesk seed` and the benches fill the desk with demo data and surges.
        builder.Services.AddHelpdeskDemo();
        configure?.Invoke(builder.Services);
        return builder.Build();
    }
}
