using Helpdesk.Core.Bulk;
using Helpdesk.Core.Classification;
using Helpdesk.Core.Data;
using Helpdesk.Core.Demo;
using Helpdesk.Core.Outbox;
using Helpdesk.Core.Intake;
using Helpdesk.Core.Queue;
using Helpdesk.Core.Replies;
using Helpdesk.Core.Security;
using Helpdesk.Core.Staff;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Helpdesk.Core;

/// <summary>Registers the desk's services: database, queue, demo data, intake. Web and CLI hosts call this once.</summary>
public static class HelpdeskCore
{
    public static IHostApplicationBuilder AddHelpdeskCore(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHelpdeskCore(builder.Configuration);
        return builder;
    }

    public static IServiceCollection AddHelpdeskCore(this IServiceCollection services, Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddHelpdeskDatabase(configuration);
        services.AddOptions<QueueOptions>().BindConfiguration(QueueOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<QueueOptions>>().Value);
        services.AddSingleton<TicketQueue>();
        services.AddSingleton<QueueOverview>();
        services.AddSingleton<QueueCountsFeed>();
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ClassificationOptions>().BindConfiguration(ClassificationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IntentClassifierService>();
        services.TryAddSingleton<ITicketClassifier>(sp => sp.GetRequiredService<IntentClassifierService>());
        services.AddHostedService<ClassifierWarmUp>();
        services.AddHostedService<ModelFileWatcher>();
        services.AddOptions<CompanyOptions>().BindConfiguration(CompanyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<CompanyOptions>>().Value);
        services.AddOptions<TemplateOptions>().BindConfiguration(TemplateOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<TemplateCatalog>();
        services.AddSingleton<TemplateUsageRecorder>();
        services.AddHostedService<TemplateUsageFlusher>();
        services.AddSingleton<HelpCenter>();
        services.AddSingleton<TemplateEditor>();
        services.AddSingleton<TemplateReports>();
        services.AddSingleton<Intents.IntentCatalog>();
        services.AddSingleton<Intents.TrainingReview>();
        services.AddSingleton<ModelRetraining>();
        services.AddSingleton<LiveModelSummary>();
        services.AddSingleton<ReplySuggester>();
        services.AddSingleton<LearningSignals>();
        services.AddOptions<GuardrailOptions>().BindConfiguration(GuardrailOptions.Section);
        services.AddSingleton(sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<GuardrailOptions>>().Value);
        services.AddOptions<Authenticity.AuthenticityOptions>().BindConfiguration(Authenticity.AuthenticityOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Authenticity.SenderChecks>();
        services.AddSingleton<ReplyGuardrails>();
        services.AddSingleton<ReplyService>();
        services.AddSingleton<AgentActions>();
        services.AddSingleton<AnsweringDesk>();
        services.AddSingleton<DemoDataSeeder>();
        services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.Section)
            // The sign-in settings (Auth, TenantId, ClientId...) sit flat beside Host and Port, as under each mailbox.
            .Configure<Microsoft.Extensions.Configuration.IConfiguration>((o, c) => Microsoft.Extensions.Configuration.ConfigurationBinder.Bind(c.GetSection(OutboxOptions.Section), o.Login))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<OutboxOptions>>().Value);
        services.AddSingleton<OutboxControl>();
        services.TryAddSingleton(sp => new Helpdesk.Mail.Transport.OAuth2.MailTokenProviders(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IMailSubmitterFactory, SmtpSubmitterFactory>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddSingleton<OutboxBoard>();
        services.AddOptions<FirstAdminOptions>().BindConfiguration(FirstAdminOptions.Section);
        services.AddSingleton<FirstAdmin>();
        services.AddSingleton<StaffDirectory>();
        services.AddSingleton<StaffImport>();
        services.AddOptions<Reporting.DeskFiguresOptions>().BindConfiguration(Reporting.DeskFiguresOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Reporting.DeskFiguresOptions>>().Value);
        services.AddSingleton<Reporting.DeskFigures>();
        services.AddSingleton<Reporting.LeadTickets>();
        services.AddSingleton<Reporting.LeadActions>();
        services.AddOptions<BulkOptions>().BindConfiguration(BulkOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<BulkOptions>>().Value);
        services.AddSingleton<BulkClusters>();
        services.AddSingleton<BulkReplyService>();
        services.AddHelpdeskIntakeServices(configuration);
        services.AddHelpdeskSecurity();
        return services;
    }
}
