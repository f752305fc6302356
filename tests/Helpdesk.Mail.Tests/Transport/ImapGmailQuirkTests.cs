using System.Text;
using Helpdesk.Mail.Tests.Replay;
using MailKit.Net.Imap;
using static Helpdesk.Mail.Tests.Transport.ImapScripts;

namespace Helpdesk.Mail.Tests.Transport;

/// <summary>
/// Gmail's behaviour as its documentation describes it (developers.google.com/gmail/imap: X-GM-EXT-1 items, its
/// FETCH item order, partial FETCH failures, the app-password [ALERT]), played to the real MailKit client through the
/// intake's session. Written by hand from those pages, not recorded.
/// </summary>
[TestClass]
public sealed class ImapGmailQuirkTests
{
    private const string Gmail =
        "IMAP4rev1 UNSELECT IDLE NAMESPACE QUOTA ID XLIST CHILDREN X-GM-EXT-1 UIDPLUS COMPRESS=DEFLATE ENABLE MOVE CONDSTORE ESEARCH UTF8=ACCEPT LIST-EXTENDED LIST-STATUS LITERAL- SPECIAL-USE APPENDLIMIT=35651584";

    /// <summary>Gmail advertises NAMESPACE, LIST-EXTENDED and SPECIAL-USE, so MailKit asks for those after signing in.</summary>
    private static string OpenGmail(int exists = 2) => $$"""
        S: * OK Gimap ready for requests from 203.0.113.7 a1mb12345678qkb
        C: CAPABILITY
        S: * CAPABILITY IMAP4rev1 UNSELECT IDLE NAMESPACE QUOTA ID XLIST CHILDREN X-GM-EXT-1 XYZZY SASL-IR AUTH=XOAUTH2 AUTH=PLAIN AUTH=PLAIN-CLIENTTOKEN AUTH=OAUTHBEARER
        S: {tag} OK Thats all she wrote! a1mb12345678qkb
        C: AUTHENTICATE PLAIN {{PlainResponse}}
        S: * CAPABILITY {{Gmail}}
        S: {tag} OK support@example.test authenticated (Success)
        C: NAMESPACE
        S: * NAMESPACE (("" "/")) NIL NIL
        S: {tag} OK Success
        C: LIST "" "INBOX" RETURN (SUBSCRIBED CHILDREN)
        S: * LIST (\HasNoChildren \Subscribed) "/" "INBOX"
        S: {tag} OK Success
        C: LIST (SPECIAL-USE) "" "*" RETURN (SUBSCRIBED CHILDREN)
        S: * LIST (\HasChildren \Noselect) "/" "[Gmail]"
        S: * LIST (\All \HasNoChildren) "/" "[Gmail]/All Mail"
        S: * LIST (\HasNoChildren \Trash) "/" "[Gmail]/Trash"
        S: {tag} OK Success
        C: SELECT INBOX (CONDSTORE)
        S: * FLAGS (\Answered \Flagged \Draft \Deleted \Seen $NotPhishing $Phishing)
        S: * OK [PERMANENTFLAGS (\Answered \Flagged \Draft \Deleted \Seen $NotPhishing $Phishing \*)] Flags permitted.
        S: * OK [UIDVALIDITY 3] UIDs valid.
        S: * {{exists}} EXISTS
        S: * 0 RECENT
        S: * OK [UIDNEXT 12] Predicted next UID.
        S: * OK [HIGHESTMODSEQ 8812345]
        S: {tag} OK [READ-WRITE] INBOX selected. (Success)
        """;

    [TestMethod]
    public async Task FetchAsync_GmailItemOrderExtensionsAndInterleavedFlagChanges_ExactBytesOfEveryMessage()
    {
        // Gmail orders FETCH items its own way, may add X-GM-* items, reports new mail and flag changes made by other
        // clients (a FETCH without a body) in the middle of the answer, and may send a short body as a quoted string.
        await using var server = ImapScriptServer.Start($$"""
            {{OpenGmail()}}
            C: UID FETCH 10:11 (BODY.PEEK[])
            S: * 1 FETCH (X-GM-THRID 1784210000000000001 X-GM-MSGID 1784210000000000001 UID 10 X-GM-LABELS ("\\Important" "Meridian support") BODY[] {#}
            S: Subject: Reset link expired
            S:
            S: It says expired.
            S: )
            S: * 3 EXISTS
            S: * 1 FETCH (FLAGS (\Seen) UID 10 MODSEQ (8812399))
            S: * 2 FETCH (UID 11 BODY[] "Subject: short")
            S: {tag} OK Success
            """);
        await using var session = await OpenAsync(server);

        var messages = await session.FetchAsync([10, 11]);

        CollectionAssert.AreEqual(new uint[] { 10, 11 }, messages.Select(m => m.Uid).ToArray());
        Assert.AreEqual("Subject: Reset link expired\r\n\r\nIt says expired.\r\n", Encoding.ASCII.GetString(messages[0].Raw));
        Assert.AreEqual("Subject: short", Encoding.ASCII.GetString(messages[1].Raw), "a quoted body counts too");
        Assert.AreEqual(3, session.Count, "EXISTS during FETCH is applied");
        await session.DisposeAsync();
        await server.AssertCompleteAsync();
    }

    [TestMethod]
    public async Task FetchAsync_SomeMessagesCouldNotBeFetched_ThrowsCommandExceptionAndSessionStaysUsable()
    {
        // The whole batch fails (nothing stored, nothing settled, the cursor stays) and the session goes on.
        await using var server = ImapScriptServer.Start($$"""
            {{OpenGmail(exists: 4)}}
            C: UID FETCH 1:2 (BODY.PEEK[])
            S: * 1 FETCH (UID 1 BODY[] {#}
            S: a
            S: )
            S: {tag} NO Some messages could not be FETCHed (Failure)
            C: UID SEARCH RETURN (ALL) UID 1:*
            S: * ESEARCH (TAG "{tag}") UID ALL 1:4
            S: {tag} OK Success
            """);
        await using var session = await OpenAsync(server);

        var error = await Assert.ThrowsExactlyAsync<ImapCommandException>(() => session.FetchAsync([1, 2]));

        StringAssert.Contains(error.ResponseText, "could not be FETCHed");
        Assert.IsTrue(session.IsConnected);
        Assert.HasCount(4, await session.SearchFromAsync(1));
        await session.DisposeAsync();
        await server.AssertCompleteAsync();
    }

    [TestMethod]
    public async Task OpenAsync_AppPasswordRequired_AuthenticationFailureCarriesTheServersWords()
    {
        // Gmail refuses an account password over IMAP when 2-step verification is on, with an [ALERT] for a person.
        await using var server = ImapScriptServer.Start($$"""
            S: * OK Gimap ready for requests from 203.0.113.7 a1mb12345678qkb
            C: CAPABILITY
            S: * CAPABILITY IMAP4rev1 UNSELECT IDLE NAMESPACE X-GM-EXT-1 SASL-IR AUTH=XOAUTH2 AUTH=PLAIN
            S: {tag} OK Thats all she wrote!
            C: AUTHENTICATE PLAIN {{PlainResponse}}
            S: {tag} NO [ALERT] Application-specific password required: https://support.google.com/accounts/answer/185833 (Failure)
            """);

        var error = await Assert.ThrowsExactlyAsync<Helpdesk.Mail.Transport.OAuth2.MailLoginException>(() => OpenAsync(server));

        // The worker logs this message and shows it on the mailbox's row: the operator reads what to do.
        StringAssert.Contains(error.Message, "Application-specific password required");
        await server.AssertCompleteAsync();
    }

    [TestMethod]
    public async Task WaitForNewMailAsync_ExpungeThenExistsBackToTheSameCount_CountsTheDelivery()
    {
        // Another client archiving a message shows up as EXPUNGE, a delivery as EXISTS with the new count: the count is
        // where it was, but one message is new.
        await using var server = ImapScriptServer.Start($$"""
            {{OpenGmail()}}
            C: UID SEARCH RETURN (ALL) UID 12:*
            S: * ESEARCH (TAG "{tag}") UID ALL 11
            S: {tag} OK Success
            C: IDLE
            S: + idling
            S: * 1 EXPUNGE
            S: * 2 EXISTS
            C+: DONE
            S: {tag} OK IDLE terminated (Success)
            """);
        await using var session = await OpenAsync(server);
        await session.SearchFromAsync(12);

        var arrived = await session.WaitForNewMailAsync(TimeSpan.FromMinutes(5));

        Assert.IsTrue(arrived);
        Assert.AreEqual(2, session.Count);
        await session.DisposeAsync();
        await server.AssertCompleteAsync();
    }
}
