using System.Text;
using Helpdesk.Core.Outbox;
using Helpdesk.Core.Tests.Support;
using Helpdesk.Mail.Transport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Helpdesk.Core.Tests.Outbox;

[TestClass]
public sealed class OutboxControlTests
{
    private sealed class CountingSubmitter : IMailSubmitter, IMailSubmitterFactory
    {
        public Exception? Failure { get; set; }
        private int _sent;
        public int Sent => _sent;
        public IMailSubmitter Create() => this;

        public Task SendAsync(SubmissionEnvelope envelope, ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default)
        {
            if (Failure is not null) throw Failure;
            Interlocked.Increment(ref _sent); // the dispatcher sends on several connections at once
            return Task.CompletedTask;
        }
    }

    private static Task<TestDatabase> DeskAsync() =>
        TestDatabase.CreateAsync(new Dictionary<string, string?> { ["Helpdesk:Outbox:Host"] = "smtp.example.test", ["Helpdesk:Outbox:MaxPerSecond"] = "100" });

    private static OutboxControl NewControl(TestDatabase desk) => new(desk.Factory, desk.Get<OutboxOptions>(), desk.Clock);

    private static OutboxDispatcher NewDispatcher(TestDatabase desk, OutboxControl control, CountingSubmitter smtp) =>
        new(desk.Factory, smtp, desk.Get<OutboxOptions>(), control, desk.Clock, NullLogger<OutboxDispatcher>.Instance);

    internal static async Task<long> QueueAsync(TestDatabase desk, int n = 1)
    {
        await using var db = await desk.Factory.CreateDbContextAsync();
        var item = new OutboxItem(OutboxKind.Reply, 100 + n, null, $"r{n}-{Guid.NewGuid():N}@meridian.example", "passwordchange@meridian.example",
            $"c{n}@example.com", "Re: help", desk.Clock.GetUtcNow());
        item.SetMime(Encoding.UTF8.GetBytes($"Subject: Re: help\r\n\r\nHello {n}\r\n"));
        db.Outbox.Add(item);
        await db.SaveChangesAsync();
        return item.Id;
    }

    [TestMethod]
    public async Task Pause_ThenANewInstance_NewControlAndDispatcherStayPaused()
    {
        await using var desk = await DeskAsync();
        await QueueAsync(desk);
        await NewControl(desk).PauseAsync("Provider asked us to slow down", "lead", 7);

        var restarted = NewControl(desk);
        var smtp = new CountingSubmitter();
        var handled = await NewDispatcher(desk, restarted, smtp).DispatchOnceAsync(default);

        Assert.AreEqual(0, handled);
        Assert.AreEqual(0, smtp.Sent);
        var state = await restarted.GetStateAsync();
        Assert.IsTrue(state.IsPaused);
        Assert.AreEqual("lead", state.ChangedBy);
        Assert.AreEqual(TestDatabase.Start, state.ChangedAt);
        Assert.AreEqual("Provider asked us to slow down", state.Reason);
    }

    [TestMethod]
    public async Task Resume_ByAnotherInstance_SeenAfterTheCheckInterval()
    {
        await using var desk = await DeskAsync();
        var here = NewControl(desk);
        var there = NewControl(desk);
        await here.PauseAsync("maintenance", "lead", null);
        Assert.IsTrue(await there.IsPausedAsync());

        await here.ResumeAsync("ada", null);

        Assert.IsTrue(await there.IsPausedAsync(), "within the check interval the other instance trusts its copy");
        desk.Clock.Advance(desk.Get<OutboxOptions>().PauseCheckInterval);
        Assert.IsFalse(await there.IsPausedAsync());
    }

    [TestMethod]
    public async Task PauseAndResume_Audited()
    {
        await using var desk = await DeskAsync();
        var control = NewControl(desk);

        await control.PauseAsync("maintenance", "lee", 2);
        await control.ResumeAsync("lee", 2);

        await using var db = await desk.Factory.CreateDbContextAsync();
        CollectionAssert.AreEqual(new[] { "outbox.pause", "outbox.resume" }, await db.AuditEvents.OrderBy(a => a.Id).Select(a => a.Action).ToArrayAsync());
    }

    [TestMethod]
    public async Task LoginRefused_PauseWithTheServersWordsSurvivesARestart()
    {
        await using var desk = await DeskAsync();
        await QueueAsync(desk);
        var smtp = new CountingSubmitter { Failure = new SmtpAuthenticationException("bad login", new SmtpReply(535, "5.7.8", "Authentication failed")) };
        await NewDispatcher(desk, NewControl(desk), smtp).DispatchOnceAsync(default);

        var state = await NewControl(desk).GetStateAsync();

        Assert.IsTrue(state.IsPaused);
        Assert.AreEqual("system", state.ChangedBy);
        StringAssert.Contains(state.Reason, "535");
    }

    [TestMethod]
    public async Task StartPaused_FirstCheck_PausesTheSharedState()
    {
        await using var desk = await TestDatabase.CreateAsync(new Dictionary<string, string?> { ["Helpdesk:Outbox:StartPaused"] = "true" });

        Assert.IsTrue(await NewControl(desk).IsPausedAsync());
        await using var db = await desk.Factory.CreateDbContextAsync();
        Assert.IsTrue((await db.OutboxPause.SingleAsync()).IsPaused);
    }
}
