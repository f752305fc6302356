using System.Diagnostics;
using System.Text;
using Helpdesk.Mail.Imap;
using Helpdesk.Mail.Net;
using Helpdesk.Mail.Transport;
using static Helpdesk.EndToEnd.Tests.MailServersFixture;

namespace Helpdesk.EndToEnd.Tests.Mail;

/// <summary>The IMAP client against the real Dovecot on 127.0.0.1 (tests/servers/mail).</summary>
[TestClass]
public sealed class ImapAgainstDovecotTests
{
    [TestMethod]
    public async Task ConnectAsync_StartTlsWithPinnedCertificate_EncryptsAndAuthenticates()
    {
        await using var client = new ImapClient();

        await client.ConnectAsync(ImapStartTls);
        Assert.IsTrue(client.IsEncrypted);
        Assert.IsFalse(client.Capabilities.StartTls, "capabilities are asked again after STARTTLS");
        await client.AuthenticateAsync(new ImapCredentials("support@example.test", "support-pass"));

        Assert.IsTrue(client.Capabilities.Move && client.Capabilities.UidPlus && client.Capabilities.Idle);
        await client.LogoutAsync();
    }

    [TestMethod]
    public async Task ConnectAsync_ImplicitTls_SelectsInbox()
    {
        await using var client = new ImapClient();
        await client.ConnectAsync(ImapTls);
        await client.AuthenticateAsync(new ImapCredentials("support@example.test", "support-pass"));

        var inbox = await client.SelectAsync("INBOX");

        Assert.IsTrue(client.IsEncrypted);
        Assert.AreNotEqual(0u, inbox.UidValidity);
        Assert.IsNotNull(inbox.UidNext);
    }

    [TestMethod]
    public async Task ConnectAsync_SelfSignedCertificateNotPinned_RefusesTheServer()
    {
        Assert.AreNotEqual(Servers.CertificatePath, Environment.GetEnvironmentVariable("SSL_CERT_FILE"),
            "this test needs a trust store without the test certificate");
        await using var client = new ImapClient();

        var error = await Assert.ThrowsExactlyAsync<ImapProtocolException>(() =>
            client.ConnectAsync(new ImapEndpoint("127.0.0.1", Servers.ImapsPort, MailSecurity.Tls)));

        StringAssert.Contains(error.Message, "certificate not trusted");
    }

    [TestMethod]
    public async Task ConnectAsync_PinForAnotherCertificate_RefusesTheServer()
    {
        var otherPin = CertificatePin.FromSha256Fingerprint(new string('A', 64));
        await using var client = new ImapClient();

        var error = await Assert.ThrowsExactlyAsync<ImapProtocolException>(() =>
            client.ConnectAsync(new ImapEndpoint("127.0.0.1", Servers.ImapPort, MailSecurity.StartTls, otherPin)));

        StringAssert.Contains(error.Message, "not the pinned one");
    }

    [TestMethod]
    public async Task AuthenticateAsync_WrongPassword_ThrowsAuthenticationException()
    {
        await using var client = new ImapClient();
        await client.ConnectAsync(ImapStartTls);

        var error = await Assert.ThrowsExactlyAsync<ImapAuthenticationException>(() =>
            client.AuthenticateAsync(new ImapCredentials("support@example.test", "not-the-password")));

        Assert.AreEqual("AUTHENTICATIONFAILED", error.ResponseCode);
        Assert.IsTrue(client.IsConnected, "a refused login leaves the connection usable");
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
        await using var client = await LoginAsync("bulk", new ImapClientOptions { FetchBatchSize = 64, FetchPipelineDepth = 3 });
        var inbox = await client.SelectAsync("INBOX");
        var before = await client.UidSearchAsync("ALL");
        var first = before.Count == 0 ? 1u : before[0];

        var fetched = new List<ImapFetchedMessage>();
        await foreach (var message in client.FetchAsync(new UidRange(first)))
        {
            fetched.Add(message);
        }

        var ours = fetched.Where(m => delivered.ContainsKey(MessageId(m))).ToList();
        Assert.AreEqual(600, ours.Count, $"mailbox had {inbox.Exists} messages");
        Assert.AreEqual(fetched.Count, fetched.Select(m => m.Uid).Distinct().Count(), "no message twice");
        CollectionAssert.AreEqual(fetched.Select(m => m.Uid).Order().ToArray(), fetched.Select(m => m.Uid).ToArray(), "oldest first");
        foreach (var message in ours)
        {
            CollectionAssert.AreEqual(delivered[MessageId(message)], message.Raw.ToArray());
            Assert.AreEqual(message.Raw.Length, message.Size);
        }
    }

    [TestMethod]
    public async Task StoreFlagsAndMoveAsync_ToProcessedFolder_FlagsTravelAndInboxEmpties()
    {
        var ids = Enumerable.Range(0, 3).Select(i => $"move-{i}-{Guid.NewGuid():N}@example.test").ToList();
        foreach (var id in ids)
        {
            Servers.Deliver("support@example.test", Message(id, "Please help", "Locked out."));
        }

        await using var client = await LoginAsync("support");
        await client.SelectAsync("INBOX");
        var uids = new List<uint>();
        foreach (var id in ids)
        {
            uids.AddRange(await client.UidSearchAsync($"HEADER Message-ID \"{id}\""));
        }

        Assert.AreEqual(3, uids.Count);
        await client.StoreFlagsAsync(new UidSet(uids), ImapFlagChange.Add, [ImapFlags.Seen, "$HelpdeskStored"]);
        await client.StoreFlagsAsync(new UidSet(uids.Take(1)), ImapFlagChange.Remove, [ImapFlags.Seen]);
        await client.CreateFolderAsync("Processed");

        await client.MoveAsync(new UidSet(uids), "Processed");

        foreach (var id in ids)
        {
            Assert.AreEqual(0, (await client.UidSearchAsync($"HEADER Message-ID \"{id}\"")).Count, "gone from INBOX");
        }

        await client.SelectAsync("Processed");
        var moved = new List<ImapFetchedMessage>();
        foreach (var id in ids)
        {
            var found = await client.UidSearchAsync($"HEADER Message-ID \"{id}\"");
            await foreach (var message in client.FetchAsync(new UidSet(found)))
            {
                moved.Add(message);
            }
        }

        Assert.AreEqual(3, moved.Count);
        Assert.IsTrue(moved.All(m => m.HasFlag("$HelpdeskStored")));
        Assert.AreEqual(2, moved.Count(m => m.HasFlag(ImapFlags.Seen)));
    }

    [TestMethod]
    public async Task WaitForNewMailAsync_MessageSentThroughPostfix_WakesIdleWithinSeconds()
    {
        await using var client = await LoginAsync("idle");
        var inbox = await client.SelectAsync("INBOX");
        await using var submitter = new SmtpSender(new SmtpSenderOptions
        {
            Host = "127.0.0.1", Port = Servers.SmtpPort, Security = MailSecurity.StartTls, PinnedCertificate = Pin,
        });
        var id = $"idle-{Guid.NewGuid():N}@example.test";
        var clock = Stopwatch.StartNew();

        var wait = client.WaitForNewMailAsync(TimeSpan.FromSeconds(30));
        await Task.Delay(300);
        await submitter.SendAsync(new SubmissionEnvelope("dana@example.test", "idle@example.test"),
            Message(id, "Still no reset email", "Hello?", "idle@example.test"));
        var result = await wait;

        Assert.AreEqual(ImapWakeReason.NewMail, result.Reason, $"after {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.IsTrue(clock.Elapsed < TimeSpan.FromSeconds(10), $"IDLE woke only after {clock.Elapsed.TotalSeconds:0.0} s");
        var fresh = new List<ImapFetchedMessage>();
        await foreach (var message in client.FetchAsync(new UidRange(inbox.UidNext!.Value)))
        {
            fresh.Add(message);
        }

        Assert.IsTrue(fresh.Any(m => MessageId(m) == id), "the woken client fetches the new message");
    }

    [TestMethod]
    public async Task WaitForNewMailAsync_DovecotRestartedDuringIdle_ThrowsProtocolException()
    {
        var client = await LoginAsync("idle");
        await client.SelectAsync("INBOX");
        var wait = client.WaitForNewMailAsync(TimeSpan.FromMinutes(2));
        await Task.Delay(300);

        try
        {
            Servers.StopDovecot();
            var error = await Assert.ThrowsExactlyAsync<ImapProtocolException>(async () =>
                await wait.WaitAsync(TimeSpan.FromSeconds(20)));
            Assert.IsFalse(client.IsConnected);
            Assert.IsFalse(string.IsNullOrEmpty(error.Message));
        }
        finally
        {
            Servers.EnsureStarted();
            await client.DisposeAsync();
        }

        await using var again = await LoginAsync("idle");
        Assert.IsNotNull(await again.SelectAsync("INBOX"), "a new connection works once Dovecot is back");
    }

    private static string MessageId(ImapFetchedMessage message)
    {
        var text = Encoding.UTF8.GetString(message.Raw.Span);
        var start = text.IndexOf("Message-ID: <", StringComparison.Ordinal) + 13;
        return text[start..text.IndexOf('>', start)];
    }
}
