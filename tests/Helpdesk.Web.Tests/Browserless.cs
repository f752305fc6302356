using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Helpdesk.Web.Tests;

/// <summary>Signs in the way a browser does: read the form's antiforgery token, post the form, keep the cookies.</summary>
public static class Browserless
{
    public static HttpClient Client(DeskFactory factory) =>
        factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public static async Task<IHtmlDocument> GetDocumentAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, $"GET {url}");
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// Both steps when the account asks for a code: an authenticator app holding <paramref name="authenticatorKey"/>
    /// (by default the demo Leads' and Admins' documented key) answers it. Returns the last step's response.
    /// </summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string user, string password, string returnUrl = "/",
        string authenticatorKey = Helpdesk.Demo.DemoDataSeeder.DemoAuthenticatorKey)
    {
        var response = await PasswordStepAsync(client, user, password, returnUrl);
        if (response.Headers.Location?.OriginalString.StartsWith(Account.AccountEndpoints.CodePath, StringComparison.Ordinal) != true) return response;
        return await CodeStepAsync(client, response.Headers.Location.OriginalString, AuthenticatorApp.CodeNow(authenticatorKey));
    }

    /// <summary>The first step alone: user name and password.</summary>
    public static async Task<HttpResponseMessage> PasswordStepAsync(HttpClient client, string user, string password, string returnUrl = "/")
    {
        var page = await GetDocumentAsync(client, "/signin");
        return await client.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token(page, "sign-in"),
            ["username"] = user,
            ["password"] = password,
            ["returnUrl"] = returnUrl,
        }));
    }

    /// <summary>The second step: the code form at <paramref name="codePageUrl"/> posted with <paramref name="code"/>.</summary>
    public static async Task<HttpResponseMessage> CodeStepAsync(HttpClient client, string codePageUrl, string code)
    {
        var page = await GetDocumentAsync(client, codePageUrl);
        return await client.PostAsync(Account.AccountEndpoints.CodePostPath, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token(page, "code"),
            ["code"] = code,
            ["returnUrl"] = page.QuerySelector("input[name=returnUrl]")?.GetAttribute("value") ?? "/",
        }));
    }

    public static string Token(IHtmlDocument page, string form) =>
        page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new AssertFailedException($"the {form} form carries no antiforgery token");
}
