using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Helpdesk.Core.Bulk;

/// <summary>Bulk replies: one row per send, one per ticket it answered or skipped.</summary>
public sealed class BulkSendConfiguration : IEntityTypeConfiguration<BulkSend>
{
    public void Configure(EntityTypeBuilder<BulkSend> e)
    {
        e.ToTable("BulkSends");
        e.Property(s => s.Intent).HasMaxLength(64);
        e.Property(s => s.TemplateId).HasMaxLength(128);
        e.HasMany(s => s.Members).WithOne().HasForeignKey(m => m.BulkSendId).OnDelete(DeleteBehavior.Cascade);
        e.Navigation(s => s.Members).UsePropertyAccessMode(PropertyAccessMode.Field);
        e.HasIndex(s => s.CreatedAt);
    }
}

/// <summary>See <see cref="BulkSendConfiguration"/>.</summary>
public sealed class BulkSendMemberConfiguration : IEntityTypeConfiguration<BulkSendMember>
{
    public void Configure(EntityTypeBuilder<BulkSendMember> e)
    {
        e.ToTable("BulkSendMembers");
        e.Property(m => m.SkipReason).HasMaxLength(500);
        e.Property(m => m.ReplyMessageId).HasMaxLength(998);
        e.HasIndex(m => m.BulkSendId);
        e.HasIndex(m => m.TicketNumber);
    }
}
