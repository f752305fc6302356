using System.Text;
using Helpdesk.Mail.Imap;
using Helpdesk.Mail.Net;
using Helpdesk.Mail.Tests.Replay;

namespace Helpdesk.Mail.Tests.Imap;

/// <summary>
/// Gmail's behaviour as its documentation describes it (developers.google.com/gmail/imap: IMAP extensions
/// X-GM-EXT-1, the XOAUTH2 protocol with its base64 JSON error challenge, LITERAL- in the capability list).
/// Transcripts are written by hand from those pages, not recorded.
/// </summary>
[TestClass]
public sealed class GmailQuirkTests
{
    private const string Greeting = "S: * OK Gimap ready for requests from 203.0.113.7 a1mb12345678qkb";

    private const string PreAuthCapability =
        "S: * CAPABILITY IMAP4rev1 UNSELECT IDLE NAMESPACE QUOTA ID XLIST CHILDREN X-GM-EXT-1 XYZZY SASL-IR AUTH=XOAUTH2 AUTH=PLAIN AUTH=PLAIN-CLIENTTOKEN AUTH=OAUTHBEARER";

    private const string AuthCapability =
        "S: * CAPABILITY IMAP4rev1 UNSELECT IDLE NAMESPACE QUOTA ID XLIST CHILDREN X-GM-EXT-1 UIDPLUS COMPRESS=DEFLATE ENABLE MOVE CONDSTORE ESEARCH UTF8=ACCEPT LIST-EXTENDED LIST-STATUS LITERAL- SPECIAL-USE APPENDLIMIT=35651584";

    [TestMethod]
    public async Task AuthenticateAsync_XOAuth2TokenRejected_AnswersErrorChallengeThenThrowsAuthenticationException()
    {
        var (client, server) = await ImapReplay.FromTextAsync($$"""
            {{Greeting}}
            C: A0001 CAPABILITY
            {{PreAuthCapability}}
            S: A0001 OK Thats all she wrote! a1mb12345678qkb
            C: A0002 AUTHENTICATE XOAUTH2 dXNlcj1wYXNzd29yZGNoYW5nZUBtZXJpZGlhbi5leGFtcGxlAWF1dGg9QmVhcmVyIHlhMjkudG9rZW4BAQ==
            S: + eyJzdGF0dXMiOiI0MDEiLCJzY2hlbWVzIjoiYmVhcmVyIG1hYyIsInNjb3BlIjoiaHR0cHM6Ly9tYWlsLmdvb2dsZS5jb20vIn0K
            C:
            S: A0002 NO [AUTHENTICATIONFAILED] Invalid credentials (Failure)
            C: A0003 NOOP
            S: A0003 OK Success
            """);
        Assert.IsTrue(client.Capabilities.Has("X-GM-EXT-1"));

        var error = await Assert.ThrowsExactlyAsync<ImapAuthenticationException>(() =>
            client.AuthenticateAsync(new SaslXOAuth2("passwordchange@meridian.example", "ya29.token")));

        Assert.AreEqual("Invalid credentials (Failure)", error.ServerText);
        await client.NoopAsync();
        server.AssertComplete();
    }

    [TestMethod]
    public async Task FetchAsync_GmailItemOrderWithExtensionsAndInterleavedNews_ReadsEveryMessageAndTracksExists()
    {
        // Gmail orders FETCH items its own way, may add X-GM-* items, and reports new mail (EXISTS) and flag
        // changes made by other clients (a FETCH without a body) in the middle of the answer.
        var (client, server) = await ImapReplay.FromTextAsync($$"""
            {{Greeting}}
            C: A0001 CAPABILITY
            {{PreAuthCapability}}
            S: A0001 OK Thats all she wrote!
            C: A0002 AUTHENTICATE PLAIN AHBhc3N3b3JkY2hhbmdlQG1lcmlkaWFuLmV4YW1wbGUAYXBwLXBhc3N3b3Jk
            {{AuthCapability}}
            S: A0002 OK passwordchange@meridian.example authenticated (Success)
            C: A0003 CAPABILITY
            {{AuthCapability}}
            S: A0003 OK Success
            C: A0004 SELECT "INBOX"
            S: * FLAGS (\Answered \Flagged \Draft \Deleted \Seen $NotPhishing $Phishing)
            S: * OK [PERMANENTFLAGS (\Answered \Flagged \Draft \Deleted \Seen $NotPhishing $Phishing \*)] Flags permitted.
            S: * OK [UIDVALIDITY 3] UIDs valid.
            S: * 2 EXISTS
            S: * 0 RECENT
            S: * OK [UIDNEXT 12] Predicted next UID.
            S: * OK [HIGHESTMODSEQ 8812345]
            S: A0004 OK [READ-WRITE] INBOX selected. (Success)
            C: A0005 UID FETCH 1:11 (UID RFC822.SIZE FLAGS INTERNALDATE BODY.PEEK[])
            S: * 1 FETCH (X-GM-THRID 1784210000000000001 X-GM-MSGID 1784210000000000001 UID 10 INTERNALDATE " 2-Dec-2026 08:15:00 +0000" RFC822.SIZE 52 X-GM-LABELS ("\\Important" "Meridian support") FLAGS () BODY[] {#}
            S: Subject: Reset link expired
            S:
            S: It says expired.
            S: )
            S: * 3 EXISTS
            S: * 1 FETCH (FLAGS (\Seen) UID 10 MODSEQ (8812399))
            S: * 2 FETCH (UID 11 FLAGS (\Flagged) BODY[] "Subject: short" INTERNALDATE "02-Dec-2026 08:16:00 -0500" RFC822.SIZE 14)
            S: A0005 OK Success
            C: A0006 UID FETCH 12:* (UID RFC822.SIZE FLAGS INTERNALDATE BODY.PEEK[])
            S: * 2 FETCH (UID 11 FLAGS (\Flagged) RFC822.SIZE 14 INTERNALDATE "02-Dec-2026 08:16:00 -0500" BODY[] {14}
            S: Subject: short)
            S: A0006 OK Success
            """);
        await client.AuthenticateAsync(new ImapCredentials("passwordchange@meridian.example", "app-password"));
        await client.SelectAsync("INBOX");

        var messages = await client.FetchAsync(new UidRange(1)).ToListAsync();

        CollectionAssert.AreEqual(new uint[] { 10, 11 }, messages.Select(m => m.Uid).ToArray());
        Assert.AreEqual("Subject: Reset link expired\r\n\r\nIt says expired.\r\n", Encoding.ASCII.GetString(messages[0].Raw.Span));
        Assert.AreEqual(new DateTimeOffset(2026, 12, 2, 8, 15, 0, TimeSpan.Zero), messages[0].InternalDate);
        Assert.AreEqual("Subject: short", Encoding.ASCII.GetString(messages[1].Raw.Span), "a quoted body counts too");
        Assert.AreEqual(new DateTimeOffset(2026, 12, 2, 8, 16, 0, TimeSpan.FromHours(-5)), messages[1].InternalDate);
        Assert.IsTrue(messages[1].HasFlag("\\flagged"));
        Assert.AreEqual(3, client.Mailbox!.Exists, "EXISTS during FETCH is applied");
        server.AssertComplete();
    }

    [TestMethod]
    public async Task LoginAsync_NonAsciiPasswordWithLiteralMinus_SendsNonSynchronizingLiteral()
    {
        var (client, server) = await ImapReplay.FromTextAsync($$"""
            {{Greeting}}
            C: A0001 CAPABILITY
            S: * CAPABILITY IMAP4rev1 IDLE LITERAL- X-GM-EXT-1
            S: A0001 OK Thats all she wrote!
            C: A0002 LOGIN "passwordchange@meridian.example" {7+}
            C: Grüße
            S: A0002 OK [CAPABILITY IMAP4rev1 IDLE LITERAL- X-GM-EXT-1 MOVE UIDPLUS] authenticated (Success)
            """);

        await client.LoginAsync("passwordchange@meridian.example", "Grüße");

        Assert.IsTrue(client.IsAuthenticated);
        Assert.IsTrue(client.Capabilities.Move);
        server.AssertComplete();
    }

    [TestMethod]
    public async Task FetchAsync_SomeMessagesCouldNotBeFetched_DeliversTheRestThenThrowsAndSessionStaysUsable()
    {
        var (client, server) = await ImapReplay.FromTextAsync($$"""
            {{Greeting}}
            C: A0001 CAPABILITY
            S: * CAPABILITY IMAP4rev1 IDLE MOVE UIDPLUS X-GM-EXT-1
            S: A0001 OK Thats all she wrote!
            C: A0002 EXAMINE "INBOX"
            S: * 4 EXISTS
            S: * OK [UIDVALIDITY 3] UIDs valid.
            S: * OK [UIDNEXT 5] Predicted next UID.
            S: A0002 OK [READ-ONLY] INBOX selected. (Success)
            C: A0003 UID FETCH 1:2 (UID RFC822.SIZE FLAGS INTERNALDATE BODY.PEEK[])
            C: A0004 UID FETCH 3:4 (UID RFC822.SIZE FLAGS INTERNALDATE BODY.PEEK[])
            S: * 1 FETCH (UID 1 FLAGS () RFC822.SIZE 1 BODY[] {1}
            S: a)
            S: A0003 NO Some messages could not be FETCHed (Failure)
            S: * 3 FETCH (UID 3 FLAGS () RFC822.SIZE 1 BODY[] {1}
            S: c)
            S: * 4 FETCH (UID 4 FLAGS () RFC822.SIZE 1 BODY[] NIL)
            S: A0004 OK Success
            C: A0005 NOOP
            S: A0005 OK Success
            """, new ImapClientOptions { FetchBatchSize = 2 });
        var state = await client.ExamineAsync("INBOX");
        Assert.IsTrue(state.ReadOnly);
        var seen = new List<ImapFetchedMessage>();

        var error = await Assert.ThrowsExactlyAsync<ImapCommandException>(async () =>
        {
            await foreach (var message in client.FetchAsync(new UidRange(1)))
            {
                seen.Add(message);
            }
        });

        StringAssert.Contains(error.ServerText, "could not be FETCHed");
        CollectionAssert.AreEqual(new uint[] { 1, 3, 4 }, seen.Select(m => m.Uid).ToArray());
        Assert.AreEqual(0, seen[2].Raw.Length, "a NIL body comes out empty, not dropped");
        await client.NoopAsync();
        server.AssertComplete();
    }
    [TestMethod]
    public async Task LoginAsync_AppPasswordRequired_ThrowsAuthenticationExceptionAndRaisesTheAlert()
    {
        // Gmail refuses an account password over IMAP when 2-step verification is on, with an [ALERT] for a person.
        var (client, server) = await ImapReplay.FromTextAsync($$"""
            {{Greeting}}
            C: A0001 CAPABILITY
            {{PreAuthCapability}}
            S: A0001 OK Thats all she wrote!
            C: A0002 LOGIN "passwordchange@meridian.example" "account-password"
            S: A0002 NO [ALERT] Application-specific password required: https://support.google.com/accounts/answer/185833 (Failure)
            C: A0003 NOOP
            S: A0003 OK Success
            """);
        var alerts = new List<ImapAlertEventArgs>();
        client.Alert += (_, alert) => alerts.Add(alert);

        var error = await Assert.ThrowsExactlyAsync<ImapAuthenticationException>(() =>
            client.LoginAsync("passwordchange@meridian.example", "account-password"));

        Assert.AreEqual(ImapStatus.No, error.Status);
        Assert.HasCount(1, alerts);
        StringAssert.StartsWith(alerts[0].Text, "Application-specific password required");
        Assert.AreEqual(ImapStatus.No, alerts[0].Status);
        await client.NoopAsync();
        server.AssertComplete();
    }

    [TestMethod]
    public async Task WaitForNewMailAsync_GmailIdleWithExpungeThenExists_ReturnsNewMailAfterDone()
    {
        // Gmail answers IDLE with "+ idling"; another client archiving a message shows up as EXPUNGE, a delivery
        // as EXISTS with the new count. Only the growth is new mail.
        var (client, server) = await ImapReplay.FromTextAsync($$"""
            {{Greeting}}
            C: A0001 CAPABILITY
            {{PreAuthCapability}}
            S: A0001 OK Thats all she wrote!
            C: A0002 SELECT "INBOX"
            S: * OK [UIDVALIDITY 3] UIDs valid.
            S: * 2 EXISTS
            S: * OK [UIDNEXT 12] Predicted next UID.
            S: A0002 OK [READ-WRITE] INBOX selected. (Success)
            C: A0003 IDLE
            S: + idling
            S: * 1 EXPUNGE
            S: * 1 EXISTS
            S: * 2 EXISTS
            C: DONE
            S: A0003 OK IDLE terminated (Success)
            """);
        await client.SelectAsync("INBOX");

        var result = await client.WaitForNewMailAsync(TimeSpan.FromMinutes(5));

        Assert.AreEqual(ImapWakeReason.NewMail, result.Reason);
        Assert.AreEqual(2, client.Mailbox!.Exists);
        server.AssertComplete();
    }
}
