using System.Globalization;
using System.Net;
using System.Text;
using Helpdesk.Mail.Mime;

namespace Helpdesk.Mail.Compose;

/// <summary>An email the desk sends: who, what, and the threading headers that make it land in the customer's thread.</summary>
public sealed class OutgoingMessage
{
    public required EmailAddress From { get; init; }

    public required EmailAddress To { get; init; }

    public required string Subject { get; init; }

    /// <summary>Message-ID without angle brackets; fixed before the first send so a resend threads as the same mail.</summary>
    public required string MessageId { get; init; }

    public required DateTimeOffset Date { get; init; }

    /// <summary>The plain-text body ("\n" or "\r\n" line breaks).</summary>
    public required string Text { get; init; }

    /// <summary>The HTML alternative; null builds one from <see cref="Text"/> (escaped, links made clickable).</summary>
    public string? Html { get; init; }

    /// <summary>Message-ID this answers, without angle brackets.</summary>
    public string? InReplyTo { get; init; }

    /// <summary>The thread's ids, oldest first, without angle brackets.</summary>
    public IReadOnlyList<string> References { get; init; } = [];

    /// <summary>Further header fields (name, unencoded ASCII value), e.g. Auto-Submitted.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ExtraHeaders { get; init; } = [];
}

/// <summary>
/// Writes an <see cref="OutgoingMessage"/> as RFC 5322 bytes: multipart/alternative (text and HTML), UTF-8,
/// quoted-printable bodies, RFC 2047 encoded words where a header needs non-ASCII, CRLF line ends.
/// </summary>
public static class OutgoingMessageBuilder
{
    // 39 bytes make 52 base64 characters: with "=?UTF-8?B?...?=" and a header name in front the line stays under 78.
    private const int MaxEncodedWordPayload = 39;

    public static byte[] Build(OutgoingMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var boundary = "=_alt_" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(message.MessageId)))[..24];
        var sb = new StringBuilder(message.Text.Length * 3 + 1024);
        Header(sb, "From", Mailbox(message.From));
        Header(sb, "To", Mailbox(message.To));
        Header(sb, "Subject", EncodeUnstructured(message.Subject));
        Header(sb, "Date", message.Date.ToString("ddd, dd MMM yyyy HH:mm:ss ", CultureInfo.InvariantCulture) + Offset(message.Date.Offset));
        Header(sb, "Message-ID", $"<{message.MessageId}>");
        if (message.InReplyTo is { Length: > 0 } irt) Header(sb, "In-Reply-To", $"<{irt}>");
        if (message.References.Count > 0) Header(sb, "References", string.Join("\r\n ", message.References.Select(r => $"<{r}>")));
        foreach (var (name, value) in message.ExtraHeaders) Header(sb, name, value);
        Header(sb, "MIME-Version", "1.0");
        Header(sb, "Content-Type", $"multipart/alternative; boundary=\"{boundary}\"");
        sb.Append("\r\n");
        Part(sb, boundary, "text/plain; charset=utf-8", message.Text);
        Part(sb, boundary, "text/html; charset=utf-8", message.Html ?? HtmlFromText(message.Text));
        sb.Append("--").Append(boundary).Append("--\r\n");
        return Encoding.ASCII.GetBytes(sb.ToString());
    }

    /// <summary>Plain text as simple HTML: escaped, paragraphs kept, http(s) addresses made links.</summary>
    public static string HtmlFromText(string text)
    {
        var sb = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>");
        foreach (var paragraph in Normalize(text).Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
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

    /// <summary>RFC 2047 B-encoded words when <paramref name="text"/> is not plain ASCII; the text itself otherwise.</summary>
    public static string EncodeUnstructured(string text)
    {
        if (text.All(c => c is >= ' ' and < (char)127)) return text;
        var words = new List<string>();
        var bytes = new List<byte>(MaxEncodedWordPayload + 4);
        var buffer = new byte[4];
        // Split on whole characters so no word ends in half a UTF-8 sequence (RFC 2047 section 5).
        foreach (var rune in text.EnumerateRunes())
        {
            var n = rune.EncodeToUtf8(buffer);
            if (bytes.Count + n > MaxEncodedWordPayload)
            {
                words.Add("=?UTF-8?B?" + Convert.ToBase64String(bytes.ToArray()) + "?=");
                bytes.Clear();
            }
            bytes.AddRange(buffer.AsSpan(0, n).ToArray());
        }
        if (bytes.Count > 0) words.Add("=?UTF-8?B?" + Convert.ToBase64String(bytes.ToArray()) + "?=");
        return string.Join("\r\n ", words);
    }

    /// <summary>Quoted-printable (RFC 2045 6.7) of UTF-8 text with CRLF hard line breaks and soft breaks at 76.</summary>
    public static string QuotedPrintable(string text)
    {
        var sb = new StringBuilder(text.Length + text.Length / 4);
        foreach (var line in Normalize(text).Split('\n'))
        {
            var bytes = Encoding.UTF8.GetBytes(line);
            var col = 0;
            for (var i = 0; i < bytes.Length; i++)
            {
                var b = bytes[i];
                var last = i == bytes.Length - 1;
                // Trailing white space would be stripped in transit, and a leading dot can be eaten by SMTP relays.
                var literal = (b is >= 33 and <= 126 && b != '=' && !(b == '.' && col == 0)) || (b is (byte)' ' or (byte)'\t' && !last);
                var width = literal ? 1 : 3;
                if (col + width > 75)
                {
                    sb.Append("=\r\n");
                    col = 0;
                }
                if (literal) sb.Append((char)b);
                else sb.Append('=').Append(Convert.ToHexString([b]));
                col += width;
            }
            sb.Append("\r\n");
        }
        return sb.ToString();
    }

    private static void Part(StringBuilder sb, string boundary, string contentType, string body)
    {
        sb.Append("--").Append(boundary).Append("\r\n");
        sb.Append("Content-Type: ").Append(contentType).Append("\r\n");
        sb.Append("Content-Transfer-Encoding: quoted-printable\r\n\r\n");
        sb.Append(QuotedPrintable(body));
    }

    private static void Header(StringBuilder sb, string name, string value)
    {
        if (value.Contains('\r') && !value.Contains("\r\n ")) throw new ArgumentException($"Header {name} holds a bare line break.", nameof(value));
        if (value.Contains('\n') && !value.Contains("\r\n ")) throw new ArgumentException($"Header {name} holds a line break.", nameof(value));
        sb.Append(name).Append(": ").Append(value).Append("\r\n");
    }

    private static string Mailbox(EmailAddress address)
    {
        if (string.IsNullOrWhiteSpace(address.Name)) return $"<{address.Address}>";
        var name = address.Name.Trim();
        if (name.Any(c => c >= 127)) return $"{EncodeUnstructured(name)} <{address.Address}>";
        var needsQuotes = name.Any(c => "()<>[]:;@\\,.\"".Contains(c));
        return needsQuotes ? $"\"{name.Replace("\\", "\\\\").Replace("\"", "\\\"")}\" <{address.Address}>" : $"{name} <{address.Address}>";
    }

    private static string Offset(TimeSpan offset)
    {
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        var abs = offset.Duration();
        return $"{sign}{abs.Hours:D2}{abs.Minutes:D2}";
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n").Replace('\r', '\n');

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
