using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Helpdesk.Core.Outbox;

/// <summary>The outbox and the pause every desk instance shares.</summary>
public sealed class OutboxItemConfiguration : IEntityTypeConfiguration<OutboxItem>
{
    public void Configure(EntityTypeBuilder<OutboxItem> e)
    {
        e.ToTable("Outbox");
        e.Property(o => o.MessageIdHeader).HasMaxLength(998);
        e.Property(o => o.ToAddress).HasMaxLength(320);
        e.Property(o => o.FromAddress).HasMaxLength(320);
        e.Property(o => o.Subject).HasMaxLength(1000);
        e.HasIndex(o => o.MessageIdHeader).IsUnique();
        e.HasIndex(o => new { o.State, o.NextAttemptAt });
        e.Property(o => o.LeasedUntil).IsConcurrencyToken();
        e.HasIndex(o => o.TicketNumber);
        // Bulk replies by their send, and the dispatcher's two picks, agents' replies and bulk replies, each in due order.
        e.HasIndex(o => o.BulkBatchId).HasFilter("\"BulkBatchId\" IS NOT NULL");
        e.HasIndex(o => new { o.State, o.Kind, o.NextAttemptAt });
    }
}

/// <summary>See <see cref="OutboxItemConfiguration"/>.</summary>
public sealed class OutboxPauseRowConfiguration : IEntityTypeConfiguration<OutboxPauseRow>
{
    public void Configure(EntityTypeBuilder<OutboxPauseRow> e)
    {
        e.ToTable("OutboxPause");
        e.Property(p => p.Id).ValueGeneratedNever();
        e.Property(p => p.Reason).HasMaxLength(1000);
        e.Property(p => p.ChangedBy).HasMaxLength(100);
        // The one row exists from the start, so instances only ever update it and never race to insert it.
        e.HasData(new OutboxPauseRow { Id = OutboxPauseRow.SingleId });
    }
}
