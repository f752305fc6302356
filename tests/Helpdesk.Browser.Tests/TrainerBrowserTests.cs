using Helpdesk.Core.Data;
using Helpdesk.Core.Replies;
using Helpdesk.Core.Templates;
using Helpdesk.Web.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Helpdesk.Browser.Tests;

[TestClass]
public sealed class TrainerBrowserTests
{
    private const string Template = "identity_protection.free_monitoring.en";

    [TestMethod]
    public async Task TemplateEditor_TrainerPreviewsAndSaves_NewVersionLiveWithItsChanges()
    {
        await using var desk = await BrowserDesk.StartAsync();
        var page = await desk.SignedInPageAsync("trainer");
        await page.GotoAsync($"/trainer/templates/{Template}");
        await BrowserDesk.WaitForCircuitAsync(page);

        await page.ClickAsync("button:has-text('Preview')");
        await page.Locator("[data-preview]").WaitForAsync();
        var body = page.Locator("#template-body");
        var text = await body.InputValueAsync();
        await body.FillAsync(text.Replace("Yes. {{company.name}} is offering 12 months of identity monitoring, free of charge.",
            "Yes. {{company.name}} is offering 12 months of identity monitoring, free of charge, to every customer who received our notice.",
            StringComparison.Ordinal));
        await page.ClickAsync("button:has-text('Preview')");
        await page.Locator("[data-preview]:has-text('to every customer who received our notice')").WaitForAsync();
        await BrowserDesk.ScreenshotAsync(page, "trainer-template-editor");
        await page.ClickAsync("button:has-text('Save new version')");
        await page.Locator("[data-save-result]").WaitForAsync();
        await page.ClickAsync("tr[data-version='2'] button:has-text('Show changes')");
        await page.Locator(".version-diff [data-change=added]").WaitForAsync();
        await page.Locator(".version-history").ScrollIntoViewIfNeededAsync();

        StringAssert.Contains(await page.Locator("[data-save-result]").TextContentAsync() ?? "", "version 2");
        StringAssert.Contains(await page.Locator(".version-diff [data-change=added]").TextContentAsync() ?? "", "to every customer who received our notice");
        var live = (await desk.Services.GetRequiredService<TemplateCatalog>().LiveAsync()).Single(t => t.Id == Template);
        StringAssert.Contains(live.Body, "to every customer who received our notice");
        await BrowserDesk.ScreenshotAsync(page, "trainer-template-history");
    }

    [TestMethod]
    public async Task TemplateEdit_TrainerSaves_NextAgentOnAMatchingTicketGetsTheNewText()
    {
        const string Added = "to every customer who received our notice";
        await using var desk = await BrowserDesk.StartAsync();
        long number;
        await using (var db = await desk.Services.GetRequiredService<IDbContextFactory<HelpdeskDbContext>>().CreateDbContextAsync())
        {
            // A waiting English question about identity protection, as intake would leave it.
            var now = DateTimeOffset.UtcNow;
            var customer = new Helpdesk.Core.Customers.Customer("nora.quinn@example.com", "Nora Quinn", now.AddMinutes(-5));
            db.Customers.Add(customer);
            var ticket = Helpdesk.Core.Tickets.Ticket.Open(customer, "Credit monitoring?", now.AddMinutes(-5));
            const string text = "Will Meridian pay for credit monitoring after this breach? I want identity theft protection.";
            ticket.AddCustomerMessage(Helpdesk.Core.Tickets.TicketMessage.Inbound("nora-1@mail.example", null, [], customer.Address, customer.Name,
                "Credit monitoring?", text, text, null, now.AddMinutes(-5), null));
            ticket.Classify("identity_protection", 0.97, needsTriage: false);
            db.Tickets.Add(ticket);
            await db.SaveChangesAsync();
            number = ticket.Number;
        }

        var trainer = await desk.SignedInPageAsync("trainer");
        await trainer.GotoAsync($"/trainer/templates/{Template}");
        await BrowserDesk.WaitForCircuitAsync(trainer);
        var body = trainer.Locator("#template-body");
        var before = await body.InputValueAsync();
        Assert.IsFalse(before.Contains(Added, StringComparison.Ordinal), "the seed text does not say it yet");
        await body.FillAsync(before.Replace("free of charge.", $"free of charge, {Added}.", StringComparison.Ordinal));
        await trainer.ClickAsync("button:has-text('Save new version')");
        await trainer.Locator("[data-save-result]").WaitForAsync();

        var agent = await desk.SignedInPageAsync("agent");
        await agent.GotoAsync($"/answer?ticket={number}");
        await BrowserDesk.WaitForCircuitAsync(agent);
        await agent.Locator($"[data-ticket='{number}']").WaitForAsync();
        var offered = await agent.Locator("button[data-suggestion]").CountAsync();
        var texts = new List<string>();
        for (var i = 1; i <= offered; i++)
        {
            await agent.ClickAsync($"button[data-suggestion='{i}']");
            await agent.Locator($"button[data-suggestion='{i}'][aria-pressed='true']").WaitForAsync();
            texts.Add(await agent.Locator("#reply-editor").InputValueAsync());
        }

        Assert.IsTrue(texts.Any(t => t.Contains(Added, StringComparison.Ordinal)),
            $"one of the {offered} suggestions carries the trainer's new text:\n{string.Join("\n---\n", texts)}");
        Assert.IsTrue(texts.Any(t => t.Contains("Nora", StringComparison.Ordinal)), "merge fields filled for this customer");
    }

    [TestMethod]
    public async Task ModelPage_Retrain_ComparisonBesideLiveThenActivate()
    {
        // A small training set of its own, so the desk's first model and the retrain take seconds and no shared model file is replaced.
        var root = Path.Combine(Path.GetTempPath(), "helpdesk-browser-tests", Guid.NewGuid().ToString("N"));
        var training = SmallTrainingSet(Path.Combine(root, "training"), perIntent: 8);
        await using var desk = await BrowserDesk.StartAsync(new Dictionary<string, string?>
        {
            ["Helpdesk:Classification:TrainingDirectory"] = training,
            ["Helpdesk:Classification:ModelFile"] = Path.Combine(root, "intent.model"),
        });
        var page = await desk.SignedInPageAsync("trainer");
        await page.GotoAsync("/trainer/model");
        await BrowserDesk.WaitForCircuitAsync(page);
        SmallTrainingSet(training, perIntent: 60); // more labelled mail arrived since the live model was trained

        await page.ClickAsync("button:has-text('Retrain')");
        await page.Locator("[data-score=candidate]:not(:has-text('–'))").WaitForAsync(new LocatorWaitForOptions { Timeout = 120_000 });
        await BrowserDesk.ScreenshotAsync(page, "trainer-retrain");
        var intents = await page.Locator(".per-intent tr[data-intent]").CountAsync();
        var liveScore = await page.Locator("[data-score=live]").TextContentAsync();
        var candidateScore = await page.Locator("[data-score=candidate]").TextContentAsync();
        await page.ClickAsync("button:has-text('Activate')");
        await page.Locator("[data-activation]").WaitForAsync();

        Assert.AreEqual(11, intents);
        Assert.IsTrue(double.Parse(candidateScore!, System.Globalization.CultureInfo.InvariantCulture)
                      > double.Parse(liveScore!, System.Globalization.CultureInfo.InvariantCulture), $"new {candidateScore} vs live {liveScore}");
        StringAssert.StartsWith(await page.Locator("[data-activation]").TextContentAsync() ?? "", "Activated");
    }

    [TestMethod]
    public async Task HelpPage_TrainerPublishes_OpenPageShowsItWithoutReload()
    {
        await using var desk = await BrowserDesk.StartAsync();
        var page = await desk.NewPageAsync();
        await page.GotoAsync("/help");
        await BrowserDesk.WaitForCircuitAsync(page);
        var before = await page.Locator(".faq-entry").CountAsync();
        var navigations = 0;
        page.FrameNavigated += (_, frame) => { if (frame == page.MainFrame) navigations++; };

        await PublishThanksAsync(desk);
        await page.Locator(".faq-entry[data-template='thanks.you_are_welcome.en']").WaitForAsync();

        Assert.AreEqual(before + 1, await page.Locator(".faq-entry").CountAsync());
        Assert.AreEqual(0, navigations, "the new answer arrives over the circuit");
        await page.Locator(".faq-entry[data-template='card_safety.is_my_card_safe.en'] summary").ClickAsync();
        await BrowserDesk.ScreenshotAsync(page, "help");
    }

    private static async Task PublishThanksAsync(BrowserDesk desk)
    {
        await using var db = await desk.Services.GetRequiredService<IDbContextFactory<HelpdeskDbContext>>().CreateDbContextAsync();
        var trainer = await db.Staff.SingleAsync(s => s.UserName == "trainer");
        var template = await db.ReplyTemplates.Include(t => t.Versions).SingleAsync(t => t.Id == "thanks.you_are_welcome.en");
        await desk.Services.GetRequiredService<TemplateEditor>().SaveAsync(template.Id, new TemplateEdit(template.Title, template.Language,
            template.IntentList, template.LiveVersion!.Body, PublishFaq: true, FaqQuestion: "How can I thank the team?",
            FaqAnswer: "Reply to any of our emails: every message is read by a person."), trainer.Id);
    }

    private static string SmallTrainingSet(string dir, int perIntent)
    {
        var source = Path.Combine(DeskFactory.RepositoryRoot, "data", "training");
        Directory.CreateDirectory(Path.Combine(dir, "train"));
        foreach (var file in Directory.GetFiles(Path.Combine(source, "train"), "*.jsonl"))
            File.WriteAllLines(Path.Combine(dir, "train", Path.GetFileName(file)), File.ReadLines(file).Take(perIntent));
        File.WriteAllLines(Path.Combine(dir, "heldout.jsonl"), File.ReadLines(Path.Combine(source, "heldout.jsonl")).Where((_, i) => i % 3 == 0));
        return dir;
    }
}
