using Helpdesk.Core.Replies;
using Helpdesk.Core.Templates;
using Helpdesk.Core.Data;

namespace Helpdesk.Core.Tests.Templates;

[TestClass]
public sealed class TemplateFilesTests
{
    private const string Good = """
        ---
        id: reset_help.link_expired.en
        intent: reset_help
        language: en
        title: Reset link expired
        publish_faq: true
        faq_question: "My link: does it expire?"
        ---
        Hello {{customer.first_name}},

        Go to {{site.reset_url}}.

        {{agent.first_name}}
        """;

    [TestMethod]
    public void Parse_GoodFile_ReadsEveryKeyAndTheBody()
    {
        var (template, problems) = TemplateFiles.Parse(Good, "dir/reset_help.link_expired.en.md");

        Assert.AreEqual(0, problems.Count, string.Join("\n", problems));
        Assert.IsNotNull(template);
        Assert.AreEqual("reset_help", template.Intent);
        Assert.AreEqual("en", template.Language);
        Assert.IsTrue(template.PublishFaq);
        Assert.AreEqual("My link: does it expire?", template.FaqQuestion);
        Assert.IsTrue(template.Body.StartsWith("Hello {{customer.first_name}},", StringComparison.Ordinal));
        Assert.IsTrue(template.Body.EndsWith("{{agent.first_name}}", StringComparison.Ordinal));
    }

    [TestMethod]
    public void Parse_UnknownMergeField_ReportsFileAndLine()
    {
        var text = Good.Replace("{{site.reset_url}}", "{{site.password_url}}");

        var (template, problems) = TemplateFiles.Parse(text, "t/reset_help.link_expired.en.md");

        Assert.IsNull(template);
        Assert.AreEqual(1, problems.Count);
        Assert.AreEqual("t/reset_help.link_expired.en.md:11: unknown merge field {{site.password_url}}", problems[0]);
    }

    [TestMethod]
    public void Parse_MissingKeyAndBadBoolean_ReportsEachWithLine()
    {
        var text = Good.Replace("language: en\n", "").Replace("publish_faq: true", "publish_faq: yes");

        var (_, problems) = TemplateFiles.Parse(text, "t/reset_help.link_expired.en.md");

        CollectionAssert.Contains(problems.ToList(), "t/reset_help.link_expired.en.md:7: the front matter has no 'language'");
    }

    [TestMethod]
    public void Parse_IdNotFileName_ReportsIdLine()
    {
        var (_, problems) = TemplateFiles.Parse(Good, "t/other.md");

        Assert.AreEqual("t/other.md:2: id 'reset_help.link_expired.en' must equal the file name 'other'", problems.Single());
    }

    [TestMethod]
    public void Parse_NoClosingFrontMatter_SaysSo()
    {
        var (_, problems) = TemplateFiles.Parse("---\nid: x\n", "t/x.md");

        StringAssert.Contains(problems.Single(), "t/x.md:1: the front matter has no closing '---' line");
    }

    [TestMethod]
    public void LoadDirectory_ShippedSeedTemplates_AllValidOnePerIntentInEnglishAndSpanish()
    {
        var dir = SeedFolder.Resolve(null, Path.GetTempPath(), "templates");

        var templates = TemplateFiles.LoadDirectory(dir);

        Assert.IsTrue(templates.Count >= 26, $"{templates.Count} templates");
        foreach (var (id, _, _) in Intents.SeedIntents.All)
        {
            Assert.IsTrue(templates.Any(t => t.Intent == id && t.Language == "en"), $"{id} en");
            Assert.IsTrue(templates.Any(t => t.Intent == id && t.Language == "es"), $"{id} es");
        }
    }
}
