using Helpdesk.Core.Abstractions;
using Helpdesk.Core.Data;
using Helpdesk.Core.Intake;
using Helpdesk.Core.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Helpdesk.Core.Tests.Data;

[TestClass]
public sealed class PostgresPayloadTests
{
    [TestMethod]
    public void Payloads_ManyNumbers_ChunkedUnderLimitAndRoundTrip()
    {
        var numbers = Enumerable.Range(1, 5_000).Select(i => (long)i * 1_000_003).ToArray();

        var payloads = PostgresDeskNotifier.Payloads("abc123", numbers).ToList();

        Assert.IsTrue(payloads.Count > 1, "5,000 numbers do not fit one NOTIFY");
        Assert.IsTrue(payloads.All(p => System.Text.Encoding.UTF8.GetByteCount(p) <= PostgresDeskNotifier.MaxPayloadBytes));
        var back = payloads.Select(p => PostgresDeskNotifier.Parse(p)!.Value).ToList();
        Assert.IsTrue(back.All(b => b.Origin == "abc123"));
        CollectionAssert.AreEqual(numbers, back.SelectMany(b => b.Numbers).ToArray());
    }

    [TestMethod]
    public void Parse_ForeignPayload_Null()
    {
        Assert.IsNull(PostgresDeskNotifier.Parse("hello"));
        Assert.IsNull(PostgresDeskNotifier.Parse("abc:1,x,3"));
        Assert.IsNull(PostgresDeskNotifier.Parse(":1,2"));
    }
}

/// <summary>Live updates between two desk instances on one PostgreSQL. Runs in the PostgreSQL pass of tests/run-all.sh.</summary>
[TestClass]
[TestCategory("Postgres")]
public sealed class PostgresNotificationTests
{
    [TestMethod]
    public async Task TicketsChanged_OnInstanceA_RaisedOnceOnAAndOnceOnB()
    {
        Assert.AreEqual(DatabaseProvider.Postgres, TestDatabase.Provider, "run with HELPDESK_TEST_PROVIDER=Postgres (tests/run-all.sh does)");
        await using var a = await TestDatabase.CreateAsync();
        await using var b = await TestDatabase.CreateSharingAsync(a);
        var listeners = new[] { a, b }.Select(d => d.Get<PostgresNotificationListener>()).ToList();
        foreach (var l in listeners) await l.StartAsync(CancellationToken.None);
        await Task.WhenAll(listeners.Select(l => l.Listening)).WaitAsync(TimeSpan.FromSeconds(20));
        var seenOnA = new List<long>();
        var seenOnB = new TaskCompletionSource<IReadOnlyCollection<long>>(TaskCreationOptions.RunContinuationsAsynchronously);
        a.Get<InProcessDeskNotifier>().Changed += n => { lock (seenOnA) seenOnA.AddRange(n); };
        b.Get<InProcessDeskNotifier>().Changed += n => seenOnB.TrySetResult(n);

        a.Get<IDeskNotifier>().TicketsChanged([41, 42]);

        CollectionAssert.AreEqual(new long[] { 41, 42 }, (await seenOnB.Task.WaitAsync(TimeSpan.FromSeconds(20))).ToArray());
        await Task.Delay(500); // A's own NOTIFY comes back to A's listener too; it must be ignored there
        lock (seenOnA) CollectionAssert.AreEqual(new long[] { 41, 42 }, seenOnA);
        foreach (var l in listeners) await l.StopAsync(CancellationToken.None);
    }
}
