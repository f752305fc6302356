using System.Net;
using System.Text;

namespace Helpdesk.Mail.Mime;

/// <summary>
/// Walks a message tree the way a mail client shows it: picks the body from each multipart/alternative
/// (plain text for <see cref="ParsedEmail.Text"/>, HTML for display), follows the root of multipart/related
/// and the signed part of multipart/signed, concatenates inline text parts of multipart/mixed, and lists
/// everything else as an attachment.
/// </summary>
internal sealed class BodyCollector(MimeParserOptions options, List<string> defects)
{
    private readonly List<(string? Plain, string? Html)> _segments = [];
    private readonly List<EmailAttachment> _attachments = [];

    public IReadOnlyList<EmailAttachment> Attachments => _attachments;

    public void Walk(MimeEntity entity)
    {
        if (entity.IsBrokenMultipart)
        {
            AddPlain(entity);
            return;
        }
        if (entity.IsMultipart)
        {
            var children = entity.Children;
            switch (entity.ContentType.MediaSubtype)
            {
                case "alternative":
                    WalkAlternative(entity);
                    return;
                case "related":
                    var root = FindRelatedRoot(entity);
                    foreach (var child in children)
                    {
                        if (child == root)
                            Walk(child);
                        else
                            Attach(child, inline: child.ContentDisposition?.IsAttachment != true);
                    }
                    return;
                case "signed":
                    for (var i = 0; i < children.Count; i++)
                    {
                        if (i == 0)
                            Walk(children[i]);
                        else
                            Attach(children[i], inline: false);
                    }
                    return;
                case "encrypted":
                    foreach (var child in children)
                        Attach(child, inline: false);
                    return;
                default:
                    foreach (var child in children)
                    {
                        if (IsBodyCandidate(child))
                            Walk(child);
                        else
                            Attach(child, inline: child.ContentDisposition?.IsInline == true);
                    }
                    return;
            }
        }
        if (entity.Message is not null || !IsTextBody(entity))
        {
            Attach(entity, inline: entity.ContentDisposition?.IsInline == true);
            return;
        }
        if (entity.ContentType.MediaSubtype == "html")
            AddHtml(entity);
        else
            AddPlain(entity);
    }

    private void WalkAlternative(MimeEntity entity)
    {
        var children = entity.Children;
        MimeEntity? plain = null, rich = null;
        foreach (var c in children)
        {
            if (c.IsLeaf && c.ContentType.Is("text", "plain") && plain is null)
                plain = c;
            else if ((c.IsLeaf && c.ContentType.Is("text", "html")) || c.IsMultipart)
                rich = c; // the last rich alternative is the sender's preferred one (RFC 2046 5.1.4)
        }
        if (plain is null && rich is null)
        {
            if (children.Count > 0)
                Walk(children[0]);
            for (var i = 1; i < children.Count; i++)
                Attach(children[i], inline: false);
            return;
        }

        string? plainText = plain is null ? null : Text(plain);
        string? html = null;
        if (rich is not null)
        {
            var inner = new BodyCollector(options, defects);
            inner.Walk(rich);
            _attachments.AddRange(inner._attachments);
            html = inner.BuildHtml();
            if (plainText is null || plainText.Trim().Length == 0)
            {
                plainText = null;
                if (html is null)
                    plainText = inner.BuildText();
            }
        }
        _segments.Add((plainText, html));

        // Calendar invitations and other non-text alternatives are still worth keeping.
        foreach (var c in children)
            if (c != plain && c != rich && !(c.IsLeaf && c.ContentType.MediaType == "text" && c.ContentType.MediaSubtype is "plain" or "html"))
                Attach(c, inline: false);
    }

    private static MimeEntity? FindRelatedRoot(MimeEntity related)
    {
        var children = related.Children;
        if (children.Count == 0)
            return null;
        var start = MessageIds.ParseOne(related.ContentType.Parameters["start"]);
        if (start is not null)
            foreach (var c in children)
                if (string.Equals(c.ContentId, start, StringComparison.Ordinal))
                    return c;
        return children[0];
    }

    private static bool IsBodyCandidate(MimeEntity child)
    {
        if (child.IsMultipart || child.IsBrokenMultipart)
            return true;
        return IsTextBody(child) && child.ContentDisposition?.IsAttachment != true && child.FileName is null;
    }

    private static bool IsTextBody(MimeEntity e) =>
        e.IsLeaf && e.ContentType.MediaType == "text" && e.ContentType.MediaSubtype is "plain" or "html" or "enriched" or "richtext" or "x-plain";

    private void Attach(MimeEntity entity, bool inline)
    {
        if (entity.IsMultipart)
        {
            // A nested multipart marked as an attachment: its leaves are the attachments.
            foreach (var child in entity.Children)
                Attach(child, inline);
            return;
        }
        CheckContent(entity);
        if (EmailAttachment.IsTnef(entity))
            defects.Add(MimeDefects.TnefNotDecoded); // listed so an agent knows Outlook packed something inside
        _attachments.Add(new EmailAttachment(entity, inline || (entity.ContentDisposition is null && entity.ContentId is not null && entity.ContentType.MediaType == "image")));
    }

    private void CheckContent(MimeEntity entity)
    {
        if (!entity.ContentHadErrors)
            return;
        defects.Add(entity.ContentTransferEncoding == "base64" ? MimeDefects.InvalidBase64 : MimeDefects.InvalidQuotedPrintable);
    }

    /// <summary>A text part's body: normalized plain text, or the HTML source when <paramref name="html"/>.</summary>
    private string Text(MimeEntity entity, bool html = false)
    {
        CheckContent(entity);
        var charset = entity.ContentType.Charset;
        if (charset is not null && !Charsets.IsKnown(charset))
            defects.Add(MimeDefects.UnknownCharset);
        var content = entity.IsBrokenMultipart ? entity.RawBody : entity.Content;
        if (!html)
            content = ExtractUuencoded(entity, content);
        var bytes = PartText.Cap(content.Span, options.MaxPartTextLength, out var truncated);
        if (truncated)
            defects.Add(MimeDefects.TextTruncated);
        if (html)
            return Charsets.Decode(bytes, charset, options.FallbackEncoding);
        if (string.Equals(entity.ContentType.Parameters["format"], "flowed", StringComparison.OrdinalIgnoreCase))
        {
            // Trailing spaces carry the flow, so normalizing has to wait until the lines are joined.
            var text = Charsets.Decode(bytes, charset, options.FallbackEncoding);
            return PartText.Normalize(FormatFlowed.Unflow(text, string.Equals(entity.ContentType.Parameters["delsp"], "yes", StringComparison.OrdinalIgnoreCase)));
        }
        return PartText.DecodeNormalized(bytes, charset, options.FallbackEncoding);
    }

    private ReadOnlyMemory<byte> ExtractUuencoded(MimeEntity entity, ReadOnlyMemory<byte> content)
    {
        var files = new List<Uuencode.UuFile>();
        var rest = Uuencode.Extract(content, files);
        foreach (var f in files)
        {
            var type = Uuencode.GuessContentType(f.Name).Split('/');
            var part = MimeEntity.FromContent(new ContentType(type[0], type[1], HeaderParameters.Of("name", f.Name)), f.Content, entity.Depth + 1);
            _attachments.Add(new EmailAttachment(part, inline: false));
        }
        return rest;
    }

    private void AddPlain(MimeEntity entity) => _segments.Add((Text(entity), null));

    private void AddHtml(MimeEntity entity) => _segments.Add((null, Text(entity, html: true)));

    /// <summary>The body as text: plain parts as they are, HTML-only parts converted.</summary>
    public string BuildText()
    {
        if (_segments.Count == 0)
            return string.Empty;
        // Plain segments are normalized when decoded; joining them costs the one copy of the result.
        var texts = new List<string>(_segments.Count);
        foreach (var (plain, html) in _segments)
        {
            var text = plain ?? (html is null ? "" : Normalize(HtmlToText.Convert(html)));
            if (text.Length > 0)
                texts.Add(text);
        }
        return texts.Count == 1 ? texts[0] : string.Join("\n\n", texts);
    }

    /// <summary>The body as HTML when any part has HTML (plain parts escaped into it), else null.</summary>
    public string? BuildHtml()
    {
        if (!_segments.Exists(s => s.Html is not null))
            return null;
        if (_segments.Count == 1)
            return _segments[0].Html;
        var sb = new StringBuilder();
        foreach (var (plain, html) in _segments)
        {
            if (html is not null)
                sb.Append(html);
            else if (plain is not null)
                sb.Append("<pre>").Append(WebUtility.HtmlEncode(plain)).Append("</pre>");
        }
        return sb.ToString();
    }

    /// <summary>A message/rfc822 attachment read as a forward.</summary>
    public ForwardedEmail? AttachedMessageAsForward(MimeParserOptions parserOptions)
    {
        foreach (var a in _attachments)
        {
            var message = a.Entity.Message;
            if (message is null)
                continue;
            var inner = new BodyCollector(parserOptions, []);
            inner.Walk(message);
            var h = message.Headers;
            return new ForwardedEmail(
                AddressParser.Parse(h["From"]).FirstOrDefault(),
                DateParser.Parse(h["Date"]),
                h.Find("Subject")?.Text,
                AddressParser.Parse(h["To"]),
                inner.BuildText());
        }
        return null;
    }

    /// <summary>"\n" line breaks, no trailing spaces at line ends, at most one blank line in a row, none at either end.</summary>
    internal static string Normalize(string text) => PartText.Normalize(text);
}
