using Helpdesk.Core.Abstractions;
using Helpdesk.Mail.Transport.OAuth2;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Helpdesk.Core.Intake;

public static class IntakeRegistration
{
    /// <summary>The intake services every host needs (pipeline, store, sources); called by AddHelpdeskCore.</summary>
    public static IServiceCollection AddHelpdeskIntakeServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IntakeOptions>().BindConfiguration(IntakeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(_ => MailboxList.From(configuration));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IntakeOptions>, MailboxListValidation>());
        services.TryAddSingleton<InProcessDeskNotifier>();
        services.TryAddSingleton<IDeskNotifier>(sp => sp.GetRequiredService<InProcessDeskNotifier>());
        services.TryAddSingleton<Acknowledgments>();
        services.TryAddSingleton<IntakeStore>();
        services.TryAddSingleton<MailboxLeases>();
        services.TryAddSingleton<IntakePipeline>();
        services.TryAddSingleton<MailSources>();
        // One token cache per mailbox for the life of the process (OAuth2 mailboxes); a reconnect reuses a good token.
        services.TryAddSingleton(sp => new MailTokenProviders(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IntakeRunner>();
        services.TryAddSingleton<AttachmentFiles>();
        services.TryAddSingleton<StoredEmails>();
        return services;
    }

    /// <summary>Runs the intake worker (every configured mailbox and the drop folder) in this host.</summary>
    public static IHostApplicationBuilder AddHelpdeskIntake(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHelpdeskIntakeServices(builder.Configuration);
        builder.Services.AddHostedService<IntakeWorker>();
        return builder;
    }
}
