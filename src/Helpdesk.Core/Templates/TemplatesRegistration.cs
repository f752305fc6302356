using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Helpdesk.Core.Templates;

/// <summary>Reply templates: what trainers write and every reply is built from (Replies/ uses them, never the reverse).</summary>
public static class TemplatesRegistration
{
    /// <summary>
    /// The catalog, its usage counts (and the worker that writes them), the help center, the trainers' editor and
    /// reports, and the guardrails every text for a customer passes (a template when saved, a reply when sent).
    /// </summary>
    public static IServiceCollection AddHelpdeskTemplates(this IServiceCollection services)
    {
        services.AddOptions<TemplateOptions>().BindConfiguration(TemplateOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<TemplateCatalog>();
        services.AddSingleton<TemplateUsageRecorder>();
        services.AddHostedService<TemplateUsageFlusher>();
        services.AddSingleton<HelpCenter>();
        services.AddSingleton<TemplateEditor>();
        services.AddSingleton<TemplateReports>();
        services.AddOptions<GuardrailOptions>().BindConfiguration(GuardrailOptions.Section);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<GuardrailOptions>>().Value);
        services.AddSingleton<ReplyGuardrails>();
        return services;
    }
}
