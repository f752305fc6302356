using Helpdesk.Core.Classification;
using Helpdesk.Core.Tests.Classification;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Core.Tests.Intake;

/// <summary>The intent a ticket carries after intake: the newest customer message's, and never none for want of a model.</summary>
[TestClass]
public sealed class IntakeClassificationTests
{
    private const string CardBody = "Is my credit card safe after the breach? Should I cancel my Visa and ask the bank for a new one?";
    private const string SpinBody = "I made the new password like you said but now when I try to sign in the page just spins and I can't log in to my account.";

    [TestMethod]
    public async Task FollowUp_NewestMessageAboutSomethingElse_TicketTakesItsIntent()
    {
        await using var desk = await IntakeTestDesk.CreateAsync();
        var classifier = desk.Database.Get<ITicketClassifier>();
        await classifier.WarmUpAsync();
        var first = await desk.TakeInAsync(Mails.Customer("dana@example.com", "m1@example.com", "my card", CardBody));
        Assert.AreEqual("card_safety", (await desk.TicketAsync(first.TicketNumber!.Value)).Intent);
        var expected = classifier.Classify("Re: my card", SpinBody);
        Assert.IsFalse(expected.NeedsTriage, "the follow-up is clear on its own");

        var reply = await desk.TakeInAsync(Mails.Customer("dana@example.com", "m2@example.com", "Re: my card", SpinBody, inReplyTo: "m1@example.com"));

        Assert.AreEqual(first.TicketNumber, reply.TicketNumber);
        var ticket = await desk.TicketAsync(first.TicketNumber.Value);
        Assert.AreNotEqual("card_safety", ticket.Intent);
        Assert.AreEqual(expected.Intent, ticket.Intent);
        Assert.AreEqual(expected.Confidence, ticket.IntentConfidence);
    }

    [TestMethod]
    public async Task FollowUp_AgentCorrectedTheIntent_CorrectionStays()
    {
        await using var desk = await IntakeTestDesk.CreateAsync();
        await desk.Database.Get<ITicketClassifier>().WarmUpAsync();
        var first = await desk.TakeInAsync(Mails.Customer("dana@example.com", "m1@example.com", "my card", CardBody));
        await desk.ChangeTicketAsync(first.TicketNumber!.Value, t => t.ChangeIntent("complaint", desk.Database.Clock.GetUtcNow()));

        await desk.TakeInAsync(Mails.Customer("dana@example.com", "m2@example.com", "Re: my card", SpinBody, inReplyTo: "m1@example.com"));

        Assert.AreEqual("complaint", (await desk.TicketAsync(first.TicketNumber.Value)).Intent);
    }

    [TestMethod]
    public async Task Intake_FreshDeskWithoutModelFile_NoTicketLeftUnclassified()
    {
        var training = IntentClassifierServiceTests.SmallTrainingSet(40);
        var modelFile = Path.Combine(training, "..", "models", "intent.model");
        await using var desk = await IntakeTestDesk.CreateAsync(new Dictionary<string, string?>
        {
            ["Helpdesk:Classification:TrainingDirectory"] = training,
            ["Helpdesk:Classification:ModelFile"] = modelFile,
        });
        Assert.IsFalse(File.Exists(modelFile));
        Assert.IsFalse(desk.Database.Get<ITicketClassifier>().IsReady);
        var pipeline = desk.Pipeline;
        var mails = new[]
        {
            Mails.Customer("a@example.com", "a1@example.com", "reset", "The reset link says expired, I clicked it right away."),
            Mails.Customer("b@example.com", "b1@example.com", "card", CardBody),
            Mails.Customer("c@example.com", "c1@example.com", "", "thank you for letting us know"),
        };

        var outcomes = await Task.WhenAll(mails.Select(m => desk.TakeInAsync(m)));

        Assert.IsTrue(File.Exists(modelFile), "the first batch waited while the model was trained and saved");
        var tickets = await desk.QueryAsync(db => db.Tickets.AsNoTracking().ToListAsync());
        Assert.AreEqual(3, tickets.Count);
        foreach (var t in tickets)
            Assert.IsTrue(t.Intent is not null || t.NeedsTriage, $"ticket #{t.Number} was left unclassified");
        Assert.AreEqual(3, outcomes.Select(o => o.TicketNumber).Distinct().Count());
    }
}
