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

    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string user, string password, string returnUrl = "/")
    {
        var page = await GetDocumentAsync(client, "/signin");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new AssertFailedException("the sign-in form carries no antiforgery token");
        return await client.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["username"] = user,
            ["password"] = password,
            ["returnUrl"] = returnUrl,
        }));
    }
}
