using System.Net;

namespace Helpdesk.Web.Tests;

[TestClass]
public sealed class SignInTests
{
    [TestMethod]
    public async Task SignInPage_DemoMode_ListsEachRolesAccountAndPassword()
    {
        using var factory = new DeskFactory();
        var client = Browserless.Client(factory);

        var page = await Browserless.GetDocumentAsync(client, "/signin");

        var demo = page.QuerySelector(".demo-accounts")?.TextContent ?? throw new AssertFailedException("no demo account box");
        foreach (var account in new[] { "agent", "lead", "trainer", "admin" }) StringAssert.Contains(demo, account);
        StringAssert.Contains(demo, "demo-desk");
    }

    [TestMethod]
    public async Task SignInPage_MailboxConfigured_NoDemoAccountsShown()
    {
        using var factory = new DeskFactory(new Dictionary<string, string?>
        {
            ["Helpdesk:Demo:Mode"] = "Auto",
            ["Helpdesk:Mailboxes:0:Host"] = "imap.example.test",
            // A complete mailbox (intake validates the settings at start); the worker itself stays off in this test.
            ["Helpdesk:Mailboxes:0:User"] = "support@example.test",
            ["Helpdesk:Mailboxes:0:Password"] = "not-used",
            ["Helpdesk:Intake:Enabled"] = "false",
            // Outside demo mode the desk needs its first Admin from configuration.
            ["Helpdesk:Admin:Password"] = "meridian first-week passphrase",
        });
        var client = Browserless.Client(factory);

        var page = await Browserless.GetDocumentAsync(client, "/signin");

        Assert.IsNull(page.QuerySelector(".demo-accounts"));
        var response = await Browserless.SignInAsync(client, "agent", "demo-desk");
        StringAssert.Contains(response.Headers.Location!.ToString(), "error=failed");
    }

    [TestMethod]
    public async Task QueuePage_NotSignedIn_RedirectsToSignIn()
    {
        using var factory = new DeskFactory();
        var client = Browserless.Client(factory);

        var response = await client.GetAsync("/");

        Assert.AreEqual(HttpStatusCode.Redirect, response.StatusCode);
        StringAssert.StartsWith(response.Headers.Location!.PathAndQuery, "/signin");
    }

    [TestMethod]
    public async Task SignIn_DemoAgent_QueuePageShowsWaitingDemoTickets()
    {
        using var factory = new DeskFactory();
        var client = Browserless.Client(factory);

        var response = await Browserless.SignInAsync(client, "agent", "demo-desk");
        Assert.AreEqual(HttpStatusCode.Redirect, response.StatusCode);
        Assert.AreEqual("/", response.Headers.Location!.ToString());
        var queue = await Browserless.GetDocumentAsync(client, "/");

        var rows = queue.QuerySelectorAll("tr[data-ticket]");
        Assert.IsTrue(rows.Length > 10, $"the queue page shows the waiting demo tickets; found {rows.Length} rows");
        var waiting = int.Parse(queue.QuerySelector("[data-count=waiting]")!.TextContent.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture);
        Assert.IsTrue(waiting >= rows.Length);
    }

    [TestMethod]
    public async Task SignIn_WrongPassword_ErrorShownAndNoCookie()
    {
        using var factory = new DeskFactory();
        var client = Browserless.Client(factory);

        var response = await Browserless.SignInAsync(client, "agent", "wrong");
        var page = await Browserless.GetDocumentAsync(client, response.Headers.Location!.ToString());

        StringAssert.Contains(page.QuerySelector(".alert-danger")!.TextContent, "do not match");
        Assert.AreEqual(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [TestMethod]
    public async Task SignIn_FiveFailures_LockedOutEvenWithTheRightPassword()
    {
        using var factory = new DeskFactory();
        var client = Browserless.Client(factory);
        for (var i = 0; i < Account.StaffSignIn.MaxFailedAttempts; i++) await Browserless.SignInAsync(client, "lead", "wrong");

        var response = await Browserless.SignInAsync(client, "lead", "demo-desk");

        StringAssert.Contains(response.Headers.Location!.ToString(), "error=locked");
    }

    [TestMethod]
    public async Task SignIn_ReturnUrlToAnotherSite_GoesHomeInstead()
    {
        using var factory = new DeskFactory();
        var client = Browserless.Client(factory);

        var response = await Browserless.SignInAsync(client, "agent", "demo-desk", returnUrl: "//evil.example/phish");

        Assert.AreEqual("/", response.Headers.Location!.ToString());
    }
}
