using System.Net;
using Helpdesk.Web.Security;

namespace Helpdesk.Web.Tests;

/// <summary>Every console response carries the one policy; the customer's HTML frame keeps its own stricter one.</summary>
[TestClass]
public sealed class SecurityHeadersTests
{
    private static void AssertConsoleHeaders(HttpResponseMessage response, string url)
    {
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        foreach (var part in new[] { "script-src 'self';", "object-src 'none'", "base-uri 'self'", "frame-ancestors 'self'" })
            StringAssert.Contains(csp, part, $"{url}: {csp}");
        var scripts = csp.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("script-src ", StringComparison.Ordinal));
        Assert.IsFalse(scripts.Contains("unsafe", StringComparison.Ordinal), $"{url}: {scripts}");
        Assert.AreEqual("nosniff", string.Join("", response.Headers.GetValues("X-Content-Type-Options")), url);
        Assert.AreEqual(ConsoleSecurityHeaders.ReferrerPolicy, string.Join("", response.Headers.GetValues("Referrer-Policy")), url);
    }

    [TestMethod]
    public async Task EveryPage_SignedInAdmin_PolicyNosniffAndReferrerPolicy()
    {
        using var factory = new DeskFactory();
        var client = Browserless.Client(factory);
        using (var signin = await client.GetAsync("/signin")) AssertConsoleHeaders(signin, "/signin");
        using (var redirect = await Browserless.SignInAsync(client, "admin", "demo-desk")) AssertConsoleHeaders(redirect, "POST /account/signin");

        foreach (var url in new[] { "/", "/answer", "/lead", "/lead/tickets", "/trainer", "/bulk", "/admin/staff", "/outbox", "/help", "/healthz", "/js/answer.js", "/no-such-page" })
        {
            using var response = await client.GetAsync(url);
            Assert.AreNotEqual(HttpStatusCode.InternalServerError, response.StatusCode, url);
            AssertConsoleHeaders(response, url);
        }
    }
}
