using System.Net;
using System.Net.Sockets;
using System.Text;
using Helpdesk.Mail.Imap;
using Helpdesk.Mail.Net;
using Helpdesk.Mail.Tests.Replay;

namespace Helpdesk.Mail.Tests.Imap;

/// <summary>Limits against hostile servers, UIDVALIDITY changes, cancellation and waiting without IDLE.</summary>
[TestClass]
public sealed class ImapClientRobustnessTests
{
    private const string Hello = """
        S: * OK [CAPABILITY IMAP4rev1 IDLE LITERAL+ MOVE UIDPLUS] ready
        """;

    private static string Select(int tag, uint validity, int exists = 1, uint next = 10) => $$"""
        C: A{{tag:D4}} SELECT "INBOX"
        S: * {{exists}} EXISTS
        S: * OK [UIDVALIDITY {{validity}}] UIDs valid
        S: * OK [UIDNEXT {{next}}] next
        S: A{{tag:D4}} OK [READ-WRITE] done
        """;

    [TestMethod]
    public async Task SelectAsync_UidValidityChangedBetweenSessions_ReportsTheNewValue()
    {
        var (client, server) = await ImapReplay.FromTextAsync($$"""
            {{Hello}}
            {{Select(1, 1700000000)}}
            {{Select(2, 1800000000)}}
            """);

        var before = await client.SelectAsync("INBOX");
        var after = await client.SelectAsync("INBOX");

        Assert.AreEqual(1700000000u, before.UidValidity);
        Assert.AreEqual(1800000000u, after.UidValidity, "the poller compares this with its stored value");
        server.AssertComplete();
    }

    [TestMethod]
    public async Task FetchAsync_UidValidityChangesMidFetch_ThrowsProtocolException()
    {
        var (client, _) = await ImapReplay.FromTextAsync($$"""
            {{Hello}}
            {{Select(1, 5)}}
            C: A0002 UID FETCH 1:9 (UID RFC822.SIZE FLAGS INTERNALDATE BODY.PEEK[])
            S: * OK [UIDVALIDITY 6] mailbox recreated
            """);
        await client.SelectAsync("INBOX");

        var error = await Assert.ThrowsExactlyAsync<ImapProtocolException>(() => client.FetchAsync(new UidRange(1)).ToListAsync());

        StringAssert.Contains(error.Message, "UIDVALIDITY");
        Assert.IsFalse(client.IsConnected);
    }

    [TestMethod]
    public async Task FetchAsync_LiteralAboveLimit_ThrowsProtocolExceptionBeforeReadingIt()
    {
        var options = new ImapClientOptions { MaxLiteralSize = 1000 };
        var (client, _) = await ImapReplay.FromTextAsync($$"""
            {{Hello}}
            {{Select(1, 5, next: 2)}}
            C: A0002 UID FETCH 1 (UID RFC822.SIZE FLAGS INTERNALDATE BODY.PEEK[])
            S: * 1 FETCH (UID 1 BODY[] {2000000000}
            """, options);
        await client.SelectAsync("INBOX");

        var error = await Assert.ThrowsExactlyAsync<ImapProtocolException>(() => client.FetchAsync(new UidRange(1)).ToListAsync());

        StringAssert.Contains(error.Message, "above the limit of 1000");
        await Assert.ThrowsExactlyAsync<ImapProtocolException>(() => client.NoopAsync());
    }

    [TestMethod]
    public async Task NoopAsync_ServerNeverEndsTheLine_ThrowsProtocolExceptionAtTheLineLimit()
    {
        var options = new ImapClientOptions { MaxTokenLength = 1024, MaxLineLength = 4096 };
        var endless = string.Join(' ', Enumerable.Repeat("FLAG", 2000));
        var (client, _) = await ImapReplay.FromTextAsync($$"""
            {{Hello}}
            C: A0001 NOOP
            S: * FLAGS ({{endless}}
            """, options, maxReadSize: 100);

        var error = await Assert.ThrowsExactlyAsync<ImapProtocolException>(() => client.NoopAsync());

        StringAssert.Contains(error.Message, "longer than 4096");
    }

    [TestMethod]
    public async Task NoopAsync_OneGiganticAtom_ThrowsProtocolExceptionAtTheTokenLimit()
    {
        var options = new ImapClientOptions { MaxTokenLength = 1024, MaxLineLength = 1 << 20 };
        var (client, _) = await ImapReplay.FromTextAsync($$"""
            {{Hello}}
            C: A0001 NOOP
            S: * {{new string('x', 5000)}}
            """, options);

        var error = await Assert.ThrowsExactlyAsync<ImapProtocolException>(() => client.NoopAsync());

        StringAssert.Contains(error.Message, "token longer than 1024");
    }

    [TestMethod]
    public async Task WaitForNewMailAsync_Cancelled_EndsIdleWithDoneAndSessionStaysUsable()
    {
        var (client, server) = await ImapReplay.FromTextAsync($$"""
            {{Hello}}
            {{Select(1, 5)}}
            C: A0002 IDLE
            S: + idling
            C: DONE
            S: A0002 OK Idle completed.
            C: A0003 NOOP
            S: A0003 OK done
            """);
        await client.SelectAsync("INBOX");
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsExactlyAsync<OperationCanceledException>(() => client.WaitForNewMailAsync(TimeSpan.FromMinutes(5), cancel.Token));

        Assert.IsTrue(client.IsConnected);
        await client.NoopAsync();
        server.AssertComplete();
    }

    [TestMethod]
    public async Task WaitForNewMailAsync_IdleRefreshDue_ReissuesIdleUntilMaxWaitThenTimesOut()
    {
        var options = new ImapClientOptions { IdleRefreshInterval = TimeSpan.FromMilliseconds(300) };
        var (client, server) = await ImapReplay.FromTextAsync($$"""
            {{Hello}}
            {{Select(1, 5)}}
            C: A0002 IDLE
            S: + idling
            C: DONE
            S: A0002 OK Idle completed.
            C: A0003 IDLE
            S: + idling
            C: DONE
            S: A0003 OK Idle completed.
            """, options);
        await client.SelectAsync("INBOX");

        var result = await client.WaitForNewMailAsync(TimeSpan.FromMilliseconds(550));

        Assert.AreEqual(ImapWakeReason.TimedOut, result.Reason);
        server.AssertComplete();
    }

    [TestMethod]
    public async Task WaitForNewMailAsync_ServerWithoutIdle_PollsWithNoopUntilExistsGrows()
    {
        var options = new ImapClientOptions { NoopInterval = TimeSpan.FromMilliseconds(10) };
        var (client, server) = await ImapReplay.FromTextAsync($$"""
            S: * OK [CAPABILITY IMAP4rev1 UIDPLUS] old server ready
            {{Select(1, 5, exists: 4)}}
            C: A0002 NOOP
            S: A0002 OK NOOP completed
            C: A0003 NOOP
            S: * 5 EXISTS
            S: A0003 OK NOOP completed
            """, options);
        await client.SelectAsync("INBOX");

        var result = await client.WaitForNewMailAsync(TimeSpan.FromSeconds(10));

        Assert.AreEqual(new ImapWaitResult(ImapWakeReason.NewMail, 5), result);
        server.AssertComplete();
    }

    [TestMethod]
    public async Task FetchAsync_CallerStopsEarly_ReadsTheRestSoTheNextCommandWorks()
    {
        var (client, server) = await ImapReplay.FromTextAsync($$"""
            {{Hello}}
            {{Select(1, 5, exists: 2, next: 3)}}
            C: A0002 UID FETCH 1:2 (UID RFC822.SIZE FLAGS INTERNALDATE BODY.PEEK[])
            S: * 1 FETCH (UID 1 BODY[] {1}
            S: a)
            S: * 2 FETCH (UID 2 BODY[] {1}
            S: b)
            S: A0002 OK done
            C: A0003 NOOP
            S: A0003 OK done
            """);
        await client.SelectAsync("INBOX");

        await foreach (var first in client.FetchAsync(new UidRange(1)))
        {
            Assert.AreEqual(1u, first.Uid);
            break;
        }

        await client.NoopAsync();
        server.AssertComplete();
    }

    [TestMethod]
    public async Task LoginAsync_EightBitPasswordWithoutLiteralPlus_WaitsForContinuationBeforeTheLiteral()
    {
        var (client, server) = await ImapReplay.FromTextAsync($$"""
            S: * OK [CAPABILITY IMAP4rev1] ready
            C: A0001 LOGIN "agent" {7}
            S: + Ready for literal data
            C: pässé
            S: A0001 OK [CAPABILITY IMAP4rev1 IDLE] Logged in
            """);

        await client.LoginAsync("agent", "pässé");

        Assert.IsTrue(client.Capabilities.Idle);
        server.AssertComplete();
    }

    [TestMethod]
    public async Task ConnectAsync_StartTlsNotOffered_RefusesToContinueInPlainText()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var serve = Task.Run(async () =>
        {
            using var socket = await listener.AcceptTcpClientAsync();
            var stream = socket.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] no tls here\r\n"));
            _ = await stream.ReadAsync(new byte[100]); // until the client hangs up
        });
        await using var client = new ImapClient();

        var error = await Assert.ThrowsExactlyAsync<ImapProtocolException>(() =>
            client.ConnectAsync(new ImapEndpoint("127.0.0.1", port, MailSecurity.StartTls)));

        StringAssert.Contains(error.Message, "does not offer STARTTLS");
        await client.DisposeAsync();
        await serve;
    }
}
