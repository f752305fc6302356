using System.Text;
using Helpdesk.Core.Customers;
using Helpdesk.Core.Outbox;
using Helpdesk.Core.Tests.Support;
using Helpdesk.Mail.Transport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Helpdesk.Core.Tests.Outbox;

[TestClass]
public sealed class OutboxDispatcherTests
{
    /// <summary>A submission server whose answers the test scripts; records what was accepted.</summary>
    private sealed class ScriptedSubmitter : IMailSubmitter, IMailSubmitterFactory
    {
        public Queue<Exception?> Script { get; } = new();
        public List<(SubmissionEnvelope Envelope, string Message)> Accepted { get; } = [];
        public int Created { get; private set; }

        public IMailSubmitter Create() { lock (Accepted) Created++; return this; }

        public Task SendAsync(SubmissionEnvelope envelope, ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default)
        {
            lock (Accepted) // the dispatcher sends on several connections at once
            {
                if (Script.TryDequeue(out var failure) && failure is not null) throw failure;
                Accepted.Add((envelope, Encoding.UTF8.GetString(message.Span)));
            }
            return Task.CompletedTask;
        }
    }

    private static async Task<(TestDatabase Desk, ScriptedSubmitter Smtp, OutboxDispatcher Dispatcher)> CreateAsync(
        Dictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?> { ["Helpdesk:Outbox:Host"] = "smtp.example.test", ["Helpdesk:Outbox:MaxPerSecond"] = "100" };
        foreach (var (k, v) in settings ?? []) all[k] = v;
        var desk = await TestDatabase.CreateAsync(all);
        var smtp = new ScriptedSubmitter();
        var options = desk.Get<OutboxOptions>();
        var dispatcher = new OutboxDispatcher(desk.Factory, smtp, options, desk.Get<OutboxControl>(), desk.Clock,
            desk.Services.GetRequiredService<Microsoft.Extensions.Logging.ILogger<OutboxDispatcher>>());
        return (desk, smtp, dispatcher);
    }

    private static async Task<long> QueueAsync(TestDatabase desk, string to = "jane@example.com", DateTimeOffset? holdUntil = null, int n = 1)
    {
        await using var db = await desk.Factory.CreateDbContextAsync();
        var item = new OutboxItem(OutboxKind.Reply, 10 + n, null, $"reply-{n}-{Guid.NewGuid():N}@meridian.example", "passwordchange@meridian.example",
            to, "Re: help [#11]", desk.Clock.GetUtcNow(), holdUntil);
        item.SetMime(Encoding.UTF8.GetBytes($"Message-ID: <{item.MessageIdHeader}>\r\nSubject: Re: help\r\n\r\nHello {n}\r\n"));
        db.Outbox.Add(item);
        await db.SaveChangesAsync();
        return item.Id;
    }

    private static async Task<OutboxItem> ItemAsync(TestDatabase desk, long id)
    {
        await using var db = await desk.Factory.CreateDbContextAsync();
        return await db.Outbox.SingleAsync(o => o.Id == id);
    }

    [TestMethod]
    public async Task DispatchOnce_QueuedReply_SentOnceWithItsOwnBytesAndEnvelope()
    {
        var (desk, smtp, dispatcher) = await CreateAsync();
        await using var _ = desk;
        var id = await QueueAsync(desk);

        Assert.AreEqual(1, await dispatcher.DispatchOnceAsync(default));
        Assert.AreEqual(0, await dispatcher.DispatchOnceAsync(default), "a sent reply is not sent again");

        Assert.AreEqual(1, smtp.Accepted.Count);
        Assert.AreEqual("passwordchange@meridian.example", smtp.Accepted[0].Envelope.From);
        CollectionAssert.AreEqual(new[] { "jane@example.com" }, smtp.Accepted[0].Envelope.Recipients.ToArray());
        var item = await ItemAsync(desk, id);
        Assert.AreEqual(OutboxState.Sent, item.State);
        StringAssert.Contains(smtp.Accepted[0].Message, item.MessageIdHeader);
    }

    [TestMethod]
    public async Task DispatchOnce_ServerSays451_RetriedLaterWithBackoffThenSent()
    {
        var (desk, smtp, dispatcher) = await CreateAsync();
        await using var _ = desk;
        var id = await QueueAsync(desk);
        smtp.Script.Enqueue(new SmtpTransientException("try later", new SmtpReply(451, "4.3.0", "try later")));

        await dispatcher.DispatchOnceAsync(default);
        var waiting = await ItemAsync(desk, id);
        Assert.AreEqual(OutboxState.Queued, waiting.State);
        Assert.AreEqual(1, waiting.Attempts);
        StringAssert.Contains(waiting.LastError, "451");
        var delay = waiting.NextAttemptAt - desk.Clock.GetUtcNow();
        Assert.IsTrue(delay >= TimeSpan.FromSeconds(24) && delay <= TimeSpan.FromSeconds(36), $"first retry after about 30 s; got {delay}");

        Assert.AreEqual(0, await dispatcher.DispatchOnceAsync(default), "not due yet");
        desk.Clock.Advance(TimeSpan.FromSeconds(40));
        Assert.AreEqual(1, await dispatcher.DispatchOnceAsync(default));

        Assert.AreEqual(OutboxState.Sent, (await ItemAsync(desk, id)).State);
        Assert.AreEqual(1, smtp.Accepted.Count);
    }

    [TestMethod]
    public async Task DispatchOnce_ServerSays550_FailedWithTheServersWordsAndRetryQueuesIt()
    {
        var (desk, smtp, dispatcher) = await CreateAsync();
        await using var _ = desk;
        var id = await QueueAsync(desk);
        smtp.Script.Enqueue(new SmtpPermanentException("no such user", new SmtpReply(550, "5.1.1", "User unknown")));

        await dispatcher.DispatchOnceAsync(default);

        var failed = await ItemAsync(desk, id);
        Assert.AreEqual(OutboxState.Failed, failed.State);
        Assert.AreEqual("550 5.1.1 User unknown", failed.LastError);
        await using (var db = await desk.Factory.CreateDbContextAsync())
        {
            (await db.Outbox.SingleAsync(o => o.Id == id)).Retry(desk.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        }
        await dispatcher.DispatchOnceAsync(default);
        Assert.AreEqual(OutboxState.Sent, (await ItemAsync(desk, id)).State);
    }

    [TestMethod]
    public async Task DispatchOnce_LoginRefused_PausesAndKeepsTheReplyQueued()
    {
        var (desk, smtp, dispatcher) = await CreateAsync();
        await using var _ = desk;
        var id = await QueueAsync(desk);
        smtp.Script.Enqueue(new SmtpAuthenticationException("bad login", new SmtpReply(535, "5.7.8", "Authentication failed")));

        await dispatcher.DispatchOnceAsync(default);

        var control = desk.Get<OutboxControl>();
        Assert.IsTrue(control.IsPaused);
        StringAssert.Contains(control.PausedBecause, "535");
        var item = await ItemAsync(desk, id);
        Assert.AreEqual(OutboxState.Queued, item.State, "the reply is not at fault");
        Assert.AreEqual(0, await dispatcher.DispatchOnceAsync(default), "paused: nothing is sent");

        await control.ResumeAsync("lead", null);
        Assert.AreEqual(1, await dispatcher.DispatchOnceAsync(default));
        Assert.AreEqual(OutboxState.Sent, (await ItemAsync(desk, id)).State);
    }

    [TestMethod]
    public async Task DispatchOnce_TransientEveryTime_FailedAfterMaxAttempts()
    {
        var (desk, smtp, dispatcher) = await CreateAsync(new() { ["Helpdesk:Outbox:MaxAttempts"] = "3" });
        await using var _ = desk;
        var id = await QueueAsync(desk);
        for (var i = 0; i < 5; i++) smtp.Script.Enqueue(new SmtpTransientException("connection reset"));

        for (var i = 0; i < 3; i++)
        {
            await dispatcher.DispatchOnceAsync(default);
            desk.Clock.Advance(TimeSpan.FromHours(5));
        }

        var item = await ItemAsync(desk, id);
        Assert.AreEqual(OutboxState.Failed, item.State);
        StringAssert.Contains(item.LastError, "Gave up after 3 attempts");
        Assert.IsTrue(smtp.Created >= 2, "a lost connection is replaced, not reused");
    }

    [TestMethod]
    public async Task Retry_AfterGivingUp_GetsAFreshSeriesOfAttempts()
    {
        var (desk, smtp, dispatcher) = await CreateAsync(new() { ["Helpdesk:Outbox:MaxAttempts"] = "3" });
        await using var _ = desk;
        var id = await QueueAsync(desk);
        for (var i = 0; i < 4; i++) smtp.Script.Enqueue(new SmtpTransientException("connection reset"));
        for (var i = 0; i < 3; i++)
        {
            await dispatcher.DispatchOnceAsync(default);
            desk.Clock.Advance(TimeSpan.FromHours(5));
        }
        Assert.AreEqual(OutboxState.Failed, (await ItemAsync(desk, id)).State);

        await desk.Get<OutboxBoard>().RetryAsync(id, 2, "lee");
        await dispatcher.DispatchOnceAsync(default); // the 4th scripted failure: one of the new series, not the last
        desk.Clock.Advance(TimeSpan.FromHours(5));
        var afterOne = await ItemAsync(desk, id);
        await dispatcher.DispatchOnceAsync(default); // the server works again

        Assert.AreEqual(OutboxState.Queued, afterOne.State, "one temporary failure after a retry is not the end");
        Assert.AreEqual(OutboxState.Sent, (await ItemAsync(desk, id)).State);
        Assert.AreEqual(1, smtp.Accepted.Count);
    }

    [TestMethod]
    public async Task DispatchOnce_HeldInUndoWindow_NotSentUntilTheHoldPasses()
    {
        var (desk, smtp, dispatcher) = await CreateAsync();
        await using var _ = desk;
        await QueueAsync(desk, holdUntil: desk.Clock.GetUtcNow().AddSeconds(60));

        Assert.AreEqual(0, await dispatcher.DispatchOnceAsync(default));
        desk.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.AreEqual(1, await dispatcher.DispatchOnceAsync(default));
        Assert.AreEqual(1, smtp.Accepted.Count);
    }

    [TestMethod]
    public async Task DispatchOnce_UndeliverableAddress_SuppressedNotSent()
    {
        var (desk, smtp, dispatcher) = await CreateAsync();
        await using var _ = desk;
        await using (var db = await desk.Factory.CreateDbContextAsync())
        {
            var c = new Customer("gone@example.com", null, desk.Clock.GetUtcNow());
            c.MarkUndeliverable("550 5.1.1 mailbox unavailable", desk.Clock.GetUtcNow());
            db.Customers.Add(c);
            await db.SaveChangesAsync();
        }
        var id = await QueueAsync(desk, to: "gone@example.com");

        await dispatcher.DispatchOnceAsync(default);

        Assert.AreEqual(0, smtp.Accepted.Count);
        var item = await ItemAsync(desk, id);
        Assert.AreEqual(OutboxState.Suppressed, item.State);
        StringAssert.Contains(item.LastError, "undeliverable");
    }

    [TestMethod]
    public async Task DispatchOnce_RateLimit_NoMoreThanTheLimitPerSecond()
    {
        var (desk, smtp, dispatcher) = await CreateAsync(new() { ["Helpdesk:Outbox:MaxPerSecond"] = "5" });
        await using var _ = desk;
        for (var i = 0; i < 20; i++) await QueueAsync(desk, n: i);

        var first = await dispatcher.DispatchOnceAsync(default);
        var immediately = await dispatcher.DispatchOnceAsync(default);
        desk.Clock.Advance(TimeSpan.FromSeconds(1));
        var nextSecond = await dispatcher.DispatchOnceAsync(default);

        Assert.AreEqual(5, first);
        Assert.AreEqual(0, immediately);
        Assert.AreEqual(5, nextSecond);
    }

    [TestMethod]
    public async Task LeaseDue_TwoDispatchersOneQueue_EachReplySentOnce()
    {
        var (desk, smtp, dispatcher) = await CreateAsync();
        await using var _ = desk;
        for (var i = 0; i < 30; i++) await QueueAsync(desk, n: i);
        var second = new OutboxDispatcher(desk.Factory, smtp, desk.Get<OutboxOptions>(), new OutboxControl(desk.Factory, desk.Get<OutboxOptions>(), desk.Clock), desk.Clock,
            desk.Services.GetRequiredService<Microsoft.Extensions.Logging.ILogger<OutboxDispatcher>>());

        await Task.WhenAll(dispatcher.DispatchOnceAsync(default), second.DispatchOnceAsync(default));
        await Task.WhenAll(dispatcher.DispatchOnceAsync(default), second.DispatchOnceAsync(default));

        var ids = smtp.Accepted.Select(a => a.Message.Split('\n')[0]).ToList();
        Assert.AreEqual(30, ids.Count, "every reply was sent");
        Assert.AreEqual(30, ids.Distinct().Count(), "no reply was sent twice");
    }

    [TestMethod]
    public async Task DispatchOnce_QueuedReply_EnvelopeIdNamesTheOutboxItem()
    {
        var (desk, smtp, dispatcher) = await CreateAsync();
        await using var _ = desk;
        var id = await QueueAsync(desk);

        await dispatcher.DispatchOnceAsync(default);

        Assert.AreEqual($"outbox-{id}", smtp.Accepted.Single().Envelope.EnvelopeId, "a DSN that comes back names the item");
        Assert.AreEqual(id, OutboxDispatcher.OutboxIdOf(smtp.Accepted.Single().Envelope.EnvelopeId));
        Assert.IsNull(OutboxDispatcher.OutboxIdOf("someone-elses-envid"));
    }

    /// <summary>Hands out a new connection per Create and records how many were sending at the same moment.</summary>
    private sealed class SlowServer : IMailSubmitterFactory
    {
        private int _busy;
        public int MostAtOnce;
        public int Connections;
        public System.Collections.Concurrent.ConcurrentBag<string> Accepted { get; } = [];

        public IMailSubmitter Create()
        {
            Interlocked.Increment(ref Connections);
            return new Connection(this);
        }

        private sealed class Connection(SlowServer server) : IMailSubmitter
        {
            public async Task SendAsync(SubmissionEnvelope envelope, ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default)
            {
                var now = Interlocked.Increment(ref server._busy);
                InterlockedMax(ref server.MostAtOnce, now);
                await Task.Delay(5, cancellationToken);
                server.Accepted.Add(Encoding.UTF8.GetString(message.Span).Split('\n')[0]);
                Interlocked.Decrement(ref server._busy);
            }
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int seen;
            while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
        }
    }

    [TestMethod]
    public async Task DispatchOnce_FortyRepliesDue_SentOnFourConnectionsAtOnceEachOnceAndAllMarked()
    {
        var desk = await TestDatabase.CreateAsync(new Dictionary<string, string?> { ["Helpdesk:Outbox:Host"] = "smtp.example.test", ["Helpdesk:Outbox:MaxPerSecond"] = "100" });
        await using var _ = desk;
        var server = new SlowServer();
        await using var dispatcher = new OutboxDispatcher(desk.Factory, server, desk.Get<OutboxOptions>(), desk.Get<OutboxControl>(), desk.Clock,
            desk.Services.GetRequiredService<Microsoft.Extensions.Logging.ILogger<OutboxDispatcher>>());
        for (var i = 0; i < 40; i++) await QueueAsync(desk, n: i);

        Assert.AreEqual(40, await dispatcher.DispatchOnceAsync(default));

        Assert.AreEqual(4, server.Connections, "one connection per 10 replies, up to Connections (default 4)");
        Assert.IsTrue(server.MostAtOnce > 1, $"the connections send at the same time (most at once: {server.MostAtOnce})");
        Assert.AreEqual(40, server.Accepted.Distinct().Count());
        Assert.AreEqual(40, server.Accepted.Count, "none twice");
        await using var db = await desk.Factory.CreateDbContextAsync();
        Assert.AreEqual(40, await db.Outbox.CountAsync(o => o.State == OutboxState.Sent && o.LeasedUntil == null));
    }

    [TestMethod]
    public async Task DispatchOnce_OneReplyThrowsSomethingUnexpected_RestOfThePassSentAndMarkedThatOneRetried()
    {
        var (desk, smtp, dispatcher) = await CreateAsync(new() { ["Helpdesk:Outbox:Connections"] = "1" });
        await using var _ = desk;
        var odd = await QueueAsync(desk, n: 1);
        var fine = await QueueAsync(desk, n: 2);
        smtp.Script.Enqueue(new InvalidOperationException("the library choked on this one"));

        Assert.AreEqual(2, await dispatcher.DispatchOnceAsync(default));

        var failed = await ItemAsync(desk, odd);
        Assert.AreEqual(OutboxState.Queued, failed.State, "kept for a retry, not lost");
        Assert.AreEqual(1, failed.Attempts);
        StringAssert.Contains(failed.LastError, "the library choked on this one");
        Assert.AreEqual(OutboxState.Sent, (await ItemAsync(desk, fine)).State, "the pass's other outcomes are committed");
        Assert.AreEqual(1, smtp.Accepted.Count);
    }
}
