using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Helpdesk.Core.Staff;

/// <summary>
/// Staff accounts: Identity's user columns (mapped by <c>IdentityUserContext</c>) kept in the desk's Staff table, so
/// existing rows and their password hashes (already Identity's format) stay where they are.
/// </summary>
public sealed class StaffUserConfiguration : IEntityTypeConfiguration<StaffUser>
{
    public void Configure(EntityTypeBuilder<StaffUser> e)
    {
        e.ToTable("Staff");
        e.Property(s => s.UserName).HasMaxLength(100).IsRequired();
        e.Property(s => s.Email).HasMaxLength(320).IsRequired();
        e.Property(s => s.NormalizedEmail).HasMaxLength(320);
        e.Property(s => s.SecurityStamp).IsRequired();
        e.Property(s => s.DisplayName).HasMaxLength(200);
        e.Property(s => s.TimeZone).HasMaxLength(64);
        e.HasIndex(s => s.UserName).IsUnique();
        e.Ignore(s => s.FirstName);
    }
}
