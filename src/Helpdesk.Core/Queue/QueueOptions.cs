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

    /// <summary>How long a "tickets changed" waits before the shared queue counts are recounted, so a burst of changes
    /// (a surge of mail, many agents sending) costs one recount for every open page. Default 300 ms.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00", ErrorMessage = "Helpdesk:Queue:CountsCoalescing must be between 00:00:00.010 and 00:01:00 (hh:mm:ss.fff).")]
    public TimeSpan CountsCoalescing { get; set; } = TimeSpan.FromMilliseconds(300);
}
