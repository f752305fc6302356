using System.Diagnostics;
using Helpdesk.Core.Outbox;
using Microsoft.Extensions.DependencyInjection;

namespace Helpdesk.Web.Tests;

/// <summary>
/// /readyz on a real PostgreSQL: a private server (tests/servers/postgres/postgres.sh) on its own port and directory,
/// stopped mid-test by its postmaster's pid as a crashed or stopped database would be, then started again.
/// The port comes from HELPDESK_TEST_PG_PRIVATE_PORT (default 26432); the server is stopped and removed afterwards.
/// </summary>
public sealed partial class HealthAndMetricsTests
{
    private static readonly string PostgresScript = Path.Combine(DeskFactory.RepositoryRoot, "tests", "servers", "postgres", "postgres.sh");

    private static async Task PostgresAsync(string command, string run, int port)
    {
        var start = new ProcessStartInfo("bash", [PostgresScript, command]) { RedirectStandardError = true, RedirectStandardOutput = true };
        start.Environment["PG_RUN"] = run;
        start.Environment["PG_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.AreEqual(0, process.ExitCode, $"postgres.sh {command}: {await output} {errors}");
    }

    [TestMethod]
    public async Task Readyz_PostgresStoppedByPidThenStarted_UnhealthyThenHealthy()
    {
        var port = int.TryParse(Environment.GetEnvironmentVariable("HELPDESK_TEST_PG_PRIVATE_PORT"), out var p) ? p : 26432;
        var run = Directory.CreateTempSubdirectory("pgc.").FullName;
        try
        {
            await PostgresAsync("start", run, port);
            using var factory = new DeskFactory(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Helpdesk"] = $"Host=127.0.0.1;Port={port};Username=helpdesk;Database=postgres;Timeout=5;Command Timeout=10",
                ["Helpdesk:Database:Provider"] = "Postgres",
            });
            factory.Services.GetRequiredService<IMailSubmitterFactory>(); // starts the desk

            var ready = await ReadyEventuallyAsync(factory, 200);
            CollectionAssert.IsSubsetOf(new[] { "database", "postgresql", "schema" }, Checks(ready).Keys.ToArray());

            var pid = int.Parse(File.ReadLines(Path.Combine(run, "data", "postmaster.pid")).First(), System.Globalization.CultureInfo.InvariantCulture);
            using (var kill = Process.Start("kill", ["-INT", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
            for (var i = 0; i < 100 && File.Exists($"/proc/{pid}/status"); i++) await Task.Delay(100);
            Assert.IsFalse(File.Exists($"/proc/{pid}/status"), "the postmaster stopped");

            var down = await ReadyEventuallyAsync(factory, 503);
            var checks = Checks(down);
            Assert.AreEqual("Unhealthy", checks["database"], down);
            Assert.AreEqual("Unhealthy", checks["postgresql"], down);

            await PostgresAsync("start", run, port);
            var back = await ReadyEventuallyAsync(factory, 200);
            Assert.IsTrue(Checks(back).Values.All(s => s == "Healthy"), back);
        }
        finally
        {
            await PostgresAsync("stop", run, port);
            try { Directory.Delete(run, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
