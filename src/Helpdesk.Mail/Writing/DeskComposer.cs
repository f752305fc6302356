using System.Net;
using System.Text;
using MimeKit;
using MimeKit.Text;

namespace Helpdesk.Mail.Writing;

/// <summary>
/// Writes the desk's acknowledgments and replies with MimeKit: multipart/alternative (text and HTML), UTF-8,
/// quoted-printable bodies so the bytes stay 7-bit (DKIM signs what arrives), RFC 2047 encoded display names and
/// subjects, folded at 78, CRLF line ends. The bytes are built once and stored in the outbox, so every attempt sends
/// the same message with the same Message-ID.
/// </summary>
public static class DeskComposer
{
    private static readonly FormatOptions Wire = CreateWireFormat();

    public static MimeMessage Compose(OutgoingMail mail)
    {
        ArgumentNullException.ThrowIfNull(mail);
        // Built from a header list, not new MimeMessage(): that one first makes a random Message-ID (a third of the
        // time a reply took to write), which the desk's stable id would replace anyway.
        var message = new MimeMessage((IEnumerable<Header>)
        [
            new Header(HeaderId.MimeVersion, "1.0"),
            // The desk's stable id, spelled as RFC 5322 does ("Message-ID"; MimeKit's own header reads "Message-Id").
            new Header("Message-ID", "<" + mail.MessageId + ">"),
        ])
        {
            Subject = mail.Subject,
            Date = mail.Date,
        };
        message.Headers.Add(DeskHeader(HeaderId.From, mail.From));
        message.To.Add(Mailbox(mail.To, nameof(mail.To)));
        if (mail.ReplyTo is { Length: > 0 } replyTo) message.Headers.Add(DeskHeader(HeaderId.ReplyTo, (null, replyTo)));
        if (mail.InReplyTo is { Length: > 0 } inReplyTo) message.InReplyTo = inReplyTo;
        foreach (var reference in mail.References) message.References.Add(reference);
        if (mail.AutoSubmitted is { Length: > 0 } auto)
        {
            message.Headers.Add("Auto-Submitted", auto);
            message.Headers.Add("X-Auto-Response-Suppress", "All");
        }
        message.Body = new MultipartAlternative
        {
            Part(TextFormat.Plain, mail.Text.Replace("\r\n", "\n", StringComparison.Ordinal)),
            Part(TextFormat.Html, mail.Html ?? TextToHtml(mail.Text)),
        };
        return message;
    }

    /// <summary>The message as the bytes the outbox stores and sends: CRLF, 7-bit.</summary>
    public static byte[] ToBytes(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var stream = new MemoryStream(4096);
        message.WriteTo(Wire, stream);
        return stream.ToArray();
    }

    public static byte[] Build(OutgoingMail mail) => ToBytes(Compose(mail));

    /// <summary>Plain text as simple HTML: escaped, paragraphs kept, http(s) addresses made links.</summary>
    public static string TextToHtml(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>");
        var normalized = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        foreach (var paragraph in normalized.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            sb.Append("<p>");
            var lines = paragraph.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                if (i > 0) sb.Append("<br>");
                AppendLinked(sb, lines[i]);
            }
            sb.Append("</p>");
        }
        return sb.Append("</body></html>").ToString();
    }

    /// <summary>
    /// From and Reply-To are the desk's own, the same on every message: encoded once, then copied (encoding an address
    /// header was a quarter of the time a reply took to write). Bounded, in case a caller varies them.
    /// </summary>
    private static Header DeskHeader(HeaderId id, (string? Name, string Address) who)
    {
        var key = (id, who.Name, who.Address);
        if (DeskHeaders.TryGetValue(key, out var cached)) return cached.Clone();
        var scratch = new MimeMessage((IEnumerable<Header>)[]);
        var list = id == HeaderId.From ? scratch.From : scratch.ReplyTo;
        list.Add(Mailbox(who, id == HeaderId.From ? "From" : "ReplyTo"));
        var header = scratch.Headers[scratch.Headers.IndexOf(id)];
        if (DeskHeaders.Count < 64) DeskHeaders.TryAdd(key, header);
        return header.Clone();
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(HeaderId, string?, string), Header> DeskHeaders = new();

    private static MailboxAddress Mailbox((string? Name, string Address) who, string role)
    {
        try
        {
            return new MailboxAddress(Encoding.UTF8, who.Name?.Trim() ?? "", who.Address);
        }
        catch (ParseException e)
        {
            throw new ArgumentException($"The {role} address '{who.Address}' is not an email address MimeKit can write: {e.Message}", role, e);
        }
    }

    private static TextPart Part(TextFormat format, string body)
    {
        var part = new TextPart(format) { ContentTransferEncoding = ContentEncoding.QuotedPrintable };
        part.SetText(Encoding.UTF8, body);
        return part;
    }

    private static FormatOptions CreateWireFormat()
    {
        var options = FormatOptions.Default.Clone();
        options.NewLineFormat = NewLineFormat.Dos;
        options.International = false; // non-ASCII names and subjects as RFC 2047 encoded words, never raw UTF-8
        return options;
    }

    private static void AppendLinked(StringBuilder sb, string line)
    {
        var i = 0;
        while (i < line.Length)
        {
            var at = IndexOfUrl(line, i);
            if (at < 0)
            {
                sb.Append(WebUtility.HtmlEncode(line[i..]));
                return;
            }
            sb.Append(WebUtility.HtmlEncode(line[i..at]));
            var end = at;
            while (end < line.Length && !char.IsWhiteSpace(line[end]) && line[end] is not ('<' or '>' or '"')) end++;
            while (end > at && line[end - 1] is '.' or ',' or ')' or ';' or ':') end--;
            var url = WebUtility.HtmlEncode(line[at..end]);
            sb.Append("<a href=\"").Append(url).Append("\">").Append(url).Append("</a>");
            i = end;
        }
    }

    private static int IndexOfUrl(string line, int from)
    {
        var a = line.IndexOf("https://", from, StringComparison.OrdinalIgnoreCase);
        var b = line.IndexOf("http://", from, StringComparison.OrdinalIgnoreCase);
        return a < 0 ? b : b < 0 ? a : Math.Min(a, b);
    }
}
