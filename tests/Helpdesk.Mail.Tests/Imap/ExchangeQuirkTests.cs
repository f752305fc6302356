using Helpdesk.Mail.Imap;
using Helpdesk.Mail.Tests.Replay;

namespace Helpdesk.Mail.Tests.Imap;

/// <summary>
/// Exchange / Microsoft 365 behaviour as Microsoft documents it and as it is widely reported: BAD "Command Argument
/// Error" for what it does not support, an untagged BYE when it drops an idle session, no MOVE in Exchange
/// 2013/2016 (UIDPLUS only), RFC822.SIZE that is an estimate. Written by hand, not recorded.
/// </summary>
[TestClass]
public sealed class ExchangeQuirkTests
{
    private const string Greeting =
        "S: * OK The Microsoft Exchange IMAP4 service is ready. [TQBXADIAUABSADAAMQBDAEEAMAAwADEAMgAuAG8AdQB0AGwAbwBvAGsALgBjAG8AbQA=]";

    private const string Exchange2016 =
        "S: * CAPABILITY IMAP4 IMAP4rev1 AUTH=PLAIN AUTH=NTLM AUTH=GSSAPI UIDPLUS CHILDREN IDLE NAMESPACE LITERAL+";

    private static string Login(int tag) => $$"""
        C: A{{tag:D4}} CAPABILITY
        {{Exchange2016}}
        S: A{{tag:D4}} OK CAPABILITY completed.
        C: A{{tag + 1:D4}} SELECT "INBOX"
        S: * 5 EXISTS
        S: * 0 RECENT
        S: * FLAGS (\Seen \Answered \Flagged \Deleted \Draft $MDNSent)
        S: * OK [PERMANENTFLAGS (\Seen \Answered \Flagged \Deleted \Draft $MDNSent)] Permanent flags
        S: * OK [UIDVALIDITY 14] UIDVALIDITY value
        S: * OK [UIDNEXT 120] The next unique identifier value
        S: A{{tag + 1:D4}} OK [READ-WRITE] SELECT completed.
        """;

    [TestMethod]
    public async Task UidSearchAsync_ExchangeSaysBad_ThrowsCommandExceptionAndSessionStaysUsable()
    {
        var (client, server) = await ImapReplay.FromTextAsync($$"""
            {{Greeting}}
            {{Login(1)}}
            C: A0003 UID SEARCH X-GM-RAW "has:attachment"
            S: A0003 BAD Command Argument Error. 11
            C: A0004 UID SEARCH UID 100:*
            S: * SEARCH 119
            S: A0004 OK SEARCH completed.
            """);
        await client.SelectAsync("INBOX");

        var error = await Assert.ThrowsExactlyAsync<ImapCommandException>(() => client.UidSearchAsync("X-GM-RAW \"has:attachment\""));

        Assert.AreEqual(ImapStatus.Bad, error.Status);
        Assert.AreEqual("Command Argument Error. 11", error.ServerText);
        CollectionAssert.AreEqual(new uint[] { 119 }, (await client.UidSearchAsync(new UidRange(100))).ToArray());
        server.AssertComplete();
    }

    [TestMethod]
    public async Task UidSearchAsync_StarRangeBeyondNewest_DropsTheNewestMessageTheServerAddsAnyway()
    {
        var (client, server) = await ImapReplay.FromTextAsync($$"""
            {{Greeting}}
            {{Login(1)}}
            C: A0003 UID SEARCH UID 120:*
            S: * SEARCH 119
            S: A0003 OK SEARCH completed.
            """);
        await client.SelectAsync("INBOX");

        var uids = await client.UidSearchAsync(new UidRange(120));

        Assert.AreEqual(0, uids.Count);
        server.AssertComplete();
    }

    [TestMethod]
    public async Task WaitForNewMailAsync_ServerSaysByeDuringIdle_ThrowsProtocolExceptionWithServerWords()
    {
        var (client, server) = await ImapReplay.FromTextAsync($$"""
            {{Greeting}}
            {{Login(1)}}
            C: A0003 IDLE
            S: + IDLE accepted, awaiting DONE command.
            S: * BYE Connection is closed. 13
            """);
        await client.SelectAsync("INBOX");

        var error = await Assert.ThrowsExactlyAsync<ImapProtocolException>(() => client.WaitForNewMailAsync(TimeSpan.FromMinutes(1)));

        Assert.AreEqual("Connection is closed. 13", error.ServerText);
        Assert.IsFalse(client.IsConnected);
        var after = await Assert.ThrowsExactlyAsync<ImapProtocolException>(() => client.NoopAsync());
        StringAssert.Contains(after.Message, "no longer usable");
        server.AssertComplete();
    }

    [TestMethod]
    public async Task MoveAsync_NoMoveButUidPlus_CopiesFlagsDeletedAndExpungesOnlyThoseUids()
    {
        var (client, server) = await ImapReplay.FromTextAsync($$"""
            {{Greeting}}
            {{Login(1)}}
            C: A0003 UID COPY 101:103,110 "Processed"
            S: A0003 OK [COPYUID 15 101:103,110 1:4] COPY completed.
            C: A0004 UID STORE 101:103,110 +FLAGS.SILENT (\Deleted)
            S: A0004 OK STORE completed.
            C: A0005 UID EXPUNGE 101:103,110
            S: * 1 EXPUNGE
            S: * 1 EXPUNGE
            S: * 1 EXPUNGE
            S: * 2 EXPUNGE
            S: A0005 OK EXPUNGE completed.
            """);
        await client.SelectAsync("INBOX");

        await client.MoveAsync(new UidSet([110, 101, 102, 103]), "Processed");

        Assert.AreEqual(1, client.Mailbox!.Exists);
        server.AssertComplete();
    }

    [TestMethod]
    public async Task MoveAsync_TargetMissing_ThrowsTryCreateAndSessionStaysUsable()
    {
        var (client, server) = await ImapReplay.FromTextAsync($$"""
            {{Greeting}}
            C: A0001 CAPABILITY
            S: * CAPABILITY IMAP4rev1 IDLE MOVE
            S: A0001 OK CAPABILITY completed.
            C: A0002 SELECT "INBOX"
            S: * 1 EXISTS
            S: * OK [UIDVALIDITY 14] UIDVALIDITY value
            S: A0002 OK [READ-WRITE] SELECT completed.
            C: A0003 UID MOVE 7 "Processed"
            S: A0003 NO [TRYCREATE] The requested item could not be found.
            C: A0004 CREATE "Processed"
            S: A0004 OK CREATE completed.
            C: A0005 UID MOVE 7 "Processed"
            S: * 1 EXPUNGE
            S: A0005 OK MOVE completed.
            """);
        var state = await client.SelectAsync("INBOX");
        Assert.IsNull(state.UidNext, "no UIDNEXT sent: unknown, not zero");

        var error = await Assert.ThrowsExactlyAsync<ImapCommandException>(() => client.MoveAsync(new UidSet([7]), "Processed"));

        Assert.AreEqual("TRYCREATE", error.ResponseCode);
        Assert.IsTrue(await client.CreateFolderAsync("Processed"));
        await client.MoveAsync(new UidSet([7]), "Processed");
        Assert.AreEqual(0, client.Mailbox!.Exists);
        server.AssertComplete();
    }
    [TestMethod]
    public async Task FetchAsync_NewsBetweenMessagesAndSizeEstimates_ReadsLiteralsAndTracksExists()
    {
        // Exchange computes RFC822.SIZE from its own store (an estimate, not the literal's length) and reports new
        // mail (EXISTS, RECENT) between the FETCH responses of a running command.
        var (client, server) = await ImapReplay.FromTextAsync($$"""
            {{Greeting}}
            {{Login(1)}}
            C: A0003 UID FETCH 118:119 (UID RFC822.SIZE FLAGS INTERNALDATE BODY.PEEK[])
            S: * 4 FETCH (UID 118 RFC822.SIZE 2048 FLAGS (\Seen) INTERNALDATE "22-Nov-2026 09:00:00 +0000" BODY[] {#}
            S: Subject: Locked out
            S:
            S: My account is locked.
            S: )
            S: * 6 EXISTS
            S: * 1 RECENT
            S: * 5 FETCH (UID 119 RFC822.SIZE 4096 FLAGS () INTERNALDATE "22-Nov-2026 09:01:00 +0000" BODY[] {#}
            S: Subject: Card
            S:
            S: Is my card safe?
            S: )
            S: A0003 OK FETCH completed.
            C: A0004 UID FETCH 120:* (UID RFC822.SIZE FLAGS INTERNALDATE BODY.PEEK[])
            S: * 6 FETCH (UID 120 RFC822.SIZE 1 FLAGS (\Recent) INTERNALDATE "22-Nov-2026 09:02:00 +0000" BODY[] {#}
            S: Subject: Thanks
            S:
            S: Thank you.
            S: )
            S: A0004 OK FETCH completed.
            """);
        await client.SelectAsync("INBOX");

        var messages = await client.FetchAsync(new UidRange(118)).ToListAsync();

        CollectionAssert.AreEqual(new uint[] { 118, 119, 120 }, messages.Select(m => m.Uid).ToArray());
        Assert.AreEqual("Subject: Locked out\r\n\r\nMy account is locked.\r\n", System.Text.Encoding.ASCII.GetString(messages[0].Raw.Span));
        Assert.AreEqual(2048, messages[0].Size, "the server's figure is reported as it was given");
        Assert.AreEqual("Subject: Thanks\r\n\r\nThank you.\r\n", System.Text.Encoding.ASCII.GetString(messages[2].Raw.Span));
        Assert.AreEqual(6, client.Mailbox!.Exists);
        server.AssertComplete();
    }

    [TestMethod]
    public async Task FetchAsync_ByeInTheMiddle_DeliversWhatArrivedThenThrowsProtocolException()
    {
        // Exchange ends sessions with an untagged BYE when the mailbox moves to another server (failover).
        var (client, server) = await ImapReplay.FromTextAsync($$"""
            {{Greeting}}
            {{Login(1)}}
            C: A0003 UID FETCH 118:119 (UID RFC822.SIZE FLAGS INTERNALDATE BODY.PEEK[])
            S: * 4 FETCH (UID 118 RFC822.SIZE 40 FLAGS () INTERNALDATE "22-Nov-2026 09:00:00 +0000" BODY[] {#}
            S: Subject: one
            S: )
            S: * BYE Server Unavailable. 15
            """);
        await client.SelectAsync("INBOX");
        var seen = new List<uint>();

        var error = await Assert.ThrowsExactlyAsync<ImapProtocolException>(async () =>
        {
            await foreach (var message in client.FetchAsync(new UidSet([118, 119])))
            {
                seen.Add(message.Uid);
            }
        });

        CollectionAssert.AreEqual(new uint[] { 118 }, seen);
        Assert.AreEqual("Server Unavailable. 15", error.ServerText);
        Assert.IsFalse(client.IsConnected);
        server.AssertComplete();
    }

    [TestMethod]
    public async Task StoreFlagsAsync_TwelveHundredScatteredUids_SplitsCommandsSoNoLineIsLong()
    {
        // Servers refuse over-long command lines with BAD (RFC 7162 asks clients to stay under 8,192 octets);
        // a sparse UID set of a surge's batch must be split, not sent as one line.
        var uids = Enumerable.Range(0, 1200).Select(i => (uint)(1_000_000 + i * 2)).ToList();
        var transcript = new System.Text.StringBuilder();
        transcript.AppendLine(Greeting).AppendLine(Login(1));
        var tag = 3;
        foreach (var chunk in uids.Chunk(500))
        {
            transcript.AppendLine($"C: A{tag:D4} UID STORE {string.Join(',', chunk)} +FLAGS.SILENT (\\Seen)");
            transcript.AppendLine($"S: A{tag:D4} OK STORE completed.");
            tag++;
        }
        var (client, server) = await ImapReplay.FromTextAsync(transcript.ToString());
        await client.SelectAsync("INBOX");

        await client.StoreFlagsAsync(new UidSet(uids), ImapFlagChange.Add, [ImapFlags.Seen]);

        server.AssertComplete();
    }

    [TestMethod]
    public async Task WaitForNewMailAsync_AlertDuringIdle_RaisesAlertAndKeepsWaiting()
    {
        // An [ALERT] in an untagged OK (maintenance, quota) is news for a person, not new mail.
        var (client, server) = await ImapReplay.FromTextAsync($$"""
            {{Greeting}}
            {{Login(1)}}
            C: A0003 IDLE
            S: + IDLE accepted, awaiting DONE command.
            S: * OK [ALERT] Your mailbox is almost full.
            S: * 6 EXISTS
            C: DONE
            S: A0003 OK IDLE completed.
            """);
        await client.SelectAsync("INBOX");
        var alerts = new List<string>();
        client.Alert += (_, alert) => alerts.Add(alert.Text);

        var result = await client.WaitForNewMailAsync(TimeSpan.FromMinutes(5));

        Assert.AreEqual(ImapWakeReason.NewMail, result.Reason);
        CollectionAssert.AreEqual(new[] { "Your mailbox is almost full." }, alerts);
        server.AssertComplete();
    }
}
