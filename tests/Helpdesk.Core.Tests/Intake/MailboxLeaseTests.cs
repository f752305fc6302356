using Helpdesk.Core.Data;
using Helpdesk.Core.Intake;
using Helpdesk.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Helpdesk.Core.Tests.Intake;

/// <summary>Two desk instances on one database: each mailbox is taken in by exactly one of them at a time.</summary>
[TestClass]
public sealed class MailboxLeaseTests
{
    private const string Mailbox = "support@example.test/INBOX";

    private static MailboxLeases Instance(TestDatabase desk, string name) =>
        new(desk.Factory, Options.Create(new IntakeOptions { InstanceName = name, MailboxLease = TimeSpan.FromSeconds(20) }), desk.Clock);

    [TestMethod]
    public async Task TryAcquire_HeldByLiveInstance_OtherInstanceRefused()
    {
        await using var desk = await TestDatabase.CreateAsync();
        var a = Instance(desk, "web-a");
        var b = Instance(desk, "web-b");

        Assert.IsTrue(await a.TryAcquireAsync(Mailbox));
        desk.Clock.Advance(TimeSpan.FromSeconds(19));

        Assert.IsFalse(await b.TryAcquireAsync(Mailbox), "the lease has not run out");
        Assert.IsTrue(await a.TryAcquireAsync(Mailbox), "the holder renews");
    }

    [TestMethod]
    public async Task TryAcquire_HolderStoppedRenewing_OtherTakesOverAndOldHolderLosesIt()
    {
        await using var desk = await TestDatabase.CreateAsync();
        var a = Instance(desk, "web-a");
        var b = Instance(desk, "web-b");
        Assert.IsTrue(await a.TryAcquireAsync(Mailbox));

        desk.Clock.Advance(TimeSpan.FromSeconds(20));
        var tookOver = await b.TryAcquireAsync(Mailbox);
        var oldHolderRenews = await a.TryAcquireAsync(Mailbox);

        Assert.IsTrue(tookOver);
        Assert.IsFalse(oldHolderRenews, "a holder that wakes up after a takeover must stop");
        var lease = (await b.ListAsync()).Single();
        Assert.AreEqual("web-b", lease.Holder);
        Assert.AreEqual(desk.Clock.GetUtcNow(), lease.AcquiredAt);
        Assert.AreEqual(desk.Clock.GetUtcNow().AddSeconds(20), lease.ExpiresAt);
    }

    [TestMethod]
    public async Task TryAcquire_Renewal_KeepsFirstAcquiredTime()
    {
        await using var desk = await TestDatabase.CreateAsync();
        var a = Instance(desk, "web-a");
        var first = desk.Clock.GetUtcNow();
        await a.TryAcquireAsync(Mailbox);

        desk.Clock.Advance(TimeSpan.FromSeconds(7));
        await a.TryAcquireAsync(Mailbox);

        var lease = (await a.ListAsync()).Single();
        Assert.AreEqual(first, lease.AcquiredAt);
        Assert.AreEqual(first.AddSeconds(27), lease.ExpiresAt);
    }

    [TestMethod]
    public async Task Release_CleanStop_OtherInstanceTakesOverAtOnce()
    {
        await using var desk = await TestDatabase.CreateAsync();
        var a = Instance(desk, "web-a");
        var b = Instance(desk, "web-b");
        await a.TryAcquireAsync(Mailbox);

        await b.ReleaseAsync(Mailbox); // not the holder: nothing happens
        Assert.IsFalse(await b.TryAcquireAsync(Mailbox));
        await a.ReleaseAsync(Mailbox);

        Assert.IsTrue(await b.TryAcquireAsync(Mailbox));
    }

    [TestMethod]
    public async Task TryAcquire_SameInstanceNameAfterRestart_TakesBackAtOnce()
    {
        await using var desk = await TestDatabase.CreateAsync();
        Assert.IsTrue(await Instance(desk, "web-a").TryAcquireAsync(Mailbox));

        // The process was killed and started again: a new object, the same configured name.
        Assert.IsTrue(await Instance(desk, "web-a").TryAcquireAsync(Mailbox));
    }

    [TestMethod]
    public async Task TryAcquire_ManyInstancesAtOnce_ExactlyOneHolds()
    {
        await using var desk = await TestDatabase.CreateAsync();
        var instances = Enumerable.Range(0, 8).Select(i => Instance(desk, $"web-{i}")).ToList();

        var results = await Task.WhenAll(instances.Select(i => Task.Run(() => i.TryAcquireAsync(Mailbox))));

        Assert.AreEqual(1, results.Count(r => r));
        await using var db = await desk.Factory.CreateDbContextAsync();
        Assert.AreEqual(1, await db.MailboxLeases.CountAsync());
    }
}
