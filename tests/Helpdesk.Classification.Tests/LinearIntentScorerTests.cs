using Helpdesk.Classification.Data;
using Helpdesk.Classification.Pipeline;

namespace Helpdesk.Classification.Tests;

/// <summary>
/// The desk scores the one-versus-all linear models itself (one pass over the features) instead of ML.NET's scorer:
/// its probabilities must be ML.NET's own, fitted or loaded from a file.
/// </summary>
[TestClass]
public sealed class LinearIntentScorerTests
{
    private const float Tolerance = 1e-5f;

    [TestMethod]
    public void SelfScores_DefaultTrainer_EqualMlNetScoresOnHeldOutFile()
    {
        IntentModel model = Fixtures.SeparableModel.Value;
        string[] texts = [.. Fixtures.Separable(10, seed: 11).Select(e => e.Text), "", "¿dónde está mi pedido?", "<p>is my card&nbsp;safe</p>",
            .. TrainingDataFile.Load(Path.Combine(HeldOutQualityGateTests.RepositoryRoot(), "data", "training", "heldout.jsonl")).Select(e => e.Text)];

        Assert.IsTrue(model.ScoresItself, "the default trainer's model should be scored by the desk");
        AssertSameScores(model.MlNetScores(texts).ToList(), model.SelfScores(texts)!.ToList(), texts);
    }

    [TestMethod]
    public void SelfScores_LoadedFromFile_EqualMlNetScoresAndTheFittedModel()
    {
        IntentModel fitted = Fixtures.SeparableModel.Value;
        using var file = new MemoryStream();
        IntentModelFile.Write(fitted, file);
        file.Position = 0;
        IntentModel loaded = IntentModelFile.Read(file);
        string[] texts = [.. Fixtures.Separable(8, seed: 12).Select(e => e.Text)];

        Assert.IsTrue(loaded.ScoresItself);
        List<float[]> self = loaded.SelfScores(texts)!.ToList();
        AssertSameScores(loaded.MlNetScores(texts).ToList(), self, texts);
        AssertSameScores(fitted.SelfScores(texts)!.ToList(), self, texts);
    }

    [TestMethod]
    public void Predict_SelfScored_SameRankingAsMlNetScores()
    {
        IntentModel model = Fixtures.SeparableModel.Value;
        string[] texts = [.. Fixtures.Separable(6, seed: 13).Select(e => e.Text)];
        List<float[]> reference = model.MlNetScores(texts).ToList();

        for (int i = 0; i < texts.Length; i++)
        {
            var expected = model.Rank(reference[i]).Ranked;
            var actual = model.Predict(texts[i]).Ranked;
            CollectionAssert.AreEqual(expected.Select(r => r.Label).ToArray(), actual.Select(r => r.Label).ToArray(), texts[i]);
            for (int j = 0; j < expected.Count; j++)
            {
                Assert.AreEqual(expected[j].Probability, actual[j].Probability, Tolerance, texts[i]);
            }
        }
    }

    [TestMethod]
    public void SelfScores_OtherTrainer_MlNetScoresIt()
    {
        IntentModel model = new IntentTrainer(Fixtures.Options with { Algorithm = IntentAlgorithm.LbfgsMaximumEntropy, CalibrationFraction = 0 })
            .Train(Fixtures.Separable(10, seed: 2));

        Assert.IsFalse(model.ScoresItself);
        Assert.IsNull(model.SelfScores(["where is my order"]));
        Assert.AreEqual(model.Labels.Count, model.Predict("where is my order").Ranked.Count);
    }

    private static void AssertSameScores(List<float[]> expected, List<float[]> actual, string[] texts)
    {
        Assert.AreEqual(expected.Count, actual.Count);
        double worst = 0;
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.AreEqual(expected[i].Length, actual[i].Length);
            for (int c = 0; c < expected[i].Length; c++)
            {
                worst = Math.Max(worst, Math.Abs(expected[i][c] - actual[i][c]));
                Assert.AreEqual(expected[i][c], actual[i][c], Tolerance, $"text {i} ({texts[i]}), intent {c}");
            }
        }

        Assert.IsTrue(expected.Any(s => s.Max() > 0.5f), "scores should not all be flat (the model learned nothing)");
        Console.WriteLine($"largest difference {worst:E2} over {expected.Count} texts");
    }
}
