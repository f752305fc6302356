using Helpdesk.Core.Replies;
using Helpdesk.Core.Templates;
using Helpdesk.Core.Tests.Support;

namespace Helpdesk.Core.Tests.Templates;

[TestClass]
public sealed class HelpCenterTests
{
    [TestMethod]
    public async Task EntriesAsync_SeedTemplates_OnlyPublishedAndNothingPersonal()
    {
        await using var desk = await TestDatabase.CreateAsync();
        await desk.Get<TemplateCatalog>().ImportSeedAsync();

        var entries = await desk.Get<HelpCenter>().EntriesAsync();

        var published = (await desk.Get<TemplateReports>().ListAsync()).Where(t => t.PublishFaq).Select(t => t.Id).ToHashSet();
        Assert.IsTrue(entries.Count > 10, $"{entries.Count} entries");
        CollectionAssert.AreEquivalent(published.ToList(), entries.Select(e => e.TemplateId).ToList());
        foreach (var e in entries)
        {
            Assert.IsFalse(e.Answer.Contains("{{", StringComparison.Ordinal), e.TemplateId);
            Assert.IsFalse(e.Answer.StartsWith("Hello", StringComparison.Ordinal) || e.Answer.StartsWith("Hola", StringComparison.Ordinal), e.TemplateId);
            Assert.IsFalse(e.Answer.Contains("Customer Care", StringComparison.Ordinal), e.TemplateId);
            Assert.IsFalse(e.Answer.Contains("ticket #", StringComparison.Ordinal) || e.Answer.Contains("(ticket )", StringComparison.Ordinal), e.TemplateId);
        }
        Assert.AreEqual("en", entries[0].Language);
        var card = entries.Single(e => e.TemplateId == "card_safety.is_my_card_safe.en");
        StringAssert.StartsWith(card.Answer, "I understand the worry");
        StringAssert.Contains(card.Answer, "https://www.meridian.example/account/new-password");
    }

    [TestMethod]
    public async Task EntriesAsync_TrainerPublishesWithAnswer_ChangedRaisedAndAnswerShown()
    {
        await using var desk = await TestDatabase.CreateAsync();
        await desk.Get<TemplateCatalog>().ImportSeedAsync();
        var trainer = await desk.AddStaffAsync();
        var help = desk.Get<HelpCenter>();
        var raised = 0;
        help.Changed += () => raised++;
        const string id = "thanks.you_are_welcome.en";
        var template = (await desk.Get<TemplateReports>().GetAsync(id))!;
        Assert.IsFalse((await help.EntriesAsync()).Any(e => e.TemplateId == id));

        await desk.Get<TemplateEditor>().SaveAsync(id, TrainerFixtures.EditOf(template, template.LiveVersion!.Body) with
        {
            PublishFaq = true, FaqQuestion = "Can I thank the team?", FaqAnswer = "Yes, {{customer.first_name}}: write to {{company.name}}.",
        }, trainer);

        var entry = (await help.EntriesAsync()).Single(e => e.TemplateId == id);
        Assert.AreEqual(1, raised);
        Assert.AreEqual("Can I thank the team?", entry.Question);
        Assert.AreEqual("Yes: write to Meridian Outfitters.", entry.Answer);
    }
}
