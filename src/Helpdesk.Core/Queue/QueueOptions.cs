using System.ComponentModel.DataAnnotations;

namespace Helpdesk.Core.Queue;

/// <summary>Bound from <c>Helpdesk:Queue</c>.</summary>
public sealed class QueueOptions
{
    public const string Section = "Helpdesk:Queue";

    /// <summary>How long a claim lasts without a heartbeat. Default 5 minutes: long enough to read and answer,
    /// short enough that an agent who walked away gives the ticket back soon. The console renews it every minute.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "08:00:00", ErrorMessage = "Helpdesk:Queue:LeaseDuration must be between 00:00:05 and 08:00:00 (hh:mm:ss).")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(5);
}
