using System.Net;
using AngleSharp.Html.Dom;
using Helpdesk.Core.Data;
using Helpdesk.Demo;
using Helpdesk.Core.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Helpdesk.Web.Tests;

/// <summary>Two-factor sign-in with an authenticator app, through the desk's own forms (the test is the phone).</summary>
[TestClass]
public sealed class TwoFactorTests
{
    private const string Enrol = "/account/two-factor";

    private static async Task<long> IdOfAsync(DeskFactory factory, string userName)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<HelpdeskDbContext>>().CreateDbContextAsync();
        return await db.Staff.Where(s => s.UserName == userName).Select(s => s.Id).SingleAsync();
    }

    private static async Task<StaffUser> UserAsync(DeskFactory factory, string userName)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<HelpdeskDbContext>>().CreateDbContextAsync();
        return await db.Staff.AsNoTracking().SingleAsync(s => s.UserName == userName);
    }

    /// <summary>The demo lead, as if an Admin had reset their two-factor sign-in: enrolled no more.</summary>
    private static async Task ResetLeadAsync(DeskFactory factory) =>
        await factory.Services.GetRequiredService<StaffDirectory>().ResetTwoFactorAsync(await IdOfAsync(factory, "admin"), await IdOfAsync(factory, "lead"));

    /// <summary>Signs in the lead (password only: not enrolled), opens enrolment, and confirms it with the app's code.</summary>
    private static async Task<(string Key, IReadOnlyList<string> RecoveryCodes)> EnrolLeadAsync(DeskFactory factory, HttpClient client)
    {
        await ResetLeadAsync(factory);
        var first = await Browserless.PasswordStepAsync(client, "lead", DemoPassword(factory));
        Assert.AreEqual("/", first.Headers.Location!.ToString(), "not enrolled: the password alone signs in, into enrolment");
        var page = await Browserless.GetDocumentAsync(client, Enrol);
        var key = page.QuerySelector("[data-key]")?.GetAttribute("data-key") ?? throw new AssertFailedException("no manual key on the enrolment page");
        Assert.IsNotNull(page.QuerySelector(".qr-code svg"), "the QR code is drawn");
        var done = await PostEnrolmentAsync(client, page, AuthenticatorApp.CodeNow(key));
        var codes = done.QuerySelectorAll(".recovery-codes li").Select(li => li.TextContent.Trim()).ToList();
        Assert.AreEqual(StaffTwoFactor.RecoveryCodeCount, codes.Count, done.QuerySelector(".card-body")?.TextContent);
        return (key, codes);
    }

    private static async Task<IHtmlDocument> PostEnrolmentAsync(HttpClient client, IHtmlDocument page, string code)
    {
        var form = page.QuerySelector("form.enrol-form") ?? throw new AssertFailedException("no enrolment form");
        var fields = form.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        fields["Code"] = code;
        var response = await client.PostAsync(Enrol, new FormUrlEncodedContent(fields));
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync());
        return new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }

    private static string DemoPassword(DeskFactory factory) => factory.Services.GetRequiredService<DemoDataSeeder>().DemoPassword;

    [TestMethod]
    public async Task Lead_WithoutTwoFactor_IsSentToEnrolmentBeforeAnyPage()
    {
        using var factory = new DeskFactory();
        await ResetLeadAsync(factory);
        var client = Browserless.Client(factory);
        await Browserless.PasswordStepAsync(client, "lead", DemoPassword(factory));

        foreach (var path in new[] { "/", "/lead", "/outbox", "/anything" })
        {
            var response = await client.GetAsync(path);
            Assert.AreEqual(HttpStatusCode.Redirect, response.StatusCode, path);
            Assert.AreEqual(Enrol, response.Headers.Location!.ToString(), path);
        }
        var page = await Browserless.GetDocumentAsync(client, Enrol);
        Assert.IsNotNull(page.QuerySelector("[data-forced]"));
    }

    [TestMethod]
    public async Task Agent_WithoutTwoFactor_IsNotSentToEnrolment()
    {
        using var factory = new DeskFactory();
        var client = Browserless.Client(factory);
        await Browserless.PasswordStepAsync(client, "agent", DemoPassword(factory));

        Assert.AreEqual(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    [TestMethod]
    public async Task RequireForEveryone_AgentIsSentToEnrolment()
    {
        using var factory = new DeskFactory(new Dictionary<string, string?> { ["Helpdesk:TwoFactor:RequireForEveryone"] = "true" });
        var client = Browserless.Client(factory);
        await Browserless.PasswordStepAsync(client, "agent", DemoPassword(factory));

        var response = await client.GetAsync("/");

        Assert.AreEqual(Enrol, response.Headers.Location?.ToString());
    }

    [TestMethod]
    public async Task Enrolment_CodeFromTheSharedKey_TurnsItOnAndTheNextSignInAsksForACode()
    {
        using var factory = new DeskFactory();
        var client = Browserless.Client(factory);

        var (key, _) = await EnrolLeadAsync(factory, client);

        Assert.AreEqual(HttpStatusCode.OK, (await client.GetAsync("/lead")).StatusCode, "enrolled: the desk opens in this browser");
        Assert.IsTrue((await UserAsync(factory, "lead")).TwoFactorEnabled);
        var next = Browserless.Client(factory);
        var first = await Browserless.PasswordStepAsync(next, "lead", DemoPassword(factory));
        StringAssert.StartsWith(first.Headers.Location!.ToString(), "/signin/code");
        Assert.AreEqual(HttpStatusCode.Redirect, (await next.GetAsync("/")).StatusCode, "the password alone does not sign in");
        var second = await Browserless.CodeStepAsync(next, first.Headers.Location!.ToString(), AuthenticatorApp.CodeNow(key));
        Assert.AreEqual("/", second.Headers.Location!.ToString());
        Assert.AreEqual(HttpStatusCode.OK, (await next.GetAsync("/lead")).StatusCode);
    }

    [TestMethod]
    public async Task Enrolment_WrongCode_StaysOff()
    {
        using var factory = new DeskFactory();
        await ResetLeadAsync(factory);
        var client = Browserless.Client(factory);
        await Browserless.PasswordStepAsync(client, "lead", DemoPassword(factory));
        var page = await Browserless.GetDocumentAsync(client, Enrol);
        var key = page.QuerySelector("[data-key]")!.GetAttribute("data-key")!;

        var after = await PostEnrolmentAsync(client, page, AuthenticatorApp.WrongCode(key));

        Assert.IsNotNull(after.QuerySelector(".alert-danger"));
        Assert.IsFalse((await UserAsync(factory, "lead")).TwoFactorEnabled);
        Assert.AreEqual(Enrol, (await client.GetAsync("/")).Headers.Location?.ToString());
    }

    [TestMethod]
    public async Task SignIn_WrongCode_ErrorShownAndNotSignedIn()
    {
        using var factory = new DeskFactory();
        var client = Browserless.Client(factory);
        var first = await Browserless.PasswordStepAsync(client, "admin", DemoPassword(factory));

        var second = await Browserless.CodeStepAsync(client, first.Headers.Location!.ToString(), AuthenticatorApp.WrongCode(DemoDataSeeder.DemoAuthenticatorKey));

        StringAssert.Contains(second.Headers.Location!.ToString(), "error=code");
        var page = await Browserless.GetDocumentAsync(client, second.Headers.Location!.ToString());
        StringAssert.Contains(page.QuerySelector(".alert-danger")!.TextContent, "not right");
        Assert.AreEqual(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
        Assert.AreEqual(1, (await UserAsync(factory, "admin")).AccessFailedCount);
    }

    [TestMethod]
    public async Task SignIn_RecoveryCode_WorksOnceOnly()
    {
        using var factory = new DeskFactory();
        var (_, codes) = await EnrolLeadAsync(factory, Browserless.Client(factory));

        var client = Browserless.Client(factory);
        var first = await Browserless.PasswordStepAsync(client, "lead", DemoPassword(factory));
        var second = await Browserless.CodeStepAsync(client, first.Headers.Location!.ToString(), codes[3].ToLowerInvariant());
        Assert.AreEqual("/", second.Headers.Location!.ToString());
        Assert.AreEqual(HttpStatusCode.OK, (await client.GetAsync("/lead")).StatusCode);

        var again = Browserless.Client(factory);
        var firstAgain = await Browserless.PasswordStepAsync(again, "lead", DemoPassword(factory));
        var reused = await Browserless.CodeStepAsync(again, firstAgain.Headers.Location!.ToString(), codes[3]);
        StringAssert.Contains(reused.Headers.Location!.ToString(), "error=code");
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<HelpdeskDbContext>>().CreateDbContextAsync();
        Assert.IsTrue(await db.AuditEvents.AnyAsync(a => a.Action == "staff.sign_in_recovery_code"));
    }

    [TestMethod]
    public async Task SignIn_RepeatedWrongCodes_LockOutEvenTheRightCodeAndPassword()
    {
        using var factory = new DeskFactory();
        var client = Browserless.Client(factory);
        var first = await Browserless.PasswordStepAsync(client, "admin", DemoPassword(factory));
        HttpResponseMessage last = first;
        for (var i = 0; i < Account.StaffSignIn.MaxFailedAttempts; i++)
            last = await Browserless.CodeStepAsync(client, first.Headers.Location!.ToString(), AuthenticatorApp.WrongCode(DemoDataSeeder.DemoAuthenticatorKey));

        StringAssert.Contains(last.Headers.Location!.ToString(), "error=locked");
        var retry = await Browserless.SignInAsync(Browserless.Client(factory), "admin", DemoPassword(factory));
        StringAssert.Contains(retry.Headers.Location!.ToString(), "error=locked");
    }

    [TestMethod]
    public async Task AdminReset_RemovesKeyAndCodes_IsAudited_AndTheLeadEnrolsAgain()
    {
        using var factory = new DeskFactory();
        var lead = Browserless.Client(factory);
        await Browserless.SignInAsync(lead, "lead", DemoPassword(factory));
        Assert.AreEqual(HttpStatusCode.OK, (await lead.GetAsync("/lead")).StatusCode);

        await ResetLeadAsync(factory);

        await using (var db = await factory.Services.GetRequiredService<IDbContextFactory<HelpdeskDbContext>>().CreateDbContextAsync())
        {
            var id = await IdOfAsync(factory, "lead");
            Assert.AreEqual(0, await db.UserTokens.CountAsync(t => t.UserId == id), "key and recovery codes are gone");
            var audit = await db.AuditEvents.SingleAsync(a => a.Action == "staff.reset_two_factor");
            Assert.AreEqual("admin", audit.Actor);
            StringAssert.Contains(audit.Details, "lead");
        }
        var again = Browserless.Client(factory);
        var first = await Browserless.PasswordStepAsync(again, "lead", DemoPassword(factory));
        Assert.AreEqual("/", first.Headers.Location!.ToString());
        Assert.AreEqual(Enrol, (await again.GetAsync("/")).Headers.Location?.ToString());
    }
}

/// <summary>Responder accounts that end: after their end date the password no longer signs in.</summary>
[TestClass]
public sealed class AccountEndTests
{
    [TestMethod]
    public async Task SignIn_AfterTheAccountEnded_RefusedWithASentence_BeforeItSignsIn()
    {
        using var factory = new DeskFactory();
        var time = factory.Services.GetRequiredService<TimeProvider>();
        await using (var db = await factory.Services.GetRequiredService<IDbContextFactory<HelpdeskDbContext>>().CreateDbContextAsync())
        {
            var admin = await db.Staff.Where(s => s.UserName == "admin").Select(s => s.Id).SingleAsync();
            var agent = await db.Staff.Where(s => s.UserName == "agent").Select(s => s.Id).SingleAsync();
            var trainer = await db.Staff.Where(s => s.UserName == "trainer").Select(s => s.Id).SingleAsync();
            var staff = factory.Services.GetRequiredService<StaffDirectory>();
            await staff.SetEndsAtAsync(admin, agent, time.GetUtcNow().AddMinutes(-1));
            await staff.SetEndsAtAsync(admin, trainer, time.GetUtcNow().AddDays(3));
        }
        var password = factory.Services.GetRequiredService<DemoDataSeeder>().DemoPassword;

        var ended = await Browserless.SignInAsync(Browserless.Client(factory), "agent", password);
        var notYet = await Browserless.SignInAsync(Browserless.Client(factory), "trainer", password);

        StringAssert.Contains(ended.Headers.Location!.ToString(), "error=ended");
        var page = await Browserless.GetDocumentAsync(Browserless.Client(factory), ended.Headers.Location!.ToString());
        StringAssert.Contains(page.QuerySelector(".alert-warning")!.TextContent, "This account has ended");
        Assert.AreEqual("/", notYet.Headers.Location!.ToString());
        await using var check = await factory.Services.GetRequiredService<IDbContextFactory<HelpdeskDbContext>>().CreateDbContextAsync();
        Assert.AreEqual(2, await check.AuditEvents.CountAsync(a => a.Action == "staff.ends_at"));
    }

    [TestMethod]
    public async Task SignIn_EndedAccountWithAWrongPassword_ToldOnlyThatTheSignInFailed()
    {
        using var factory = new DeskFactory();
        var time = factory.Services.GetRequiredService<TimeProvider>();
        await using (var db = await factory.Services.GetRequiredService<IDbContextFactory<HelpdeskDbContext>>().CreateDbContextAsync())
        {
            var admin = await db.Staff.Where(s => s.UserName == "admin").Select(s => s.Id).SingleAsync();
            var agent = await db.Staff.Where(s => s.UserName == "agent").Select(s => s.Id).SingleAsync();
            await factory.Services.GetRequiredService<StaffDirectory>().SetEndsAtAsync(admin, agent, time.GetUtcNow().AddMinutes(-1));
        }

        var guessed = await Browserless.SignInAsync(Browserless.Client(factory), "agent", "not-the-password-1");

        var location = guessed.Headers.Location!.ToString();
        StringAssert.StartsWith(location, "/signin?error=failed&");
    }
}
