using Microsoft.Extensions.DependencyInjection;

namespace Helpdesk.Core.Authenticity;

/// <summary>Sender checks (SPF/DKIM/DMARC verdicts, lookalike domains) for intake and the reply guardrails.</summary>
public static class AuthenticityRegistration
{
    public static IServiceCollection AddHelpdeskAuthenticity(this IServiceCollection services)
    {
        services.AddOptions<AuthenticityOptions>().BindConfiguration(AuthenticityOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SenderChecks>();
        return services;
    }
}
