using Helpdesk.Core.Audit;
using Helpdesk.Core.Bulk;
using Helpdesk.Core.Customers;
using Helpdesk.Core.Intake;
using Helpdesk.Core.Intents;
using Helpdesk.Core.Outbox;
using Helpdesk.Core.Replies;
using Helpdesk.Core.Staff;
using Helpdesk.Core.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Helpdesk.Core.Data;

/// <summary>The desk's database. Nothing here is provider-specific except the SQLite time mapping at the end.</summary>
public sealed class HelpdeskDbContext(DbContextOptions<HelpdeskDbContext> options) : DbContext(options)
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
    public DbSet<SchemaVersionRow> SchemaVersion => Set<SchemaVersionRow>();
    public DbSet<BulkSend> BulkSends => Set<BulkSend>();
    public DbSet<BulkSendMember> BulkSendMembers => Set<BulkSendMember>();

    public bool IsSqlite => Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite";

    public bool IsPostgres => Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";

    /// <summary>The SQLite write gate this context holds during SaveChanges (see <see cref="SqliteWriteGate"/>).</summary>
    internal SemaphoreSlim? HeldWriteGate { get; set; }

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<Customer>(e =>
        {
            e.ToTable("Customers");
            e.Property(c => c.Address).HasMaxLength(320);
            e.Property(c => c.Name).HasMaxLength(200);
            e.Property(c => c.UndeliverableReason).HasMaxLength(1000);
            e.HasIndex(c => c.Address).IsUnique();
            e.Ignore(c => c.FirstName);
        });

        b.Entity<Ticket>(e =>
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
            // The leads' lane: the few escalated tickets, in queue order (schema step 11).
            // Named, because an unnamed index on the same columns would be the queue index above, renamed.
            e.HasIndex(t => new { t.Priority, t.WaitingSince, t.Number }, "IX_Tickets_Escalated")
                .IsDescending(true, false, false).HasFilter("\"Escalated\" AND \"Status\" IN (0, 1)");
            e.HasIndex(t => t.ClaimedBy).HasFilter("\"ClaimedBy\" IS NOT NULL");
            e.HasIndex(t => new { t.CustomerId, t.Status });
            e.HasIndex(t => new { t.Status, t.ReceivedAt });
            e.HasIndex(t => t.FirstResponseAt);
            // Backlog by age and the oldest waiting ticket, across priorities (schema step 4).
            e.HasIndex(t => t.WaitingSince).HasDatabaseName("IX_Tickets_Waiting").HasFilter("\"Status\" IN (0, 1)");
        });

        b.Entity<TicketMessage>(e =>
        {
            e.ToTable("Messages");
            e.Property(m => m.MessageIdHeader).HasMaxLength(998);
            e.Property(m => m.InReplyTo).HasMaxLength(998);
            e.Property(m => m.FromAddress).HasMaxLength(320);
            e.Property(m => m.FromName).HasMaxLength(200);
            e.Property(m => m.Subject).HasMaxLength(1000);
            e.HasIndex(m => m.MessageIdHeader);
            e.HasIndex(m => new { m.TicketNumber, m.CreatedAt });
            // "Who received version N" and the usage page read sends by template version.
            e.HasIndex(m => m.TemplateVersionId).HasFilter("\"TemplateVersionId\" IS NOT NULL");
            e.HasMany(m => m.Attachments).WithOne().HasForeignKey(a => a.MessageId).OnDelete(DeleteBehavior.Cascade);
            e.Navigation(m => m.Attachments).UsePropertyAccessMode(PropertyAccessMode.Field);
            e.Ignore(m => m.ReferenceList);
        });

        b.Entity<MessageAttachment>(e =>
        {
            e.ToTable("Attachments");
            e.Property(a => a.FileName).HasMaxLength(500);
            e.Property(a => a.ContentType).HasMaxLength(200);
            e.Property(a => a.Sha256).HasMaxLength(64);
            e.Property(a => a.ContentId).HasMaxLength(998);
        });

        b.Entity<RawMessage>(e =>
        {
            e.ToTable("RawMessages");
            e.Property(r => r.Source).HasMaxLength(200);
            e.Property(r => r.Sha256).HasMaxLength(64);
            e.Property(r => r.MessageIdHeader).HasMaxLength(998);
            e.Property(r => r.MachineKind).HasMaxLength(32);
            e.HasIndex(r => new { r.Source, r.UidValidity, r.Uid }).IsUnique().HasFilter("\"Uid\" IS NOT NULL");
            e.HasIndex(r => new { r.Sha256 });
            e.HasIndex(r => r.State);
        });

        b.Entity<MailboxCursor>(e =>
        {
            e.ToTable("MailboxCursors");
            e.Property(c => c.Mailbox).HasMaxLength(200);
            e.HasIndex(c => c.Mailbox).IsUnique();
        });

        b.Entity<MailboxLease>(e =>
        {
            e.ToTable("MailboxLeases");
            e.HasKey(l => l.Mailbox);
            e.Property(l => l.Mailbox).HasMaxLength(200);
            e.Property(l => l.Holder).HasMaxLength(200);
        });

        b.Entity<Intent>(e =>
        {
            e.ToTable("Intents");
            e.Property(i => i.Id).HasMaxLength(64);
            e.Property(i => i.DisplayName).HasMaxLength(200);
        });

        b.Entity<TrainingExample>(e =>
        {
            e.ToTable("TrainingExamples");
            e.Property(x => x.IntentId).HasMaxLength(64);
            e.Property(x => x.PreviousIntentId).HasMaxLength(64);
            e.HasIndex(x => new { x.State, x.Source });
        });

        b.Entity<ReplyTemplate>(e =>
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
        });

        b.Entity<ReplyTemplateVersion>(e =>
        {
            e.ToTable("ReplyTemplateVersions");
            e.HasIndex(v => new { v.TemplateId, v.Number }).IsUnique();
            e.Ignore(v => v.IsSuperseded);
        });

        b.Entity<TemplateUsageCount>(e =>
        {
            e.ToTable("TemplateUsage");
            e.HasKey(u => u.TemplateVersionId);
            e.Property(u => u.TemplateVersionId).ValueGeneratedNever();
        });

        b.Entity<StaffUser>(e =>
        {
            e.ToTable("Staff");
            e.Property(s => s.UserName).HasMaxLength(100);
            e.Property(s => s.Email).HasMaxLength(320);
            e.Property(s => s.DisplayName).HasMaxLength(200);
            e.HasIndex(s => s.UserName).IsUnique();
            e.Ignore(s => s.FirstName);
        });

        b.Entity<AuditEvent>(e =>
        {
            e.ToTable("AuditEvents");
            e.Property(a => a.Action).HasMaxLength(100);
            e.Property(a => a.Actor).HasMaxLength(100);
            e.HasIndex(a => a.At);
            e.HasIndex(a => a.TicketNumber);
        });

        b.Entity<OutboxItem>(e =>
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
        });

        b.Entity<OutboxPauseRow>(e =>
        {
            e.ToTable("OutboxPause");
            e.Property(p => p.Id).ValueGeneratedNever();
            e.Property(p => p.Reason).HasMaxLength(1000);
            e.Property(p => p.ChangedBy).HasMaxLength(100);
            // The one row exists from the start, so instances only ever update it and never race to insert it.
            e.HasData(new OutboxPauseRow { Id = OutboxPauseRow.SingleId });
        });

        BulkModel(b);

        b.Entity<SchemaVersionRow>(e =>
        {
            e.ToTable("SchemaVersion");
            e.HasKey(v => v.Version);
            e.Property(v => v.Version).ValueGeneratedNever();
        });

        if (IsSqlite) UseSortableTimesOnSqlite(b);
    }

    /// <summary>Bulk replies (schema step 6): one row per send, one per ticket it answered or skipped.</summary>
    private static void BulkModel(ModelBuilder b)
    {
        b.Entity<BulkSend>(e =>
        {
            e.ToTable("BulkSends");
            e.Property(s => s.Intent).HasMaxLength(64);
            e.Property(s => s.TemplateId).HasMaxLength(128);
            e.HasMany(s => s.Members).WithOne().HasForeignKey(m => m.BulkSendId).OnDelete(DeleteBehavior.Cascade);
            e.Navigation(s => s.Members).UsePropertyAccessMode(PropertyAccessMode.Field);
            e.HasIndex(s => s.CreatedAt);
        });
        b.Entity<BulkSendMember>(e =>
        {
            e.ToTable("BulkSendMembers");
            e.Property(m => m.SkipReason).HasMaxLength(500);
            e.Property(m => m.ReplyMessageId).HasMaxLength(998);
            e.HasIndex(m => m.BulkSendId);
            e.HasIndex(m => m.TicketNumber);
        });
        b.Entity<OutboxItem>().HasIndex(o => o.BulkBatchId).HasFilter("\"BulkBatchId\" IS NOT NULL");
        // The dispatcher's two picks, agents' replies and bulk replies, each read in due order (schema step 8).
        b.Entity<OutboxItem>().HasIndex(o => new { o.State, o.Kind, o.NextAttemptAt });
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

/// <summary>One row per schema step applied (see <see cref="SchemaMigrator"/>).</summary>
public sealed class SchemaVersionRow
{
    public int Version { get; set; }

    public DateTimeOffset AppliedAt { get; set; }

    public string Description { get; set; } = "";
}
