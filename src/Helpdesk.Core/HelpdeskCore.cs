using Helpdesk.Core.Abstractions;
using Helpdesk.Core.Authenticity;
using Helpdesk.Core.Bulk;
using Helpdesk.Core.Classification;
using Helpdesk.Core.Data;
using Helpdesk.Core.Incidents;
using Helpdesk.Core.Intake;
using Helpdesk.Core.Intents;
using Helpdesk.Core.Outbox;
using Helpdesk.Core.Queue;
using Helpdesk.Core.Replies;
using Helpdesk.Core.Reporting;
using Helpdesk.Core.Security;
using Helpdesk.Core.Staff;
using Helpdesk.Core.Templates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Helpdesk.Core;

/// <summary>
/// Composes the desk from its folders, each registering its own services (Queue/QueueRegistration.cs and so on). Web
/// and CLI hosts call this once, then add the workers they run. Nothing in a folder uses this namespace (a test holds
/// it: Architecture/FolderCycleTests).
/// </summary>
public static class HelpdeskCore
{
    public static IHostApplicationBuilder AddHelpdeskCore(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHelpdeskCore(builder.Configuration);
        return builder;
    }

    /// <summary>The order keeps the hosted services' start order: database listener, classifier, template usage.</summary>
    public static IServiceCollection AddHelpdeskCore(this IServiceCollection services, IConfiguration configuration) => services
        .AddHelpdeskAbstractions()
        .AddHelpdeskDatabase(configuration)
        .AddHelpdeskQueue()
        .AddHelpdeskClassification()
        .AddHelpdeskTemplates()
        .AddHelpdeskIntents()
        .AddHelpdeskAuthenticity()
        .AddHelpdeskReplies()
        .AddHelpdeskAnswering()
        .AddHelpdeskOutbox()
        .AddHelpdeskStaff()
        .AddHelpdeskDashboard()
        .AddHelpdeskBulk()
        .AddHelpdeskIntakeServices(configuration)
        .AddHelpdeskSecurity()
        .AddHelpdeskIncidents();
}
