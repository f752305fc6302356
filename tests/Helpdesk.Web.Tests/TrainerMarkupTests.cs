using Helpdesk.Classification.Evaluation;
using Helpdesk.Core.Replies;
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
