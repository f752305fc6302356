using Microsoft.Playwright;

namespace Helpdesk.Browser.Tests;

/// <summary>
/// The console's Content-Security-Policy in a real browser: every page works under it (blazor.web.js starts its circuit,
/// BootstrapBlazor's bundle loads, nothing is reported as blocked), and a script injected into a page does not run.
/// </summary>
[TestClass]
public sealed class SecurityBrowserTests
{
    // Before any page script: every policy violation the page sees, for the test to read.
    private const string RecordViolations = """
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', e =>
          window.__cspViolations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' at ' + location.pathname));
        """;

    [TestMethod]
    public async Task EveryPage_UnderThePolicy_BlazorAndBootstrapBlazorWorkNothingBlocked()
    {
        await using var desk = await BrowserDesk.StartAsync();
        var page = await desk.NewPageAsync();
        await page.Context.AddInitScriptAsync(RecordViolations);
        var errors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
        page.PageError += (_, e) => errors.Add(e);

        await page.GotoAsync("/signin");
        Assert.AreEqual(0, await page.EvaluateAsync<int>("() => window.__cspViolations.length"), "sign-in page");
        await BrowserDesk.SignInOnPageAsync(page, "admin"); // the password, then the authenticator code

        foreach (var path in new[] { "/", "/answer", "/lead", "/lead/tickets", "/bulk", "/trainer", "/trainer/model", "/outbox", "/admin/staff", "/help" })
        {
            var response = await page.GotoAsync(path);
            StringAssert.Contains(response?.Headers["content-security-policy"] ?? "", "script-src 'self'", path);
            await BrowserDesk.WaitForCircuitAsync(page);
            Assert.IsTrue(await page.EvaluateAsync<bool>("() => typeof window.bootstrap === 'object' && typeof Blazor === 'object'"),
                $"{path}: BootstrapBlazor's bundle and blazor.web.js ran");
            await page.WaitForTimeoutAsync(300);
            var violations = await page.EvaluateAsync<string[]>("() => window.__cspViolations");
            Assert.IsEmpty(violations, $"{path}: {string.Join(" | ", violations)}");
        }

        // The circuit does real work under the policy: the queue's search answers.
        await page.GotoAsync("/");
        await BrowserDesk.WaitForCircuitAsync(page);
        await page.FillAsync("#queue-search", "zz-no-such-ticket-zz");
        await page.PressAsync("#queue-search", "Enter");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('tr[data-ticket]').length === 0");
        Assert.IsFalse(errors.Any(e => e.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)), string.Join(" | ", errors));
    }

    [TestMethod]
    public async Task InlineScriptInjectedIntoAPage_DoesNotRun_ReportedAsBlocked()
    {
        await using var desk = await BrowserDesk.StartAsync();
        var page = await desk.SignedInPageAsync("lead");
        await page.Context.AddInitScriptAsync(RecordViolations);
        // As if a customer's text had slipped into the page unescaped: the server's response with a script and a handler added.
        await page.RouteAsync("**/lead", async route =>
        {
            var response = await route.FetchAsync();
            var html = await response.TextAsync();
            var bodyOpen = html.IndexOf('>', html.IndexOf("<body", StringComparison.Ordinal)) + 1;
            html = html.Insert(bodyOpen, "<script>window.__injected = 'script ran';</script>"
                + "<img src=\"/no-such.png\" onerror=\"window.__injected = 'handler ran'\">");
            await route.FulfillAsync(new RouteFulfillOptions { Response = response, Body = html });
        });

        await page.GotoAsync("/lead");
        await BrowserDesk.WaitForCircuitAsync(page);
        await page.WaitForTimeoutAsync(500);

        Assert.IsNull(await page.EvaluateAsync<string?>("() => window.__injected ?? null"), "the injected script ran");
        var violations = await page.EvaluateAsync<string[]>("() => window.__cspViolations");
        Assert.IsTrue(violations.Any(v => v.StartsWith("script-src", StringComparison.Ordinal)), "violations: " + string.Join(" | ", violations));
    }
}
