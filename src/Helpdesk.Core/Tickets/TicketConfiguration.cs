using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Helpdesk.Core.Tickets;

/// <summary>Tickets and the queue indexes the claim and the dashboards read.</summary>
public sealed class TicketConfiguration : IEntityTypeConfiguration<Ticket>
{
    public void Configure(EntityTypeBuilder<Ticket> e)
    {
        e.ToTable("Tickets");
        e.HasKey(t => t.Number);
        e.Property(t => t.Number).ValueGeneratedOnAdd();
        e.Property(t => t.Subject).HasMaxLength(Ticket.MaxSubjectLength);
        e.Property(t => t.Intent).HasMaxLength(64);
        e.Property(t => t.Version).IsConcurrencyToken();
        // A claim taken by somebody else between read and write must make the write fail, not overwrite it.
        e.Property(t => t.ClaimedBy).IsConcurrencyToken();
        e.HasOne(t => t.Customer).WithMany().HasForeignKey(t => t.CustomerId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(t => t.Messages).WithOne().HasForeignKey(m => m.TicketNumber).OnDelete(DeleteBehavior.Cascade);
        e.Navigation(t => t.Messages).UsePropertyAccessMode(PropertyAccessMode.Field);
        e.Ignore(t => t.IsInQueue);
        // The queue's order; partial so that answered tickets leave the index.
        e.HasIndex(t => new { t.Priority, t.WaitingSince, t.Number }).HasDatabaseName("IX_Tickets_Queue")
            .IsDescending(true, false, false).HasFilter("\"Status\" IN (0, 1)");
        e.HasIndex(t => new { t.Intent, t.Priority, t.WaitingSince, t.Number }).HasDatabaseName("IX_Tickets_QueueByIntent")
            .IsDescending(false, true, false, false).HasFilter("\"Status\" IN (0, 1)");
        // The leads' lane: the few escalated tickets, in queue order.
        // Named, because an unnamed index on the same columns would be the queue index above, renamed.
        e.HasIndex(t => new { t.Priority, t.WaitingSince, t.Number }, "IX_Tickets_Escalated")
            .IsDescending(true, false, false).HasFilter("\"Escalated\" AND \"Status\" IN (0, 1)");
        e.HasIndex(t => t.ClaimedBy).HasFilter("\"ClaimedBy\" IS NOT NULL");
        e.HasIndex(t => new { t.CustomerId, t.Status });
        e.HasIndex(t => new { t.Status, t.ReceivedAt });
        e.HasIndex(t => t.FirstResponseAt);
        // Backlog by age and the oldest waiting ticket, across priorities.
        e.HasIndex(t => t.WaitingSince).HasDatabaseName("IX_Tickets_Waiting").HasFilter("\"Status\" IN (0, 1)");
    }
}
