using Helpdesk.Core.Abstractions;
using Helpdesk.Core.Queue;
using Helpdesk.Core.Staff;
using Helpdesk.Core.Tests.Support;
using Helpdesk.Core.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Core.Tests.Staff;

/// <summary>Responder accounts that end: their claims go back at once, what they sent stays theirs, a Lead extends.</summary>
[TestClass]
public sealed class AccountEndClaimsTests
{
    private static async Task<long> AddStaffAsync(TestDatabase desk, string name, StaffRoles roles)
    {
        await using var db = await desk.Factory.CreateDbContextAsync();
        var user = new StaffUser(name, $"{name} Person", $"{name}@meridian.example", roles, desk.Clock.GetUtcNow());
        db.Staff.Add(user);
        await db.SaveChangesAsync();
        return user.Id;
    }

    [TestMethod]
    public async Task EndedNow_ClaimsReleasedAtOnce_OthersKept_SentReplyKeepsTheName()
    {
        await using var desk = await TestDatabase.CreateAsync();
        var admin = await AddStaffAsync(desk, "boss", StaffRoles.Admin);
        var responder = await AddStaffAsync(desk, "responder", StaffRoles.Agent);
        var regular = await AddStaffAsync(desk, "regular", StaffRoles.Agent);
        var numbers = await desk.AddTicketsAsync(3);
        var queue = desk.Get<TicketQueue>();
        Assert.IsTrue(await queue.ClaimAsync(responder, numbers[0]));
        Assert.IsTrue(await queue.ClaimAsync(responder, numbers[1]));
        Assert.IsTrue(await queue.ClaimAsync(regular, numbers[2]));
        await using (var db = await desk.Factory.CreateDbContextAsync())
        {
            var t = await db.Tickets.SingleAsync(x => x.Number == numbers[0]);
            t.AttachSilently(TicketMessage.Outbound(responder, $"r-{Guid.NewGuid():N}@meridian.example", null, [], "Re: Question 0", "Done.", desk.Clock.GetUtcNow()));
            await db.SaveChangesAsync();
        }

        await desk.Get<StaffDirectory>().SetEndsAtAsync(admin, responder, desk.Clock.GetUtcNow());

        await using var check = await desk.Factory.CreateDbContextAsync();
        var held = await check.Tickets.AsNoTracking().Where(t => numbers.Contains(t.Number)).ToDictionaryAsync(t => t.Number, t => t.ClaimedBy);
        Assert.IsNull(held[numbers[0]], "the ended account's first ticket is back in the queue");
        Assert.IsNull(held[numbers[1]], "the ended account's second ticket is back in the queue");
        Assert.AreEqual(regular, held[numbers[2]], "someone else's claim is untouched");
        var audits = await check.AuditEvents.Where(a => a.Action == "ticket.claim_released").OrderBy(a => a.TicketNumber).ToListAsync();
        CollectionAssert.AreEqual(new long?[] { numbers[0], numbers[1] }, audits.Select(a => a.TicketNumber).ToArray());
        StringAssert.Contains(audits[0].Details, "responder");
        var reply = await check.Set<TicketMessage>().AsNoTracking().SingleAsync(m => m.Direction == MessageDirection.Outbound);
        Assert.AreEqual(responder, reply.AuthorStaffId, "the reply stays the responder's");
        Assert.AreEqual("responder Person", await check.Staff.Where(s => s.Id == reply.AuthorStaffId).Select(s => s.DisplayName).SingleAsync());
        Assert.AreEqual(1, await check.AuditEvents.CountAsync(a => a.Action == "staff.ends_at" && a.Actor == "boss"));
    }

    [TestMethod]
    public async Task EndPassesLater_TwoInstancesSweepTogether_EachTicketReleasedAndAuditedOnce()
    {
        await using var first = await TestDatabase.CreateAsync();
        await using var second = await TestDatabase.CreateSharingAsync(first);
        var admin = await AddStaffAsync(first, "boss", StaffRoles.Admin);
        var responders = new List<long>();
        for (var i = 0; i < 4; i++) responders.Add(await AddStaffAsync(first, $"responder{i}", StaffRoles.Agent));
        var numbers = await first.AddTicketsAsync(40);
        for (var i = 0; i < numbers.Count; i++) Assert.IsTrue(await first.Get<TicketQueue>().ClaimAsync(responders[i % 4], numbers[i]));
        foreach (var r in responders) await first.Get<StaffDirectory>().SetEndsAtAsync(admin, r, first.Clock.GetUtcNow().AddMinutes(1));
        Assert.AreEqual(0, (await first.Get<TicketQueue>().ReleaseEndedAccountsAsync()).Count, "before the end nothing is released");

        first.Clock.Advance(TimeSpan.FromMinutes(2));
        second.Clock.Advance(first.Clock.GetUtcNow() - second.Clock.GetUtcNow());
        var runs = await Task.WhenAll(
            Task.Run(() => first.Get<TicketQueue>().ReleaseEndedAccountsAsync()), Task.Run(() => second.Get<TicketQueue>().ReleaseEndedAccountsAsync()),
            Task.Run(() => first.Get<TicketQueue>().ReleaseEndedAccountsAsync()), Task.Run(() => second.Get<TicketQueue>().ReleaseEndedAccountsAsync()));

        var released = runs.SelectMany(r => r).Select(r => r.Ticket).ToList();
        CollectionAssert.AreEquivalent(numbers, released, "every ticket released exactly once across the instances");
        await using var check = await first.Factory.CreateDbContextAsync();
        Assert.AreEqual(0, await check.Tickets.CountAsync(t => t.ClaimedBy != null));
        Assert.AreEqual(40, await check.AuditEvents.CountAsync(a => a.Action == "ticket.claim_released"));
        Assert.AreEqual(0, (await second.Get<TicketQueue>().ReleaseEndedAccountsAsync()).Count, "a later pass finds nothing");
    }

    [TestMethod]
    public async Task Extend_ByLead_LaterOnlyAndAudited()
    {
        await using var desk = await TestDatabase.CreateAsync();
        var admin = await AddStaffAsync(desk, "boss", StaffRoles.Admin);
        var lead = await AddStaffAsync(desk, "lead1", StaffRoles.Lead);
        var responder = await AddStaffAsync(desk, "responder", StaffRoles.Agent);
        var regular = await AddStaffAsync(desk, "regular", StaffRoles.Agent);
        var staff = desk.Get<StaffDirectory>();
        var now = desk.Clock.GetUtcNow();
        await staff.SetEndsAtAsync(admin, responder, now.AddHours(-1));

        var noEnd = await Assert.ThrowsExactlyAsync<DomainException>(() => staff.ExtendAsync(lead, regular, now.AddDays(1)));
        var earlier = await Assert.ThrowsExactlyAsync<DomainException>(() => staff.ExtendAsync(lead, responder, now.AddMinutes(-30)));
        await staff.ExtendAsync(lead, responder, now.AddDays(2));

        StringAssert.Contains(noEnd.Message, "no end date");
        StringAssert.Contains(earlier.Message, "must be later");
        await using var db = await desk.Factory.CreateDbContextAsync();
        var user = await db.Staff.SingleAsync(s => s.Id == responder);
        Assert.AreEqual(now.AddDays(2), user.EndsAt);
        Assert.IsFalse(user.HasEnded(now));
        var audit = await db.AuditEvents.SingleAsync(a => a.Action == "staff.extend");
        Assert.AreEqual("lead1", audit.Actor);
        StringAssert.Contains(audit.Details, "responder");
        Assert.AreEqual(1, (await staff.ListEndingAsync()).Count(r => r.Id == responder));
        Assert.IsFalse((await staff.ListEndingAsync()).Any(r => r.Id == regular));
    }
}
