using System.Net;
using Helpdesk.Web.Startup;
using Microsoft.Extensions.DependencyInjection;

namespace Helpdesk.Web.Tests;

/// <summary>
/// The first start: the desk listens at once and, while it migrates, trains its first intent model and loads the demo
/// desk, answers every page with what it is doing and a refresh, instead of a closed port; then it serves as usual.
/// </summary>
[TestClass]
public sealed class FirstStartTests
{
    [TestMethod]
    public async Task FirstStart_WhilePreparing_PageSaysWhatAndRefreshes_ThenDeskServes()
    {
        var model = Path.Combine(Path.GetTempPath(), "helpdesk-web-tests", "first-start-" + Guid.NewGuid().ToString("N"), "intent.model");
        // No model yet: the demo seed trains one (the slow part of a real first start), on the seed set only.
        using var factory = new DeskFactory(new Dictionary<string, string?>
        {
            ["Helpdesk:Classification:ModelFile"] = model,
            ["Helpdesk:Classification:UseGeneratedTraining"] = "false",
        }, waitUntilPrepared: false);
        var client = Browserless.Client(factory);
        var preparation = factory.Services.GetRequiredService<DeskPreparation>();
        Assert.IsFalse(preparation.IsReady, "the server answers before the desk is prepared");

        using (var page = await client.GetAsync("/"))
        {
            Assert.AreEqual(HttpStatusCode.ServiceUnavailable, page.StatusCode);
            Assert.AreEqual(PreparationGate.RefreshSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
                page.Headers.RetryAfter?.ToString());
            var html = await page.Content.ReadAsStringAsync();
            StringAssert.Contains(html, "The desk is getting ready");
            StringAssert.Contains(html, $"<meta http-equiv=\"refresh\" content=\"{PreparationGate.RefreshSeconds}\">");
            StringAssert.Contains(html, "class=\"preparing-step\"");
            Assert.IsFalse(html.Contains("<script", StringComparison.OrdinalIgnoreCase), "no script: the console's policy forbids inline ones");
            Assert.IsTrue(page.Headers.Contains("Content-Security-Policy"), "the page is under the console's policy");
        }
        using (var signin = await client.GetAsync("/signin"))
            Assert.AreEqual(HttpStatusCode.ServiceUnavailable, signin.StatusCode, "no page can reach the unprepared database");
        using (var live = await client.GetAsync("/healthz"))
            Assert.AreEqual(HttpStatusCode.OK, live.StatusCode, "alive while preparing");
        using (var ready = await client.GetAsync("/readyz"))
        {
            Assert.AreEqual(HttpStatusCode.ServiceUnavailable, ready.StatusCode, "not ready while preparing");
            StringAssert.Contains(await ready.Content.ReadAsStringAsync(), "preparing: ");
        }

        await preparation.Ready.WaitAsync(TimeSpan.FromMinutes(5));
        Assert.IsTrue(File.Exists(model), "the first start trained its model");
        using (var ready = await client.GetAsync("/readyz"))
            StringAssert.Contains(await ready.Content.ReadAsStringAsync(), "prepared in");
        using var served = await client.GetAsync("/signin");
        Assert.AreEqual(HttpStatusCode.OK, served.StatusCode);
        StringAssert.Contains(await served.Content.ReadAsStringAsync(), "demo-accounts");
    }
}
