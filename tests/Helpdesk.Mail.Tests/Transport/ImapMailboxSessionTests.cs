using System.Text;
using Helpdesk.Mail.Tests.Replay;
using static Helpdesk.Mail.Tests.Transport.ImapScripts;

namespace Helpdesk.Mail.Tests.Transport;

/// <summary>
/// The intake's IMAP operations (ImapMailboxSession on MailKit) against a scripted server shaped like Dovecot 2.3,
/// the server the end-to-end tests run for real: what goes over the wire and what comes back.
/// </summary>
[TestClass]
public sealed class ImapMailboxSessionTests
{
    /// <summary>The intake's look for new mail when everything up to UID 3 is taken in.</summary>
    private const string SearchedThrough3 = """
        C: UID SEARCH UID 4:*
        S: * SEARCH 3
        S: {tag} OK Search completed.
        """;

    [TestMethod]
    public async Task FetchAsync_ServerAnswersOutOfOrder_ExactBytesOrderedByUidAndNothingMarkedSeen()
    {
        await using var server = ImapScriptServer.Start($$"""
            {{Open(Dovecot)}}
            C: UID FETCH 1:3 (BODY.PEEK[])
            S: * 2 FETCH (UID 2 BODY[] {#}
            S: Subject: Is my card safe?
            S:
            S: Should I cancel my card?
            S: .
            S: ..leading dots
            S: )
            S: * 1 FETCH (UID 1 BODY[] {#}
            S: Subject: Reset link expired
            S:
            S: The link says it expired. ü
            S: )
            S: * 3 FETCH (UID 3 BODY[] {#}
            S: Subject: Thanks
            S:
            S: Thanks.
            S: )
            S: {tag} OK Fetch completed.
            """);
        await using var session = await OpenAsync(server);

        var messages = await session.FetchAsync([1, 2, 3]);

        CollectionAssert.AreEqual(new uint[] { 1, 2, 3 }, messages.Select(m => m.Uid).ToArray());
        Assert.AreEqual("Subject: Reset link expired\r\n\r\nThe link says it expired. ü\r\n", Encoding.UTF8.GetString(messages[0].Raw));
        Assert.AreEqual("Subject: Is my card safe?\r\n\r\nShould I cancel my card?\r\n.\r\n..leading dots\r\n", Encoding.UTF8.GetString(messages[1].Raw));
        await session.DisposeAsync();
        await server.AssertCompleteAsync();
    }

    [TestMethod]
    public async Task SearchFromAsync_StarRangeBeyondNewest_DropsTheNewestMessageTheServerAddsAnyway()
    {
        // "UID 4:*" matches the newest message even when its UID is below 4 (RFC 3501 6.4.8); servers do send it.
        await using var server = ImapScriptServer.Start($$"""
            {{Open(Dovecot)}}
            {{SearchedThrough3}}
            C: UID SEARCH UID 2:*
            S: * SEARCH 3 2
            S: {tag} OK Search completed.
            """);
        await using var session = await OpenAsync(server);

        var none = await session.SearchFromAsync(4);
        var two = await session.SearchFromAsync(2);

        Assert.IsEmpty(none);
        CollectionAssert.AreEqual(new uint[] { 2, 3 }, two.ToArray(), "oldest first");
        await session.DisposeAsync();
        await server.AssertCompleteAsync();
    }

    [TestMethod]
    public async Task SelectAsync_UidValidityChangedBetweenPasses_ReportsTheNewValue()
    {
        // A restored or recreated mailbox gets a new UIDVALIDITY: its UIDs start again, so the desk's cursor must too.
        await using var server = ImapScriptServer.Start($$"""
            {{Open(Dovecot, uidValidity: 17)}}
            {{Select(exists: 1, uidValidity: 99, uidNext: 2)}}
            """);
        await using var session = await OpenAsync(server);
        Assert.AreEqual(17u, session.UidValidity);

        await session.SelectAsync();

        Assert.AreEqual(99u, session.UidValidity);
        Assert.AreEqual(1, session.Count);
        await session.DisposeAsync();
        await server.AssertCompleteAsync();
    }

    [TestMethod]
    public async Task SettleAsync_NoProcessedFolder_FlagsSeenSilently()
    {
        await using var server = ImapScriptServer.Start($$"""
            {{Open(Dovecot)}}
            C: UID STORE 1:3 +FLAGS.SILENT (\Seen)
            S: {tag} OK Store completed.
            C: UID SEARCH UID 1:3 UNSEEN
            S: * SEARCH
            S: {tag} OK Search completed.
            """);
        await using var session = await OpenAsync(server);

        await session.SettleAsync([1, 2, 3]);
        var unsettled = await session.SearchUnsettledAsync(3);

        Assert.IsEmpty(unsettled);
        await session.DisposeAsync();
        await server.AssertCompleteAsync();
    }

    [TestMethod]
    public async Task SettleAsync_ProcessedFolderWithMove_MovesExactlyThoseUids()
    {
        await using var server = ImapScriptServer.Start($$"""
            {{Open(Dovecot, processed: "Processed")}}
            C: UID SEARCH UID 1:3
            S: * SEARCH 2 3
            S: {tag} OK Search completed.
            C: UID MOVE 2:3 Processed
            S: * OK [COPYUID 5 2:3 10:11] Moved UIDs.
            S: * 2 EXPUNGE
            S: * 2 EXPUNGE
            S: {tag} OK Move completed.
            """);
        await using var session = await OpenAsync(server, processed: "Processed");

        var leftovers = await session.SearchUnsettledAsync(3);
        await session.SettleAsync(leftovers);

        CollectionAssert.AreEqual(new uint[] { 2, 3 }, leftovers.ToArray(), "stored but not moved: everything up to the cursor still here");
        Assert.AreEqual(1, session.Count);
        await session.DisposeAsync();
        await server.AssertCompleteAsync();
    }

    [TestMethod]
    public async Task OpenAsync_ProcessedFolderMissing_CreatesIt()
    {
        await using var server = ImapScriptServer.Start($$"""
            {{Login(Dovecot)}}
            {{Namespaces}}
            C: LIST "" Processed
            S: {tag} OK List completed.
            C: CREATE Processed
            S: {tag} OK Create completed.
            C: LIST "" Processed
            S: * LIST (\HasNoChildren) "/" Processed
            S: {tag} OK List completed.
            {{Select()}}
            """);

        await using var session = await OpenAsync(server, processed: "Processed");

        await session.DisposeAsync();
        await server.AssertCompleteAsync();
    }

    [TestMethod]
    public async Task WaitForNewMailAsync_ExistsDuringIdle_EndsIdleWithDoneAndReportsNewMail()
    {
        await using var server = ImapScriptServer.Start($$"""
            {{Open(Dovecot)}}
            {{SearchedThrough3}}
            C: IDLE
            S: + idling
            S: * 4 EXISTS
            C+: DONE
            S: {tag} OK Idle completed.
            """);
        await using var session = await OpenAsync(server);
        await session.SearchFromAsync(4);

        var arrived = await session.WaitForNewMailAsync(TimeSpan.FromMinutes(1));

        Assert.IsTrue(arrived);
        await session.DisposeAsync();
        await server.AssertCompleteAsync();
    }

    [TestMethod]
    public async Task WaitForNewMailAsync_NothingArrives_EndsIdleAfterTheWaitAndReportsNone()
    {
        await using var server = ImapScriptServer.Start($$"""
            {{Open(Dovecot)}}
            {{SearchedThrough3}}
            C: IDLE
            S: + idling
            C+: DONE
            S: {tag} OK Idle completed.
            """);
        await using var session = await OpenAsync(server);
        await session.SearchFromAsync(4);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var arrived = await session.WaitForNewMailAsync(TimeSpan.FromMilliseconds(400));

        Assert.IsFalse(arrived);
        Assert.IsTrue(clock.Elapsed >= TimeSpan.FromMilliseconds(350), $"returned after {clock.ElapsedMilliseconds} ms");
        await session.DisposeAsync();
        await server.AssertCompleteAsync();
    }

    [TestMethod]
    public async Task WaitForNewMailAsync_MailAnnouncedWhileSettling_ReturnsAtOnceWithoutIdle()
    {
        // EXISTS that came with the STORE answer, after the search: the next pass must look at once, not after the wait.
        await using var server = ImapScriptServer.Start($$"""
            {{Open(Dovecot)}}
            C: UID SEARCH UID 1:*
            S: * SEARCH 1 2 3
            S: {tag} OK Search completed.
            C: UID STORE 1:3 +FLAGS.SILENT (\Seen)
            S: * 4 EXISTS
            S: {tag} OK Store completed.
            """);
        await using var session = await OpenAsync(server);
        await session.SettleAsync(await session.SearchFromAsync(1));

        var arrived = await session.WaitForNewMailAsync(TimeSpan.FromMinutes(1));

        Assert.IsTrue(arrived);
        await session.DisposeAsync();
        await server.AssertCompleteAsync();
    }

    [TestMethod]
    public async Task WaitForNewMailAsync_ServerWithoutIdle_PollsWithNoop()
    {
        await using var server = ImapScriptServer.Start($$"""
            {{Open("IMAP4rev1 UIDPLUS")}}
            {{SearchedThrough3}}
            C: NOOP
            S: {tag} OK Noop completed.
            C: NOOP
            S: * 4 EXISTS
            S: {tag} OK Noop completed.
            """);
        await using var session = await OpenAsync(server);
        session.NoopInterval = TimeSpan.FromMilliseconds(50);
        await session.SearchFromAsync(4);

        var arrived = await session.WaitForNewMailAsync(TimeSpan.FromSeconds(30));

        Assert.IsTrue(arrived);
        await session.DisposeAsync();
        await server.AssertCompleteAsync();
    }
}
