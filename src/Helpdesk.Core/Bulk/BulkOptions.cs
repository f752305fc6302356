using System.ComponentModel.DataAnnotations;
using Helpdesk.Core.Staff;

namespace Helpdesk.Core.Bulk;

/// <summary>Bound from <c>Helpdesk:Bulk</c>: who may answer a cluster at once, and how long the way back stays open.</summary>
public sealed class BulkOptions
{
    public const string Section = "Helpdesk:Bulk";

    /// <summary>How long bulk replies wait in the outbox before they may be sent, so a lead can undo. Default 60 s.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Helpdesk:Bulk:UndoWindow must be between 00:00:01 and 01:00:00.")]
    public TimeSpan UndoWindow { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Let the agents named in <see cref="TrustedAgents"/> answer clusters too. Default false (leads only).</summary>
    public bool AllowTrustedAgents { get; set; }

    /// <summary>User names of agents trusted with bulk replies when <see cref="AllowTrustedAgents"/> is on. Default none.</summary>
    public string[] TrustedAgents { get; set; } = [];

    /// <summary>Estimated word-overlap (Jaccard) at which a ticket joins a cluster's representative. Default 0.4 (see NearDuplicateOptions).</summary>
    [Range(0.05, 1.0)]
    public double Similarity { get; set; } = 0.4;

    /// <summary>Smallest group shown as a cluster. Default 2: in a small backlog a pair is already worth one action.</summary>
    [Range(2, 1000)]
    public int MinClusterSize { get; set; } = 2;

    /// <summary>Most alike members shown as the cluster's samples. Default 5.</summary>
    [Range(1, 50)]
    public int Samples { get; set; } = 5;

    /// <summary>Least alike members shown as outliers for the lead to check. Default 3.</summary>
    [Range(0, 50)]
    public int Outliers { get; set; } = 3;

    /// <summary>Most tickets one bulk send may answer. Default 10,000.</summary>
    [Range(1, 1_000_000)]
    public int MaxTicketsPerSend { get; set; } = 10_000;

    /// <summary>Leads and admins always; an agent only when trusted agents are allowed and this one is named.</summary>
    public bool MayBulkReply(StaffUser staff) =>
        !staff.IsDisabled && (staff.HasRole(StaffRoles.Lead) || (AllowTrustedAgents && staff.HasRole(StaffRoles.Agent) && IsTrusted(staff.UserName)));

    public bool IsTrusted(string? userName) =>
        userName is not null && TrustedAgents.Any(t => string.Equals(t.Trim(), userName, StringComparison.OrdinalIgnoreCase));
}
