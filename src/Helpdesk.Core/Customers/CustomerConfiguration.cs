using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Helpdesk.Core.Customers;

/// <summary>The customers table: one row per address that wrote to the desk.</summary>
public sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> e)
    {
        e.ToTable("Customers");
        e.Property(c => c.Address).HasMaxLength(320);
        e.Property(c => c.Name).HasMaxLength(200);
        e.Property(c => c.UndeliverableReason).HasMaxLength(1000);
        e.HasIndex(c => c.Address).IsUnique();
        e.Ignore(c => c.FirstName);
    }
}
