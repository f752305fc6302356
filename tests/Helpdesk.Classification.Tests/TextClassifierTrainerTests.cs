using Helpdesk.Classification.Evaluation;
using Helpdesk.Classification.Model;
using Helpdesk.Classification.Training;

namespace Helpdesk.Classification.Tests;

[TestClass]
public sealed class TextClassifierTrainerTests
{
    private static readonly TrainingOptions Options = new()
    {
        TimeProvider = new FixedTimeProvider(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero)),
        Features = new Features.FeatureSettings { HashBits = 16 },
    };

    private static byte[] Bytes(TextClassifierModel model)
    {
        using var stream = new MemoryStream();
        model.Save(stream);
        return stream.ToArray();
    }

    [TestMethod]
    public void Train_SameDataTwice_WritesIdenticalModelFiles()
    {
        IReadOnlyList<LabeledText> data = Fixtures.Separable(30, seed: 1);

        byte[] first = Bytes(new TextClassifierTrainer(Options).Train(data));
        byte[] second = Bytes(new TextClassifierTrainer(Options).Train(data));

        CollectionAssert.AreEqual(first, second);
    }

    [TestMethod]
    public void Train_DifferentSeed_ChangesOnlyTheCalibrationSplit()
    {
        IReadOnlyList<LabeledText> data = Fixtures.Separable(30, seed: 1);

        TextClassifierModel a = new TextClassifierTrainer(Options).Train(data);
        TextClassifierModel b = new TextClassifierTrainer(Options with { Seed = 7 }).Train(data);

        CollectionAssert.AreNotEqual(Bytes(a), Bytes(b));
        Assert.AreEqual(a.Metrics.CalibrationExamples, b.Metrics.CalibrationExamples);
    }

    [TestMethod]
    public void Train_SeparableFixture_PredictsTrainingAndNewExamplesPerfectly()
    {
        IReadOnlyList<LabeledText> train = Fixtures.Separable(30, seed: 1);
        IReadOnlyList<LabeledText> test = Fixtures.Separable(15, seed: 2);

        TextClassifierModel model = new TextClassifierTrainer(Options).Train(train);

        CollectionAssert.AreEqual(Fixtures.Labels.ToArray(), model.Labels.ToArray());
        Assert.AreEqual(1.0, Evaluator.Evaluate(model, train).Accuracy);
        Assert.AreEqual(1.0, Evaluator.Evaluate(model, test).MacroF1);
    }

    [TestMethod]
    public void Predict_AnyText_RanksAllLabelsWithProbabilitiesSummingToOne()
    {
        TextClassifierModel model = new TextClassifierTrainer(Options).Train(Fixtures.Separable(30, seed: 1));

        foreach (string text in new[] { "the reset link expired", "zzz qqq", "", "thanks! where is my order?" })
        {
            Prediction prediction = model.Predict(text);

            Assert.AreEqual(model.Labels.Count, prediction.Ranked.Count);
            Assert.AreEqual(1.0, prediction.Ranked.Sum(p => (double)p.Probability), 1e-5);
            for (int i = 1; i < prediction.Ranked.Count; i++)
            {
                Assert.IsTrue(prediction.Ranked[i - 1].Probability >= prediction.Ranked[i].Probability);
            }
        }
    }

    [TestMethod]
    public void Predict_UnfamiliarText_IsLessConfidentThanAClearMessage()
    {
        TextClassifierModel model = new TextClassifierTrainer(Options).Train(Fixtures.Separable(30, seed: 1));

        Prediction clear = model.Predict("hello, is my credit card safe? should I cancel my card");
        Prediction unfamiliar = model.Predict("quarterly synergy roadmap");

        Assert.AreEqual("card_safety", clear.Label);
        Assert.IsTrue(clear.Probability > 0.8f, $"clear message only {clear.Probability}");
        Assert.IsTrue(unfamiliar.Probability < clear.Probability - 0.3f, $"unfamiliar {unfamiliar.Probability} vs clear {clear.Probability}");
        Assert.IsTrue(model.Temperature is >= 0.1f and <= 10f);
        Assert.IsTrue(model.Metrics.CalibrationExamples > 0);
    }

    [TestMethod]
    public void PredictBatch_ManyThreads_GivesTheSameAnswersAsOneThread()
    {
        TextClassifierModel model = new TextClassifierTrainer(Options).Train(Fixtures.Separable(30, seed: 1));
        string[] texts = Fixtures.Separable(40, seed: 3).Select(e => e.Text).ToArray();
        float[] expected = model.PredictBatch(texts).Select(p => p.Probability).ToArray();

        var results = new float[8][];
        Parallel.For(0, 8, t => results[t] = texts.Select(x => model.Predict(x).Probability).ToArray());

        foreach (float[] result in results)
        {
            CollectionAssert.AreEqual(expected, result);
        }
    }

    [TestMethod]
    public void Train_OneLabel_Throws()
    {
        LabeledText[] data = [new("a b c", "thanks"), new("d e f", "thanks")];

        Assert.ThrowsExactly<ArgumentException>(() => new TextClassifierTrainer(Options).Train(data));
    }

    [TestMethod]
    public void Train_Cancelled_Throws()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.ThrowsExactly<OperationCanceledException>(
            () => new TextClassifierTrainer(Options).Train(Fixtures.Separable(10, seed: 1), null, cancellation.Token));
    }

    [TestMethod]
    public void Train_WithProgress_ReportsEachStage()
    {
        var messages = new List<string>();
        var progress = new SynchronousProgress(messages);

        new TextClassifierTrainer(Options).Train(Fixtures.Separable(30, seed: 1), progress);

        Assert.IsTrue(messages.Any(m => m.StartsWith("Extracting features", StringComparison.Ordinal)));
        Assert.IsTrue(messages.Any(m => m.StartsWith("Calibrated", StringComparison.Ordinal)));
        Assert.IsTrue(messages.Any(m => m.StartsWith("Trained on 120 messages", StringComparison.Ordinal)));
    }

    private sealed class SynchronousProgress(List<string> messages) : IProgress<string>
    {
        public void Report(string value) => messages.Add(value);
    }
}
