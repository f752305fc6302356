using Helpdesk.Classification.Evaluation;
using Helpdesk.Classification.Pipeline;
using Helpdesk.Classification.Training;

namespace Helpdesk.Classification.Tests;

[TestClass]
public sealed class EvaluationTests
{
    // Worked by hand. Labels a, b, c; rows actual, columns predicted:
    //        a  b  c
    //   a    3  1  0     support 4
    //   b    1  2  1     support 4
    //   c    0  0  2     support 2
    // a: precision 3/4, recall 3/4, F1 0.75
    // b: precision 2/3, recall 2/4, F1 2*(2/3)(1/2)/(2/3+1/2) = 4/7
    // c: precision 2/3, recall 2/2, F1 2*(2/3)(1)/(5/3) = 0.8
    // macro-F1 (0.75 + 4/7 + 0.8) / 3; accuracy 7/10.
    private static readonly string[] Actual = ["a", "a", "a", "a", "b", "b", "b", "b", "c", "c"];
    private static readonly string[] Predicted = ["a", "a", "a", "b", "a", "b", "b", "c", "c", "c"];

    [TestMethod]
    public void FromLabels_HandWorkedCase_MatchesHandComputedScores()
    {
        EvaluationReport report = EvaluationReport.FromLabels(Actual, Predicted);

        CollectionAssert.AreEqual(new[] { "a", "b", "c" }, report.Labels.ToArray());
        CollectionAssert.AreEqual(new[] { 3, 1, 0 }, report.ConfusionMatrix[0].ToArray());
        CollectionAssert.AreEqual(new[] { 1, 2, 1 }, report.ConfusionMatrix[1].ToArray());
        CollectionAssert.AreEqual(new[] { 0, 0, 2 }, report.ConfusionMatrix[2].ToArray());
        Assert.AreEqual(0.7, report.Accuracy, 1e-12);
        Assert.AreEqual(0.75, report.PerLabel[0].F1, 1e-12);
        Assert.AreEqual(2.0 / 3, report.PerLabel[1].Precision, 1e-12);
        Assert.AreEqual(0.5, report.PerLabel[1].Recall, 1e-12);
        Assert.AreEqual(4.0 / 7, report.PerLabel[1].F1, 1e-12);
        Assert.AreEqual(0.8, report.PerLabel[2].F1, 1e-12);
        Assert.AreEqual(2, report.PerLabel[2].Support);
        Assert.AreEqual(3, report.PerLabel[2].Predicted);
        Assert.AreEqual((0.75 + (4.0 / 7) + 0.8) / 3, report.MacroF1, 1e-12);
    }

    [TestMethod]
    public void FromLabels_LabelNeverPredicted_HasZeroPrecisionAndF1()
    {
        EvaluationReport report = EvaluationReport.FromLabels(["a", "b"], ["a", "a"]);

        Assert.AreEqual(0.0, report.PerLabel[1].Precision);
        Assert.AreEqual(0.0, report.PerLabel[1].F1);
        Assert.AreEqual((2.0 / 3 + 0) / 2, report.MacroF1, 1e-12);
    }

    [TestMethod]
    public void ToJson_RoundTrip_KeepsScores()
    {
        EvaluationReport report = EvaluationReport.FromLabels(Actual, Predicted);

        string json = report.ToJson();
        EvaluationReport back = EvaluationReport.FromJson(json);

        StringAssert.Contains(json, "\"macroF1\"");
        StringAssert.Contains(json, "\"confusionMatrix\"");
        Assert.AreEqual(report.MacroF1, back.MacroF1);
        CollectionAssert.AreEqual(report.ConfusionMatrix[1].ToArray(), back.ConfusionMatrix[1].ToArray());
    }

    [TestMethod]
    public void ToText_HandWorkedCase_ShowsTotalsTableAndMatrix()
    {
        string text = EvaluationReport.FromLabels(Actual, Predicted).ToText();

        StringAssert.Contains(text, "accuracy 0.7000");
        StringAssert.Contains(text, "macro-F1 0.7071");
        StringAssert.Contains(text, " 1 b");
        StringAssert.Contains(text, "confusion matrix");
    }

    [TestMethod]
    public void Evaluate_Model_ListsMistakesAndHashesData()
    {
        IntentModel model = Fixtures.SeparableModel.Value;
        var examples = new List<LabeledText>(Fixtures.Separable(5, seed: 4)) { new("is my credit card safe", "thanks", "wrong-label") };

        EvaluationReport report = Evaluator.Evaluate(model, examples);

        Assert.AreEqual(21, report.Examples);
        Assert.AreEqual("wrong-label", report.Mistakes.Single().Id);
        Assert.AreEqual("card_safety", report.Mistakes.Single().Predicted);
        Assert.AreEqual(IntentTrainer.HashExamples(examples), report.DataHash);
    }

    [TestMethod]
    [DataRow(0.93, 0.92, true)]
    [DataRow(0.92, 0.92, true)]
    [DataRow(0.91, 0.92, false)]
    public void ShouldActivate_ComparesMacroF1(double candidate, double live, bool expected)
    {
        EvaluationReport baseReport = EvaluationReport.FromLabels(Actual, Predicted) with { DataHash = "h" };

        bool actual = Evaluator.ShouldActivate(baseReport with { MacroF1 = candidate }, baseReport with { MacroF1 = live });

        Assert.AreEqual(expected, actual);
    }

    [TestMethod]
    public void ShouldActivate_NoLiveModel_Activates()
    {
        Assert.IsTrue(Evaluator.ShouldActivate(EvaluationReport.FromLabels(Actual, Predicted), null));
    }

    [TestMethod]
    public void ShouldActivate_DifferentHeldOutData_Throws()
    {
        EvaluationReport report = EvaluationReport.FromLabels(Actual, Predicted);

        Assert.ThrowsExactly<ArgumentException>(() => Evaluator.ShouldActivate(report with { DataHash = "x" }, report with { DataHash = "y" }));
    }

    [TestMethod]
    public void ShouldActivate_ModelsWithoutHeldOutScore_Throws()
    {
        IntentModel model = Fixtures.SeparableModel.Value;

        Assert.ThrowsExactly<InvalidOperationException>(() => Evaluator.ShouldActivate(model, model));
    }
}
