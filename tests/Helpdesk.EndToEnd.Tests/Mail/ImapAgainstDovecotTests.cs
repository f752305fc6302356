using Helpdesk.Mail.Transport.OAuth2;
using System.Diagnostics;
using System.Text;
using Helpdesk.Mail.Transport;
using MailKit;
using MailKit.Net.Imap;
using static Helpdesk.EndToEnd.Tests.MailServersFixture;

namespace Helpdesk.EndToEnd.Tests.Mail;

/// <summary>The intake's IMAP layer (MailKit through Helpdesk.Mail.Transport) against the real Dovecot on 127.0.0.1 (tests/servers/mail).</summary>
[TestClass]
public sealed class ImapAgainstDovecotTests
{
    private static MailServerPin TestPin => MailServerPin.FromPemFile(Servers.CertificatePath);

    private static MailServerEndpoint StartTls(MailServerPin? pin) => new("127.0.0.1", Servers.ImapPort, MailServerSecurity.StartTls, pin) { Timeout = TimeSpan.FromSeconds(20) };

    private static MailServerEndpoint Tls(MailServerPin? pin) => new("127.0.0.1", Servers.ImapsPort, MailServerSecurity.Tls, pin) { Timeout = TimeSpan.FromSeconds(20) };

    private static MailCredentials User(string name) => new(name + "@example.test", name + "-pass");

    [TestMethod]
    public async Task ConnectAndLoginAsync_StartTlsWithPinnedCertificate_EncryptsAndAuthenticates()
    {
        using var client = await ImapConnector.ConnectAndLoginAsync(StartTls(TestPin), User("support"));

        Assert.IsTrue(client.IsSecure);
        Assert.IsTrue(client.IsAuthenticated);
        Assert.IsTrue(client.Capabilities.HasFlag(ImapCapabilities.Move) && client.Capabilities.HasFlag(ImapCapabilities.UidPlus)
            && client.Capabilities.HasFlag(ImapCapabilities.Idle));
        await client.DisconnectAsync(quit: true);
    }

    [TestMethod]
    public async Task OpenAsync_ImplicitTls_SelectsInbox()
    {
        await using var session = await ImapMailboxSession.OpenAsync(Tls(TestPin), User("support"), "INBOX", null);

        Assert.IsTrue(session.Client.IsSecure);
        Assert.AreNotEqual(0u, session.UidValidity);
    }

    [TestMethod]
    public async Task ConnectAsync_SelfSignedCertificateNotPinned_RefusesTheServer()
    {
        Assert.AreNotEqual(Servers.CertificatePath, Environment.GetEnvironmentVariable("SSL_CERT_FILE"),
            "this test needs a trust store without the test certificate");

        var error = await Assert.ThrowsExactlyAsync<System.Security.Authentication.AuthenticationException>(() => ImapConnector.ConnectAsync(Tls(pin: null)));

        StringAssert.Contains(error.Message, "certificate not trusted");
    }

    [TestMethod]
    public async Task ConnectAsync_PinForAnotherCertificate_RefusesTheServer()
    {
        var otherPin = MailServerPin.FromSha256Fingerprint(new string('A', 64));

        var error = await Assert.ThrowsExactlyAsync<System.Security.Authentication.AuthenticationException>(() => ImapConnector.ConnectAsync(StartTls(otherPin)));

        StringAssert.Contains(error.Message, "not the pinned one");
    }

    [TestMethod]
    public async Task AuthenticateAsync_WrongPassword_ThrowsMailLoginExceptionAndConnectionStaysUsable()
    {
        using var client = await ImapConnector.ConnectAsync(StartTls(TestPin));

        var refused = await Assert.ThrowsExactlyAsync<MailLoginException>(() =>
            MailLogin.AuthenticateAsync(client, new MailCredentials("support@example.test", "not-the-password")));
        StringAssert.Contains(refused.Message, "refused the password for support@example.test");

        Assert.IsTrue(client.IsConnected, "a refused login leaves the connection usable");
        await MailLogin.AuthenticateAsync(client, User("support"));
        Assert.IsTrue(client.IsAuthenticated);
    }

    [TestMethod]
    public async Task FetchAsync_600MessagesInBatches_ReturnsExactlyTheDeliveredBytesOnceInUidOrder()
    {
        var random = new Random(20261122);
        var delivered = new Dictionary<string, byte[]>();
        for (var i = 0; i < 600; i++)
        {
            var id = $"bulk-{i}-{Guid.NewGuid():N}@example.test";
            // Mostly short questions, some long ones, one large attachment-sized message.
            var body = i == 300 ? new string('Z', 400_000) : string.Join("\r\n", Enumerable.Range(0, random.Next(1, 200))
                .Select(n => $"Line {n}: I never got the reset email, can you send it again? ü"));
            delivered[id] = Message(id, $"Reset problem {i}", body, "bulk@example.test");
        }
        Servers.WriteToMaildir("bulk@example.test", delivered.Values);
        await using var session = await ImapMailboxSession.OpenAsync(StartTls(TestPin), User("bulk"), "INBOX", null);

        var uids = await session.SearchFromAsync(1);
        var fetched = new List<ImapRawMessage>();
        foreach (var batch in uids.Chunk(64)) fetched.AddRange(await session.FetchAsync(batch));

        var ours = fetched.Where(m => delivered.ContainsKey(MessageId(m))).ToList();
        Assert.AreEqual(600, ours.Count, $"mailbox had {session.Count} messages");
        Assert.AreEqual(fetched.Count, fetched.Select(m => m.Uid).Distinct().Count(), "no message twice");
        CollectionAssert.AreEqual(fetched.Select(m => m.Uid).Order().ToArray(), fetched.Select(m => m.Uid).ToArray(), "oldest first");
        foreach (var message in ours) CollectionAssert.AreEqual(delivered[MessageId(message)], message.Raw);
        var unseen = (await session.SearchUnsettledAsync(uids[^1])).ToHashSet();
        Assert.IsTrue(ours.All(m => unseen.Contains(m.Uid)), "BODY.PEEK[] marks nothing \\Seen");
    }

    [TestMethod]
    public async Task SettleAsync_ProcessedFolder_MovesExactlyThoseAndLeavesTheRest()
    {
        var folder = "Processed-" + Guid.NewGuid().ToString("N")[..8];
        var ids = Enumerable.Range(0, 4).Select(i => $"move-{i}-{Guid.NewGuid():N}@example.test").ToList();
        foreach (var id in ids) Servers.Deliver("support@example.test", Message(id, "Please help", "Locked out."));
        await using var session = await ImapMailboxSession.OpenAsync(StartTls(TestPin), User("support"), "INBOX", folder);
        var inbox = (ImapFolder)session.Client.Inbox;
        var uids = new List<uint>();
        foreach (var id in ids) uids.AddRange((await inbox.SearchAsync(MailKit.Search.SearchQuery.HeaderContains("Message-ID", id))).Select(u => u.Id));
        Assert.HasCount(4, uids);

        await session.SettleAsync(uids.Take(3).ToList());

        var left = new List<string>();
        foreach (var id in ids)
            if ((await inbox.SearchAsync(MailKit.Search.SearchQuery.HeaderContains("Message-ID", id))).Count > 0) left.Add(id);
        CollectionAssert.AreEqual(new[] { ids[3] }, left, "only the settled three left INBOX");
        var processed = await session.Client.GetFolderAsync(folder);
        await processed.OpenAsync(FolderAccess.ReadOnly);
        Assert.AreEqual(3, processed.Count);
    }

    [TestMethod]
    public async Task WaitForNewMailAsync_MessageDelivered_WakesIdleWithinSecondsAndTheNewMessageIsFetched()
    {
        await using var session = await ImapMailboxSession.OpenAsync(StartTls(TestPin), User("idle"), "INBOX", null);
        var before = await session.SearchFromAsync(1);
        var id = $"idle-{Guid.NewGuid():N}@example.test";
        var clock = Stopwatch.StartNew();

        var wait = session.WaitForNewMailAsync(TimeSpan.FromSeconds(30));
        await Task.Delay(300);
        Servers.Deliver("idle@example.test", Message(id, "Still no reset email", "Hello?", "idle@example.test"));
        var arrived = await wait;

        Assert.IsTrue(arrived, $"after {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.IsTrue(clock.Elapsed < TimeSpan.FromSeconds(10), $"IDLE woke only after {clock.Elapsed.TotalSeconds:0.0} s");
        var fresh = await session.FetchAsync(await session.SearchFromAsync(before.Count == 0 ? 1 : before[^1] + 1));
        Assert.IsTrue(fresh.Any(m => MessageId(m) == id), "the woken session fetches the new message");
    }

    [TestMethod]
    public async Task WaitForNewMailAsync_DovecotRestartedDuringIdle_ThrowsProtocolExceptionAndANewSessionWorks()
    {
        var session = await ImapMailboxSession.OpenAsync(StartTls(TestPin), User("idle"), "INBOX", null);
        await session.SearchFromAsync(uint.MaxValue);
        var wait = session.WaitForNewMailAsync(TimeSpan.FromMinutes(2));
        await Task.Delay(300);
        try
        {
            Servers.StopDovecot();
            var error = await Assert.ThrowsAsync<Exception>(async () => await wait.WaitAsync(TimeSpan.FromSeconds(20)));
            Assert.IsTrue(error is ImapProtocolException or IOException, $"a session-ending error, not {error.GetType().Name}: {error.Message}");
            Assert.IsFalse(session.IsConnected);
        }
        finally
        {
            Servers.EnsureStarted();
            await session.DisposeAsync();
        }

        await using var again = await ImapMailboxSession.OpenAsync(StartTls(TestPin), User("idle"), "INBOX", null);
        Assert.IsTrue(again.IsConnected, "a new session works once Dovecot is back");
    }

    private static string MessageId(ImapRawMessage message)
    {
        var text = Encoding.UTF8.GetString(message.Raw);
        var start = text.IndexOf("Message-ID: <", StringComparison.Ordinal) + 13;
        return text[start..text.IndexOf('>', start)];
    }
}
