using System.Text;
using Helpdesk.Mail.Imap;
using Helpdesk.Mail.Tests.Replay;

namespace Helpdesk.Mail.Tests.Imap;

/// <summary>Conversations recorded from the real Dovecot of tests/servers/mail, replayed byte for byte.</summary>
[TestClass]
public sealed class DovecotReplayTests
{
    private static readonly ImapClientOptions BatchesOfTwo = new() { FetchBatchSize = 2 };

    [TestMethod]
    [DataRow(int.MaxValue, DisplayName = "whole chunks")]
    [DataRow(7, DisplayName = "7-byte reads")]
    [DataRow(1, DisplayName = "1-byte reads")]
    public async Task FetchAsync_PipelinedBatchesWithStarQuirk_YieldsEachMessageOnceInUidOrder(int readSize)
    {
        var (client, server) = await ImapReplay.FromFileAsync("dovecot-session.txt", BatchesOfTwo, readSize);
        await client.AuthenticateAsync(new ImapCredentials("support@example.test", "support-pass"));
        var state = await client.SelectAsync("INBOX");
        Assert.AreEqual(new ImapMailboxState("INBOX", 1795341083, 4, 3, false), state);
        CollectionAssert.AreEqual(new uint[] { 1, 2, 3 }, (await client.UidSearchAsync("ALL")).ToArray());

        var messages = await client.FetchAsync(new UidRange(1)).ToListAsync();

        // "UID FETCH 4:*" answered with UID 3 again (RFC 3501 6.4.8): it must not come out twice.
        CollectionAssert.AreEqual(new uint[] { 1, 2, 3 }, messages.Select(m => m.Uid).ToArray());
        var second = Encoding.ASCII.GetString(messages[1].Raw.Span);
        StringAssert.StartsWith(second, "From: Omar Haddad <omar@example.test>\r\n");
        StringAssert.EndsWith(second, "\r\n.\r\n..leading dots\r\n");
        Assert.AreEqual(181, messages[1].Raw.Length);
        Assert.AreEqual(181L, messages[1].Size);
        CollectionAssert.AreEqual(new[] { ImapFlags.Recent }, messages[0].Flags.ToArray());
        Assert.AreEqual(new DateTimeOffset(2026, 11, 22, 9, 51, 23, TimeSpan.Zero), messages[2].InternalDate);
        await client.StoreFlagsAsync(new UidSet([1]), ImapFlagChange.Add, [ImapFlags.Seen]);
        Assert.IsTrue(await client.CreateFolderAsync("Processed"));
        await client.MoveAsync(new UidSet([1]), "Processed");
        Assert.AreEqual(2, client.Mailbox!.Exists, "the EXPUNGE of the MOVE lowers the count");
        Assert.IsFalse(await client.CreateFolderAsync("Processed"), "ALREADYEXISTS is not an error");
        await client.LogoutAsync();
    }

    [TestMethod]
    public async Task SelectAsync_MailboxMissing_ThrowsCommandExceptionAndSessionStaysUsable()
    {
        var (client, server) = await ImapReplay.FromFileAsync("dovecot-session.txt", BatchesOfTwo);
        await client.AuthenticateAsync(new ImapCredentials("support@example.test", "support-pass"));
        await client.SelectAsync("INBOX");
        await client.UidSearchAsync("ALL");
        await client.FetchAsync(new UidRange(1)).ToListAsync();
        await client.StoreFlagsAsync(new UidSet([1]), ImapFlagChange.Add, [ImapFlags.Seen]);
        await client.CreateFolderAsync("Processed");
        await client.MoveAsync(new UidSet([1]), "Processed");
        await client.CreateFolderAsync("Processed");

        var error = await Assert.ThrowsExactlyAsync<ImapCommandException>(() => client.SelectAsync("Nope"));

        Assert.AreEqual(ImapStatus.No, error.Status);
        Assert.AreEqual("SELECT", error.Command);
        StringAssert.Contains(error.ServerText, "Mailbox doesn't exist: Nope");
        Assert.IsNull(client.Mailbox, "a failed SELECT leaves no mailbox selected");
        Assert.IsTrue(client.IsConnected);
        var again = await client.SelectAsync("INBOX");
        Assert.AreEqual(2, again.Exists);
        await client.LogoutAsync();
        server.AssertComplete();
    }

    [TestMethod]
    public async Task WaitForNewMailAsync_DeliveryDuringIdle_ReturnsNewMailAfterDone()
    {
        var (client, server) = await ImapReplay.FromFileAsync("dovecot-idle.txt");
        await client.AuthenticateAsync(new ImapCredentials("support@example.test", "support-pass"));
        await client.SelectAsync("INBOX");

        var result = await client.WaitForNewMailAsync(TimeSpan.FromSeconds(30));

        Assert.AreEqual(new ImapWaitResult(ImapWakeReason.NewMail, 3), result);
        var fresh = await client.FetchAsync(new UidRange(4)).ToListAsync();
        Assert.AreEqual(4u, fresh.Single().Uid);
        await client.LogoutAsync();
        server.AssertComplete();
    }

    [TestMethod]
    public async Task AuthenticateAsync_WrongPassword_ThrowsAuthenticationExceptionAndLoginStillWorks()
    {
        var (client, server) = await ImapReplay.FromFileAsync("dovecot-login-failed.txt");

        var error = await Assert.ThrowsExactlyAsync<ImapAuthenticationException>(
            () => client.AuthenticateAsync(new ImapCredentials("support@example.test", "wrong")));

        Assert.AreEqual("AUTHENTICATIONFAILED", error.ResponseCode);
        Assert.IsFalse(client.IsAuthenticated);
        await client.LoginAsync("support@example.test", "support-pass");
        Assert.IsTrue(client.IsAuthenticated);
        Assert.IsTrue(client.Capabilities.Move, "capabilities are refreshed from the OK after login");
        await client.LogoutAsync();
        server.AssertComplete();
    }
}
