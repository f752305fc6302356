using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Helpdesk.Core.Bulk;

/// <summary>Bulk replies: clusters of similar tickets and one answer sent to many.</summary>
public static class BulkRegistration
{
    public static IServiceCollection AddHelpdeskBulk(this IServiceCollection services)
    {
        services.AddOptions<BulkOptions>().BindConfiguration(BulkOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<BulkOptions>>().Value);
        services.AddSingleton<BulkClusters>();
        services.AddSingleton<BulkReplyService>();
        return services;
    }
}
