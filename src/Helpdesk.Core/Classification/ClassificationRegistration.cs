using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Helpdesk.Core.Classification;

/// <summary>The intent classifier, its warm-up and model file watch, retraining and the live model's summary.</summary>
public static class ClassificationRegistration
{
    public static IServiceCollection AddHelpdeskClassification(this IServiceCollection services)
    {
        services.AddOptions<ClassificationOptions>().BindConfiguration(ClassificationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IntentClassifierService>();
        // A test or tool may have put its own classifier in first.
        services.TryAddSingleton<ITicketClassifier>(sp => sp.GetRequiredService<IntentClassifierService>());
        services.AddHostedService<ClassifierWarmUp>();
        services.AddHostedService<ModelFileWatcher>();
        services.AddSingleton<ModelRetraining>();
        services.AddSingleton<LiveModelSummary>();
        return services;
    }
}
