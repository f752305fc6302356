using Helpdesk.Web.Diagnostics;

namespace Helpdesk.Web.Tests;

[TestClass]
public sealed class DiagnosticsTests
{
    [TestMethod]
    public async Task MemoryEndpoint_RequestNotFromLoopback_NotFound()
    {
        using var factory = new DeskFactory();
        using var client = factory.CreateClient();

        // The in-memory test server has no remote address: it stands for any caller that is not the machine itself.
        using var response = await client.GetAsync(MemoryEndpoint.Path);

        Assert.AreEqual(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }
}
