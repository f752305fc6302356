using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Helpdesk.Core.Security;

/// <summary>The security desk: phishing report figures, takedown exports, the security team's webhook (incident mode: AddHelpdeskIncidents).</summary>
public static class SecurityRegistration
{
    public static IServiceCollection AddHelpdeskSecurity(this IServiceCollection services)
    {
        services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<SecurityFeed>();
        services.TryAddSingleton<SecurityFigures>();
        services.TryAddSingleton<SecurityWebhook>();
        return services;
    }
}
