using System.Buffers;
using System.Net;
using System.Text;
using Helpdesk.Mail.CustomerWords;
using MimeKit;

namespace Helpdesk.Mail.Reading;

/// <summary>
/// Walks a message tree the way a mail client shows it: picks the body from each multipart/alternative
/// (plain text for <see cref="ParsedEmail.Text"/>, HTML for display), follows the root of multipart/related
/// and the signed part of multipart/signed, joins the inline text parts of multipart/mixed (an iPhone splits
/// its text around a photo), takes uuencoded files out of text, opens Outlook's winmail.dat, and lists
/// everything else as an attachment.
/// </summary>
internal sealed class BodyCollector(MimeParserOptions options, RawMessage source, List<string> defects, BodyCollector.PartBudget? budget = null)
{
    /// <summary>Parts looked at so far, shared by the collectors of one message.</summary>
    internal sealed class PartBudget
    {
        public int Used;
    }

    private readonly PartBudget _budget = budget ?? new PartBudget();

    private static readonly SearchValues<byte> Base64Bytes =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=\r\n\t "u8);

    private readonly List<(string? Plain, string? Html)> _segments = [];
    private readonly List<EmailAttachment> _attachments = [];

    public IReadOnlyList<EmailAttachment> Attachments => _attachments;

    public void Walk(MimeEntity entity, int depth = 0)
    {
        if (!TakePart())
            return;
        if (source.IsBrokenMultipart(entity))
        {
            AddPlain(entity);
            return;
        }
        if (entity is Multipart multipart)
        {
            switch (multipart.ContentType.MediaSubtype.ToLowerInvariant())
            {
                case "alternative":
                    WalkAlternative(multipart, depth);
                    return;
                case "related":
                    var root = (multipart as MultipartRelated)?.Root ?? (multipart.Count > 0 ? multipart[0] : null);
                    foreach (var child in multipart)
                    {
                        if (child == root)
                            Walk(child, depth + 1);
                        else
                            Attach(child, inline: child.ContentDisposition?.IsAttachment != true);
                    }
                    return;
                case "signed":
                    for (var i = 0; i < multipart.Count; i++)
                    {
                        if (i == 0)
                            Walk(multipart[i], depth + 1);
                        else
                            Attach(multipart[i], inline: false);
                    }
                    return;
                case "encrypted":
                    foreach (var child in multipart)
                        Attach(child, inline: false);
                    return;
                default:
                    foreach (var child in multipart)
                    {
                        if (IsBodyCandidate(child))
                            Walk(child, depth + 1);
                        else
                            Attach(child, inline: child.ContentDisposition?.IsAttachment == false);
                    }
                    return;
            }
        }
        if (!IsTextBody(entity))
        {
            Attach(entity, inline: entity.ContentDisposition?.IsAttachment == false);
            return;
        }
        if (entity.ContentType.IsMimeType("text", "html"))
            _segments.Add((null, Text((MimePart)entity, html: true)));
        else
            AddPlain(entity);
    }

    private bool TakePart()
    {
        if (++_budget.Used <= options.MaxPartCount)
            return true;
        defects.Add(MimeDefects.TooManyParts);
        return false;
    }

    private void WalkAlternative(Multipart alternative, int depth)
    {
        MimeEntity? plain = null, rich = null;
        foreach (var c in alternative)
        {
            if (c is MimePart && c.ContentType.IsMimeType("text", "plain") && plain is null)
                plain = c;
            else if ((c is MimePart && c.ContentType.IsMimeType("text", "html")) || c is Multipart)
                rich = c; // the last rich alternative is the sender's preferred one (RFC 2046 5.1.4)
        }
        if (plain is null && rich is null)
        {
            if (alternative.Count > 0)
                Walk(alternative[0], depth + 1);
            for (var i = 1; i < alternative.Count; i++)
                Attach(alternative[i], inline: false);
            return;
        }

        var plainText = plain is null ? null : Text((MimePart)plain);
        string? html = null;
        if (rich is not null)
        {
            var inner = new BodyCollector(options, source, defects, _budget);
            inner.Walk(rich, depth + 1);
            _attachments.AddRange(inner._attachments);
            html = inner.BuildHtml();
            if (plainText is null || string.IsNullOrWhiteSpace(plainText))
            {
                plainText = null;
                if (html is null)
                    plainText = inner.BuildText();
            }
        }
        _segments.Add((plainText, html));

        // Calendar invitations and other non-text alternatives are still worth keeping.
        foreach (var c in alternative)
            if (c != plain && c != rich && !(c is MimePart && (c.ContentType.IsMimeType("text", "plain") || c.ContentType.IsMimeType("text", "html"))))
                Attach(c, inline: false);
    }

    private bool IsBodyCandidate(MimeEntity child)
    {
        if (child is Multipart || source.IsBrokenMultipart(child))
            return true;
        return IsTextBody(child) && child.ContentDisposition?.IsAttachment != true && EmailAttachment.NameOf(child) is null;
    }

    private static bool IsTextBody(MimeEntity e) =>
        e is MimePart and not MessageDeliveryStatus && e.ContentType.MediaType.Equals("text", StringComparison.OrdinalIgnoreCase)
        && e.ContentType.MediaSubtype.ToLowerInvariant() is "plain" or "html" or "enriched" or "richtext" or "x-plain";

    private void Attach(MimeEntity entity, bool inline)
    {
        if (entity is Multipart multipart)
        {
            // A nested multipart marked as an attachment: its leaves are the attachments.
            foreach (var child in multipart)
                Attach(child, inline);
            return;
        }
        if (!TakePart())
            return;
        inline = inline || (entity.ContentDisposition is null && !string.IsNullOrEmpty(entity.ContentId) && entity.ContentType.MediaType.Equals("image", StringComparison.OrdinalIgnoreCase));
        if (entity is MessagePart)
        {
            // An attached message keeps its bytes as they arrived (what an agent downloads and what Forward reads).
            var raw = source.RawBodyOf(entity);
            _attachments.Add(new EmailAttachment(entity, inline, () => raw));
            return;
        }
        var part = (MimePart)entity;
        CheckContent(part);
        if (entity is MimeKit.Tnef.TnefPart tnef && TnefFiles.TryExtract(tnef, Decode(part), _attachments))
            return;
        if (EmailAttachment.IsTnef(entity))
            defects.Add(MimeDefects.TnefNotDecoded); // listed so an agent knows Outlook packed something inside
        _attachments.Add(new EmailAttachment(entity, inline, () => Decode(part)));
    }

    private void CheckContent(MimePart part)
    {
        switch (part.ContentTransferEncoding)
        {
            case ContentEncoding.Base64:
                if (source.RawBodyOf(part).Span.IndexOfAnyExcept(Base64Bytes) >= 0)
                    defects.Add(MimeDefects.InvalidBase64);
                break;
            case ContentEncoding.QuotedPrintable:
                if (HasBrokenQuotedPrintable(source.RawBodyOf(part).Span))
                    defects.Add(MimeDefects.InvalidQuotedPrintable);
                break;
        }
    }

    // "=" starts a soft line break or two hex digits; anything else was damaged on the way.
    private static bool HasBrokenQuotedPrintable(ReadOnlySpan<byte> raw)
    {
        for (var i = raw.IndexOf((byte)'='); i >= 0 && i < raw.Length;)
        {
            var rest = raw[(i + 1)..];
            var ok = rest.IsEmpty || rest[0] is (byte)'\r' or (byte)'\n' or (byte)' ' or (byte)'\t'
                || (rest.Length >= 2 && char.IsAsciiHexDigit((char)rest[0]) && char.IsAsciiHexDigit((char)rest[1]));
            if (!ok)
                return true;
            var next = rest.IndexOf((byte)'=');
            i = next < 0 ? -1 : i + 1 + next;
        }
        return false;
    }

    /// <summary>The content with the transfer encoding removed, by MimeKit.</summary>
    internal static ReadOnlyMemory<byte> Decode(MimePart part)
    {
        if (part.Content is null)
            return ReadOnlyMemory<byte>.Empty;
        // Decoding never makes content longer: sized once from the encoded length, the stream does not regrow.
        var stream = part.Content.Stream;
        using var output = stream is { CanSeek: true } ? new MemoryStream((int)Math.Min(stream.Length, Array.MaxLength)) : new MemoryStream();
        part.Content.DecodeTo(output);
        return output.GetBuffer().AsMemory(0, (int)output.Length);
    }

    /// <summary>A text part's body: normalized plain text, or the HTML source when <paramref name="html"/>.</summary>
    private string Text(MimeEntity entity, bool html = false)
    {
        var broken = source.IsBrokenMultipart(entity);
        var charset = entity.ContentType.Charset;
        if (charset is not null && TextCharsets.Find(charset) is null)
            defects.Add(MimeDefects.UnknownCharset);
        ReadOnlyMemory<byte> content;
        if (source.BodyWithoutSeparator(entity) is { } misplaced)
        {
            defects.Add(MimeDefects.MissingHeaderBodySeparator);
            content = misplaced;
        }
        else if (broken || entity is not MimePart part)
            content = source.RawBodyOf(entity);
        else
        {
            CheckContent(part);
            content = Decode(part);
        }
        if (!html)
            content = ExtractUuencoded(content);
        var bytes = PartText.Cap(content.Span, options.MaxPartTextLength, out var truncated);
        if (truncated)
            defects.Add(MimeDefects.TextTruncated);
        if (html)
            return TextCharsets.Decode(bytes, charset, options.FallbackEncoding);
        if (string.Equals(entity.ContentType.Parameters["format"], "flowed", StringComparison.OrdinalIgnoreCase))
        {
            // Trailing spaces carry the flow, so normalizing has to wait until the lines are joined.
            var text = TextCharsets.Decode(bytes, charset, options.FallbackEncoding);
            return PartText.Normalize(FormatFlowed.Unflow(text, string.Equals(entity.ContentType.Parameters["delsp"], "yes", StringComparison.OrdinalIgnoreCase)));
        }
        return PartText.DecodeNormalized(bytes, charset, options.FallbackEncoding);
    }

    private ReadOnlyMemory<byte> ExtractUuencoded(ReadOnlyMemory<byte> content)
    {
        var files = new List<Uuencode.UuFile>();
        var rest = Uuencode.Extract(content, files);
        foreach (var f in files)
        {
            var type = Uuencode.GuessContentType(f.Name).Split('/');
            var part = new MimePart(type[0], type[1]) { FileName = f.Name };
            var bytes = f.Content;
            _attachments.Add(new EmailAttachment(part, inline: false, () => bytes, f.Name));
        }
        return rest;
    }

    private void AddPlain(MimeEntity entity) => _segments.Add((Text(entity), null));

    /// <summary>The body as text: plain parts as they are, HTML-only parts converted.</summary>
    public string BuildText() => BuildTexts(withWords: false).Text;

    /// <summary>
    /// The body as text, and, when an HTML-only part has quote or signature containers, the text reply trimming
    /// should read instead (quotes marked "&gt; " from the markup, signatures left out); null otherwise.
    /// </summary>
    public (string Text, string? Words) BuildTexts(bool withWords = true)
    {
        if (_segments.Count == 0)
            return (string.Empty, null);
        // Plain segments are normalized when decoded; joining them costs the one copy of the result.
        var texts = new List<string>(_segments.Count);
        List<string>? words = null;
        foreach (var (plain, html) in _segments)
        {
            string text;
            string? word = null;
            if (plain is not null)
                text = plain;
            else if (html is null)
                text = "";
            else if (withWords)
            {
                var (converted, marked) = HtmlToText.ConvertWithWords(html);
                text = PartText.Normalize(converted);
                word = marked is null ? null : PartText.Normalize(marked);
            }
            else
                text = PartText.Normalize(HtmlToText.Convert(html));
            if (word is not null && words is null)
                words = new List<string>(texts);
            if (text.Length > 0)
                texts.Add(text);
            if (words is not null && (word ?? text).Length > 0)
                words.Add(word ?? text);
        }
        var joined = texts.Count == 1 ? texts[0] : string.Join("\n\n", texts);
        return (joined, words is null ? null : string.Join("\n\n", words));
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
}
