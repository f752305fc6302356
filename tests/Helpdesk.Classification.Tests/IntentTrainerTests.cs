using Helpdesk.Classification.Evaluation;
using Helpdesk.Classification.Model;
using Helpdesk.Classification.Pipeline;
using Helpdesk.Classification.Training;

namespace Helpdesk.Classification.Tests;

[TestClass]
public sealed class IntentTrainerTests
{
    private static readonly string[] Probes =
        ["is my credit card safe", "hello", "the reset link expired yesterday", "¿dónde está mi pedido?", "", "thanks!!! 4111 1111 1111 1111"];

    [TestMethod]
    public void Train_SameDataTwice_GivesIdenticalProbabilities()
    {
        IReadOnlyList<LabeledText> data = Fixtures.Separable(30, seed: 1);

        IntentModel first = new IntentTrainer(Fixtures.Options).Train(data);
        IntentModel second = new IntentTrainer(Fixtures.Options).Train(data);

        foreach (string probe in Probes)
        {
            CollectionAssert.AreEqual(first.Predict(probe).Ranked.ToArray(), second.Predict(probe).Ranked.ToArray(), probe);
        }

        Assert.AreEqual(first.Temperature, second.Temperature);
        Assert.AreEqual(System.Text.Json.JsonSerializer.Serialize(first.Metrics), System.Text.Json.JsonSerializer.Serialize(second.Metrics));
    }

    [TestMethod]
    public void Train_SeparableFixture_PredictsTrainingAndNewExamplesPerfectly()
    {
        IntentModel model = Fixtures.SeparableModel.Value;

        CollectionAssert.AreEqual(Fixtures.Labels.ToArray(), model.Labels.ToArray());
        Assert.AreEqual(1.0, Evaluator.Evaluate(model, Fixtures.Separable(30, seed: 1)).Accuracy);
        Assert.AreEqual(1.0, Evaluator.Evaluate(model, Fixtures.Separable(15, seed: 2)).MacroF1);
        Assert.AreEqual(4 * 4, model.Metrics.CalibrationExamples, "15% of each intent's 30 examples held back to calibrate");
        StringAssert.StartsWith(model.Metrics.Trainer, "OneVersusAllLinearSvm");
    }

    [TestMethod]
    public void Predict_AnyText_RanksAllLabelsWithProbabilitiesSummingToOne()
    {
        IntentModel model = Fixtures.SeparableModel.Value;

        foreach (string probe in Probes)
        {
            Prediction p = model.Predict(probe);
            Assert.AreEqual(4, p.Ranked.Count);
            Assert.AreEqual(1.0, p.Ranked.Sum(r => (double)r.Probability), 1e-4, probe);
            for (int i = 1; i < p.Ranked.Count; i++)
            {
                Assert.IsTrue(p.Ranked[i - 1].Probability >= p.Ranked[i].Probability);
            }
        }
    }

    [TestMethod]
    public void Predict_UnfamiliarText_IsLessConfidentThanAClearMessage()
    {
        IntentModel model = Fixtures.SeparableModel.Value;

        Prediction clear = model.Predict("hello is my credit card safe? should I cancel my card");
        Prediction vague = model.Predict("zebra umbrella");

        Assert.AreEqual("card_safety", clear.Label);
        Assert.IsTrue(vague.Probability < clear.Probability, $"vague {vague.Probability} vs clear {clear.Probability}");
    }

    [TestMethod]
    public void Train_OneLabel_Throws()
    {
        Assert.ThrowsExactly<ArgumentException>(() => new IntentTrainer().Train([new("a", "x"), new("b", "x")]));
    }

    [TestMethod]
    public void Train_Cancelled_Throws()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsExactly<OperationCanceledException>(() => new IntentTrainer(Fixtures.Options).Train(Fixtures.Separable(10, seed: 1), null, cancelled.Token));
    }

    [TestMethod]
    public void Train_WithProgress_ReportsCalibrationAndFinalFit()
    {
        var lines = new List<string>();

        new IntentTrainer(Fixtures.Options).Train(Fixtures.Separable(10, seed: 1), new InlineProgress(lines.Add));

        Assert.IsTrue(lines.Any(l => l.StartsWith("Calibrated on", StringComparison.Ordinal)), string.Join("\n", lines));
        Assert.IsTrue(lines.Any(l => l.StartsWith("Fit 2/2", StringComparison.Ordinal)), string.Join("\n", lines));
    }

    [TestMethod]
    [DataRow(IntentAlgorithm.SdcaMaximumEntropy)]
    [DataRow(IntentAlgorithm.LbfgsMaximumEntropy)]
    [DataRow(IntentAlgorithm.OneVersusAllLogistic)]
    [DataRow(IntentAlgorithm.LightGbm)]
    public void Train_EveryMeasuredAlgorithm_LearnsTheSeparableFixture(IntentAlgorithm algorithm)
    {
        IntentModel model = new IntentTrainer(Fixtures.Options with { Algorithm = algorithm, L2 = algorithm == IntentAlgorithm.LightGbm ? 0 : 1e-3f })
            .Train(Fixtures.Separable(30, seed: 1));

        Assert.IsTrue(Evaluator.Evaluate(model, Fixtures.Separable(15, seed: 2)).MacroF1 >= 0.9, algorithm.ToString());
        Assert.AreEqual(1.0, model.Predict("is my credit card safe").Ranked.Sum(r => (double)r.Probability), 1e-4);
    }

    private sealed class InlineProgress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}
