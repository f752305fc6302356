using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Helpdesk.Core.Incidents;

/// <summary>
/// The desk's incident mode: one row (id 1) in the database, so every desk instance reads the same switch. While on,
/// the help page and every acknowledgment carry the trainers' incident banner, and phishing and identity questions
/// go to the front of the queue.
/// </summary>
public sealed class IncidentSwitch
{
    public const int SingletonId = 1;

    private IncidentSwitch() { }

    internal static IncidentSwitch Off() => new() { Id = SingletonId };

    public int Id { get; private set; }

    public bool IsOn { get; private set; }

    /// <summary>When the current (or last) incident was switched on.</summary>
    public DateTimeOffset? StartedAt { get; private set; }

    /// <summary>When the last incident was switched off; null while on.</summary>
    public DateTimeOffset? EndedAt { get; private set; }

    public string? ChangedBy { get; private set; }

    /// <summary>Switches on; false when it already was (nothing changes, nothing is audited twice).</summary>
    internal bool SwitchOn(DateTimeOffset now, string actor)
    {
        if (IsOn) return false;
        IsOn = true;
        StartedAt = now;
        EndedAt = null;
        ChangedBy = actor;
        return true;
    }

    internal bool SwitchOff(DateTimeOffset now, string actor)
    {
        if (!IsOn) return false;
        IsOn = false;
        EndedAt = now;
        ChangedBy = actor;
        return true;
    }
}

/// <summary>See <see cref="IncidentSwitch"/>.</summary>
public sealed class IncidentSwitchConfiguration : IEntityTypeConfiguration<IncidentSwitch>
{
    public void Configure(EntityTypeBuilder<IncidentSwitch> e)
    {
        e.ToTable("IncidentSwitch");
        e.Property(s => s.Id).ValueGeneratedNever();
        e.Property(s => s.ChangedBy).HasMaxLength(100);
    }
}
