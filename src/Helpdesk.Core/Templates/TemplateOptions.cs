using System.ComponentModel.DataAnnotations;

namespace Helpdesk.Core.Templates;

/// <summary>Bound from <c>Helpdesk:Templates</c>.</summary>
public sealed class TemplateOptions
{
    public const string Section = "Helpdesk:Templates";

    /// <summary>
    /// When true, a trainer's save waits for a Lead or Admin to approve it before customers get it. Default false: during
    /// an incident the answers change by the hour and trainers are trusted to publish.
    /// </summary>
    public bool RequireApproval { get; set; }

    /// <summary>Where the seed templates are read from; default data/templates beside Helpdesk.sln (or the data directory).</summary>
    public string? SeedDirectory { get; set; }

    /// <summary>How often suggestion and choice counts are written to the database. Default 30 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Helpdesk:Templates:UsageFlushInterval must be from 1 second to 1 hour.")]
    public TimeSpan UsageFlushInterval { get; set; } = TimeSpan.FromSeconds(30);
}
