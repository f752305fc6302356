using Helpdesk.Core.Audit;
using Helpdesk.Core.Bulk;
using Helpdesk.Core.Customers;
using Helpdesk.Core.Intake;
using Helpdesk.Core.Intents;
using Helpdesk.Core.Outbox;
using Helpdesk.Core.Replies;
using Helpdesk.Core.Templates;
using Helpdesk.Core.Staff;
using Helpdesk.Core.Tickets;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Helpdesk.Core.Data;

/// <summary>
/// The desk's database. Nothing here is provider-specific except the SQLite time mapping at the end; the schema comes
/// from the migrations in src/Helpdesk.Data.Migrations.Sqlite and .Postgres (see <see cref="SchemaMigrator"/>).
/// </summary>
public sealed class HelpdeskDbContext(DbContextOptions<HelpdeskDbContext> options) : IdentityUserContext<StaffUser, long>(options)
{
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<Ticket> Tickets => Set<Ticket>();
    public DbSet<TicketMessage> Messages => Set<TicketMessage>();
    public DbSet<MessageAttachment> Attachments => Set<MessageAttachment>();
    public DbSet<RawMessage> RawMessages => Set<RawMessage>();
    public DbSet<MailboxCursor> MailboxCursors => Set<MailboxCursor>();

    public DbSet<MailboxLease> MailboxLeases => Set<MailboxLease>();
    public DbSet<Intent> Intents => Set<Intent>();
    public DbSet<TrainingExample> TrainingExamples => Set<TrainingExample>();
    public DbSet<ReplyTemplate> ReplyTemplates => Set<ReplyTemplate>();
    public DbSet<ReplyTemplateVersion> ReplyTemplateVersions => Set<ReplyTemplateVersion>();
    public DbSet<TemplateUsageCount> TemplateUsage => Set<TemplateUsageCount>();
    public DbSet<StaffUser> Staff => Set<StaffUser>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<OutboxItem> Outbox => Set<OutboxItem>();
    public DbSet<OutboxPauseRow> OutboxPause => Set<OutboxPauseRow>();
    /// <summary>The numbered-step table of builds before migrations (Identity's context owns the name SchemaVersion).</summary>
    public DbSet<SchemaVersionRow> SchemaSteps => Set<SchemaVersionRow>();
    public DbSet<BulkSend> BulkSends => Set<BulkSend>();
    public DbSet<BulkSendMember> BulkSendMembers => Set<BulkSendMember>();
    public DbSet<Security.PhishingReport> PhishingReports => Set<Security.PhishingReport>();
    public DbSet<Security.ReportedIndicator> ReportedIndicators => Set<Security.ReportedIndicator>();
    public DbSet<Security.SecurityAlert> SecurityAlerts => Set<Security.SecurityAlert>();
    public DbSet<Incidents.IncidentSwitch> IncidentSwitch => Set<Incidents.IncidentSwitch>();

    public bool IsSqlite => Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite";

    public bool IsPostgres => Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";

    /// <summary>The SQLite write gate this context holds during SaveChanges (see <see cref="SqliteWriteGate"/>).</summary>
    internal SemaphoreSlim? HeldWriteGate { get; set; }

    /// <summary>
    /// Identity's table shapes are its Version1 schema (keys and phone number without a length), the shape the
    /// migrations were made with. Identity's OnModelCreating reads the version from the host's
    /// <c>IdentityOptions.Stores</c>, not from this property, and the design-time factory has no host: the web host
    /// therefore sets the same version (StaffIdentity), and a later Identity schema is a migration of its own. A host
    /// that set Version2 built varchar(128) keys on PostgreSQL, a model the migrations do not describe, and the desk
    /// refused to start there (pending model changes).
    /// </summary>
    public static readonly Version IdentitySchema = IdentitySchemaVersions.Version1;

    protected override Version SchemaVersion => IdentitySchema;

    protected override void OnModelCreating(ModelBuilder b)
    {
        // Identity's user, claims, logins and tokens (authenticator key, recovery codes) first; Staff* names after.
        base.OnModelCreating(b);
        b.Entity<IdentityUserClaim<long>>().ToTable("StaffClaims");
        b.Entity<IdentityUserLogin<long>>().ToTable("StaffLogins");
        b.Entity<IdentityUserToken<long>>().ToTable("StaffTokens");

        // Each entity's table, keys and indexes are configured beside it (Tickets/TicketConfiguration.cs and so on).
        b.ApplyConfigurationsFromAssembly(typeof(HelpdeskDbContext).Assembly);

        // Kept so that a build from before migrations, reading version 12 here, refuses the database in its own words.
        b.Entity<SchemaVersionRow>(e =>
        {
            e.ToTable("SchemaVersion");
            e.HasKey(v => v.Version);
            e.Property(v => v.Version).ValueGeneratedNever();
        });

        if (IsSqlite) UseSortableTimesOnSqlite(b);
    }

    /// <summary>
    /// SQLite has no date type, and EF cannot compare or order DateTimeOffset stored as text there. Store every
    /// timestamp as UTC milliseconds since 1970 (an integer) so queue order and range queries run on an index.
    /// PostgreSQL keeps its native timestamptz.
    /// </summary>
    private static void UseSortableTimesOnSqlite(ModelBuilder b)
    {
        var converter = new ValueConverter<DateTimeOffset, long>(
            v => v.ToUnixTimeMilliseconds(), v => DateTimeOffset.FromUnixTimeMilliseconds(v));
        var nullable = new ValueConverter<DateTimeOffset?, long?>(
            v => v.HasValue ? v.Value.ToUnixTimeMilliseconds() : null,
            v => v.HasValue ? DateTimeOffset.FromUnixTimeMilliseconds(v.Value) : null);
        foreach (var entity in b.Model.GetEntityTypes())
        foreach (var property in entity.GetProperties())
        {
            if (property.ClrType == typeof(DateTimeOffset)) property.SetValueConverter(converter);
            else if (property.ClrType == typeof(DateTimeOffset?)) property.SetValueConverter(nullable);
        }
    }
}

/// <summary>The numbered schema steps applied before migrations, then one row saying migrations own the schema (see <see cref="SchemaMigrator"/>).</summary>
public sealed class SchemaVersionRow
{
    public int Version { get; set; }

    public DateTimeOffset AppliedAt { get; set; }

    public string Description { get; set; } = "";
}
