using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Helpdesk.Core.Intake;
using Helpdesk.Core.Tickets;

namespace Helpdesk.Web.Answer;

/// <summary>
/// Puts a customer's inline images (a pasted screenshot of the error page, referred to as <c>src="cid:…"</c>) into the
/// HTML frame as <c>data:</c> addresses. The frame's policy already allows <c>data:</c> images and nothing else, and
/// its sandbox gives it no cookies, so the images travel inside the document rather than as requests to the desk.
/// The type comes from the bytes (<see cref="Helpdesk.Mail.Mime.ImageSignature"/>), never from the customer's label.
/// </summary>
public static partial class InlineImages
{
    /// <summary>Largest single image embedded (decoded bytes); a bigger one stays a download. 2 MiB.</summary>
    public const int MaxImageBytes = 2 * 1024 * 1024;

    /// <summary>Most image bytes embedded in one document, so one email cannot make a 100 MB page. 8 MiB.</summary>
    public const int MaxTotalBytes = 8 * 1024 * 1024;

    /// <summary>Whether the sanitized HTML refers to any inline image at all (skip reading the raw email when not).</summary>
    public static bool Mentioned(string sanitizedHtml) => sanitizedHtml.Contains("src=\"cid:", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Replaces each <c>src="cid:ID"</c> whose ID names one of <paramref name="images"/> with the image as a data: URL.
    /// A reference to a missing, oversized or non-image part is left as it was: the policy blocks it and the browser
    /// shows the image's alt text.
    /// </summary>
    public static string Embed(string sanitizedHtml, IReadOnlyList<InlineImage> images)
    {
        if (images.Count == 0) return sanitizedHtml;
        var byId = new Dictionary<string, InlineImage>(StringComparer.OrdinalIgnoreCase);
        foreach (var image in images) byId.TryAdd(image.ContentId, image);
        var budget = MaxTotalBytes;
        return CidSource().Replace(sanitizedHtml, match =>
        {
            var id = Unescape(WebUtility.HtmlDecode(match.Groups["id"].Value)).Trim().Trim('<', '>');
            if (!byId.TryGetValue(id, out var image) || image.Content.Length > MaxImageBytes || image.Content.Length > budget)
                return match.Value;
            budget -= image.Content.Length;
            return new StringBuilder(" src=\"data:").Append(image.ContentType).Append(";base64,")
                .Append(Convert.ToBase64String(image.Content.Span)).Append('"').ToString();
        });
    }

    // RFC 2392: a cid: URL is the Content-ID, percent-encoded; a malformed escape is taken literally.
    private static string Unescape(string value)
    {
        try { return Uri.UnescapeDataString(value); }
        catch (UriFormatException) { return value; }
    }

    [GeneratedRegex("""\ssrc="cid:(?<id>[^"]*)" """, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex CidSource();
}
