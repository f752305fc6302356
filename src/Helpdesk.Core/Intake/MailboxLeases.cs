using Helpdesk.Core.Data;
using Helpdesk.Core.Data.Sql;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Helpdesk.Core.Intake;

/// <summary>Which desk instance takes in one mailbox, until when. One row per mailbox.</summary>
public sealed class MailboxLease
{
    public string Mailbox { get; private set; } = "";

    public string Holder { get; private set; } = "";

    public DateTimeOffset AcquiredAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }
}

/// <summary>
/// Several desk instances may run intake against one shared database; each mailbox must be polled by exactly one of
/// them at a time. An instance holds a lease row and renews it well before it expires; when the holder dies, another
/// instance takes the mailbox over once the lease has run out (<see cref="IntakeOptions.MailboxLease"/>, 20 s by
/// default, so within 30 s). A paused holder that wakes up after a takeover loses its lease at the next renewal; in the
/// short overlap both may fetch the same messages, which intake's idempotency (by UID, and by Message-ID and hash)
/// turns into one ticket message.
/// </summary>
public sealed class MailboxLeases(IDbContextFactory<HelpdeskDbContext> factory, IOptions<IntakeOptions> options, TimeProvider time)
{
    /// <summary>
    /// This instance's name in the lease table: Helpdesk:Intake:InstanceName, else the machine's name. Stable across
    /// restarts on purpose: an instance killed and started again takes its mailboxes back at once instead of waiting
    /// for its own old lease to run out.
    /// </summary>
    public string InstanceName { get; } = string.IsNullOrWhiteSpace(options.Value.InstanceName) ? Environment.MachineName : options.Value.InstanceName;

    public TimeSpan Duration => options.Value.MailboxLease;

    /// <summary>How often a holder renews: a third of the lease, so two renewals can fail before another instance may take over.</summary>
    public TimeSpan RenewEvery => Duration / 3;

    /// <summary>Takes or renews the lease on <paramref name="mailbox"/>; false while another live instance holds it.</summary>
    public async Task<bool> TryAcquireAsync(string mailbox, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        // One statement on both engines: insert the row, or take it over when it is ours or has run out.
        var holders = await db.Database.SqlQueryRaw<string>("""
            INSERT INTO "MailboxLeases" ("Mailbox", "Holder", "AcquiredAt", "ExpiresAt") VALUES ({0}, {1}, {2}, {3})
            ON CONFLICT ("Mailbox") DO UPDATE SET
                "AcquiredAt" = CASE WHEN "MailboxLeases"."Holder" = excluded."Holder" THEN "MailboxLeases"."AcquiredAt" ELSE excluded."AcquiredAt" END,
                "Holder" = excluded."Holder", "ExpiresAt" = excluded."ExpiresAt"
            WHERE "MailboxLeases"."Holder" = excluded."Holder" OR "MailboxLeases"."ExpiresAt" <= excluded."AcquiredAt"
            RETURNING "Holder" AS "Value"
            """, mailbox, InstanceName, Time(db, now), Time(db, now + Duration)).ToListAsync(cancellationToken).ConfigureAwait(false);
        return holders.Count == 1;
    }

    /// <summary>Gives the mailbox up at once (a clean stop), so another instance need not wait for the lease to run out.</summary>
    public async Task ReleaseAsync(string mailbox, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await db.Database.ExecuteSqlRawAsync("""DELETE FROM "MailboxLeases" WHERE "Mailbox" = {0} AND "Holder" = {1}""",
            [mailbox, InstanceName], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Who holds each mailbox now, for the lead's view of intake.</summary>
    public async Task<IReadOnlyList<MailboxLease>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.MailboxLeases.AsNoTracking().OrderBy(l => l.Mailbox).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    private static object Time(HelpdeskDbContext db, DateTimeOffset t) => ProviderSql.For(db).Time(t);
}
