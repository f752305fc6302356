using Npgsql;
using NpgsqlTypes;

namespace Helpdesk.Core.Demo;

/// <summary>
/// Writes a synthetic surge into PostgreSQL with binary COPY: three streams per batch (customers, tickets, messages),
/// one transaction per batch so a stopped seed leaves whole tickets. The figure triggers fire for every copied row, so
/// the lead dashboard's rollups stay right without a rebuild. COPY writes the keys itself, so the identity sequences
/// are moved past them at the end (otherwise the desk's next ticket would collide with a surge ticket).
/// </summary>
internal static class SurgeCopy
{
    private const int Batch = 100_000;

    public static async Task WriteAsync(NpgsqlConnection conn, IEnumerable<SurgeTicket> plan, IProgress<int>? progress,
        CancellationToken cancellationToken)
    {
        var written = 0;
        foreach (var chunk in plan.Chunk(Batch))
        {
            await using var tx = await conn.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
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
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            written += chunk.Length;
            progress?.Report(written);
        }

        await using var advance = new NpgsqlCommand("""
            SELECT setval(pg_get_serial_sequence('"Customers"', 'Id'), GREATEST(1, (SELECT MAX("Id") FROM "Customers")));
            SELECT setval(pg_get_serial_sequence('"Tickets"', 'Number'), GREATEST(1, (SELECT MAX("Number") FROM "Tickets")));
            """, conn);
        await advance.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task CopyAsync(NpgsqlConnection conn, string copy, SurgeTicket[] rows,
        Func<NpgsqlBinaryImporter, SurgeTicket, Task> writeRow, CancellationToken cancellationToken)
    {
        await using var writer = await conn.BeginBinaryImportAsync(copy, cancellationToken).ConfigureAwait(false);
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
