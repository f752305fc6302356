using Helpdesk.Core.Intake;
using Helpdesk.Core.Tickets;
using System.Text;
using Helpdesk.Core.Data;
using Helpdesk.Mail.Reading;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace Helpdesk.Web.Answer;

/// <summary>
/// What a customer sent, served so that nothing in it can act with the desk's authority: the email's HTML only inside
/// a sandboxed frame under a Content-Security-Policy that allows no script, no frame and (until asked) no remote image;
/// attachments only as downloads, never rendered from the desk's origin.
/// </summary>
public static class MessageEndpoints
{
    /// <summary>The frame's policy. <c>sandbox</c> here too, so the page is sandboxed even when opened outside the frame.</summary>
    public const string HtmlPolicy = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; frame-ancestors 'self'; base-uri 'none'";

    /// <summary>The policy after the agent clicked "Load images": remote images over http(s), still nothing else.</summary>
    public const string HtmlPolicyWithImages = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data: https: http:; form-action 'none'; frame-ancestors 'self'; base-uri 'none'";

    public static string HtmlUrl(long messageId, bool loadImages = false) =>
        $"/desk/messages/{messageId}/html" + (loadImages ? "?images=1" : "");

    public static string AttachmentUrl(long attachmentId) => $"/desk/attachments/{attachmentId}";

    public static void MapMessageEndpoints(this WebApplication app)
    {
        app.MapGet("/desk/messages/{id:long}/html", async (long id, string? images, HttpContext http,
            IDbContextFactory<HelpdeskDbContext> factory, AttachmentFiles files, CancellationToken ct) =>
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            var message = await db.Messages.AsNoTracking().Where(m => m.Id == id)
                .Select(m => new { m.SanitizedHtml, m.Text }).SingleOrDefaultAsync(ct);
            if (message is null) return Results.NotFound();
            var loadImages = images == "1";
            var body = message.SanitizedHtml is { Length: > 0 } html
                ? ForDisplay(html, loadImages)
                : "<pre>" + System.Net.WebUtility.HtmlEncode(message.Text) + "</pre>";
            // The customer's own inline images (a screenshot of the error) are shown at once: they load nothing remote.
            if (InlineImages.Mentioned(body)) body = InlineImages.Embed(body, await files.InlineImagesAsync(id, ct));
            var headers = http.Response.Headers;
            headers[HeaderNames.ContentSecurityPolicy] = loadImages ? HtmlPolicyWithImages : HtmlPolicy;
            headers[HeaderNames.XContentTypeOptions] = "nosniff";
            headers[HeaderNames.CacheControl] = "no-store";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Resource-Policy"] = "same-origin";
            return Results.Content(Document(body), "text/html; charset=utf-8", Encoding.UTF8);
        }).RequireAuthorization(Policies.Agent);

        app.MapGet("/desk/attachments/{id:long}", async (long id, HttpContext http, AttachmentFiles files, CancellationToken ct) =>
        {
            // The bytes are read back out of the stored raw email, the only copy the desk keeps.
            var a = await files.OpenAsync(id, ct);
            if (a is null) return Results.NotFound();
            var headers = http.Response.Headers;
            headers[HeaderNames.XContentTypeOptions] = "nosniff";
            headers[HeaderNames.ContentSecurityPolicy] = "sandbox; default-src 'none'";
            headers[HeaderNames.CacheControl] = "no-store";
            // The customer's content type is not trusted: an "image" could be HTML. Bytes go out as an opaque download.
            var disposition = new ContentDispositionHeaderValue("attachment");
            disposition.SetHttpFileName(a.FileName);
            headers[HeaderNames.ContentDisposition] = disposition.ToString();
            return Results.Bytes(a.Content, "application/octet-stream");
        }).RequireAuthorization(Policies.Agent);
    }

    /// <summary>
    /// The stored sanitized HTML for the frame. With <paramref name="loadImages"/> the blocked remote images get their
    /// address back, and the result goes through the sanitizer again so only http(s) image addresses come back.
    /// </summary>
    public static string ForDisplay(string sanitizedHtml, bool loadImages) =>
        loadImages
            ? HtmlSanitizer.Sanitize(sanitizedHtml.Replace(" data-blocked-src=\"", " src=\"", StringComparison.Ordinal),
                new HtmlSanitizerOptions { AllowRemoteImages = true })
            : sanitizedHtml;

    private static string Document(string body) =>
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>body{font-family:system-ui,sans-serif;font-size:14px;margin:8px;color:#212529;word-wrap:break-word}img{max-width:100%;height:auto}img[data-blocked-src]{display:inline-block;min-width:2em;min-height:1em;background:#eee;outline:1px dashed #adb5bd}</style></head><body>"
        + body + "</body></html>";
}
