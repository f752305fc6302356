using Microsoft.Extensions.DependencyInjection;

namespace Helpdesk.Core.Demo;

/// <summary>Demo mode's settings and its seeder (the load drill is the web host's).</summary>
public static class DemoRegistration
{
    public static IServiceCollection AddHelpdeskDemo(this IServiceCollection services)
    {
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<DemoDataSeeder>();
        return services;
    }
}
