using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Helpdesk.Core.Security;

/// <summary>Phishing reports: read by ticket and by time (exports, the newest first).</summary>
public sealed class PhishingReportConfiguration : IEntityTypeConfiguration<PhishingReport>
{
    public void Configure(EntityTypeBuilder<PhishingReport> e)
    {
        e.ToTable("PhishingReports");
        e.Property(r => r.ReporterAddress).HasMaxLength(320);
        e.Property(r => r.SenderAddress).HasMaxLength(320);
        e.Property(r => r.SenderDomain).HasMaxLength(255);
        e.Property(r => r.Subject).HasMaxLength(1000);
        e.Property(r => r.Source).HasMaxLength(16);
        e.HasIndex(r => r.ReportedAt);
        e.HasIndex(r => r.TicketNumber);
        e.Ignore(r => r.LinkHostList);
        e.Ignore(r => r.AttachmentList);
    }
}

/// <summary>
/// (Kind, Value, SeenAt, CustomerId) covers the page's GROUP BY (count, first/last seen, distinct customers) and the
/// webhook's per-domain count in an hour, both without touching the table.
/// </summary>
public sealed class ReportedIndicatorConfiguration : IEntityTypeConfiguration<ReportedIndicator>
{
    public void Configure(EntityTypeBuilder<ReportedIndicator> e)
    {
        e.ToTable("ReportedIndicators");
        e.Property(i => i.Value).HasMaxLength(320);
        e.HasIndex(i => new { i.Kind, i.Value, i.SeenAt, i.CustomerId });
        e.HasIndex(i => i.ReportId);
    }
}

/// <summary>One alert per (domain, hour): the unique index is the guard that makes it once across desk instances.</summary>
public sealed class SecurityAlertConfiguration : IEntityTypeConfiguration<SecurityAlert>
{
    public void Configure(EntityTypeBuilder<SecurityAlert> e)
    {
        e.ToTable("SecurityAlerts");
        e.Property(a => a.Domain).HasMaxLength(255);
        e.Property(a => a.LastError).HasMaxLength(1000);
        e.HasIndex(a => new { a.Domain, a.WindowStart }).IsUnique();
        e.HasIndex(a => a.DeliveredAt);
    }
}
