using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Helpdesk.Core.Abstractions;

/// <summary>What every folder may use: the clock and the company the desk answers for.</summary>
public static class AbstractionsRegistration
{
    public static IServiceCollection AddHelpdeskAbstractions(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<CompanyOptions>().BindConfiguration(CompanyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<CompanyOptions>>().Value);
        return services;
    }
}
