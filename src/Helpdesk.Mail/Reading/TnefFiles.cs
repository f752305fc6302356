using MimeKit;
using MimeKit.Tnef;

namespace Helpdesk.Mail.Reading;

/// <summary>
/// The files inside Outlook's winmail.dat (TNEF), through MimeKit's <see cref="TnefPart"/>: an agent sees the
/// customer's screenshot by its name instead of a file no browser opens.
/// </summary>
internal static class TnefFiles
{
    /// <summary>
    /// Adds the files packed in <paramref name="tnef"/> to <paramref name="attachments"/>; false (nothing added)
    /// when the part holds none or is not valid TNEF, so the caller lists winmail.dat itself.
    /// </summary>
    public static bool TryExtract(TnefPart tnef, ReadOnlyMemory<byte> content, List<EmailAttachment> attachments)
    {
        // TNEF starts with its signature 0x223E9F78 (little-endian); anything else is not worth a reader.
        if (content.Length < 6 || !content.Span.StartsWith((ReadOnlySpan<byte>)[0x78, 0x9F, 0x3E, 0x22]))
            return false;
        var found = new List<EmailAttachment>();
        try
        {
            foreach (var entity in tnef.ExtractAttachments())
            {
                if (entity is not MimePart part)
                    continue;
                var bytes = BodyCollector.Decode(part);
                found.Add(new EmailAttachment(part, inline: false, () => bytes));
            }
        }
        catch (Exception e) when (e is TnefException or FormatException or IOException or ArgumentException or InvalidOperationException or NotSupportedException or OverflowException)
        {
            return false;
        }
        if (found.Count == 0)
            return false;
        attachments.AddRange(found);
        return true;
    }
}
