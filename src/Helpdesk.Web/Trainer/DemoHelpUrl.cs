using Helpdesk.Demo;
using Helpdesk.Core.Replies;
using Microsoft.Extensions.Options;

namespace Helpdesk.Web.Trainer;

/// <summary>Bound from <c>Helpdesk:Web</c>.</summary>
public sealed class WebOptions
{
    public const string Section = "Helpdesk:Web";

    /// <summary>
    /// The address customers reach this desk's public pages at, e.g. https://help.meridian.example. Default: the first
    /// of the host's <c>Urls</c> (http://127.0.0.1:5080 from appsettings.json). Used for the demo desk's /help link.
    /// </summary>
    public string? PublicUrl { get; set; }

    /// <summary>
    /// A console tab hidden this long (another tab in front, the laptop lid shut) pauses its Blazor circuit
    /// (<c>Blazor.pauseCircuit</c>): the server keeps only the page's persisted state (the ticket, the draft) instead of
    /// the whole circuit, and the tab resumes it when it is shown again. Default 3 minutes; zero never pauses.
    /// </summary>
    public TimeSpan PauseHiddenAfter { get; set; } = TimeSpan.FromMinutes(3);
}

/// <summary>
/// In demo mode, with no <c>Helpdesk:Company:HelpUrl</c> set, the acknowledgment's FAQ link ({{site.help_url}}) points at
/// this desk's own /help page, so a newcomer can follow it; a configured address always wins.
/// </summary>
public sealed class DemoHelpUrl(IConfiguration configuration, IServiceProvider services) : IPostConfigureOptions<CompanyOptions>
{
    public void PostConfigure(string? name, CompanyOptions options)
    {
        if (!string.IsNullOrWhiteSpace(configuration[$"{CompanyOptions.Section}:{nameof(CompanyOptions.HelpUrl)}"])) return;
        if (!services.GetRequiredService<DemoDataSeeder>().IsDemoMode) return;
        options.HelpUrl = DeskBaseUrl(configuration) + "/help";
    }

    public static string DeskBaseUrl(IConfiguration configuration)
    {
        var configured = configuration[$"{WebOptions.Section}:{nameof(WebOptions.PublicUrl)}"];
        var url = configured is { Length: > 0 }
            ? configured
            : (configuration["Urls"] ?? configuration["ASPNETCORE_URLS"] ?? "http://127.0.0.1:5080").Split(';', StringSplitOptions.RemoveEmptyEntries)[0];
        // "http://+:80" and "http://*:80" are bindings, not addresses a customer can open.
        url = url.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal);
        return url.TrimEnd('/');
    }
}
