using Helpdesk.Classification.Evaluation;
using Helpdesk.Core.Replies;
using Helpdesk.Core.Templates;
using Helpdesk.Web.Components.Help;
using Helpdesk.Web.Components.Trainer;

namespace Helpdesk.Web.Tests;

[TestClass]
public sealed class TrainerMarkupTests : BunitContext
{
    [TestMethod]
    public void VersionDiff_ChangedLine_MarkedRemovedAndAdded()
    {
        var cut = Render<VersionDiff>(p => p.Add(c => c.Before, "Hello,\nMonitoring: 12 months.\nBye").Add(c => c.After, "Hello,\nMonitoring: 24 months.\nBye"));

        Assert.AreEqual("- Monitoring: 12 months.", cut.Find("[data-change=removed]").TextContent.Trim());
        Assert.AreEqual("+ Monitoring: 24 months.", cut.Find("[data-change=added]").TextContent.Trim());
        Assert.AreEqual(2, cut.FindAll("[data-change=same]").Count);
    }

    [TestMethod]
    public void ModelComparison_TwoReports_ScoresDeltaPerIntentAndConfusion()
    {
        var live = EvaluationReport.FromLabels(["a", "a", "b", "b"], ["a", "b", "b", "b"]);
        var candidate = EvaluationReport.FromLabels(["a", "a", "b", "b"], ["a", "a", "b", "b"]);

        var cut = Render<ModelComparison>(p => p.Add(c => c.Live, live).Add(c => c.Candidate, candidate));

        Assert.AreEqual(live.MacroF1.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture), cut.Find("[data-score=live]").TextContent);
        Assert.AreEqual("1.000", cut.Find("[data-score=candidate]").TextContent);
        StringAssert.StartsWith(cut.Find("[data-score=delta]").TextContent, "+");
        Assert.AreEqual("1.000", cut.Find("tr[data-intent=a] [data-f1=candidate]").TextContent);
        Assert.AreEqual(2, cut.FindAll("tr[data-intent]").Count);
        var confusion = cut.FindAll(".confusion tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent).ToArray()).ToArray();
        CollectionAssert.AreEqual(new[] { "2", "0" }, confusion[0]);
        CollectionAssert.AreEqual(new[] { "0", "2" }, confusion[1]);
    }

    [TestMethod]
    public void LiveModel_View_ShowsTrainingScoresBandsConfusionAndHistory()
    {
        var report = EvaluationReport.FromLabels(["a", "a", "b", "b"], ["a", "b", "b", "b"]);
        var metrics = new Helpdesk.Classification.Model.ModelMetrics
        {
            CreatedUtc = new DateTimeOffset(2026, 12, 6, 20, 0, 0, TimeSpan.Zero), TrainingExamples = 12, Trainer = "LbfgsMaximumEntropy L2=0.0001",
            ExamplesPerLabel = new Dictionary<string, int> { ["a"] = 5, ["b"] = 7 }, HeldOutMacroF1 = report.MacroF1,
        };
        var history = new[] { new Helpdesk.Classification.Pipeline.ModelHistory.Version("/m/intent-1.model", new(1, 1f, ["a", "b"], metrics)) };
        var view = new Helpdesk.Core.Classification.LiveModelView(metrics, report,
            [new(0.9, 1.0, 3, 1.0), new(0.0, 0.9, 1, 0.0)], 0.25, 1.0, 0.8, history);

        var cut = Render<LiveModel>(p => p.Add(c => c.View, view));

        Assert.AreEqual(report.MacroF1.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture), cut.Find("[data-live-f1]").TextContent);
        Assert.AreEqual("25.0 %", cut.Find("[data-live-triage]").TextContent);
        StringAssert.Contains(cut.Find("[data-live-trained]").TextContent, "a 5, b 7");
        Assert.AreEqual(2, cut.FindAll("[data-live-bands] tbody tr").Count);
        CollectionAssert.AreEqual(new[] { "1", "1" }, cut.FindAll("[data-live-confusion] tbody tr")[0].QuerySelectorAll("td").Select(c => c.TextContent).ToArray());
        Assert.AreEqual(1, cut.FindAll("[data-model-history] tbody tr").Count);
    }

    [TestMethod]
    public void FaqList_TwoLanguages_GroupedWithLangAttribute()
    {
        var entries = new[]
        {
            new FaqEntry("a.en", "en", "Is my card safe?", "Yes.\nCards were not accessed.", ["card_safety"]),
            new FaqEntry("a.es", "es", "¿Mi tarjeta está segura?", "Sí.", ["card_safety"]),
        };

        var cut = Render<FaqList>(p => p.Add(c => c.Entries, entries));

        Assert.AreEqual(2, cut.FindAll("section[lang]").Count);
        Assert.AreEqual("¿Mi tarjeta está segura?", cut.Find("section[lang=es] summary").TextContent);
        Assert.AreEqual("Yes.\nCards were not accessed.", cut.Find("section[lang=en] .faq-answer").TextContent);
    }

    [TestMethod]
    public void FaqList_Empty_SaysSo()
    {
        var cut = Render<FaqList>(p => p.Add(c => c.Entries, Array.Empty<FaqEntry>()));

        StringAssert.Contains(string.Concat(cut.Nodes.Select(n => n.TextContent)), "No questions are published yet");
    }
}
