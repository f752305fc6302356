using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Helpdesk.Core.Staff;

/// <summary>Staff accounts.</summary>
public sealed class StaffUserConfiguration : IEntityTypeConfiguration<StaffUser>
{
    public void Configure(EntityTypeBuilder<StaffUser> e)
    {
        e.ToTable("Staff");
        e.Property(s => s.UserName).HasMaxLength(100);
        e.Property(s => s.Email).HasMaxLength(320);
        e.Property(s => s.DisplayName).HasMaxLength(200);
        e.HasIndex(s => s.UserName).IsUnique();
        e.Ignore(s => s.FirstName);
    }
}
