using Helpdesk.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Core.Intake;

/// <summary>Customers' emails as intake stored them, byte for byte, for a download (never for rendering).</summary>
public sealed class StoredEmails(IDbContextFactory<HelpdeskDbContext> factory)
{
    /// <summary>The customer's stored email that carried phishing report <paramref name="reportId"/>, as received; null when unknown.</summary>
    public async Task<byte[]?> OfPhishingReportAsync(long reportId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rawId = await db.PhishingReports.AsNoTracking().Where(r => r.Id == reportId).Select(r => r.RawMessageId)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (rawId is null) return null;
        return await db.RawMessages.AsNoTracking().Where(r => r.Id == rawId).Select(r => r.Bytes).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
    }
}
