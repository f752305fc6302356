using Helpdesk.Core.Data;
using Helpdesk.Mail.Reading;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Helpdesk.Core.Intake;

/// <summary>An attachment's bytes, ready to be served as a download.</summary>
public sealed record AttachmentFile(long Id, string FileName, string ContentType, ReadOnlyMemory<byte> Content);

/// <summary>An image the customer's HTML shows by Content-ID ("cid:"), with its type taken from its bytes.</summary>
public sealed record InlineImage(string ContentId, string ContentType, ReadOnlyMemory<byte> Content);

/// <summary>
/// Reads an attachment's bytes out of the stored raw email it came in (the only copy the desk keeps): the email is
/// read again and the part with the attachment row's SHA-256 is returned. Two parts with the same hash have the same
/// bytes, so the first one is the right one.
/// </summary>
public sealed class AttachmentFiles(IDbContextFactory<HelpdeskDbContext> factory, IOptions<IntakeOptions> options)
{
    private readonly EmailReader _reader = new(new MimeParserOptions { MaxMessageSize = options.Value.MaxMessageSize });

    /// <summary>The attachment's file, or null when there is no such attachment or its raw email is gone.</summary>
    public async Task<AttachmentFile?> OpenAsync(long attachmentId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var row = await (from a in db.Attachments.AsNoTracking()
                         join m in db.Messages.AsNoTracking() on a.MessageId equals m.Id
                         where a.Id == attachmentId
                         select new { a.Id, a.FileName, a.ContentType, a.Sha256, m.RawMessageId })
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (row?.RawMessageId is not { } rawId) return null;
        var bytes = await db.RawMessages.AsNoTracking().Where(r => r.Id == rawId).Select(r => r.Bytes)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (bytes is null) return null;

        var part = _reader.Read(bytes).Attachments.FirstOrDefault(a => a.Sha256 == row.Sha256);
        return part is null ? null : new AttachmentFile(row.Id, row.FileName, row.ContentType, part.Content);
    }

    /// <summary>
    /// The images of one message that its HTML can refer to by Content-ID: parts with a Content-ID whose bytes are a
    /// PNG, JPEG, GIF or WebP (whatever the part claims to be). Empty when the raw email is gone.
    /// </summary>
    public async Task<IReadOnlyList<InlineImage>> InlineImagesAsync(long messageId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var bytes = await (from m in db.Messages.AsNoTracking()
                           join r in db.RawMessages.AsNoTracking() on m.RawMessageId equals r.Id
                           where m.Id == messageId
                           select r.Bytes).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (bytes is null) return [];
        var images = new List<InlineImage>();
        foreach (var part in _reader.Read(bytes).Attachments)
            if (part.ContentId is { Length: > 0 } id && ImageSignature.Detect(part.Content.Span) is { } type)
                images.Add(new InlineImage(id, type, part.Content));
        return images;
    }
}
