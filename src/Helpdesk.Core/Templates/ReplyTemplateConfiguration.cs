using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Helpdesk.Core.Templates;

/// <summary>Reply templates, their versions and how often each version was suggested and chosen.</summary>
public sealed class ReplyTemplateConfiguration : IEntityTypeConfiguration<ReplyTemplate>
{
    public void Configure(EntityTypeBuilder<ReplyTemplate> e)
    {
        e.ToTable("ReplyTemplates");
        e.Property(t => t.Id).HasMaxLength(128);
        e.Property(t => t.Language).HasMaxLength(16);
        e.Property(t => t.Title).HasMaxLength(300);
        e.Property(t => t.Intents).HasMaxLength(1000);
        e.HasMany(t => t.Versions).WithOne().HasForeignKey(v => v.TemplateId).OnDelete(DeleteBehavior.Cascade);
        e.Navigation(t => t.Versions).UsePropertyAccessMode(PropertyAccessMode.Field);
        e.Ignore(t => t.IntentList);
        e.Ignore(t => t.LiveVersion);
        e.Ignore(t => t.PendingVersion);
    }
}

/// <summary>See <see cref="ReplyTemplateConfiguration"/>.</summary>
public sealed class ReplyTemplateVersionConfiguration : IEntityTypeConfiguration<ReplyTemplateVersion>
{
    public void Configure(EntityTypeBuilder<ReplyTemplateVersion> e)
    {
        e.ToTable("ReplyTemplateVersions");
        e.HasIndex(v => new { v.TemplateId, v.Number }).IsUnique();
        e.Ignore(v => v.IsSuperseded);
    }
}

/// <summary>See <see cref="ReplyTemplateConfiguration"/>.</summary>
public sealed class TemplateUsageCountConfiguration : IEntityTypeConfiguration<TemplateUsageCount>
{
    public void Configure(EntityTypeBuilder<TemplateUsageCount> e)
    {
        e.ToTable("TemplateUsage");
        e.HasKey(u => u.TemplateVersionId);
        e.Property(u => u.TemplateVersionId).ValueGeneratedNever();
    }
}
