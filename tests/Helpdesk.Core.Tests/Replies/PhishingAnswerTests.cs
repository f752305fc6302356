using Helpdesk.Core.Abstractions;
using Helpdesk.Core.Queue;
using Helpdesk.Core.Replies;
using Helpdesk.Core.Templates;
using Helpdesk.Core.Tests.Support;
using Helpdesk.Core.Tickets;
using Helpdesk.Mail.Authenticity;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Core.Tests.Replies;

/// <summary>
/// The answer side of a phishing report: the reply a forwarded mail gets first follows the evidence found at intake,
/// and nothing the desk sends (an agent's reply, a template) links to a lookalike of our domain.
/// </summary>
[TestClass]
public sealed class PhishingAnswerTests
{
    private static async Task<(TestDatabase Desk, long Number, int Version)> ClaimedTicketAsync()
    {
        var desk = await TestDatabase.CreateAsync();
        var number = (await desk.AddTicketsAsync(1))[0];
        Assert.IsTrue(await desk.Get<TicketQueue>().ClaimAsync(1, number));
        await using var db = await desk.Factory.CreateDbContextAsync();
        return (desk, number, await db.Tickets.Where(t => t.Number == number).Select(t => t.Version).SingleAsync());
    }

    [TestMethod]
    public async Task Send_LinkToLookalikeHost_RefusedNamingTheHostAndNothingQueued()
    {
        var (desk, number, version) = await ClaimedTicketAsync();
        await using var _ = desk;
        var text = "Please create a new password at https://meridian-secure.com/reset today.";

        var ex = await Assert.ThrowsExactlyAsync<GuardrailException>(() =>
            desk.Get<ReplyService>().SendAsync(1, new ReplyDraft(number, version, text, AcknowledgedWarnings: ["link:meridian-secure.com", "lookalike:meridian-secure.com"])));

        var finding = ex.Findings.Single();
        Assert.AreEqual(GuardrailSeverity.Block, finding.Severity);
        StringAssert.Contains(ex.Message, "The link to meridian-secure.com imitates meridian.example");
        StringAssert.Contains(ex.Message, "the draft is kept");
        await using var db = await desk.Factory.CreateDbContextAsync();
        Assert.AreEqual(0, await db.Outbox.CountAsync());
        Assert.AreEqual(0, await db.Messages.CountAsync(m => m.Direction == MessageDirection.Outbound));
        Assert.AreEqual(TicketStatus.New, (await db.Tickets.SingleAsync()).Status);
    }

    [TestMethod]
    public async Task Send_LinkToOurOwnSite_SentWithoutAnyTick()
    {
        var (desk, number, version) = await ClaimedTicketAsync();
        await using var _ = desk;
        var text = "Please create a new password at https://www.meridian.example/account/new-password and see https://help.meridian.example/phishing.";

        Assert.IsEmpty(desk.Get<ReplyGuardrails>().Check(text));
        var item = await desk.Get<ReplyService>().SendAsync(1, new ReplyDraft(number, version, text));

        await using var db = await desk.Factory.CreateDbContextAsync();
        Assert.AreEqual(item.Id, (await db.Outbox.SingleAsync()).Id);
        StringAssert.Contains((await db.Messages.SingleAsync(m => m.Direction == MessageDirection.Outbound)).Text, "https://www.meridian.example/account/new-password");
    }

    [TestMethod]
    public async Task SaveTemplate_LinkToLookalikeHost_RefusedNamingTheHostAndNoNewVersion()
    {
        await using var desk = await TestDatabase.CreateAsync();
        await desk.Get<TemplateCatalog>().ImportSeedAsync();
        var trainer = await desk.AddStaffAsync();
        var template = await desk.Get<TemplateReports>().GetAsync(ReplySuggester.NotUsTemplate) ?? throw new AssertFailedException("no not_us template");
        var body = template.LiveVersion!.Body + "\n\nCreate your new password at https://www.rneridian.example/reset.";

        var ex = await Assert.ThrowsExactlyAsync<DomainException>(() =>
            desk.Get<TemplateEditor>().SaveAsync(ReplySuggester.NotUsTemplate, TrainerFixtures.EditOf(template, body), trainer));

        StringAssert.Contains(ex.Message, "rneridian.example imitates meridian.example");
        StringAssert.Contains(ex.Message, "the template was not saved");
        var after = await desk.Get<TemplateReports>().GetAsync(ReplySuggester.NotUsTemplate);
        Assert.AreEqual(1, after!.Versions.Count);
    }

    [TestMethod]
    public async Task SaveTemplate_LinkToOurOwnSite_NewLiveVersion()
    {
        await using var desk = await TestDatabase.CreateAsync();
        await desk.Get<TemplateCatalog>().ImportSeedAsync();
        var trainer = await desk.AddStaffAsync();
        var template = await desk.Get<TemplateReports>().GetAsync(ReplySuggester.NotUsTemplate) ?? throw new AssertFailedException("no not_us template");

        var version = await desk.Get<TemplateEditor>().SaveAsync(ReplySuggester.NotUsTemplate,
            TrainerFixtures.EditOf(template, template.LiveVersion!.Body + "\n\nCreate your new password at https://www.meridian.example/account/new-password."), trainer);

        Assert.AreEqual(2, version!.Number);
    }

    /// <summary>A phishing_check ticket (the agent set the intent, so the model's guess does not vary) whose forward intake judged.</summary>
    private static async Task<IReadOnlyList<string>> SuggestedForAsync(PhishingFinding? finding)
    {
        await using var desk = await TestDatabase.CreateAsync();
        await desk.Get<TemplateCatalog>().ImportSeedAsync();
        var number = (await desk.AddTicketsAsync(1))[0];
        await using (var db = await desk.Factory.CreateDbContextAsync())
        {
            var ticket = await db.Tickets.Include(t => t.Messages).SingleAsync(t => t.Number == number);
            ticket.ChangeIntent("phishing_check", desk.Clock.GetUtcNow());
            var sender = new SenderAuthenticity(SenderVerdict.None, "no dkim signature", "example.com", false, SenderAuthenticity.VerifiedHere);
            ticket.Messages.Single().RecordSender(new MailAuthenticity(sender, []),
                finding is { } f ? new PhishingJudgment(f, ["evidence"]) : null);
            await db.SaveChangesAsync();
        }
        await using var read = await desk.Factory.CreateDbContextAsync();
        var loaded = await read.Tickets.Include(t => t.Customer).Include(t => t.Messages).AsNoTracking().SingleAsync(t => t.Number == number);
        return [.. (await desk.Get<ReplySuggester>().SuggestAsync(loaded, null)).Select(s => s.TemplateId)];
    }

    [TestMethod]
    public async Task Suggest_ForwardJudgedNotOurs_NotUsTemplateFirst()
    {
        var suggested = await SuggestedForAsync(PhishingFinding.NotOurs);

        Assert.AreEqual(ReplySuggester.NotUsTemplate, suggested[0]);
        Assert.HasCount(ReplySuggester.Count, suggested);
    }

    [TestMethod]
    public async Task Suggest_ForwardJudgedOurs_OurNoticeTemplateFirst()
    {
        var suggested = await SuggestedForAsync(PhishingFinding.Ours);

        Assert.AreEqual(ReplySuggester.OurNoticeTemplate, suggested[0]);
        Assert.HasCount(ReplySuggester.Count, suggested);
    }

    [TestMethod]
    public async Task Suggest_ForwardJudgedUnknown_ClassifiersUsualOrder()
    {
        var usual = await SuggestedForAsync(null);
        var unknown = await SuggestedForAsync(PhishingFinding.Unknown);

        CollectionAssert.AreEqual(usual.ToArray(), unknown.ToArray());
        // Neither evidence template is pushed ahead of the intent's other English templates (ids break the tie).
        Assert.AreEqual("phishing_check.is_this_email_real.en", unknown[0]);
    }
}
