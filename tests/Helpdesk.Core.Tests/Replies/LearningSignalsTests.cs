using Helpdesk.Core.Abstractions;
using Helpdesk.Core.Intents;
using Helpdesk.Core.Replies;
using Helpdesk.Core.Staff;
using Helpdesk.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Core.Tests.Replies;

[TestClass]
public sealed class LearningSignalsTests
{
    [TestMethod]
    public async Task RecordIntentCorrection_ClassifiedTicket_PendingExampleWithPreviousIntentAndAudit()
    {
        await using var desk = await TestDatabase.CreateAsync();
        var number = (await desk.AddTicketsAsync(1, _ => (Helpdesk.Core.Tickets.TicketPriority.Normal, "reset_help")))[0];
        long staffId;
        await using (var db = await desk.Factory.CreateDbContextAsync())
        {
            var agent = new StaffUser("pkumar", "Priya Kumar", "pkumar@meridian.example", StaffRoles.Agent, TestDatabase.Start);
            db.Staff.Add(agent);
            await db.SaveChangesAsync();
            staffId = agent.Id;
        }

        var example = await desk.Get<LearningSignals>().RecordIntentCorrectionAsync(number, "login_problem", staffId);

        await using var check = await desk.Factory.CreateDbContextAsync();
        var stored = await check.TrainingExamples.SingleAsync(e => e.Id == example.Id);
        Assert.AreEqual(TrainingExampleSource.AgentCorrection, stored.Source);
        Assert.AreEqual(TrainingExampleState.Pending, stored.State);
        Assert.AreEqual("reset_help", stored.PreviousIntentId);
        Assert.AreEqual("login_problem", stored.IntentId);
        Assert.AreEqual("Question 0\ntext", stored.Text);
        var ticket = await check.Tickets.SingleAsync(t => t.Number == number);
        Assert.AreEqual("login_problem", ticket.Intent);
        Assert.IsTrue(ticket.IntentChangedByAgent);
        var audit = await check.AuditEvents.SingleAsync(a => a.TicketNumber == number);
        Assert.AreEqual("ticket.intent_corrected", audit.Action);
        Assert.AreEqual("reset_help -> login_problem", audit.Details);
    }

    [TestMethod]
    public async Task RecordIntentCorrection_UnknownIntent_Rejected()
    {
        await using var desk = await TestDatabase.CreateAsync();
        var number = (await desk.AddTicketsAsync(1))[0];

        await Assert.ThrowsExactlyAsync<DomainException>(() => desk.Get<LearningSignals>().RecordIntentCorrectionAsync(number, "weather", 1));
    }
}
