using Microsoft.Extensions.DependencyInjection;

namespace Helpdesk.Core.Demo;

/// <summary>The in-process load drill as a host composes it: one call, the drill's options, the drill and its worker.</summary>
public static class LoadDrillRegistration
{
    /// <summary>
    /// Registers the drill (off unless Helpdesk:LoadDrill:Agents is above zero; a bad value stops start-up naming the
    /// setting). The host must run it after the desk is migrated and seeded.
    /// </summary>
    public static IServiceCollection AddLoadDrill(this IServiceCollection services)
    {
        services.AddOptions<LoadDrillOptions>().BindConfiguration(LoadDrillOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<LoadDrill>();
        services.AddHostedService(sp => sp.GetRequiredService<LoadDrill>());
        return services;
    }
}
