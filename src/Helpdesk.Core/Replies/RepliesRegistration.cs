using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Helpdesk.Core.Replies;

/// <summary>Reply templates and the replies built from them.</summary>
public static class RepliesRegistration
{
    /// <summary>Templates: the catalog, its usage counts, the help center, the trainers' editor and reports.</summary>
    public static IServiceCollection AddHelpdeskTemplates(this IServiceCollection services)
    {
        services.AddOptions<TemplateOptions>().BindConfiguration(TemplateOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<TemplateCatalog>();
        services.AddSingleton<TemplateUsageRecorder>();
        services.AddHostedService<TemplateUsageFlusher>();
        services.AddSingleton<HelpCenter>();
        services.AddSingleton<TemplateEditor>();
        services.AddSingleton<TemplateReports>();
        return services;
    }

    /// <summary>Replies: suggestions, the trainers' intents, learning signals, guardrails and sending a reply.</summary>
    public static IServiceCollection AddHelpdeskReplies(this IServiceCollection services)
    {
        services.AddSingleton<IntentCatalog>();
        services.AddSingleton<ReplySuggester>();
        services.AddSingleton<LearningSignals>();
        services.AddOptions<GuardrailOptions>().BindConfiguration(GuardrailOptions.Section);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<GuardrailOptions>>().Value);
        services.AddSingleton<ReplyGuardrails>();
        services.AddSingleton<ReplyService>();
        return services;
    }
}
