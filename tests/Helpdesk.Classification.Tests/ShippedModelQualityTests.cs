using Helpdesk.Classification.Data;
using Helpdesk.Classification.Evaluation;
using Helpdesk.Classification.Model;
using Helpdesk.Classification.Pipeline;
using Helpdesk.Classification.Training;
using Helpdesk.Mail.CustomerWords;

namespace Helpdesk.Classification.Tests;

/// <summary>
/// Quality floors of the model the desk ships: default options, trained on data/training/train/ + generated/, scored on
/// the held-out files read the way the desk reads mail (subject + visible text, quoted notice removed). The floors
/// are the figures measured in docs/benchmarks.md (issue 19, third pass); a change that lowers any of them fails here.
/// </summary>
[TestClass]
public sealed class ShippedModelQualityTests
{
    private static IntentModel s_model = null!;

    [ClassInitialize]
    public static void TrainTheShippedModel(TestContext context)
    {
        string training = Path.Combine(HeldOutQualityGateTests.RepositoryRoot(), "data", "training");
        IReadOnlyList<LabeledText> examples = [.. TrainingDataFile.Load(Path.Combine(training, "train")), .. TrainingDataFile.Load(Path.Combine(training, "generated"))];
        s_model = new IntentTrainer().Train(examples, null, context.CancellationTokenSource.Token);
    }

    private static IReadOnlyList<LabeledText> Visible(string file) =>
        TrainingDataFile.ReadMessages(Path.Combine(HeldOutQualityGateTests.RepositoryRoot(), "data", "training", file))
            .Select(m => new LabeledText(LabeledText.Compose(m.Subject, VisibleTextExtractor.Extract(m.Body)), m.Intent, m.Id, m.Language)).ToList();

    private static (EvaluationReport Report, double Triage, double Precision) Score(string file)
    {
        IReadOnlyList<LabeledText> set = Visible(file);
        Prediction[] predictions = [.. set.Select(e => s_model.Predict(e.Text))];
        double threshold = s_model.Metrics.TriageThreshold ?? 0.8;
        int kept = predictions.Count(p => p.Probability >= threshold);
        int right = set.Where((e, i) => predictions[i].Probability >= threshold && predictions[i].Label == e.Label).Count();
        return (Evaluator.Score(set, predictions), 1 - ((double)kept / set.Count), kept == 0 ? 0 : (double)right / kept);
    }

    [TestMethod]
    [DataRow("heldout.jsonl", HeldOutMacroF1, HeldOutLowestIntent)]
    [DataRow("heldout-unseen.jsonl", UnseenMacroF1, UnseenLowestIntent)]
    public void Evaluate_HeldOutFiles_NotBelowTheMeasuredFloors(string file, double macroF1, double lowestIntent)
    {
        (EvaluationReport report, _, _) = Score(file);

        Assert.IsTrue(report.MacroF1 >= macroF1, $"{file}: macro-F1 {report.MacroF1:0.0000} < {macroF1}{Environment.NewLine}{report.ToText()}");
        double lowest = report.PerLabel.Min(l => l.F1);
        Assert.IsTrue(lowest >= lowestIntent, $"{file}: lowest intent F1 {lowest:0.000} < {lowestIntent}{Environment.NewLine}{report.ToText()}");
    }

    [TestMethod]
    public void Triage_HeldOutFile_AtMostFivePercentAndTheRestRight()
    {
        (_, double triage, double precision) = Score("heldout.jsonl");

        Assert.IsTrue(triage <= HeldOutTriage, $"triage {triage:P1} > {HeldOutTriage:P1}");
        Assert.IsTrue(precision >= 0.97, $"precision of the rest {precision:0.000} < 0.97");
    }

    [TestMethod]
    public void SelfScores_ShippedModel_EqualMlNetScoresOnUnseenMail()
    {
        string[] texts = [.. Visible("heldout-unseen.jsonl").Select(e => e.Text)];

        Assert.IsTrue(s_model.ScoresItself);
        List<float[]> expected = s_model.MlNetScores(texts).ToList(), actual = s_model.SelfScores(texts)!.ToList();
        for (int i = 0; i < texts.Length; i++)
        {
            for (int c = 0; c < expected[i].Length; c++)
            {
                Assert.AreEqual(expected[i][c], actual[i][c], 1e-5f, $"text {i}, intent {c}");
            }
        }
    }

    // Measured (docs/benchmarks.md, "Intent classifier, third pass": held-out 0.9656, weakest 0.931; unseen 0.9634,
    // weakest 0.923). The same code trained again on another run gave held-out 0.9655 with weakest 0.927 (the fresh-clone
    // CI run of 2026-12-07): the weakest intent moves by a few thousandths between runs, so its floors sit just below
    // the lowest seen, and macro-F1's at the figures cut to three digits. Never lower them to make a change pass.
    private const double HeldOutMacroF1 = 0.965, HeldOutLowestIntent = 0.925, HeldOutTriage = 0.049;
    private const double UnseenMacroF1 = 0.963, UnseenLowestIntent = 0.920;
}
