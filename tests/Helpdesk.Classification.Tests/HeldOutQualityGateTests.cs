using Helpdesk.Classification.Data;
using Helpdesk.Classification.Evaluation;
using Helpdesk.Classification.Model;
using Helpdesk.Classification.Pipeline;
using Helpdesk.Classification.Training;

namespace Helpdesk.Classification.Tests;

/// <summary>
/// The quality gate on the real seed data: trains with the default options on
/// data/training/train/ and scores the held-out file data/training/heldout.jsonl, which is
/// never trained on. The repository root is found by walking up from the test assembly to
/// Helpdesk.sln, so this runs wherever the repository (with its data) is checked out.
/// </summary>
[TestClass]
public sealed class HeldOutQualityGateTests
{
    private static IntentModel s_model = null!;
    private static IReadOnlyList<LabeledText> s_heldOut = null!;

    [ClassInitialize]
    public static void TrainOnSeedData(TestContext context)
    {
        string training = Path.Combine(RepositoryRoot(), "data", "training");
        string heldOut = Path.Combine(training, "heldout.jsonl");
        if (!File.Exists(heldOut))
        {
            Assert.Fail($"No held-out file at {heldOut}: the seed training data must ship with the repository.");
        }

        // Raw bodies, quoted notice included: this library does not strip quotes (Core scores stripped text, see
        // IntentClassifierServiceTests and `helpdesk evaluate`).
        s_heldOut = TrainingDataFile.Load(heldOut);
        s_model = new IntentTrainer().Train(TrainingDataFile.Load(Path.Combine(training, "train")), null, context.CancellationTokenSource.Token);
    }

    [TestMethod]
    public void Evaluate_HeldOutFile_MacroF1AtLeast095()
    {
        EvaluationReport report = Evaluator.Evaluate(s_model, s_heldOut);

        Assert.IsTrue(report.MacroF1 >= 0.95, $"held-out macro-F1 {report.MacroF1:0.0000} is below 0.95{Environment.NewLine}{report.ToText()}");
    }

    [TestMethod]
    public void Evaluate_HeldOutFile_EveryIntentIsLearned()
    {
        EvaluationReport report = Evaluator.Evaluate(s_model, s_heldOut);

        foreach (LabelScore score in report.PerLabel)
        {
            Assert.IsTrue(score.F1 >= 0.8, $"{score.Label}: F1 {score.F1:0.000}{Environment.NewLine}{report.ToText()}");
        }
    }

    [TestMethod]
    public void Predict_HeldOutFile_ConfidenceMatchesAccuracy()
    {
        // Expected calibration error over ten confidence bins: the gap between how sure the model
        // says it is and how often it is right, weighted by how many messages fall in each bin.
        var bins = new (int Count, double Confidence, int Correct)[10];
        foreach (LabeledText example in s_heldOut)
        {
            Prediction prediction = s_model.Predict(example.Text);
            int bin = Math.Min(9, (int)(prediction.Probability * 10));
            bins[bin].Count++;
            bins[bin].Confidence += prediction.Probability;
            bins[bin].Correct += prediction.Label == example.Label ? 1 : 0;
        }

        double error = bins.Where(b => b.Count > 0).Sum(b => Math.Abs(b.Confidence - b.Correct)) / s_heldOut.Count;

        Assert.IsTrue(error <= 0.08, $"expected calibration error {error:0.000}");
    }

    [TestMethod]
    public void Model_SeedData_FitsTheSizeBudget()
    {
        using var stream = new MemoryStream();

        IntentModelFile.Write(s_model, stream);

        Assert.IsTrue(stream.Length < 20_000_000, $"model file is {stream.Length:#,0} bytes");
    }

    internal static string RepositoryRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Helpdesk.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Helpdesk.sln above {AppContext.BaseDirectory}.");
    }
}
