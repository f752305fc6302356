using Helpdesk.Core.Abstractions;
using Helpdesk.Core.Reporting;
using Helpdesk.Core.Tests.Support;
using Helpdesk.Core.Tickets;
using Microsoft.EntityFrameworkCore;
using static Helpdesk.Core.Tests.Reporting.DashboardFixture;

namespace Helpdesk.Core.Tests.Reporting;

[TestClass]
public sealed class LeadActionsTests
{
    private static async Task<long> LeadIdAsync(TestDatabase db)
    {
        await using var ctx = await db.Factory.CreateDbContextAsync();
        return await ctx.Staff.Where(s => s.UserName == "lee").Select(s => s.Id).SingleAsync();
    }

    private static async Task<(Ticket Ticket, List<Helpdesk.Core.Audit.AuditEvent> Audit)> ReadAsync(TestDatabase db, long number)
    {
        await using var ctx = await db.Factory.CreateDbContextAsync();
        return (await ctx.Tickets.SingleAsync(t => t.Number == number),
            await ctx.AuditEvents.Where(a => a.TicketNumber == number).ToListAsync());
    }

    [TestMethod]
    public async Task Reassign_HeldTicket_NewAgentHoldsItForTheAssignmentHoldAndAudited()
    {
        await using var db = await TestDatabase.CreateAsync();
        var desk = await BuildAsync(db);
        var lead = await LeadIdAsync(db);

        await db.Get<LeadActions>().ReassignAsync(lead, desk.Tickets["T4"], desk.Cat);

        var (ticket, audit) = await ReadAsync(db, desk.Tickets["T4"]);
        Assert.AreEqual(desk.Cat, ticket.ClaimedBy);
        Assert.AreEqual(Now.AddMinutes(30), ticket.ClaimExpiresAt);
        Assert.AreEqual("ticket.reassign", audit.Single().Action);
        StringAssert.Contains(audit.Single().Details, "cat");
        var agents = await db.Get<DeskFigures>().AgentsAsync(Now);
        Assert.AreEqual(2, agents.Single(a => a.StaffId == desk.Cat).Holding);
    }

    [TestMethod]
    public async Task ReleaseClaim_StuckClaim_BackInTheQueueAndAudited()
    {
        await using var db = await TestDatabase.CreateAsync();
        var desk = await BuildAsync(db);
        var lead = await LeadIdAsync(db);

        await db.Get<LeadActions>().ReleaseClaimAsync(lead, desk.Tickets["T6"]);

        var (ticket, audit) = await ReadAsync(db, desk.Tickets["T6"]);
        Assert.IsNull(ticket.ClaimedBy);
        Assert.AreEqual("ticket.release_claim", audit.Single().Action);
        await Assert.ThrowsExactlyAsync<DomainException>(() => db.Get<LeadActions>().ReleaseClaimAsync(lead, desk.Tickets["T6"]));
    }

    [TestMethod]
    public async Task Reprioritize_Ticket_PriorityChangedAndAudited()
    {
        await using var db = await TestDatabase.CreateAsync();
        var desk = await BuildAsync(db);
        var lead = await LeadIdAsync(db);

        await db.Get<LeadActions>().ReprioritizeAsync(lead, desk.Tickets["T7"], TicketPriority.Urgent);

        var (ticket, audit) = await ReadAsync(db, desk.Tickets["T7"]);
        Assert.AreEqual(TicketPriority.Urgent, ticket.Priority);
        Assert.AreEqual("Normal -> Urgent", audit.Single().Details);
    }

    [TestMethod]
    public async Task Reassign_ByAnAgent_Refused()
    {
        await using var db = await TestDatabase.CreateAsync();
        var desk = await BuildAsync(db);

        await Assert.ThrowsExactlyAsync<DomainException>(() => db.Get<LeadActions>().ReassignAsync(desk.Ana, desk.Tickets["T7"], desk.Ana));

        var (ticket, audit) = await ReadAsync(db, desk.Tickets["T7"]);
        Assert.IsNull(ticket.ClaimedBy);
        Assert.AreEqual(0, audit.Count);
    }
}
