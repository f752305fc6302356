using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Helpdesk.Core.Audit;

/// <summary>The audit trail of agents' actions.</summary>
public sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> e)
    {
        e.ToTable("AuditEvents");
        e.Property(a => a.Action).HasMaxLength(100);
        e.Property(a => a.Actor).HasMaxLength(100);
        e.HasIndex(a => a.At);
        e.HasIndex(a => a.TicketNumber);
    }
}
