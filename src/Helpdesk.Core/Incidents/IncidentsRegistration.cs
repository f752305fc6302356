using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Helpdesk.Core.Incidents;

/// <summary>Incident mode: the switch, its banner and the raised intents.</summary>
public static class IncidentsRegistration
{
    public static IServiceCollection AddHelpdeskIncidents(this IServiceCollection services)
    {
        services.TryAddSingleton<IncidentMode>();
        return services;
    }
}
