using Helpdesk.Mail.Transport.OAuth2;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Helpdesk.Core.Outbox;

/// <summary>The outbox: its settings, the dispatcher, pause control and the lead's board. The worker is the host's (OutboxWorker).</summary>
public static class OutboxRegistration
{
    public static IServiceCollection AddHelpdeskOutbox(this IServiceCollection services)
    {
        services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.Section)
            // The sign-in settings (Auth, TenantId, ClientId...) sit flat beside Host and Port, as under each mailbox.
            .Configure<IConfiguration>((o, c) => c.GetSection(OutboxOptions.Section).Bind(o.Login))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<OutboxOptions>>().Value);
        services.AddSingleton<OutboxControl>();
        services.TryAddSingleton(sp => new MailTokenProviders(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IMailSubmitterFactory, SmtpSubmitterFactory>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddSingleton<OutboxBoard>();
        return services;
    }
}
