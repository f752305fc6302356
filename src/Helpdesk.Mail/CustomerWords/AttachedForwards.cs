using Helpdesk.Mail.Reading;
using MimeKit;

namespace Helpdesk.Mail.CustomerWords;

/// <summary>
/// A forward sent as a file: a message/rfc822 part ("forward as attachment" in Gmail and Outlook) or an .eml
/// file under any content type is opened and read (sender, subject, date, headers, links, files); an Outlook
/// .msg is kept as the outer file only. The first such attachment is the forward.
/// </summary>
internal static class AttachedForwards
{
    /// <summary>Header fields of an attached message kept for whoever judges it (the phishing check).</summary>
    private const int MaxHeaders = 100;

    /// <param name="source">The message the attachments came from: a message/rfc822 part was already parsed with it.</param>
    public static ForwardedMessage? Find(IReadOnlyList<EmailAttachment> attachments, MimeParserOptions options, ParserOptions parserOptions, RawMessage source)
    {
        foreach (var a in attachments)
        {
            var name = a.FileName ?? "";
            var isMessage = a.Entity is MessagePart || name.EndsWith(".eml", StringComparison.OrdinalIgnoreCase);
            if (isMessage)
                return Read(a, options, parserOptions, source);
            if (name.EndsWith(".msg", StringComparison.OrdinalIgnoreCase) || a.ContentType == "application/vnd.ms-outlook")
            {
                return new ForwardedMessage
                {
                    Source = ForwardSource.AttachedUnread,
                    FileName = a.FileName,
                    Sha256 = a.Sha256,
                };
            }
        }
        return null;
    }

    private static ForwardedMessage Read(EmailAttachment attachment, MimeParserOptions options, ParserOptions parserOptions, RawMessage outer)
    {
        var defects = new List<string>();
        MimeMessage message;
        RawMessage source;
        if (attachment.Entity is MessagePart { Message.Body: not null } part)
        {
            // MimeKit parsed (and the reader repaired) the attached message with the outer one: its parts are ranges
            // of the outer buffer. Parsing its bytes a second time doubled the cost of every forwarded report.
            message = part.Message;
            source = outer;
        }
        else
        {
            // An .eml under another content type is only bytes so far. Read without looking for forwards inside it:
            // nesting is bounded by this one level.
            var bytes = attachment.Content.ToArray();
            source = new RawMessage(bytes, bytes.Length, parserOptions, defects, maxHeaders: options.MaxHeaderCount);
            message = source.Message;
        }
        var body = new BodyCollector(options, source, defects);
        body.Walk(message.Body!);
        var text = body.BuildText();
        var html = body.BuildHtml();
        var headers = new List<ForwardedHeader>();
        foreach (var h in message.Headers)
        {
            if (headers.Count == MaxHeaders)
                break;
            headers.Add(new ForwardedHeader(h.Field, h.Value.Trim()));
        }
        return new ForwardedMessage
        {
            Source = ForwardSource.Attached,
            From = Addresses.First(message.From),
            Subject = message.Headers[HeaderId.Subject] is null ? null : message.Subject,
            Date = Dates.Parse(message.Headers[HeaderId.Date]),
            To = Addresses.All(message.To),
            Headers = headers,
            Links = Forwards.Links(html is null ? text : text + "\n" + HrefValues(html)),
            Attachments = body.Attachments.Select(x => new ForwardedAttachment(x.FileName, x.ContentType, x.Size, x.Sha256)).ToList(),
            Text = text,
            FileName = attachment.FileName,
            Sha256 = attachment.Sha256,
            Message = message,
        };
    }

    // Links hide behind their text in HTML; the addresses they really point to are what a reviewer needs.
    internal static string HrefValues(string html)
    {
        var sb = new System.Text.StringBuilder();
        var i = 0;
        while ((i = html.IndexOf("href", i, StringComparison.OrdinalIgnoreCase)) >= 0)
        {
            var q = html.IndexOfAny(['"', '\''], i);
            if (q < 0 || q - i > 8)
            {
                i += 4;
                continue;
            }
            var end = html.IndexOf(html[q], q + 1);
            if (end < 0)
                break;
            sb.Append(html, q + 1, end - q - 1).Append('\n');
            i = end + 1;
        }
        return sb.ToString();
    }
}
