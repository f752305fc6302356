using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Helpdesk.Core.Intake;

/// <summary>What intake stores: raw emails, each mailbox's UID cursor and the lease that lets one instance read it.</summary>
public sealed class RawMessageConfiguration : IEntityTypeConfiguration<RawMessage>
{
    public void Configure(EntityTypeBuilder<RawMessage> e)
    {
        e.ToTable("RawMessages");
        e.Property(r => r.Source).HasMaxLength(200);
        e.Property(r => r.Sha256).HasMaxLength(64);
        e.Property(r => r.MessageIdHeader).HasMaxLength(998);
        e.Property(r => r.MachineKind).HasMaxLength(32);
        e.HasIndex(r => new { r.Source, r.UidValidity, r.Uid }).IsUnique().HasFilter("\"Uid\" IS NOT NULL");
        e.HasIndex(r => new { r.Sha256 });
        e.HasIndex(r => r.State);
        // The bytes live in a table of their own: on SQLite an UPDATE rewrites the whole row, and intake writes each
        // stored email's outcome (state, ticket, Message-ID) once it is processed, which rewrote every email's bytes a
        // second time (20 KB on average, inside the write transaction). Split, the outcome update touches a small row.
        e.SplitToTable(RawMessageBodies, t => t.Property(r => r.Bytes));
        // Split, EF no longer infers AUTOINCREMENT for the main table's key on SQLite; kept so that ids are never reused.
        e.Property(r => r.Id).UseAutoincrement();
    }

    /// <summary>The table that holds each stored email's bytes (same Id as its RawMessages row).</summary>
    public const string RawMessageBodies = "RawMessageBodies";
}

/// <summary>See <see cref="RawMessageConfiguration"/>.</summary>
public sealed class MailboxCursorConfiguration : IEntityTypeConfiguration<MailboxCursor>
{
    public void Configure(EntityTypeBuilder<MailboxCursor> e)
    {
        e.ToTable("MailboxCursors");
        e.Property(c => c.Mailbox).HasMaxLength(200);
        e.HasIndex(c => c.Mailbox).IsUnique();
    }
}

/// <summary>See <see cref="RawMessageConfiguration"/>.</summary>
public sealed class MailboxLeaseConfiguration : IEntityTypeConfiguration<MailboxLease>
{
    public void Configure(EntityTypeBuilder<MailboxLease> e)
    {
        e.ToTable("MailboxLeases");
        e.HasKey(l => l.Mailbox);
        e.Property(l => l.Mailbox).HasMaxLength(200);
        e.Property(l => l.Holder).HasMaxLength(200);
    }
}
