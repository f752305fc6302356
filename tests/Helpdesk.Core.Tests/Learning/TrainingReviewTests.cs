using Helpdesk.Core.Abstractions;
using Helpdesk.Core.Intents;
using Helpdesk.Core.Replies;
using Helpdesk.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Core.Tests.Learning;

[TestClass]
public sealed class TrainingReviewTests
{
    [TestMethod]
    public async Task QueueAsync_CorrectionAndTriageTicket_BothListedCorrectionFirst()
    {
        await using var desk = await TestDatabase.CreateAsync();
        var agent = await desk.AddStaffAsync("Alex Agent", Helpdesk.Core.Staff.StaffRoles.Agent);
        var corrected = await desk.AddTicketAsync("Ann Lee", "card", "my card has strange charges", "thanks");
        var triage = await desk.AddTicketAsync("Bo Chan", "hmm", "hello?", needsTriage: true);
        await desk.Get<LearningSignals>().RecordIntentCorrectionAsync(corrected, "card_safety", agent);

        var queue = await desk.Get<TrainingReview>().QueueAsync();

        Assert.AreEqual(2, queue.Count);
        Assert.AreEqual(ReviewKind.Correction, queue[0].Kind);
        Assert.AreEqual("thanks", queue[0].PreviousIntent);
        Assert.AreEqual("card_safety", queue[0].ProposedIntent);
        Assert.AreEqual("Alex Agent", queue[0].By);
        Assert.AreEqual(ReviewKind.Triage, queue[1].Kind);
        Assert.AreEqual(triage, queue[1].TicketNumber);
        StringAssert.Contains(queue[1].Text, "hello?");
        Assert.AreEqual((1, 1), await desk.Get<TrainingReview>().CountsAsync());
    }

    [TestMethod]
    public async Task AcceptAndReject_Corrections_StateAndIntentRecorded()
    {
        await using var desk = await TestDatabase.CreateAsync();
        var agent = await desk.AddStaffAsync("Alex Agent", Helpdesk.Core.Staff.StaffRoles.Agent);
        var trainer = await desk.AddStaffAsync();
        var signals = desk.Get<LearningSignals>();
        var a = await signals.RecordIntentCorrectionAsync(await desk.AddTicketAsync("A B", "s", "t", "thanks"), "card_safety", agent);
        var b = await signals.RecordIntentCorrectionAsync(await desk.AddTicketAsync("C D", "s", "t", "thanks"), "complaint", agent);
        var c = await signals.RecordIntentCorrectionAsync(await desk.AddTicketAsync("E F", "s", "t", "thanks"), "complaint", agent);
        var review = desk.Get<TrainingReview>();

        await review.AcceptCorrectionAsync(a.Id, trainer);
        await review.AcceptCorrectionAsync(b.Id, trainer, "exposure_question");
        await review.RejectCorrectionAsync(c.Id, trainer);

        await using var db = await desk.Factory.CreateDbContextAsync();
        var examples = await db.TrainingExamples.OrderBy(e => e.Id).ToListAsync();
        Assert.AreEqual((TrainingExampleState.Accepted, "card_safety"), (examples[0].State, examples[0].IntentId));
        Assert.AreEqual((TrainingExampleState.Accepted, "exposure_question"), (examples[1].State, examples[1].IntentId));
        Assert.AreEqual(TrainingExampleState.Rejected, examples[2].State);
        Assert.IsTrue(examples.All(e => e.ReviewedBy == trainer));
        Assert.AreEqual(0, (await review.QueueAsync()).Count);
        await Assert.ThrowsExactlyAsync<DomainException>(() => review.RejectCorrectionAsync(a.Id, trainer));
    }

    [TestMethod]
    public async Task AcceptTriageAsync_Ticket_ExampleAcceptedTicketClassifiedAndGoneFromQueue()
    {
        await using var desk = await TestDatabase.CreateAsync();
        var trainer = await desk.AddStaffAsync();
        var accepted = await desk.AddTicketAsync("Ann Lee", "Re: notice", "can I still use my gift card?", needsTriage: true);
        var rejected = await desk.AddTicketAsync("Bo Chan", "buy now", "cheap watches", needsTriage: true);
        var review = desk.Get<TrainingReview>();

        var example = await review.AcceptTriageAsync(accepted, "order_other", trainer);
        await review.RejectTriageAsync(rejected, trainer);

        await using var db = await desk.Factory.CreateDbContextAsync();
        var ticket = await db.Tickets.SingleAsync(t => t.Number == accepted);
        Assert.AreEqual("order_other", ticket.Intent);
        Assert.IsFalse(ticket.NeedsTriage);
        Assert.AreEqual(TrainingExampleState.Accepted, example.State);
        Assert.AreEqual(TrainingExampleSource.TriageReview, example.Source);
        Assert.AreEqual("Re: notice\ncan I still use my gift card?", example.Text);
        Assert.AreEqual(TrainingExampleState.Rejected, (await db.TrainingExamples.SingleAsync(e => e.TicketNumber == rejected)).State);
        Assert.AreEqual(0, (await review.QueueAsync()).Count);
        await Assert.ThrowsExactlyAsync<DomainException>(() => review.AcceptTriageAsync(accepted, "thanks", trainer));
        var another = await desk.AddTicketAsync("X", "s", "t", needsTriage: true);
        await Assert.ThrowsExactlyAsync<DomainException>(() => review.AcceptTriageAsync(another, "not_an_intent", trainer));
    }
}
