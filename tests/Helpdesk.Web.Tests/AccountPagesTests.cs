using System.Net;
using Helpdesk.Core.Data;
using Helpdesk.Core.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Helpdesk.Web.Tests;

[TestClass]
public sealed class AccountPagesTests
{
    private static async Task<long> IdOfAsync(DeskFactory factory, string userName)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<HelpdeskDbContext>>().CreateDbContextAsync();
        return await db.Staff.Where(s => s.UserName == userName).Select(s => s.Id).SingleAsync();
    }

    /// <summary>The desk's admin hands <paramref name="userName"/> a temporary password.</summary>
    private static async Task<string> ResetAsync(DeskFactory factory, string userName) =>
        await factory.Services.GetRequiredService<StaffDirectory>().ResetPasswordAsync(await IdOfAsync(factory, "admin"), await IdOfAsync(factory, userName));

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string formPage, string action, Dictionary<string, string> fields)
    {
        var page = await Browserless.GetDocumentAsync(client, formPage);
        var form = page.QuerySelector($"form[action='{action}']") ?? throw new AssertFailedException($"no form posting to {action} on {formPage}");
        fields["__RequestVerificationToken"] = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return await client.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    [TestMethod]
    public async Task TemporaryPassword_EveryPageLeadsToThePasswordFormUntilChanged()
    {
        using var factory = new DeskFactory();
        var client = Browserless.Client(factory);
        var temporary = await ResetAsync(factory, "agent");
        await Browserless.SignInAsync(client, "agent", temporary);

        foreach (var path in new[] { "/", "/outbox", "/admin/staff", "/anything" })
        {
            var response = await client.GetAsync(path);
            Assert.AreEqual(HttpStatusCode.Redirect, response.StatusCode, path);
            Assert.AreEqual("/account/password", response.Headers.Location!.ToString(), path);
        }
        var form = await Browserless.GetDocumentAsync(client, "/account/password");
        Assert.IsNotNull(form.QuerySelector("[data-forced]"));
        Assert.AreEqual(0, form.QuerySelectorAll("nav a[href='/']:not(.navbar-brand)").Length, "no way around the form");

        var changed = await PostFormAsync(client, "/account/password", "/account/change-password",
            new() { ["current"] = temporary, ["new"] = "blue tent by the lake", ["confirm"] = "blue tent by the lake" });

        Assert.AreEqual("/", changed.Headers.Location!.ToString());
        Assert.AreEqual(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    [TestMethod]
    public async Task ChangePassword_TooShort_RuleShownAndStillForced()
    {
        using var factory = new DeskFactory();
        var client = Browserless.Client(factory);
        var temporary = await ResetAsync(factory, "agent");
        await Browserless.SignInAsync(client, "agent", temporary);

        var refused = await PostFormAsync(client, "/account/password", "/account/change-password",
            new() { ["current"] = temporary, ["new"] = "short", ["confirm"] = "short" });
        var page = await Browserless.GetDocumentAsync(client, refused.Headers.Location!.ToString());

        StringAssert.Contains(page.QuerySelector("[data-problem]")!.TextContent, "at least 12 characters");
        Assert.AreEqual(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [TestMethod]
    public async Task PasswordPage_CraftedProblemText_NotShown()
    {
        using var factory = new DeskFactory();
        var client = Browserless.Client(factory);
        await Browserless.SignInAsync(client, "agent", "demo-desk");

        var page = await Browserless.GetDocumentAsync(client, "/account/password?problem=Call%20555-0100%20now");

        Assert.IsNull(page.QuerySelector("[data-problem]"));
        Assert.IsNull(page.QuerySelector("[data-forced]"));
    }

    [TestMethod]
    public async Task SignOutEverywhere_OtherBrowserSignedOut()
    {
        using var factory = new DeskFactory();
        var here = Browserless.Client(factory);
        var there = Browserless.Client(factory);
        await Browserless.SignInAsync(here, "lead", "demo-desk");
        await Browserless.SignInAsync(there, "lead", "demo-desk");

        var response = await PostFormAsync(here, "/account/password", "/account/signout-everywhere", []);

        Assert.AreEqual("/signin?info=everywhere", response.Headers.Location!.ToString());
        var other = await there.GetAsync("/");
        Assert.AreEqual(HttpStatusCode.Redirect, other.StatusCode);
        StringAssert.StartsWith(other.Headers.Location!.PathAndQuery, "/signin");
    }

    [TestMethod]
    public async Task UserMenu_SignedIn_OffersChangePasswordAndSignOutEverywhere()
    {
        using var factory = new DeskFactory();
        var client = Browserless.Client(factory);
        await Browserless.SignInAsync(client, "agent", "demo-desk");

        var page = await Browserless.GetDocumentAsync(client, "/");

        var menu = page.QuerySelector(".user-menu") ?? throw new AssertFailedException("no user menu");
        Assert.IsNotNull(menu.QuerySelector("a[href='/account/password']"));
        Assert.IsNotNull(menu.QuerySelector("form[action='/account/signout-everywhere'] button"));
        Assert.IsNull(page.QuerySelector("nav a[href='/admin/staff']"), "agents are not offered the staff page");
        Assert.IsNull(page.QuerySelector("nav a[href='/outbox']"));
    }

    [TestMethod]
    [DataRow("agent", "/admin/staff")]
    [DataRow("lead", "/admin/staff")]
    [DataRow("trainer", "/outbox")]
    [DataRow("agent", "/outbox")]
    public async Task RolePage_WrongRole_DeniedWith403(string user, string path)
    {
        using var factory = new DeskFactory();
        var client = Browserless.Client(factory);
        await Browserless.SignInAsync(client, user, "demo-desk");

        var response = await client.GetAsync(path);

        Assert.AreEqual(HttpStatusCode.Redirect, response.StatusCode);
        Assert.AreEqual("/denied", response.Headers.Location!.AbsolutePath);
        Assert.AreEqual(HttpStatusCode.Forbidden, (await client.GetAsync(response.Headers.Location)).StatusCode);
    }
}
