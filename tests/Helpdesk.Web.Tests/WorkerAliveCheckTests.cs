using Helpdesk.Core.Diagnostics;
using Helpdesk.Web.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;

namespace Helpdesk.Web.Tests;

[TestClass]
public sealed class WorkerAliveCheckTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero));

    private async Task<HealthStatus> StatusAsync(WorkerHeartbeat heartbeat, bool enabled = true) =>
        (await new WorkerAliveCheck(heartbeat, () => enabled, TimeSpan.FromSeconds(60), _time).CheckHealthAsync(new HealthCheckContext())).Status;

    [TestMethod]
    public async Task Check_BeatWithinAFewPasses_Healthy_OlderThanThat_Unhealthy()
    {
        var heartbeat = new WorkerHeartbeat("outbox");
        heartbeat.Beat(_time);

        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.AreEqual(HealthStatus.Healthy, await StatusAsync(heartbeat));

        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.AreEqual(HealthStatus.Unhealthy, await StatusAsync(heartbeat));

        heartbeat.Beat(_time);
        Assert.AreEqual(HealthStatus.Healthy, await StatusAsync(heartbeat));
    }

    [TestMethod]
    public async Task Check_NeverBeat_UnhealthyWhileEnabled_HealthyWhenSwitchedOff()
    {
        var heartbeat = new WorkerHeartbeat("intake");

        Assert.AreEqual(HealthStatus.Unhealthy, await StatusAsync(heartbeat));
        Assert.AreEqual(HealthStatus.Healthy, await StatusAsync(heartbeat, enabled: false));
    }
}
