using System.Net;
using System.Net.Http.Json;
using Helpdesk.Web.Diagnostics;

namespace Helpdesk.Web.Tests;

[TestClass]
public sealed class DiagnosticsTests
{
    [TestMethod]
    public async Task MemoryEndpoint_NotSignedIn_SentToSignInNoReport()
    {
        using var factory = new DeskFactory();
        var client = Browserless.Client(factory);

        using var response = await client.GetAsync(MemoryEndpoint.Path);

        Assert.AreEqual(HttpStatusCode.Redirect, response.StatusCode);
        StringAssert.StartsWith(response.Headers.Location!.PathAndQuery, "/signin");
    }

    [TestMethod]
    public async Task MemoryEndpoint_SignedInLeadOrAgent_Denied()
    {
        using var factory = new DeskFactory();
        foreach (var user in new[] { "agent", "lead" })
        {
            var client = Browserless.Client(factory);
            await Browserless.SignInAsync(client, user, "demo-desk");

            using var response = await client.GetAsync(MemoryEndpoint.Path);

            Assert.AreEqual(HttpStatusCode.Redirect, response.StatusCode, user);
            StringAssert.StartsWith(response.Headers.Location!.PathAndQuery, "/denied", user);
        }
    }

    [TestMethod]
    public async Task MemoryEndpoint_SignedInAdmin_ReportsTheProcessMemory()
    {
        using var factory = new DeskFactory();
        var client = Browserless.Client(factory);
        await Browserless.SignInAsync(client, "admin", "demo-desk");

        var report = await client.GetFromJsonAsync<MemoryReport>(MemoryEndpoint.Path) ?? throw new AssertFailedException("no report");

        Assert.AreEqual(Environment.ProcessId, report.ProcessId, "the test server runs in this process");
        Assert.IsGreaterThan(0L, report.ManagedHeapBytes);
        Assert.IsGreaterThanOrEqualTo(report.ManagedHeapBytes, report.GcCommittedBytes);
    }
}
