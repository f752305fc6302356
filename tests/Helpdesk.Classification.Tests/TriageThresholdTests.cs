using Helpdesk.Classification.Pipeline;

namespace Helpdesk.Classification.Tests;

[TestClass]
public sealed class TriageThresholdTests
{
    private static float[] Logits(double top, int winner, int labels = 3)
    {
        // Log-probabilities: the winner has probability `top`, the rest share what is left.
        var z = new float[labels];
        for (int i = 0; i < labels; i++)
        {
            z[i] = (float)Math.Log(i == winner ? top : (1 - top) / (labels - 1));
        }

        return z;
    }

    [TestMethod]
    public void TriageThresholdFor_WrongAnswersOnlyBelow07_ChoosesLowestThresholdMeetingPrecision()
    {
        var trainer = new IntentTrainer(new IntentTrainerOptions { TriagePrecisionTarget = 0.98 });
        var logits = new List<float[]>();
        var truth = new List<int>();
        for (int i = 0; i < 100; i++)
        {
            logits.Add(Logits(0.95, 0));
            truth.Add(0); // sure and right
        }

        for (int i = 0; i < 10; i++)
        {
            logits.Add(Logits(0.62, 1));
            truth.Add(2); // unsure and wrong: must fall below the chosen threshold
            logits.Add(Logits(0.66, 1));
            truth.Add(1); // unsure and right
        }

        double threshold = trainer.TriageThresholdFor(logits, truth, temperature: 1f);

        Assert.AreEqual(0.65, threshold, 1e-9, "0.5 and 0.6 keep the ten wrong answers (precision 0.92); 0.65 drops them");
    }

    [TestMethod]
    public void TriageThresholdFor_TargetNeverReached_ReturnsHighestGridValue()
    {
        var trainer = new IntentTrainer(new IntentTrainerOptions { TriagePrecisionTarget = 0.99 });
        var logits = Enumerable.Range(0, 20).Select(_ => Logits(0.99, 0)).ToList();
        var truth = Enumerable.Range(0, 20).Select(i => i % 2).ToList(); // half of the sure answers are wrong

        Assert.AreEqual(0.95, trainer.TriageThresholdFor(logits, truth, temperature: 1f), 1e-9);
    }

    [TestMethod]
    public void Train_WithCalibrationFold_RecordsTheChosenThresholdInTheMetrics()
    {
        double? threshold = Fixtures.SeparableModel.Value.Metrics.TriageThreshold;

        Assert.IsNotNull(threshold);
        Assert.IsTrue(threshold is >= 0.5 and <= 0.95, $"{threshold}");
    }
}
