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
}
