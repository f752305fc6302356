using Helpdesk.Core.Data;
using Helpdesk.Web.Answer;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Helpdesk.Web.Tests;

/// <summary>
/// The answering page's work without the page: <see cref="AnswerSession"/> on a real (demo) desk. Claims, the draft kept
/// across a resumed circuit, the sentences an agent reads when a send is refused, and the reply never lost on the way.
/// </summary>
[TestClass]
public sealed class AnswerSessionTests
{
    [ClassInitialize]
    public static void StartDesk(Microsoft.VisualStudio.TestTools.UnitTesting.TestContext context) => ClassDesk<AnswerSessionTests>.Start();

    [ClassCleanup]
    public static void StopDesk() => ClassDesk<AnswerSessionTests>.Stop();

    private static DeskFactory Desk => ClassDesk<AnswerSessionTests>.Desk;

    private static AnswerSession NewSession() => Desk.Services.GetRequiredService<AnswerSession>();

    private static Task<HelpdeskDbContext> DbAsync() =>
        Desk.Services.GetRequiredService<IDbContextFactory<HelpdeskDbContext>>().CreateDbContextAsync();

    /// <summary>The staff id of a demo account, holding no ticket: every test starts from the queue, not a ticket an earlier test held.</summary>
    private static async Task<long> FreshStaffAsync(string user)
    {
        await using var db = await DbAsync();
        var id = await db.Staff.Where(s => s.UserName == user).Select(s => s.Id).SingleAsync();
        await db.Tickets.Where(t => t.ClaimedBy == id)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ClaimedBy, (long?)null).SetProperty(t => t.ClaimExpiresAt, (DateTimeOffset?)null));
        return id;
    }

    /// <summary>A fresh agent's session on the first ticket the queue offers.</summary>
    private static async Task<(AnswerSession Session, long Ticket)> AgentOnATicketAsync()
    {
        var session = NewSession();
        await session.StartAsync(await FreshStaffAsync("agent"), false, null, null, null, null, CancellationToken.None);
        return (session, session.View!.Ticket.Number);
    }

    private static async Task<int> OutboxCountAsync(long ticket)
    {
        await using var db = await DbAsync();
        return await db.Outbox.CountAsync(o => o.TicketNumber == ticket);
    }

    [TestMethod]
    public async Task StartAsync_NothingAsked_ClaimsTheNextTicketForTheAgent()
    {
        var staff = await FreshStaffAsync("agent");
        var session = NewSession();

        await session.StartAsync(staff, isLead: false, intent: null, lane: null, ticket: null, restored: null, CancellationToken.None);

        Assert.IsNotNull(session.View, "the demo desk has waiting tickets");
        Assert.AreEqual("working", session.State);
        Assert.IsTrue(session.TakeNewTicket(), "a new ticket on screen is announced once");
        Assert.IsFalse(session.TakeNewTicket());
        await using var db = await DbAsync();
        var claimedBy = await db.Tickets.Where(t => t.Number == session.View.Ticket.Number).Select(t => t.ClaimedBy).SingleAsync();
        Assert.AreEqual(staff, claimedBy, "the ticket on screen is claimed by this agent");
    }

    [TestMethod]
    public async Task OpenAsync_TicketHeldByAnotherAgent_SaysWhoHoldsItAndTakesTheNext()
    {
        var lead = await FreshStaffAsync("lead");
        var held = NewSession();
        await held.StartAsync(lead, isLead: true, null, null, null, null, CancellationToken.None);
        var number = held.View!.Ticket.Number;

        var agent = await FreshStaffAsync("agent");
        var session = NewSession();
        await session.StartAsync(agent, isLead: false, null, null, ticket: number, restored: null, CancellationToken.None);

        Assert.IsNotNull(session.View);
        Assert.AreNotEqual(number, session.View.Ticket.Number, "nobody else can take a held ticket");
        StringAssert.Contains(session.Problem, $"#{number} is being answered by");
        StringAssert.Contains(session.Problem, "Here is the next ticket instead.");
    }

    [TestMethod]
    public async Task StartAsync_RestoredStateOfAResumedCircuit_SameTicketAndTheSameWords()
    {
        var staff = await FreshStaffAsync("agent");
        var before = NewSession();
        await before.StartAsync(staff, false, null, null, null, null, CancellationToken.None);
        before.Text = "Hello, your password was changed; the link in this message works for a day.";
        var kept = before.Kept ?? throw new AssertFailedException("a held ticket is kept");

        var after = NewSession();
        await after.StartAsync(staff, false, null, null, null, restored: kept, CancellationToken.None);

        Assert.AreEqual(kept.Ticket, after.View?.Ticket.Number);
        Assert.AreEqual("Hello, your password was changed; the link in this message works for a day.", after.Text);
        StringAssert.Contains(after.Notice, $"Welcome back: #{kept.Ticket} is still yours and your unsent reply is in the box");
        Assert.IsNull(after.OrphanDraft);
    }

    [TestMethod]
    public async Task StartAsync_RestoredTicketNowHeldByAnother_ReplyShownToCopyNotLost()
    {
        var agent = await FreshStaffAsync("agent");
        var before = NewSession();
        await before.StartAsync(agent, false, null, null, null, null, CancellationToken.None);
        before.Text = "Hello, I reset the account for you.";
        var kept = before.Kept!;
        // While the circuit was paused the claim ran out and a lead took the ticket.
        await using (var db = await DbAsync())
            await db.Tickets.Where(t => t.Number == kept.Ticket).ExecuteUpdateAsync(s => s.SetProperty(t => t.ClaimedBy, (long?)null));
        var lead = await FreshStaffAsync("lead");
        var other = NewSession();
        await other.StartAsync(lead, true, null, null, ticket: kept.Ticket, restored: null, CancellationToken.None);
        Assert.AreEqual(kept.Ticket, other.View?.Ticket.Number);

        var after = NewSession();
        await after.StartAsync(agent, false, null, null, null, restored: kept, CancellationToken.None);

        Assert.AreNotEqual(kept.Ticket, after.View?.Ticket.Number);
        Assert.AreEqual("Hello, I reset the account for you.", after.OrphanDraft, "the reply is shown to copy");
        Assert.AreEqual("", after.Text, "and not put on another customer's ticket");
    }

    [TestMethod]
    public async Task SendAndNextAsync_TicketChangedUnderTheReply_WarnsAndKeepsTheText()
    {
        var (session, ticket) = await AgentOnATicketAsync();
        const string reply = "Hello, I checked your account and the link works again.";
        session.Text = reply;
        await using (var db = await DbAsync())
            await db.Tickets.Where(t => t.Number == ticket).ExecuteUpdateAsync(s => s.SetProperty(t => t.Version, t => t.Version + 1));

        await session.SendAndNextAsync(CancellationToken.None);

        StringAssert.Contains(session.Problem, $"Not sent: ticket #{ticket} changed since you opened it");
        Assert.AreEqual(ticket, session.View?.Ticket.Number, "the agent stays on the ticket");
        Assert.AreEqual(reply, session.Text, "not a word of the reply is lost");
        Assert.AreEqual(0, await OutboxCountAsync(ticket));

        // The view was read again, so the next press sends against the version now on screen.
        var finished = new List<long>();
        session.DraftFinished = n => { finished.Add(n); return Task.CompletedTask; };
        await session.SendAndNextAsync(CancellationToken.None);
        StringAssert.Contains(session.Notice, $"Reply to #{ticket} is on its way.");
        Assert.AreEqual(1, await OutboxCountAsync(ticket));
        CollectionAssert.AreEqual(new[] { ticket }, finished, "the browser's copy of the sent reply is dropped");
        Assert.AreNotEqual(ticket, session.View?.Ticket.Number, "the next ticket opens");
    }

    [TestMethod]
    public async Task SendAndNextAsync_ReplyOverTheLimit_RefusedWithASentenceAndTheDraftKept()
    {
        var (session, ticket) = await AgentOnATicketAsync();
        var reply = new string('a', ReplyLimits.MaxCharacters) + " and more";
        session.Text = reply;

        Assert.IsTrue(session.SendEnabled, "the box has text, so the button shows enabled");
        Assert.IsFalse(session.CanSend);
        await session.SendAndNextAsync(CancellationToken.None);

        StringAssert.Contains(session.LengthProblem, $"Nothing was sent: this reply is {reply.Length:N0} characters long");
        StringAssert.Contains(session.LengthProblem, $"at most {ReplyLimits.MaxCharacters:N0} characters");
        Assert.AreEqual(ticket, session.View?.Ticket.Number, "the agent stays on the ticket");
        Assert.AreEqual(reply, session.Text, "the draft stays in the box");
        Assert.AreEqual(0, await OutboxCountAsync(ticket));

        session.Text = "Hello, the short version: the reset link works again.";
        Assert.IsNull(session.LengthProblem, "shortened: the sentence goes");
    }

    [TestMethod]
    public async Task DraftTooLong_OnlyTheLengthFromTheBrowser_RefusedOnTheSameTicket()
    {
        var (session, ticket) = await AgentOnATicketAsync();

        Assert.IsFalse(session.DraftTooLong(ReplyLimits.MaxCharacters), "at the limit is not too long");
        Assert.IsTrue(session.DraftTooLong(70_000));
        await session.SendAndNextAsync(CancellationToken.None);

        StringAssert.Contains(session.LengthProblem, "70,000 characters long");
        Assert.AreEqual(ticket, session.View?.Ticket.Number);
        Assert.AreEqual(0, await OutboxCountAsync(ticket));
    }

    [TestMethod]
    public async Task RenewClaimAsync_ClaimTakenAway_SendRefusedWithTheReasonAndTheTextKept()
    {
        var (session, ticket) = await AgentOnATicketAsync();
        Assert.IsNull(await session.RenewClaimAsync(CancellationToken.None), "a held claim is renewed");
        session.Text = "Hello, the link works again.";
        await using (var db = await DbAsync())
            await db.Tickets.Where(t => t.Number == ticket).ExecuteUpdateAsync(s => s.SetProperty(t => t.ClaimedBy, (long?)null));

        var lost = await session.RenewClaimAsync(CancellationToken.None);
        Assert.AreEqual(ticket, lost);
        Assert.IsFalse(session.LoseClaim(ticket + 1_000_000), "another ticket than the one on screen changes nothing");
        Assert.IsTrue(session.LoseClaim(ticket));
        await session.SendAndNextAsync(CancellationToken.None);

        Assert.AreEqual("claim-lost", session.State);
        StringAssert.Contains(session.Problem, $"Not sent: you no longer hold ticket #{ticket}.");
        Assert.AreEqual("Hello, the link works again.", session.Text);
        Assert.AreEqual(0, await OutboxCountAsync(ticket));
    }

    [TestMethod]
    public async Task SkipAsync_TicketGoesBackAndIsNotOfferedAgain()
    {
        var (session, ticket) = await AgentOnATicketAsync();

        await session.SkipAsync(CancellationToken.None);

        Assert.AreNotEqual(ticket, session.View?.Ticket.Number);
        StringAssert.Contains(session.Notice, $"#{ticket} went back to the queue for somebody else.");
        CollectionAssert.Contains(session.Skipped.ToList(), ticket);
        await using var db = await DbAsync();
        Assert.IsNull(await db.Tickets.Where(t => t.Number == ticket).Select(t => t.ClaimedBy).SingleAsync());
    }
}
