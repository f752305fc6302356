using System.Net;

namespace Helpdesk.Web.Tests;

[TestClass]
public sealed class BulkPageTests
{
    [TestMethod]
    public async Task BulkPage_Lead_ClustersOfDemoDeskAndNavLink()
    {
        using var factory = new DeskFactory();
        var client = Browserless.Client(factory);
        await Browserless.SignInAsync(client, "lead", "demo-desk");

        var page = await Browserless.GetDocumentAsync(client, "/bulk");

        Assert.IsNotNull(page.QuerySelector("a.nav-link[href='/bulk']"));
        var clusters = page.QuerySelectorAll("tr[data-cluster]");
        Assert.IsTrue(clusters.Length > 0, "the demo desk's repeated questions form clusters");
        Assert.IsTrue(clusters.All(c => int.Parse(c.QuerySelector("[data-size]")!.TextContent, System.Globalization.CultureInfo.InvariantCulture) >= 2));
    }

    [TestMethod]
    public async Task BulkPage_Agent_DeniedAndNoNavLink()
    {
        using var factory = new DeskFactory();
        var client = Browserless.Client(factory);
        await Browserless.SignInAsync(client, "agent", "demo-desk");

        var response = await client.GetAsync("/bulk");
        var queue = await Browserless.GetDocumentAsync(client, "/");

        Assert.AreEqual(HttpStatusCode.Redirect, response.StatusCode);
        StringAssert.StartsWith(response.Headers.Location!.PathAndQuery, "/denied");
        Assert.IsNull(queue.QuerySelector("a.nav-link[href='/bulk']"));
    }
    [TestMethod]
    public async Task BulkPage_TrustedAgent_AllowedWithNavLinkOtherAgentsDenied()
    {
        using var factory = new DeskFactory(new Dictionary<string, string?>
        {
            ["Helpdesk:Bulk:AllowTrustedAgents"] = "true", ["Helpdesk:Bulk:TrustedAgents:0"] = "agent",
        });
        var trusted = Browserless.Client(factory);
        await Browserless.SignInAsync(trusted, "agent", "demo-desk");
        var other = Browserless.Client(factory);
        await Browserless.SignInAsync(other, "trainer", "demo-desk");

        var page = await Browserless.GetDocumentAsync(trusted, "/bulk");
        var refused = await other.GetAsync("/bulk");
        var otherQueue = await Browserless.GetDocumentAsync(other, "/");

        Assert.IsNotNull(page.QuerySelector("a.nav-link[href='/bulk']"));
        Assert.IsNotNull(page.QuerySelector("[data-bulk-recent]"), "the trusted agent gets the page itself");
        Assert.AreEqual(HttpStatusCode.Redirect, refused.StatusCode, "an agent not named in TrustedAgents");
        StringAssert.StartsWith(refused.Headers.Location!.PathAndQuery, "/denied");
        Assert.IsNull(otherQueue.QuerySelector("a.nav-link[href='/bulk']"));
    }
}
