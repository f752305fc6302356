namespace Helpdesk.Web.Tests;

/// <summary>The Blazor script is .NET 10's own, from the framework's assets package, not a copy kept in the repository.</summary>
[TestClass]
public sealed class BlazorScriptTests
{
    [TestMethod]
    public async Task BlazorWebJs_Served_IsTheNet10ScriptWithCircuitResume()
    {
        using var factory = new DeskFactory();
        using var client = factory.CreateClient();

        var script = await client.GetStringAsync("/_framework/blazor.web.js");

        // resumeCircuit and the reconnect-state event arrived with .NET 10; the .NET 9 script had neither.
        StringAssert.Contains(script, "resumeCircuit");
        StringAssert.Contains(script, "components-reconnect-state-changed");
        Assert.IsFalse(File.Exists(Path.Combine(DeskFactory.RepositoryRoot, "src", "Helpdesk.Web", "wwwroot", "_framework", "blazor.web.js")),
            "no copied script in wwwroot");
    }

    [TestMethod]
    public async Task AppShell_ReconnectBanner_IsTheElementTheFrameworkReportsTo()
    {
        using var factory = new DeskFactory();
        var client = Browserless.Client(factory);

        var page = await Browserless.GetDocumentAsync(client, "/signin");

        // blazor.web.js hands its reconnect states to the element with this id instead of drawing its own overlay.
        Assert.IsNotNull(page.QuerySelector("#components-reconnect-modal .reconnect-text"));
    }
}
