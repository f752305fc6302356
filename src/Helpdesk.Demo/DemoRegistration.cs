using Microsoft.Extensions.DependencyInjection;

namespace Helpdesk.Demo;

/// <summary>
/// What a host adds to offer demo mode and the load drill, on top of AddHelpdeskCore. Neither registers anything Core
/// needs: a desk without this project runs on its mailboxes alone.
/// </summary>
public static class DemoRegistration
{
    /// <summary>Demo mode's settings (a bad value stops start-up naming the setting) and its seeder; no workers.</summary>
    public static IServiceCollection AddHelpdeskDemo(this IServiceCollection services)
    {
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<DemoDataSeeder>();
        return services;
    }

    /// <summary>
    /// The in-process load drill and its worker (off unless Helpdesk:LoadDrill:Agents is above zero; a bad value stops
    /// start-up naming the setting). A hosted service: the host registers it after the service that migrates and seeds
    /// the desk, since hosted services start in the order they were added.
    /// </summary>
    public static IServiceCollection AddLoadDrill(this IServiceCollection services)
    {
        services.AddOptions<LoadDrillOptions>().BindConfiguration(LoadDrillOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<LoadDrill>();
        services.AddHostedService(sp => sp.GetRequiredService<LoadDrill>());
        return services;
    }
}
