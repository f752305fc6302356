using Microsoft.Extensions.DependencyInjection;

namespace Helpdesk.Core.Intents;

/// <summary>The trainers' review of training examples (the intents themselves are edited in Replies/IntentCatalog.cs).</summary>
public static class IntentsRegistration
{
    public static IServiceCollection AddHelpdeskIntents(this IServiceCollection services)
    {
        services.AddSingleton<TrainingReview>();
        return services;
    }
}
