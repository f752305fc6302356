using Helpdesk.Core.Templates;
using Microsoft.Extensions.DependencyInjection;

namespace Helpdesk.Core.Replies;

/// <summary>The replies built from the templates (Templates/): suggestions, intents, learning signals, sending.</summary>
public static class RepliesRegistration
{
    /// <summary>Replies: suggestions, the trainers' intents, learning signals and sending a reply.</summary>
    public static IServiceCollection AddHelpdeskReplies(this IServiceCollection services)
    {
        services.AddSingleton<IntentCatalog>();
        services.AddSingleton<ReplySuggester>();
        services.AddSingleton<LearningSignals>();
        services.AddSingleton<ReplyService>();
        return services;
    }
}
