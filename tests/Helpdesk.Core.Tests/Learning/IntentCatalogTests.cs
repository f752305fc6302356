using Helpdesk.Core.Abstractions;
using Helpdesk.Core.Intents;
using Helpdesk.Core.Replies;
using Helpdesk.Core.Templates;
using Helpdesk.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Core.Tests.Learning;

[TestClass]
public sealed class IntentCatalogTests
{
    [TestMethod]
    public async Task MergeAsync_LoginIntoReset_TicketsTemplatesAndExamplesFollow()
    {
        await using var desk = await TestDatabase.CreateAsync();
        await desk.Get<TemplateCatalog>().ImportSeedAsync();
        var trainer = await desk.AddStaffAsync();
        var login = await desk.AddTicketAsync("Ann Lee", "locked", "cannot sign in", "login_problem");
        var other = await desk.AddTicketAsync("Bo Chan", "card", "card?", "card_safety");
        var agent = await desk.AddStaffAsync("Alex Agent", Helpdesk.Core.Staff.StaffRoles.Agent);
        await desk.Get<LearningSignals>().RecordIntentCorrectionAsync(other, "login_problem", agent);
        var catalog = desk.Get<IntentCatalog>();

        var result = await catalog.MergeAsync("login_problem", "reset_help", trainer);

        await using var db = await desk.Factory.CreateDbContextAsync();
        Assert.AreEqual(new IntentMergeResult(Tickets: 2, Templates: 3, Examples: 1), result);
        Assert.AreEqual("reset_help", (await db.Tickets.SingleAsync(t => t.Number == login)).Intent);
        Assert.AreEqual("reset_help", (await db.TrainingExamples.SingleAsync()).IntentId);
        var templates = await db.ReplyTemplates.Where(t => t.Id.StartsWith("login_problem.")).ToListAsync();
        Assert.IsTrue(templates.All(t => t.IntentList.SequenceEqual(["reset_help"])));
        var rows = await catalog.ListAsync();
        var merged = rows.Single(r => r.Id == "login_problem");
        Assert.IsFalse(merged.IsActive);
        Assert.AreEqual("reset_help", merged.MergedInto);
        Assert.IsFalse((await catalog.ActiveAsync()).Any(i => i.Id == "login_problem"));
        await Assert.ThrowsExactlyAsync<DomainException>(() => catalog.MergeAsync("login_problem", "thanks", trainer));
    }

    [TestMethod]
    public async Task RenameAsync_NewId_EverythingMovesToTheNewIntent()
    {
        await using var desk = await TestDatabase.CreateAsync();
        await desk.Get<TemplateCatalog>().ImportSeedAsync();
        var trainer = await desk.AddStaffAsync();
        var ticket = await desk.AddTicketAsync("Ann Lee", "abroad", "vpn blocked", "intl_access");

        await desk.Get<IntentCatalog>().RenameAsync("intl_access", "Access from abroad or VPN", "Outside the US or on a VPN", trainer, "abroad_or_vpn");

        await using var db = await desk.Factory.CreateDbContextAsync();
        Assert.AreEqual("abroad_or_vpn", (await db.Tickets.SingleAsync(t => t.Number == ticket)).Intent);
        Assert.AreEqual("Access from abroad or VPN", (await db.Intents.SingleAsync(i => i.Id == "abroad_or_vpn")).DisplayName);
        Assert.AreEqual("abroad_or_vpn", (await db.Intents.SingleAsync(i => i.Id == "intl_access")).MergedInto);
        var template = await db.ReplyTemplates.SingleAsync(t => t.Id == "intl_access.outside_us.en");
        CollectionAssert.AreEqual(new[] { "abroad_or_vpn" }, template.IntentList.ToArray());
    }

    [TestMethod]
    public async Task RenameAsync_SameId_OnlyNameChanges()
    {
        await using var desk = await TestDatabase.CreateAsync();
        var trainer = await desk.AddStaffAsync();

        await desk.Get<IntentCatalog>().RenameAsync("thanks", "Says thank you", "Thanks us, asks nothing", trainer);

        var row = (await desk.Get<IntentCatalog>().ListAsync()).Single(r => r.Id == "thanks");
        Assert.AreEqual("Says thank you", row.DisplayName);
        Assert.IsTrue(row.IsActive);
    }

    [TestMethod]
    public async Task AddAsync_NewAndDuplicateAndBadId_AddedOnceRefusedOtherwise()
    {
        await using var desk = await TestDatabase.CreateAsync();
        var trainer = await desk.AddStaffAsync();
        var catalog = desk.Get<IntentCatalog>();

        await catalog.AddAsync("gift_cards", "Gift cards", "Balance or use of a gift card", trainer);

        Assert.IsTrue((await catalog.ActiveAsync()).Any(i => i.Id == "gift_cards"));
        await Assert.ThrowsExactlyAsync<DomainException>(() => catalog.AddAsync("gift_cards", "Again", "", trainer));
        await Assert.ThrowsExactlyAsync<DomainException>(() => catalog.AddAsync("Gift Cards!", "Bad", "", trainer));
        await Assert.ThrowsExactlyAsync<DomainException>(() => catalog.MergeAsync("thanks", "thanks", trainer));
    }

    [TestMethod]
    public async Task MergeAsync_BeforeAnyRetrain_NewMailFiledUnderTheSurvivingIntent()
    {
        await using var desk = await TestDatabase.CreateAsync();
        var classifier = desk.Get<Helpdesk.Core.Classification.IntentClassifierService>();
        await classifier.WarmUpAsync();
        const string subject = "Re: Important: please create a new password";
        const string body = "Is my credit card safe? Should I cancel it? I see a charge I don't recognise.";
        var before = classifier.Classify(subject, body);

        await desk.Get<IntentCatalog>().MergeAsync("card_safety", "exposure_question", await desk.AddStaffAsync());
        var after = classifier.Classify(subject, body);

        Assert.AreEqual("card_safety", before.Top[0].Intent);
        Assert.AreEqual("exposure_question", after.Top[0].Intent);
        Assert.IsFalse(after.Top.Any(s => s.Intent == "card_safety"));
        Assert.IsTrue(after.Top[0].Probability >= before.Top[0].Probability - 1e-6);
    }
}
