using Microsoft.AspNetCore.DataProtection;
using System.Globalization;
using Helpdesk.Demo;
using Helpdesk.Web.Account;
using Helpdesk.Web.Components;
using Helpdesk.Web.Health;
using Helpdesk.Web.Metrics;
using Helpdesk.Web.Security;
using Helpdesk.Web.Startup;
using Helpdesk.Web.Trainer;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Helpdesk.Web;

/// <summary>The web host: Blazor Server console, sign-in, and the workers that start with it.</summary>
public static class HelpdeskWeb
{
    public static IHostApplicationBuilder AddHelpdeskWeb(this IHostApplicationBuilder builder)
    {
        // The machines here run with the C.UTF-8 locale; BootstrapBlazor shows resource keys instead of words without a real culture.
        var culture = CultureInfo.GetCultureInfo("en-US");
        CultureInfo.DefaultThreadCurrentCulture = culture;
        CultureInfo.DefaultThreadCurrentUICulture = culture;

        if (builder is WebApplicationBuilder web) web.WebHost.UseStaticWebAssets();

        var services = builder.Services;
        services.AddRazorComponents().AddInteractiveServerComponents()
            // A long reply travels whole in one input event; longer ones are held back in the browser (ReplyLimits).
            .AddHubOptions(hub => hub.MaximumReceiveMessageSize = Answer.ReplyLimits.MaxReceiveMessageBytes);
        services.AddBootstrapBlazor();
        services.AddSingleton<Circuits.ConsoleCircuits>();
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, Circuits.ConsoleCircuits.Handler>();
        // One per answering page: the claimed ticket, the reply and what the page says about them.
        services.AddTransient<Answer.AnswerSession>();
        services.AddCascadingAuthenticationState();
        services.AddHttpContextAccessor();
        // Sign-in cookies are sealed with data-protection keys. Kept on disk (default data/keys) so a restart does not
        // sign everybody out; several instances behind one proxy must point this at one shared folder.
        var keys = builder.Configuration["Helpdesk:DataProtection:KeysDirectory"] is { Length: > 0 } configuredKeys
            ? Path.GetFullPath(configuredKeys)
            : Path.Combine(Helpdesk.Core.Data.DataDirectory.Resolve(builder.Configuration["Helpdesk:DataDirectory"]), "keys");
        services.AddDataProtection().SetApplicationName("Helpdesk").PersistKeysToFileSystem(new DirectoryInfo(keys));
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.LoginPath = "/signin";
                options.LogoutPath = "/signout";
                options.AccessDeniedPath = "/denied";
                options.Cookie.Name = "helpdesk.auth";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.ExpireTimeSpan = TimeSpan.FromHours(12);
                options.SlidingExpiration = true;
                options.EventsType = typeof(StaffCookieEvents);
            })
            .AddCookie(StaffSignIn.SecondStepScheme, options =>
            {
                // Between the password and the code: who passed the first step, for five minutes, nothing more.
                options.Cookie.Name = "helpdesk.second-step";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.ExpireTimeSpan = TimeSpan.FromMinutes(5);
                options.SlidingExpiration = false;
            });
        services.AddScoped<StaffCookieEvents>();
        services.AddSingleton<StaffSignIn>();
        services.AddStaffIdentity();
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Agent, p => p.RequireRole("Agent", "Admin"))
            .AddPolicy(Policies.Lead, p => p.RequireRole("Lead", "Admin"))
            .AddPolicy(Policies.Trainer, p => p.RequireRole("Trainer", "Admin"))
            .AddPolicy(Policies.Admin, p => p.RequireRole("Admin"))
            .AddPolicy(Policies.Security, p => p.RequireRole("Security", "Lead", "Admin"))
            .AddPolicy(Policies.BulkReply, p => p.AddRequirements(new BulkReplyRequirement()));
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, BulkReplyRequirement.Handler>();
        services.AddOptions<WebOptions>().BindConfiguration(WebOptions.Section);
        services.AddSingleton<Microsoft.Extensions.Options.IPostConfigureOptions<Helpdesk.Core.Abstractions.CompanyOptions>, DemoHelpUrl>();
        // Demo mode's seeder, which DeskStartup runs when no mailbox is configured (no workers of its own).
        services.AddHelpdeskDemo();
        services.AddSingleton<DeskPreparation>();
        services.AddHostedService<DeskStartup>();
        services.AddHostedService<Helpdesk.Core.Outbox.OutboxWorker>();
        services.AddHostedService<Helpdesk.Core.Security.SecurityWebhookWorker>();
        services.AddHostedService<Helpdesk.Core.Queue.EndedAccountSweep>();
        // After DeskStartup: the drill needs the migrated, seeded desk. Off unless Helpdesk:LoadDrill:Agents > 0.
        services.AddLoadDrill();
        services.AddHelpdeskHealth(builder.Configuration);
        services.AddHelpdeskMetrics(builder.Configuration);
        StartWorkersAfterPreparation(services);
        return builder;
    }

    /// <summary>
    /// The desk's own background workers (intake, outbox, model watcher, drill, samplers; registered by Core, intake and
    /// here) start once <see cref="DeskPreparation"/> is done; the host, the web server among them, starts at once.
    /// </summary>
    private static void StartWorkersAfterPreparation(IServiceCollection services)
    {
        for (var i = 0; i < services.Count; i++)
        {
            var d = services[i];
            if (d.ServiceType != typeof(IHostedService) || d.IsKeyedService || d.ImplementationType == typeof(DeskStartup)) continue;
            var declaredIn = d.ImplementationType ?? d.ImplementationFactory?.Method.DeclaringType;
            if (declaredIn?.Assembly.GetName().Name?.StartsWith("Helpdesk.", StringComparison.Ordinal) != true) continue;
            services[i] = ServiceDescriptor.Singleton<IHostedService>(sp => new AfterPreparation(
                d.ImplementationFactory is { } make ? (IHostedService)make(sp) : (IHostedService)ActivatorUtilities.CreateInstance(sp, d.ImplementationType!),
                sp.GetRequiredService<DeskPreparation>(), sp.GetRequiredService<IHostApplicationLifetime>(), sp.GetRequiredService<ILogger<AfterPreparation>>()));
        }
    }

    public static WebApplication MapHelpdesk(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment()) app.UseExceptionHandler("/error", createScopeForErrors: true);
        app.UseConsoleSecurityHeaders();
        app.UseMiddleware<PreparationGate>();
        app.UseMetricsGate();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseMiddleware<MustChangePasswordGate>();
        app.UseMiddleware<TwoFactorEnrolmentGate>();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapAccountEndpoints();
        app.MapOwnAccountEndpoints();
        Lead.LeadEndpoints.MapLeadEndpoints(app);
        SecurityDesk.SecurityEndpoints.MapSecurityEndpoints(app);
        app.MapTrainerEndpoints();
        Answer.MessageEndpoints.MapMessageEndpoints(app);
        Diagnostics.MemoryEndpoint.MapMemoryEndpoint(app);
        app.MapHelpdeskHealth();
        app.MapHelpdeskMetrics();
        // The console's own policy (ConsoleSecurityHeaders) already says frame-ancestors 'self', which is what Blazor's
        // default would add for compressed WebSockets; Blazor's header alone would stop the whole policy being set.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);
        return app;
    }
}

public static class Policies
{
    public const string Agent = "agent";
    public const string Lead = "lead";
    public const string Trainer = "trainer";
    public const string Admin = "admin";

    /// <summary>The /security page and its takedown exports: the Security role, Leads and Admins.</summary>
    public const string Security = "security";

    /// <summary>Answering a cluster at once: leads and admins, and agents trusted under Helpdesk:Bulk.</summary>
    public const string BulkReply = "bulk-reply";
}

/// <summary>Leads and admins; an agent named in Helpdesk:Bulk:TrustedAgents when AllowTrustedAgents is on.</summary>
public sealed class BulkReplyRequirement : Microsoft.AspNetCore.Authorization.IAuthorizationRequirement
{
    public sealed class Handler(Helpdesk.Core.Bulk.BulkOptions options)
        : Microsoft.AspNetCore.Authorization.AuthorizationHandler<BulkReplyRequirement>
    {
        protected override Task HandleRequirementAsync(Microsoft.AspNetCore.Authorization.AuthorizationHandlerContext context, BulkReplyRequirement requirement)
        {
            var user = context.User;
            if (user.IsInRole("Lead") || user.IsInRole("Admin")
                || (options.AllowTrustedAgents && user.IsInRole("Agent") && options.IsTrusted(user.Identity?.Name)))
                context.Succeed(requirement);
            return Task.CompletedTask;
        }
    }
}
