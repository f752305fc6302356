using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Helpdesk.Core.Reporting;

/// <summary>The lead dashboard: desk figures, the lead's ticket list and actions.</summary>
public static class ReportingRegistration
{
    public static IServiceCollection AddHelpdeskDashboard(this IServiceCollection services)
    {
        services.AddOptions<DeskFiguresOptions>().BindConfiguration(DeskFiguresOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<DeskFiguresOptions>>().Value);
        services.AddSingleton<DeskFigures>();
        services.AddSingleton<LeadTickets>();
        services.AddSingleton<LeadActions>();
        return services;
    }
}
