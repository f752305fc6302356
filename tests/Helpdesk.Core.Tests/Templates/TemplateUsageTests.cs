using Helpdesk.Core.Abstractions;
using Helpdesk.Core.Classification;
using Helpdesk.Core.Replies;
using Helpdesk.Core.Templates;
using Helpdesk.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Core.Tests.Templates;

[TestClass]
public sealed class TemplateUsageTests
{
    private static readonly IntentPrediction CardQuestion =
        new("card_safety", 0.9, false, [new("card_safety", 0.9), new("exposure_question", 0.1)]);

    [TestMethod]
    public async Task UsageAsync_SuggestedChosenSent_CountedPerTemplate()
    {
        await using var desk = await TestDatabase.CreateAsync();
        await desk.Get<TemplateCatalog>().ImportSeedAsync();
        var suggester = desk.Get<ReplySuggester>();
        var recorder = desk.Get<TemplateUsageRecorder>();
        var agent = await desk.AddStaffAsync("Alex Agent", Helpdesk.Core.Staff.StaffRoles.Agent);

        var suggestions = await suggester.SuggestAsync(CardQuestion, "en", new MergeContext());
        await suggester.SuggestAsync(CardQuestion, "en", new MergeContext());
        recorder.RecordChosen(suggestions[0].VersionId);
        await recorder.FlushAsync();
        await suggester.SuggestAsync(CardQuestion, "en", new MergeContext()); // not flushed: still counted
        var t1 = await desk.AddTicketAsync("Ann Lee", "card", "card?");
        var t2 = await desk.AddTicketAsync("Bo Chan", "card", "card?");
        var body = (await desk.Get<TemplateCatalog>().LiveAsync()).Single(t => t.Id == suggestions[0].TemplateId).Body;
        var rendered = await desk.Get<TemplateEditor>().PreviewAsync(body, t1, agent);
        await desk.SendFromTemplateAsync(t1, agent, suggestions[0].TemplateId, rendered, unedited: true);
        await desk.SendFromTemplateAsync(t2, agent, suggestions[0].TemplateId, "Your card is safe.", unedited: false);

        var usage = (await desk.Get<TemplateReports>().UsageAsync()).Single(u => u.TemplateId == suggestions[0].TemplateId);

        Assert.AreEqual("card_safety.is_my_card_safe.en", usage.TemplateId);
        Assert.AreEqual(3, usage.Suggested);
        Assert.AreEqual(1, usage.Chosen);
        Assert.AreEqual(2, usage.Sent);
        Assert.AreEqual(1, usage.SentUnedited);
        // One send unchanged (0), one almost all rewritten (close to 1): the mean is a little under one half.
        Assert.IsTrue(usage.MeanEditDistance is > 0.4 and < 0.5, $"mean edit distance {usage.MeanEditDistance}");
    }

    [TestMethod]
    public async Task FlushAsync_TwoFlushes_CountsAddUpInTheTable()
    {
        await using var desk = await TestDatabase.CreateAsync();
        await desk.Get<TemplateCatalog>().ImportSeedAsync();
        var recorder = desk.Get<TemplateUsageRecorder>();
        var versionId = (await desk.Get<TemplateCatalog>().LiveAsync())[0].VersionId;

        recorder.RecordSuggested(versionId);
        recorder.RecordSuggested(versionId);
        var first = await recorder.FlushAsync();
        recorder.RecordSuggested(versionId);
        recorder.RecordChosen(versionId);
        await recorder.FlushAsync();
        var nothing = await recorder.FlushAsync();

        await using var db = await desk.Factory.CreateDbContextAsync();
        var row = await db.TemplateUsage.SingleAsync();
        Assert.AreEqual(1, first);
        Assert.AreEqual(0, nothing);
        Assert.AreEqual(3, row.Suggested);
        Assert.AreEqual(1, row.Chosen);
        Assert.AreEqual(0, recorder.Unflushed.Count);
    }

    [TestMethod]
    public async Task RecipientsAsync_TwoVersions_EachListsOnlyItsCustomers()
    {
        await using var desk = await TestDatabase.CreateAsync();
        await desk.Get<TemplateCatalog>().ImportSeedAsync();
        var agent = await desk.AddStaffAsync("Alex Agent", Helpdesk.Core.Staff.StaffRoles.Agent);
        const string id = "thanks.you_are_welcome.en";
        var early = await desk.AddTicketAsync("Ann \"Annie\" Lee, Jr", "thanks", "thanks");
        await desk.SendFromTemplateAsync(early, agent, id, "Thank you", unedited: true);
        var template = (await desk.Get<TemplateReports>().GetAsync(id))!;
        await desk.Get<TemplateEditor>().SaveAsync(id, TrainerFixtures.EditOf(template, "Thanks, {{customer.first_name}}!"), agent);
        var late = await desk.AddTicketAsync("Bo Chan", "thanks", "thanks");
        await desk.SendFromTemplateAsync(late, agent, id, "Thanks, Bo!", unedited: true);

        var v1 = await desk.Get<TemplateReports>().RecipientsAsync(id, 1);
        var v2 = await desk.Get<TemplateReports>().RecipientsAsync(id, 2);
        var csv = TemplateReports.RecipientsCsv(v1);

        Assert.AreEqual(early, v1.Single().TicketNumber);
        Assert.AreEqual(late, v2.Single().TicketNumber);
        Assert.AreEqual("Alex Agent", v1.Single().Agent);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.AreEqual("ticket,customer_email,customer_name,sent_at_utc,agent,unedited", lines[0]);
        StringAssert.StartsWith(lines[1], $"{early},{v1.Single().CustomerAddress},\"Ann \"\"Annie\"\" Lee, Jr\",2026-11-20T14:00:00Z,Alex Agent,yes");
        await Assert.ThrowsExactlyAsync<DomainException>(() => desk.Get<TemplateReports>().RecipientsAsync(id, 9));
    }

    [TestMethod]
    public void RecipientsCsv_NameStartingWithEquals_NotAFormula()
    {
        var csv = TemplateReports.RecipientsCsv([new TemplateRecipient(7, "x@example.com", "=HYPERLINK(\"http://evil\")", DateTimeOffset.UnixEpoch, null, false)]);

        StringAssert.Contains(csv, ",\"'=HYPERLINK(\"\"http://evil\"\")\",");
    }

    [TestMethod]
    public void LineDiff_OneLineChanged_RemovedThenAddedRestKept()
    {
        var diff = TextChanges.LineDiff("a\nb\nc", "a\nB\nc\nd");

        CollectionAssert.AreEqual(
            new[] { (LineChange.Same, "a"), (LineChange.Removed, "b"), (LineChange.Added, "B"), (LineChange.Same, "c"), (LineChange.Added, "d") },
            diff.ToArray());
    }

    [TestMethod]
    public void NormalizedWordDistance_Cases_ZeroForSameOneForDisjointFractionOtherwise()
    {
        Assert.AreEqual(0, TextChanges.NormalizedWordDistance("your card is safe", "your  card is\nsafe"));
        Assert.AreEqual(1, TextChanges.NormalizedWordDistance("your card is safe", "nothing in common here"));
        Assert.AreEqual(0.25, TextChanges.NormalizedWordDistance("your card is safe", "your card is fine"), 1e-9);
        Assert.AreEqual(0, TextChanges.NormalizedWordDistance("", ""));
    }
}
