using Microsoft.Net.Http.Headers;

namespace Helpdesk.Web.Security;

/// <summary>
/// One Content-Security-Policy for the whole console, and nosniff and a referrer policy on every response. Scripts come
/// only from the desk itself (blazor.web.js, BootstrapBlazor's bundle, the desk's own modules): an inline script or an
/// event-handler attribute that slipped into a page does not run. Styles allow inline because Blazor and BootstrapBlazor
/// set style attributes; images allow data: for the customers' inline images. A response that sets its own policy (the
/// customer's HTML in its sandboxed frame, attachments) keeps it.
/// </summary>
public static class ConsoleSecurityHeaders
{
    public const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
        + "connect-src 'self'; frame-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'self'; form-action 'self'";

    public const string ReferrerPolicy = "same-origin";

    public static IApplicationBuilder UseConsoleSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                var headers = http.Response.Headers;
                if (!headers.ContainsKey(HeaderNames.ContentSecurityPolicy)) headers[HeaderNames.ContentSecurityPolicy] = Policy;
                if (!headers.ContainsKey(HeaderNames.XContentTypeOptions)) headers[HeaderNames.XContentTypeOptions] = "nosniff";
                if (!headers.ContainsKey("Referrer-Policy")) headers["Referrer-Policy"] = ReferrerPolicy;
                return Task.CompletedTask;
            });
            return next(http);
        });
}
