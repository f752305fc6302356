using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Helpdesk.Core.Outbox;
using Helpdesk.Mail.Transport;
using Helpdesk.Web.Metrics;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Helpdesk.Web.Tests;

[TestClass]
public sealed partial class HealthAndMetricsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [TestMethod]
    public async Task Metrics_AfterIntakeAndSend_CountersMoved()
    {
        var dir = Path.Combine(Path.GetTempPath(), "helpdesk-web-tests", "metrics-" + Guid.NewGuid().ToString("N"));
        var drop = Path.Combine(dir, "drop");
        Directory.CreateDirectory(drop);
        var sent = new RecordingSubmitter();
        using var desk = new DeskFactory(new Dictionary<string, string?>
        {
            ["Helpdesk:Intake:DropFolder"] = drop,
            ["Helpdesk:Intake:DropFolderInterval"] = "00:00:00.200",
            ["Helpdesk:Outbox:Host"] = "smtp.example.test", // sending on; the submitter below stands in for the server
        });
        using var factory = desk.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IMailSubmitterFactory>(sent)));
        _ = factory.Server; // starts the desk
        var before = await ScrapeAsync(factory);

        await File.WriteAllTextAsync(Path.Combine(drop, "one.eml"), Email("metrics-" + Guid.NewGuid().ToString("N")[..8]));

        // The acknowledgment of the new ticket is the send.
        var after = await EventuallyAsync(factory, text => Value(text, "helpdesk_outbox_sent_total") > Value(before, "helpdesk_outbox_sent_total"));
        Assert.IsTrue(Value(after, "helpdesk_intake_emails_total") > Value(before, "helpdesk_intake_emails_total"), after);
        Assert.IsTrue(Value(after, "helpdesk_intake_lag_seconds_count") > Value(before, "helpdesk_intake_lag_seconds_count"), after);
        Assert.IsTrue(sent.Count > 0);
        // ASP.NET Core's own meters come along.
        StringAssert.Contains(after, "http_server_request_duration_seconds");
        // And EF Core's (its built-in meter): the queries intake and the outbox ran.
        Assert.IsTrue(Value(after, "microsoft_entityframeworkcore_queries_total") > 0, after);
        try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
    }

    [TestMethod]
    public async Task Metrics_QueueDepthByIntent_Reported()
    {
        using var factory = new DeskFactory();
        _ = factory.Server;

        var text = await EventuallyAsync(factory, t => QueueDepth().Matches(t).Count > 0);

        // The demo desk's 200 emails are waiting, spread over several intents.
        var total = QueueDepth().Matches(text).Sum(m => double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.IsTrue(total > 0, text);
    }

    [TestMethod]
    public async Task Metrics_CallerOutsideAllowedNetworks_NotFound_InsideAllowed_Served()
    {
        using var factory = new DeskFactory(new Dictionary<string, string?> { ["Helpdesk:Metrics:AllowedNetworks:0"] = "10.20.0.0/16" });

        var refused = await GetAsync(factory, MetricsSetup.Path, IPAddress.Parse("192.0.2.7"), forwardedFor: "127.0.0.1");
        var allowed = await GetAsync(factory, MetricsSetup.Path, IPAddress.Parse("10.20.3.4"));
        var local = await GetAsync(factory, MetricsSetup.Path, IPAddress.IPv6Loopback);
        var unknown = await GetAsync(factory, MetricsSetup.Path, null);

        Assert.AreEqual(404, refused.Status, "an X-Forwarded-For header must not open /metrics");
        Assert.AreEqual(200, allowed.Status);
        Assert.AreEqual(200, local.Status);
        Assert.AreEqual(404, unknown.Status);
        StringAssert.Contains(allowed.Body, "# TYPE");
    }

    [TestMethod]
    public void Metrics_AllowedNetworkNotCidr_StartUpStopsNamingTheSetting()
    {
        using var factory = new DeskFactory(new Dictionary<string, string?> { ["Helpdesk:Metrics:AllowedNetworks:0"] = "10.20.0.0/40" });

        var error = Assert.ThrowsExactly<Microsoft.Extensions.Options.OptionsValidationException>(() => _ = factory.Server);

        StringAssert.Contains(error.Message, "Helpdesk:Metrics:AllowedNetworks:0");
    }

    [TestMethod]
    public async Task Healthz_Live_AnswersWithoutChecks()
    {
        using var factory = new DeskFactory();

        var live = await GetAsync(factory, "/healthz", null);

        Assert.AreEqual(200, live.Status);
        Assert.AreEqual("Healthy", JsonDocument.Parse(live.Body).RootElement.GetProperty("status").GetString());
    }

    [TestMethod]
    public async Task Readyz_DatabaseGoneThenBack_UnhealthyThenHealthy()
    {
        var root = Path.Combine(Path.GetTempPath(), "helpdesk-web-tests", "ready-" + Guid.NewGuid().ToString("N"));
        var data = Path.Combine(root, "data");
        Directory.CreateDirectory(data);
        using var factory = new DeskFactory(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Helpdesk"] = $"Data Source={Path.Combine(data, "desk.db")}",
            ["Helpdesk:Outbox:Host"] = "smtp.example.test",
        });
        factory.Services.GetRequiredService<IMailSubmitterFactory>(); // starts the desk

        var ready = await ReadyEventuallyAsync(factory, 200);
        CollectionAssert.IsSubsetOf(new[] { "database", "schema", "intake-worker", "outbox-worker" }, Checks(ready).Keys.ToArray());

        // The database goes away (its disk unmounted): the file is not where the desk expects it.
        var away = Path.Combine(root, "away");
        Directory.Move(data, away);
        SqliteConnection.ClearAllPools();
        var down = await ReadyEventuallyAsync(factory, 503);
        Assert.AreEqual("Unhealthy", Checks(down)["database"]);

        Directory.Move(away, data);
        var back = await ReadyEventuallyAsync(factory, 200);
        Assert.IsTrue(Checks(back).Values.All(s => s == "Healthy"), back);
        try { Directory.Delete(root, recursive: true); } catch (IOException) { }
    }

    private static Dictionary<string, string> Checks(string body) =>
        JsonDocument.Parse(body).RootElement.GetProperty("checks").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString()!);

    private static async Task<string> ReadyEventuallyAsync(WebApplicationFactory<Program> factory, int status)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var r = await GetAsync(factory, "/readyz", null);
            if (r.Status == status) return r.Body;
            if (DateTime.UtcNow > deadline) Assert.Fail($"/readyz stayed {r.Status}, expected {status}: {r.Body}");
            await Task.Delay(200);
        }
    }

    private static Task<string> ScrapeAsync(WebApplicationFactory<Program> factory) =>
        GetAsync(factory, MetricsSetup.Path, IPAddress.Loopback).ContinueWith(t => t.Result.Body, TaskScheduler.Default);

    private static async Task<string> EventuallyAsync(WebApplicationFactory<Program> factory, Func<string, bool> done)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var text = await ScrapeAsync(factory);
            if (done(text)) return text;
            if (DateTime.UtcNow > deadline) Assert.Fail("The metrics never showed the change:\n" + text);
            await Task.Delay(300);
        }
    }

    /// <summary>A request whose connection comes from <paramref name="remote"/> (the test server has none by itself).</summary>
    private static async Task<(int Status, string Body)> GetAsync(WebApplicationFactory<Program> factory, string path, IPAddress? remote, string? forwardedFor = null)
    {
        var context = await factory.Server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Path = path;
            c.Connection.RemoteIpAddress = remote;
            if (forwardedFor is not null) c.Request.Headers["X-Forwarded-For"] = forwardedFor;
        });
        using var reader = new StreamReader(context.Response.Body);
        return (context.Response.StatusCode, await reader.ReadToEndAsync());
    }

    /// <summary>The sum of a metric's samples over all its label sets (0 when absent).</summary>
    private static double Value(string text, string name) =>
        Regex.Matches(text, "^" + Regex.Escape(name) + @"(\{[^}]*\})? ([0-9.eE+-]+)", RegexOptions.Multiline)
            .Sum(m => double.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));

    [GeneratedRegex("^helpdesk_queue_depth\\{[^}]*intent=\"[^\"]+\"[^}]*\\} ([0-9.]+)", RegexOptions.Multiline)]
    private static partial Regex QueueDepth();

    private static string Email(string tag) =>
        "From: Dana Customer <dana." + tag + "@example.net>\r\nTo: support@meridian.example\r\n" +
        "Subject: I cannot reset my password " + tag + "\r\nMessage-ID: <" + tag + "@example.net>\r\nDate: Sun, 06 Dec 2026 10:00:00 +0000\r\n" +
        "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nThe reset link in your email does not work. Please help.\r\n";

    private sealed class RecordingSubmitter : IMailSubmitterFactory, IMailSubmitter
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public IMailSubmitter Create() => this;

        public Task SendAsync(SubmissionEnvelope envelope, ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return Task.CompletedTask;
        }
    }
}
