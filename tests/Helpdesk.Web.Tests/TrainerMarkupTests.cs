using Helpdesk.Classification.Evaluation;
using Helpdesk.Core.Replies;
using Helpdesk.Web.Components.Help;
using Helpdesk.Web.Components.Trainer;

namespace Helpdesk.Web.Tests;

[TestClass]
public sealed class TrainerMarkupTests
{
    [TestMethod]
    public async Task VersionDiff_ChangedLine_MarkedRemovedAndAdded()
    {
        var doc = await Markup.RenderAsync<VersionDiff>(new() { ["Before"] = "Hello,\nMonitoring: 12 months.\nBye", ["After"] = "Hello,\nMonitoring: 24 months.\nBye" });

        Assert.AreEqual("- Monitoring: 12 months.", doc.QuerySelector("[data-change=removed]")!.TextContent.Trim());
        Assert.AreEqual("+ Monitoring: 24 months.", doc.QuerySelector("[data-change=added]")!.TextContent.Trim());
        Assert.AreEqual(2, doc.QuerySelectorAll("[data-change=same]").Length);
    }

    [TestMethod]
    public async Task ModelComparison_TwoReports_ScoresDeltaPerIntentAndConfusion()
    {
        var live = EvaluationReport.FromLabels(["a", "a", "b", "b"], ["a", "b", "b", "b"]);
        var candidate = EvaluationReport.FromLabels(["a", "a", "b", "b"], ["a", "a", "b", "b"]);

        var doc = await Markup.RenderAsync<ModelComparison>(new() { ["Live"] = live, ["Candidate"] = candidate });

        Assert.AreEqual(live.MacroF1.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture), doc.QuerySelector("[data-score=live]")!.TextContent);
        Assert.AreEqual("1.000", doc.QuerySelector("[data-score=candidate]")!.TextContent);
        StringAssert.StartsWith(doc.QuerySelector("[data-score=delta]")!.TextContent, "+");
        Assert.AreEqual("1.000", doc.QuerySelector("tr[data-intent=a] [data-f1=candidate]")!.TextContent);
        Assert.AreEqual(2, doc.QuerySelectorAll("tr[data-intent]").Length);
        var confusion = doc.QuerySelectorAll(".confusion tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent).ToArray()).ToArray();
        CollectionAssert.AreEqual(new[] { "2", "0" }, confusion[0]);
        CollectionAssert.AreEqual(new[] { "0", "2" }, confusion[1]);
    }

    [TestMethod]
    public async Task LiveModel_View_ShowsTrainingScoresBandsConfusionAndHistory()
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

        var doc = await Markup.RenderAsync<LiveModel>(new() { ["View"] = view });

        Assert.AreEqual(report.MacroF1.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture), doc.QuerySelector("[data-live-f1]")!.TextContent);
        Assert.AreEqual("25.0 %", doc.QuerySelector("[data-live-triage]")!.TextContent);
        StringAssert.Contains(doc.QuerySelector("[data-live-trained]")!.TextContent, "a 5, b 7");
        Assert.AreEqual(2, doc.QuerySelectorAll("[data-live-bands] tbody tr").Length);
        CollectionAssert.AreEqual(new[] { "1", "1" }, doc.QuerySelectorAll("[data-live-confusion] tbody tr")[0].QuerySelectorAll("td").Select(c => c.TextContent).ToArray());
        Assert.AreEqual(1, doc.QuerySelectorAll("[data-model-history] tbody tr").Length);
    }

    [TestMethod]
    public async Task FaqList_TwoLanguages_GroupedWithLangAttribute()
    {
        var entries = new[]
        {
            new FaqEntry("a.en", "en", "Is my card safe?", "Yes.\nCards were not accessed.", ["card_safety"]),
            new FaqEntry("a.es", "es", "¿Mi tarjeta está segura?", "Sí.", ["card_safety"]),
        };

        var doc = await Markup.RenderAsync<FaqList>(new() { ["Entries"] = entries });

        Assert.AreEqual(2, doc.QuerySelectorAll("section[lang]").Length);
        Assert.AreEqual("¿Mi tarjeta está segura?", doc.QuerySelector("section[lang=es] summary")!.TextContent);
        Assert.AreEqual("Yes.\nCards were not accessed.", doc.QuerySelector("section[lang=en] .faq-answer")!.TextContent);
    }

    [TestMethod]
    public async Task FaqList_Empty_SaysSo()
    {
        var doc = await Markup.RenderAsync<FaqList>(new() { ["Entries"] = Array.Empty<FaqEntry>() });

        StringAssert.Contains(doc.Body!.TextContent, "No questions are published yet");
    }
}
