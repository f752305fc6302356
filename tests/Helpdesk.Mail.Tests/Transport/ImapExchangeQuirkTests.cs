using System.Text;
using Helpdesk.Mail.Tests.Replay;
using MailKit.Net.Imap;
using static Helpdesk.Mail.Tests.Transport.ImapScripts;

namespace Helpdesk.Mail.Tests.Transport;

/// <summary>
/// Exchange / Microsoft 365 behaviour as Microsoft documents it and as it is widely reported, played to the real
/// MailKit client through the intake's session: BAD "Command Argument Error", an untagged BYE when it drops a
/// session, no MOVE in Exchange 2013/2016 (UIDPLUS only), news between FETCH responses. Written by hand, not recorded.
/// </summary>
[TestClass]
public sealed class ImapExchangeQuirkTests
{
    private const string Greeting = "The Microsoft Exchange IMAP4 service is ready. [TQBXADIAUABSADAAMQBDAEEAMAAwADEAMgAuAG8AdQB0AGwAbwBvAGsALgBjAG8AbQA=]";

    [TestMethod]
    public async Task SettleAsync_NoMoveButUidPlus_CopiesFlagsDeletedAndExpungesOnlyThoseUids()
    {
        await using var server = ImapScriptServer.Start($$"""
            {{Open(Exchange2016, exists: 5, uidValidity: 14, uidNext: 120, greeting: Greeting, processed: "Processed")}}
            C: UID COPY 101:103,110 Processed
            S: {tag} OK [COPYUID 15 101:103,110 1:4] COPY completed.
            C: UID STORE 101:103,110 +FLAGS.SILENT (\Deleted)
            S: {tag} OK STORE completed.
            C: UID EXPUNGE 101:103,110
            S: * 1 EXPUNGE
            S: * 1 EXPUNGE
            S: * 1 EXPUNGE
            S: * 2 EXPUNGE
            S: {tag} OK EXPUNGE completed.
            """);
        await using var session = await OpenAsync(server, processed: "Processed");

        await session.SettleAsync([101, 102, 103, 110]);

        Assert.AreEqual(1, session.Count);
        await session.DisposeAsync();
        await server.AssertCompleteAsync();
    }

    [TestMethod]
    public async Task SearchFromAsync_ExchangeSaysBad_ThrowsCommandExceptionAndSessionStaysUsable()
    {
        await using var server = ImapScriptServer.Start($$"""
            {{Open(Exchange2016, exists: 5, uidValidity: 14, uidNext: 120, greeting: Greeting)}}
            C: UID SEARCH UID 100:*
            S: {tag} BAD Command Argument Error. 11
            C: UID SEARCH UID 100:*
            S: * SEARCH 119
            S: {tag} OK SEARCH completed.
            """);
        await using var session = await OpenAsync(server);

        var error = await Assert.ThrowsExactlyAsync<ImapCommandException>(() => session.SearchFromAsync(100));

        Assert.AreEqual(ImapCommandResponse.Bad, error.Response);
        StringAssert.Contains(error.ResponseText, "Command Argument Error. 11");
        CollectionAssert.AreEqual(new uint[] { 119 }, (await session.SearchFromAsync(100)).ToArray());
        await session.DisposeAsync();
        await server.AssertCompleteAsync();
    }

    [TestMethod]
    public async Task WaitForNewMailAsync_ServerSaysByeDuringIdle_ThrowsProtocolExceptionAndSessionIsGone()
    {
        await using var server = ImapScriptServer.Start($$"""
            {{Open(Exchange2016, exists: 5, uidValidity: 14, uidNext: 120, greeting: Greeting)}}
            C: IDLE
            S: + IDLE accepted, awaiting DONE command.
            S: * BYE Connection is closed. 13
            """);
        await using var session = await OpenAsync(server);

        await Assert.ThrowsAsync<ImapProtocolException>(() => session.WaitForNewMailAsync(TimeSpan.FromMinutes(1)));

        Assert.IsFalse(session.IsConnected, "the worker opens a new session");
        await server.AssertCompleteAsync();
    }

    [TestMethod]
    public async Task FetchAsync_ByeInTheMiddle_ThrowsProtocolExceptionAndHandsBackNothing()
    {
        // Exchange ends sessions with an untagged BYE when the mailbox moves to another server (failover). Nothing of
        // the batch is handed back, so nothing is stored and nothing settled: the next session fetches it all again.
        await using var server = ImapScriptServer.Start($$"""
            {{Open(Exchange2016, exists: 5, uidValidity: 14, uidNext: 120, greeting: Greeting)}}
            C: UID FETCH 118:119 (BODY.PEEK[])
            S: * 4 FETCH (UID 118 BODY[] {#}
            S: Subject: one
            S: )
            S: * BYE Server Unavailable. 15
            """);
        await using var session = await OpenAsync(server);

        await Assert.ThrowsAsync<ImapProtocolException>(() => session.FetchAsync([118, 119]));

        Assert.IsFalse(session.IsConnected);
        await server.AssertCompleteAsync();
    }

    [TestMethod]
    public async Task FetchAsync_NewsBetweenMessages_ReadsEveryLiteralAndTracksExists()
    {
        // Exchange reports new mail (EXISTS, RECENT) between the FETCH responses of a running command.
        await using var server = ImapScriptServer.Start($$"""
            {{Open(Exchange2016, exists: 5, uidValidity: 14, uidNext: 120, greeting: Greeting)}}
            C: UID FETCH 118:119 (BODY.PEEK[])
            S: * 4 FETCH (UID 118 BODY[] {#}
            S: Subject: Locked out
            S:
            S: My account is locked.
            S: )
            S: * 6 EXISTS
            S: * 1 RECENT
            S: * 5 FETCH (UID 119 BODY[] {#}
            S: Subject: Card
            S:
            S: Is my card safe?
            S: )
            S: {tag} OK FETCH completed.
            """);
        await using var session = await OpenAsync(server);

        var messages = await session.FetchAsync([118, 119]);

        CollectionAssert.AreEqual(new uint[] { 118, 119 }, messages.Select(m => m.Uid).ToArray());
        Assert.AreEqual("Subject: Locked out\r\n\r\nMy account is locked.\r\n", Encoding.ASCII.GetString(messages[0].Raw));
        Assert.AreEqual("Subject: Card\r\n\r\nIs my card safe?\r\n", Encoding.ASCII.GetString(messages[1].Raw));
        Assert.AreEqual(6, session.Count);
        await session.DisposeAsync();
        await server.AssertCompleteAsync();
    }

    [TestMethod]
    public async Task WaitForNewMailAsync_AlertDuringIdle_ReachesTheAlertSinkAndNewMailStillWakes()
    {
        // An [ALERT] in an untagged OK (maintenance, quota) is news for a person, not new mail.
        await using var server = ImapScriptServer.Start($$"""
            {{Open(Exchange2016, exists: 5, uidValidity: 14, uidNext: 120, greeting: Greeting)}}
            C: UID SEARCH UID 120:*
            S: * SEARCH 119
            S: {tag} OK SEARCH completed.
            C: IDLE
            S: + IDLE accepted, awaiting DONE command.
            S: * OK [ALERT] Your mailbox is almost full.
            S: * 6 EXISTS
            C+: DONE
            S: {tag} OK IDLE completed.
            """);
        var alerts = new List<string>();
        await using var session = await OpenAsync(server, alert: alerts.Add);
        await session.SearchFromAsync(120);

        var arrived = await session.WaitForNewMailAsync(TimeSpan.FromMinutes(5));

        Assert.IsTrue(arrived);
        CollectionAssert.AreEqual(new[] { "Your mailbox is almost full." }, alerts);
        await session.DisposeAsync();
        await server.AssertCompleteAsync();
    }

    [TestMethod]
    public async Task SettleAsync_TwelveHundredScatteredUids_NoCommandLineOver8000Octets()
    {
        // Servers refuse over-long command lines with BAD (RFC 7162 asks clients to stay under 8,192 octets); a sparse
        // UID set of a surge's batch must be split, not sent as one line.
        var uids = Enumerable.Range(0, 1200).Select(i => (uint)(1_000_000 + i * 2)).ToList();
        var script = new StringBuilder(Open(Exchange2016, exists: 5, uidValidity: 14, uidNext: 1_003_000, greeting: Greeting)).AppendLine();
        foreach (var chunk in ImapMailboxSessionChunks(uids))
            script.AppendLine($"C: UID STORE {chunk} +FLAGS.SILENT (\\Seen)").AppendLine("S: {tag} OK STORE completed.");
        await using var server = ImapScriptServer.Start(script.ToString());
        await using var session = await OpenAsync(server);

        await session.SettleAsync(uids);

        await session.DisposeAsync();
        await server.AssertCompleteAsync();
        Assert.IsTrue(server.Received.All(l => l.Length < 8000), $"longest line {server.Received.Max(l => l.Length)} octets");
        CollectionAssert.AreEquivalent(uids, server.Received.Where(l => l.Contains("UID STORE", StringComparison.Ordinal))
            .SelectMany(l => l.Split(' ')[3].Split(',')).Select(uint.Parse).ToList(), "every UID flagged, none twice");
    }

    /// <summary>The UID sets the session is expected to send for a sparse set: 500 UIDs a command.</summary>
    private static IEnumerable<string> ImapMailboxSessionChunks(List<uint> uids) => uids.Chunk(500).Select(c => string.Join(',', c));
}
