using Helpdesk.Classification.Model;
using Helpdesk.Classification.Pipeline;
using Helpdesk.Classification.Training;

namespace Helpdesk.Classification.Tests;

/// <summary>Large training sets take fewer passes for the same number of optimizer steps (IntentTrainerOptions.MaxUpdates).</summary>
[TestClass]
public sealed class TrainingPassesTests
{
    [TestMethod]
    [DataRow(2_625, 100)] // the seed set keeps its passes
    [DataRow(7_025, 100)] // seed + generated: the shipped model is trained as before
    [DataRow(50_000, 15)]
    [DataRow(42_440, 18)] // the calibration fit of the 50,000 set
    [DataRow(10_000_000, 10)] // never fewer than MinIterations
    public void ForExamples_LinearSvm_ScalesPassesToTheSteps(int examples, int passes)
    {
        Assert.AreEqual(passes, IntentTrainerOptions.Default.ForExamples(examples).MaxIterations);
    }

    [TestMethod]
    public void ForExamples_ScalingOffOrOtherTrainer_KeepsTheOptions()
    {
        var off = IntentTrainerOptions.Default with { MaxUpdates = 0 };
        Assert.AreEqual(100, off.ForExamples(50_000).MaxIterations);
        var lbfgs = IntentTrainerOptions.Default with { Algorithm = IntentAlgorithm.LbfgsMaximumEntropy };
        Assert.AreEqual(100, lbfgs.ForExamples(50_000).MaxIterations);
    }

    [TestMethod]
    public void Train_SmallStepBudget_TrainsWithFewerPassesAndSaysSo()
    {
        IReadOnlyList<LabeledText> data = Fixtures.Separable(30, seed: 1);
        IntentModel full = new IntentTrainer(Fixtures.Options).Train(data);
        IntentModel scaled = new IntentTrainer(Fixtures.Options with { MaxUpdates = 3 * data.Count, MinIterations = 3 }).Train(data);

        StringAssert.Contains(full.Metrics.Trainer, "100 iterations");
        StringAssert.Contains(scaled.Metrics.Trainer, "3 iterations");
        // Fewer steps give a different model (the budget is really applied), still right on this easy fixture.
        // (an unfamiliar text: a clear one is near certain either way)
        float[] Probabilities(IntentModel m) => m.Predict("hello team, a question about this morning").Ranked.OrderBy(p => p.Label, StringComparer.Ordinal).Select(p => p.Probability).ToArray();
        CollectionAssert.AreNotEqual(Probabilities(full), Probabilities(scaled));
        Assert.AreEqual(full.Predict("the reset link expired yesterday").Ranked[0].Label, scaled.Predict("the reset link expired yesterday").Ranked[0].Label);
    }

    [TestMethod]
    public void Validate_NegativeBudget_SaysWhichOption()
    {
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new IntentTrainer(IntentTrainerOptions.Default with { MaxUpdates = -1 }));
        Assert.AreEqual("MaxUpdates", e.ParamName);
    }
}
