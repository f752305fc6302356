using Helpdesk.Core.Staff;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Helpdesk.Core.Queue;

/// <summary>The agents' queue: claims, counts, the answering desk, and the release of an ended account's claims.</summary>
public static class QueueRegistration
{
    public static IServiceCollection AddHelpdeskQueue(this IServiceCollection services)
    {
        services.AddOptions<QueueOptions>().BindConfiguration(QueueOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<QueueOptions>>().Value);
        services.AddSingleton<TicketQueue>();
        services.AddSingleton<IEndedAccountClaims>(sp => sp.GetRequiredService<TicketQueue>());
        services.AddSingleton<QueueOverview>();
        services.AddSingleton<QueueCountsFeed>();
        return services;
    }

    /// <summary>What an agent does to a ticket and the screen they answer on; needs the replies (AddHelpdeskReplies).</summary>
    public static IServiceCollection AddHelpdeskAnswering(this IServiceCollection services)
    {
        services.AddSingleton<AgentActions>();
        services.AddSingleton<AnsweringDesk>();
        return services;
    }
}
