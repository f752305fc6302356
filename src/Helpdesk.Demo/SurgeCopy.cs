using Helpdesk.Core.Data.Sql;
using Npgsql;
using NpgsqlTypes;

namespace Helpdesk.Demo;

/// <summary>
/// Writes a synthetic surge into PostgreSQL with binary COPY: three streams per batch (customers, tickets, messages),
/// all in one transaction, so a stopped seed leaves nothing behind. The lead dashboard's figure triggers (made by the
/// initial migration) are switched off inside that transaction, the rollups recounted from the rows at the end
/// (<see cref="PostgresSql.RebuildRollups"/>) and the triggers switched on again before the commit, so the schema the
/// seed leaves is the one it found: with the triggers on, the server spent about 0.4 ms of CPU per ticket in them,
/// minutes for a million. The ALTER TABLE locks the tables until the seed commits, which a benchmark seed can afford
/// and a live desk should not be asked to.
/// COPY writes the keys itself, so the identity sequences are moved past them at the end (otherwise the desk's next
/// ticket would collide with a surge ticket).
/// </summary>
internal static class SurgeCopy
{
    private const int Batch = 100_000;

    public static async Task WriteAsync(NpgsqlConnection conn, IEnumerable<SurgeTicket> plan, IProgress<int>? progress,
        CancellationToken cancellationToken)
    {
        var written = 0;
        await using var tx = await conn.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(conn, """
            ALTER TABLE "Tickets" DISABLE TRIGGER "TR_Tickets_Figures";
            ALTER TABLE "Messages" DISABLE TRIGGER "TR_Messages_Figures";
            """, cancellationToken).ConfigureAwait(false);
        foreach (var chunk in plan.Chunk(Batch))
        {
            await CopyAsync(conn, """COPY "Customers" ("Id","Address","Name","FirstSeenAt","Undeliverable") FROM STDIN (FORMAT BINARY)""",
                chunk, async (w, r) =>
                {
                    await w.WriteAsync(r.CustomerId, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                    await w.WriteAsync(r.Address, NpgsqlDbType.Varchar, cancellationToken).ConfigureAwait(false);
                    await w.WriteAsync(r.CustomerName, NpgsqlDbType.Varchar, cancellationToken).ConfigureAwait(false);
                    await w.WriteAsync(r.Received.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
                    await w.WriteAsync(false, NpgsqlDbType.Boolean, cancellationToken).ConfigureAwait(false);
                }, cancellationToken).ConfigureAwait(false);
            await CopyAsync(conn, """
                COPY "Tickets" ("Number","Subject","CustomerId","Status","Priority","Intent","IntentConfidence","NeedsTriage",
                  "IntentChangedByAgent","ReceivedAt","LastCustomerMessageAt","WaitingSince","FirstResponseAt","SolvedAt","UpdatedAt","InboundCount",
                  "HasAttachments","Escalated","IsSpam","Version") FROM STDIN (FORMAT BINARY)
                """, chunk, async (w, r) =>
                {
                    var received = r.Received.ToUniversalTime();
                    await w.WriteAsync(r.Number, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                    await w.WriteAsync(r.Subject, NpgsqlDbType.Varchar, cancellationToken).ConfigureAwait(false);
                    await w.WriteAsync(r.CustomerId, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                    await w.WriteAsync(r.Status, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                    await w.WriteAsync(r.Priority, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                    await WriteOrNullAsync(w, r.Intent, NpgsqlDbType.Varchar, cancellationToken).ConfigureAwait(false);
                    await w.WriteAsync(r.Confidence, NpgsqlDbType.Double, cancellationToken).ConfigureAwait(false);
                    await w.WriteAsync(r.NeedsTriage, NpgsqlDbType.Boolean, cancellationToken).ConfigureAwait(false);
                    await w.WriteAsync(false, NpgsqlDbType.Boolean, cancellationToken).ConfigureAwait(false);
                    for (var i = 0; i < 3; i++) await w.WriteAsync(received, NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
                    await WriteOrNullAsync(w, r.FirstResponseAt?.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
                    await WriteOrNullAsync(w, r.SolvedAt?.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
                    await w.WriteAsync(r.UpdatedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
                    await w.WriteAsync(1, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                    for (var i = 0; i < 3; i++) await w.WriteAsync(false, NpgsqlDbType.Boolean, cancellationToken).ConfigureAwait(false);
                    await w.WriteAsync(1, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                }, cancellationToken).ConfigureAwait(false);
            await CopyAsync(conn, """
                COPY "Messages" ("TicketNumber","Direction","MessageIdHeader","FromAddress","Subject","Text","VisibleText","CreatedAt","SentUnedited")
                FROM STDIN (FORMAT BINARY)
                """, chunk, async (w, r) =>
                {
                    await w.WriteAsync(r.Number, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                    await w.WriteAsync(0, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                    await w.WriteAsync(r.MessageIdHeader, NpgsqlDbType.Varchar, cancellationToken).ConfigureAwait(false);
                    await w.WriteAsync(r.Address, NpgsqlDbType.Varchar, cancellationToken).ConfigureAwait(false);
                    await w.WriteAsync(r.Subject, NpgsqlDbType.Varchar, cancellationToken).ConfigureAwait(false);
                    await w.WriteAsync(r.Body, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                    await w.WriteAsync(r.Body, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                    await w.WriteAsync(r.Received.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
                    await w.WriteAsync(false, NpgsqlDbType.Boolean, cancellationToken).ConfigureAwait(false);
                }, cancellationToken).ConfigureAwait(false);
            written += chunk.Length;
            progress?.Report(written);
        }

        await ExecuteAsync(conn, PostgresSql.Instance.RebuildRollups, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(conn, """
            ALTER TABLE "Tickets" ENABLE TRIGGER "TR_Tickets_Figures";
            ALTER TABLE "Messages" ENABLE TRIGGER "TR_Messages_Figures";
            """, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(conn, """
            SELECT setval(pg_get_serial_sequence('"Customers"', 'Id'), GREATEST(1, (SELECT MAX("Id") FROM "Customers")));
            SELECT setval(pg_get_serial_sequence('"Tickets"', 'Number'), GREATEST(1, (SELECT MAX("Number") FROM "Tickets")));
            """, cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        // Statistics and the visibility map now, not when autovacuum gets round to three million new rows: in the first
        // benchmark run it did so in the middle of the measurement (and planned the claim without statistics until then).
        await ExecuteAsync(conn, "VACUUM (ANALYZE) \"Customers\", \"Tickets\", \"Messages\"", cancellationToken).ConfigureAwait(false);
    }

    private static async Task ExecuteAsync(NpgsqlConnection conn, string sql, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 600 };
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task CopyAsync(NpgsqlConnection conn, string copy, SurgeTicket[] rows,
        Func<NpgsqlBinaryImporter, SurgeTicket, Task> writeRow, CancellationToken cancellationToken)
    {
        await using var writer = await conn.BeginBinaryImportAsync(copy, cancellationToken).ConfigureAwait(false);
        // A batch can take longer than the connection's command timeout while the server runs the figure triggers.
        writer.Timeout = TimeSpan.FromMinutes(10);
        foreach (var row in rows)
        {
            await writer.StartRowAsync(cancellationToken).ConfigureAwait(false);
            await writeRow(writer, row).ConfigureAwait(false);
        }
        await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    private static Task WriteOrNullAsync<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type, CancellationToken cancellationToken) =>
        value is null ? writer.WriteNullAsync(cancellationToken) : writer.WriteAsync(value, type, cancellationToken);
}
