using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Helpdesk.Core.Tickets;

/// <summary>The messages of a ticket and their attachments (bytes stay in the stored raw email).</summary>
public sealed class TicketMessageConfiguration : IEntityTypeConfiguration<TicketMessage>
{
    public void Configure(EntityTypeBuilder<TicketMessage> e)
    {
        e.ToTable("Messages");
        e.Property(m => m.MessageIdHeader).HasMaxLength(998);
        e.Property(m => m.InReplyTo).HasMaxLength(998);
        e.Property(m => m.FromAddress).HasMaxLength(320);
        e.Property(m => m.FromName).HasMaxLength(200);
        e.Property(m => m.Subject).HasMaxLength(1000);
        e.Property(m => m.SenderVerdict).HasMaxLength(8);
        e.Property(m => m.SenderReason).HasMaxLength(500);
        e.Property(m => m.SenderDomain).HasMaxLength(255);
        e.Property(m => m.LookalikeHost).HasMaxLength(255);
        e.Property(m => m.LookalikeOf).HasMaxLength(500);
        e.Property(m => m.ForwardedFinding).HasMaxLength(16);
        e.HasIndex(m => m.MessageIdHeader);
        e.HasIndex(m => new { m.TicketNumber, m.CreatedAt });
        // "Who received version N" and the usage page read sends by template version.
        e.HasIndex(m => m.TemplateVersionId).HasFilter("\"TemplateVersionId\" IS NOT NULL");
        e.HasMany(m => m.Attachments).WithOne().HasForeignKey(a => a.MessageId).OnDelete(DeleteBehavior.Cascade);
        e.Navigation(m => m.Attachments).UsePropertyAccessMode(PropertyAccessMode.Field);
        e.Ignore(m => m.ReferenceList);
    }
}

/// <summary>See <see cref="TicketMessageConfiguration"/>.</summary>
public sealed class MessageAttachmentConfiguration : IEntityTypeConfiguration<MessageAttachment>
{
    public void Configure(EntityTypeBuilder<MessageAttachment> e)
    {
        e.ToTable("Attachments");
        e.Property(a => a.FileName).HasMaxLength(500);
        e.Property(a => a.ContentType).HasMaxLength(200);
        e.Property(a => a.Sha256).HasMaxLength(64);
        e.Property(a => a.ContentId).HasMaxLength(998);
    }
}
