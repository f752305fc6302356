using Helpdesk.Core.Customers;
using Helpdesk.Core.Intake;
using Helpdesk.Core.Outbox;
using Helpdesk.Core.Staff;
using Helpdesk.Core.Tests.Support;
using Helpdesk.Core.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Core.Tests.Reporting;

/// <summary>
/// A small desk whose figures are worked out by hand (see DeskFiguresTests). Now is 2026-11-22 12:30 UTC
/// (07:30 in New York, so "today" began at 05:00 UTC). Times below are UTC.
/// <code>
/// #  received          intent              what happened                                   at the end
/// T1 22nd 09:10  reset_help          answered by Ana 09:40 (30 min)                  pending
/// T2 22nd 09:20  reset_help          answered by Ana 10:05 (45 min)                  pending
/// T3 22nd 10:15  card_safety         answered by Ben 11:15 (60 min)                  pending
/// T4 22nd 10:30  card_safety         claimed by Ben 12:29 (lease to 12:34)           waiting 2 h
/// T5 22nd 11:50  none, needs triage  -                                               waiting 40 min
/// T6 22nd 11:10  reset_help          claimed by Cat 12:28 (lease to 12:33)           waiting 1 h 20
/// T7 21st 06:00  exposure_question   -                                               waiting 30 h 30
/// T8 21st 11:30  login_problem       answered by Ben 21st 12:45 (75 min), wrote     waiting 50 min
///                                    again 22nd 11:40
/// T9 22nd 12:10  exposure_question   agent changed it to card_safety 12:15           waiting 20 min
/// </code>
/// Outbox: 1 queued, 1 failed, 2 bounced, 1 sent. Mailbox "passwordchange": good poll 12:20, failed poll 12:25
/// ("timeout", 3 waiting on the server). Raw emails: 2 pending (fetched 12:00 and 12:10), 1 processed.
/// </summary>
internal static class DashboardFixture
{
    public static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 30, 0, TimeSpan.Zero);

    public static DateTimeOffset At(int day, int hour, int minute) => new(2026, 11, day, hour, minute, 0, TimeSpan.Zero);

    public sealed record Desk(TestDatabase Db, Dictionary<string, long> Tickets, long Ana, long Ben, long Cat);

    public static async Task<Desk> BuildAsync(TestDatabase desk)
    {
        desk.Clock.Advance(Now - desk.Clock.GetUtcNow());
        var lease = TimeSpan.FromMinutes(5);
        await using (var db = await desk.Factory.CreateDbContextAsync())
        {
            db.Staff.AddRange(
                new StaffUser("ana", "Ana Diaz", "ana@meridian.example", StaffRoles.Agent, At(20, 0, 0)),
                new StaffUser("ben", "Ben Okafor", "ben@meridian.example", StaffRoles.Agent, At(20, 0, 0)),
                new StaffUser("cat", "Cat Nguyen", "cat@meridian.example", StaffRoles.Agent, At(20, 0, 0)),
                new StaffUser("lee", "Lee Park", "lee@meridian.example", StaffRoles.Lead, At(20, 0, 0)));
            await db.SaveChangesAsync();
        }
        var staff = await ReadStaffAsync(desk);
        long ana = staff["ana"], ben = staff["ben"], cat = staff["cat"];

        (string Name, DateTimeOffset Received, string? Intent, bool Triage)[] plan =
        [
            ("T1", At(22, 9, 10), "reset_help", false), ("T2", At(22, 9, 20), "reset_help", false),
            ("T3", At(22, 10, 15), "card_safety", false), ("T4", At(22, 10, 30), "card_safety", false),
            ("T5", At(22, 11, 50), null, true), ("T6", At(22, 11, 10), "reset_help", false),
            ("T7", At(21, 6, 0), "exposure_question", false), ("T8", At(21, 11, 30), "login_problem", false),
            ("T9", At(22, 12, 10), "exposure_question", false),
        ];
        var numbers = new Dictionary<string, long>();
        await using (var db = await desk.Factory.CreateDbContextAsync())
        {
            foreach (var (name, received, intent, triage) in plan)
            {
                var customer = new Customer($"{name.ToLowerInvariant()}@example.com", name, received);
                var ticket = Ticket.Open(customer, $"Question {name}", received);
                ticket.AddCustomerMessage(TicketMessage.Inbound($"{name}@example.com", null, [], customer.Address, null, "q", "text", "text", null, received, null));
                ticket.Classify(intent, triage ? 0.4 : 0.95, triage);
                db.Tickets.Add(ticket);
            }
            await db.SaveChangesAsync();
            foreach (var t in db.Tickets.Local) numbers[t.Subject["Question ".Length..]] = t.Number;
        }

        // Changes as separate saves, in the order they happened, so the update triggers see each one.
        await ChangeAsync(desk, numbers["T8"], t => Reply(t, ben, At(21, 12, 45)));
        await ChangeAsync(desk, numbers["T1"], t => Reply(t, ana, At(22, 9, 40)));
        await ChangeAsync(desk, numbers["T2"], t => Reply(t, ana, At(22, 10, 5)));
        await ChangeAsync(desk, numbers["T3"], t => Reply(t, ben, At(22, 11, 15)));
        await ChangeAsync(desk, numbers["T8"], t => t.AddCustomerMessage(TicketMessage.Inbound("t8-again@example.com", null, [],
            "t8@example.com", null, "Re", "still broken", "still broken", null, At(22, 11, 40), null)));
        await ChangeAsync(desk, numbers["T9"], t => t.ChangeIntent("card_safety", At(22, 12, 15)));
        await ChangeAsync(desk, numbers["T6"], t => t.Claim(cat, At(22, 12, 28), lease));
        await ChangeAsync(desk, numbers["T4"], t => t.Claim(ben, At(22, 12, 29), lease));

        await using (var db = await desk.Factory.CreateDbContextAsync())
        {
            OutboxItem Item(int i) => new(OutboxKind.Reply, numbers["T1"], null, $"out-{i}@meridian.example", "passwordchange@meridian.example",
                "t1@example.com", "Re: Question", At(22, 10, i));
            var failed = Item(2);
            failed.MarkFailed("550 no such user", Now);
            var bounced1 = Item(3);
            bounced1.MarkBounced("mailbox full");
            var bounced2 = Item(4);
            bounced2.MarkBounced("no such user");
            var sent = Item(5);
            sent.MarkSent(At(22, 10, 6));
            db.Outbox.AddRange(Item(1), failed, bounced1, bounced2, sent);

            var cursor = new MailboxCursor("passwordchange");
            cursor.RecordPoll(At(22, 12, 20), 7, null);
            cursor.RecordPoll(At(22, 12, 25), 3, "timeout");
            db.MailboxCursors.Add(cursor);
            var processed = new RawMessage("passwordchange", 1, 1, "a"u8.ToArray(), At(22, 11, 0));
            processed.MarkProcessed("none", null, numbers["T1"], At(22, 11, 0));
            db.RawMessages.AddRange(processed,
                new RawMessage("passwordchange", 1, 2, "b"u8.ToArray(), At(22, 12, 0)),
                new RawMessage("passwordchange", 1, 3, "c"u8.ToArray(), At(22, 12, 10)));
            await db.SaveChangesAsync();
        }
        return new Desk(desk, numbers, ana, ben, cat);
    }

    private static async Task<Dictionary<string, long>> ReadStaffAsync(TestDatabase desk)
    {
        await using var db = await desk.Factory.CreateDbContextAsync();
        return await db.Staff.ToDictionaryAsync(s => s.UserName, s => s.Id);
    }

    private static void Reply(Ticket ticket, long agent, DateTimeOffset at)
    {
        ticket.Claim(agent, at.AddMinutes(-2), TimeSpan.FromMinutes(5));
        ticket.Reply(agent, ticket.Version, TicketMessage.Outbound(agent, $"reply-{ticket.Number}-{at.Ticks}@meridian.example", null, [],
            "Re: " + ticket.Subject, "Hello", at), at);
    }

    public static async Task ChangeAsync(TestDatabase desk, long number, Action<Ticket> change)
    {
        await using var db = await desk.Factory.CreateDbContextAsync();
        var ticket = await db.Tickets.Include(t => t.Messages).SingleAsync(t => t.Number == number);
        change(ticket);
        await db.SaveChangesAsync();
    }
}
