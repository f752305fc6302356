using Helpdesk.Core.Classification;
using Helpdesk.Core.Intake;
using Helpdesk.Mail.Authenticity;

namespace Helpdesk.Core.Tests.Intake;

/// <summary>
/// A bare forward ("is this you?" and the mail below) says little in the customer's own words, so the classifier is often
/// unsure; when the forwarded mail claims to be from us, its evidence decides the intent instead of triage.
/// </summary>
[TestClass]
public sealed class ForwardEvidenceIntentTests
{
    private static readonly IntentScore[] Ranked = [new("reset_help", 0.31), new("phishing_check", 0.27), new("complaint", 0.12)];

    private static IntentPrediction Unsure => new(null, 0.31, NeedsTriage: true, Ranked);

    [TestMethod]
    public void UnsureForwardOfMailClaimingUs_IsAPhishingCheckWithItsOwnProbability()
    {
        var judged = new PhishingJudgment(PhishingFinding.NotOurs, ["meridian-secure.com imitates meridian.example"], ClaimsUs: true);

        var prediction = IntakePipeline.WithForwardEvidence(Unsure, judged);

        Assert.AreEqual("phishing_check", prediction.Intent);
        Assert.IsFalse(prediction.NeedsTriage);
        Assert.AreEqual(0.27, prediction.Confidence);
    }

    [TestMethod]
    public void UnsureForwardOfAnotherCompanysMail_StaysInTriage()
    {
        var judged = new PhishingJudgment(PhishingFinding.NotOurs, ["sent from bookshop.example, not one of our domains"], ClaimsUs: false);

        Assert.AreSame(Unsure.Top, IntakePipeline.WithForwardEvidence(Unsure, judged).Top);
        Assert.IsTrue(IntakePipeline.WithForwardEvidence(Unsure, judged).NeedsTriage);
        Assert.IsTrue(IntakePipeline.WithForwardEvidence(Unsure, null).NeedsTriage);
    }

    [TestMethod]
    public void SureClassifier_KeepsItsIntentWhateverWasForwarded()
    {
        var sure = new IntentPrediction("reset_help", 0.93, NeedsTriage: false, Ranked);
        var judged = new PhishingJudgment(PhishingFinding.Ours, ["our signature holds"], ClaimsUs: true);

        Assert.AreEqual("reset_help", IntakePipeline.WithForwardEvidence(sure, judged).Intent);
    }

    [TestMethod]
    public void PhishingCheckNotRanked_IntentSetWithoutBorrowingAnotherIntentsConfidence()
    {
        var unranked = new IntentPrediction(null, 0.31, NeedsTriage: true, [new("reset_help", 0.31)]);
        var judged = new PhishingJudgment(PhishingFinding.Unknown, ["from our domain"], ClaimsUs: true);

        var prediction = IntakePipeline.WithForwardEvidence(unranked, judged);

        Assert.AreEqual("phishing_check", prediction.Intent);
        Assert.IsNull(prediction.Confidence);
    }
}
