using System.Net;
using Helpdesk.Core.Abstractions;
using Helpdesk.Core.Replies;
using Helpdesk.Core.Templates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Helpdesk.Web.Tests;

/// <summary>The trainers' pages and the public help page, served by the whole web desk (a demo desk per test).</summary>
[TestClass]
public sealed class TrainerPagesTests
{
    // A desk per test: the tests change templates and sign-ins, and one shared desk made a later test's pages empty once.
    private DeskFactory _desk = null!;

    [TestInitialize]
    public void Start() => _desk = new DeskFactory();

    [TestCleanup]
    public void Stop() => _desk.Dispose();

    private async Task<HttpClient> SignedInAsync(string user)
    {
        var client = Browserless.Client(_desk);
        var response = await Browserless.SignInAsync(client, user, "demo-desk");
        Assert.AreEqual(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    [TestMethod]
    public async Task TemplatesPage_Trainer_ListsEverySeedTemplateWithLiveVersion()
    {
        var client = await SignedInAsync("trainer");

        var page = await Browserless.GetDocumentAsync(client, "/trainer");

        var rows = page.QuerySelectorAll("tr[data-template]");
        Assert.AreEqual(34, rows.Length); // every seed template in data/templates (README aside), incl. issue 22's three
        var card = page.QuerySelector("tr[data-template='card_safety.is_my_card_safe.en']")!;
        Assert.AreEqual("v1", card.QuerySelector("[data-cell=live]")!.TextContent.Trim());
        StringAssert.Contains(card.TextContent, "card_safety");
        Assert.IsNotNull(page.QuerySelector("a.nav-link[href='/trainer']"), "the top bar links the trainer pages");
    }

    [TestMethod]
    public async Task TemplatesPage_Agent_Denied()
    {
        var client = await SignedInAsync("agent");

        var response = await client.GetAsync("/trainer");
        var denied = await client.GetAsync(response.Headers.Location!.PathAndQuery);
        var queue = await Browserless.GetDocumentAsync(client, "/");

        Assert.AreEqual(HttpStatusCode.Redirect, response.StatusCode);
        StringAssert.StartsWith(response.Headers.Location.PathAndQuery, "/denied");
        Assert.AreEqual(HttpStatusCode.Forbidden, denied.StatusCode, "the denied page says 403 to the browser too");
        StringAssert.Contains(await denied.Content.ReadAsStringAsync(), "You do not have access to this page.");
        Assert.IsNull(queue.QuerySelector("a.nav-link[href='/trainer']"), "no Trainer link for an agent");
    }

    [TestMethod]
    public async Task TemplateEditor_Trainer_ShowsBodyMergeFieldsPreviewAndHistory()
    {
        var client = await SignedInAsync("trainer");

        var page = await Browserless.GetDocumentAsync(client, "/trainer/templates/card_safety.is_my_card_safe.en");

        StringAssert.Contains(page.QuerySelector("#template-body")!.TextContent, "your payment card information was not affected");
        StringAssert.Contains(page.QuerySelector("#merge-fields")!.TextContent, "{{site.reset_url}}");
        Assert.IsNotNull(page.QuerySelector("#preview-ticket"));
        Assert.IsNotNull(page.QuerySelector("tr[data-version='1'] a[href='/trainer/templates/card_safety.is_my_card_safe.en/versions/1']"));
        Assert.IsTrue(((AngleSharp.Html.Dom.IHtmlInputElement)page.QuerySelector("#intent-card_safety")!).IsChecked);
    }

    [TestMethod]
    public async Task TrainerPages_Trainer_EachRenders()
    {
        var client = await SignedInAsync("trainer");

        var usage = await Browserless.GetDocumentAsync(client, "/trainer/usage");
        var intents = await Browserless.GetDocumentAsync(client, "/trainer/intents");
        var review = await Browserless.GetDocumentAsync(client, "/trainer/review");
        var model = await Browserless.GetDocumentAsync(client, "/trainer/model");
        var recipients = await Browserless.GetDocumentAsync(client, "/trainer/templates/thanks.you_are_welcome.en/versions/1");

        Assert.AreEqual(34, usage.QuerySelectorAll(".usage-table tr[data-template]").Length);
        Assert.AreEqual(11, intents.QuerySelectorAll(".intent-table tr[data-intent]").Length);
        StringAssert.Contains(review.QuerySelector("[data-review-counts]")!.TextContent, "tickets needing triage");
        Assert.IsNotNull(model.QuerySelector("button.btn-primary"));
        StringAssert.Contains(recipients.QuerySelector("h1")!.TextContent, "version 1");
    }

    [TestMethod]
    public async Task ApprovalsPage_LeadYesTrainerNo()
    {
        var lead = await SignedInAsync("lead");
        var trainer = await SignedInAsync("trainer");

        var forLead = await Browserless.GetDocumentAsync(lead, "/trainer/approvals");
        var forTrainer = await trainer.GetAsync("/trainer/approvals");

        Assert.IsNotNull(forLead.QuerySelector("[data-empty]"));
        Assert.AreEqual(HttpStatusCode.Redirect, forTrainer.StatusCode);
        StringAssert.StartsWith(forTrainer.Headers.Location!.PathAndQuery, "/denied");
    }

    [TestMethod]
    public async Task RecipientsCsv_TrainerGetsCsvOthersDoNot()
    {
        var trainer = await SignedInAsync("trainer");
        var agent = await SignedInAsync("agent");
        var anonymous = Browserless.Client(_desk);
        const string url = "/trainer/templates/thanks.you_are_welcome.en/versions/1/recipients.csv";

        var ok = await trainer.GetAsync(url);
        var denied = await agent.GetAsync(url);
        var signIn = await anonymous.GetAsync(url);
        var missing = await trainer.GetAsync("/trainer/templates/thanks.you_are_welcome.en/versions/99/recipients.csv");

        Assert.AreEqual(HttpStatusCode.OK, ok.StatusCode);
        Assert.AreEqual("text/csv", ok.Content.Headers.ContentType!.MediaType);
        StringAssert.StartsWith(await ok.Content.ReadAsStringAsync(), "ticket,customer_email,customer_name,sent_at_utc,agent,unedited\r\n");
        Assert.AreEqual(HttpStatusCode.Redirect, denied.StatusCode);
        StringAssert.StartsWith(denied.Headers.Location!.PathAndQuery, "/denied");
        Assert.AreEqual(HttpStatusCode.Redirect, signIn.StatusCode);
        StringAssert.StartsWith(signIn.Headers.Location!.PathAndQuery, "/signin");
        Assert.AreEqual(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [TestMethod]
    public async Task HelpPage_NoSignIn_PublishedQuestionsOnlyAndNothingFromTheStaffSide()
    {
        var anonymous = Browserless.Client(_desk);

        var response = await anonymous.GetAsync("/help");
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.IsFalse(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("helpdesk.auth", StringComparison.Ordinal)));
        var entries = page.QuerySelectorAll(".faq-entry");
        var published = TemplateFiles.LoadDirectory(Path.Combine(DeskFactory.RepositoryRoot, "data", "templates")).Count(t => t.PublishFaq);
        Assert.AreEqual(published, entries.Length);
        Assert.IsNotNull(page.QuerySelector(".faq-entry[data-template='card_safety.is_my_card_safe.en']"));
        Assert.IsNull(page.QuerySelector(".faq-entry[data-template='thanks.you_are_welcome.en']"), "an unpublished template stays off the page");
        var text = page.Body!.TextContent;
        StringAssert.Contains(text, "never ask for your password");
        Assert.IsFalse(text.Contains("{{", StringComparison.Ordinal));
        Assert.IsNull(page.QuerySelector("form[action='/account/signout']"));
        Assert.IsNull(page.QuerySelector("a[href='/trainer']"));
        Assert.IsNull(page.QuerySelector(".desk-nav"));
    }

    [TestMethod]
    public void CompanyHelpUrl_DemoModeNothingConfigured_ThisDesksHelpPage()
    {
        var company = _desk.Services.GetRequiredService<IOptions<CompanyOptions>>().Value;

        Assert.AreEqual("http://127.0.0.1:5080/help", company.HelpUrl);
        Assert.AreSame(company, _desk.Services.GetRequiredService<CompanyOptions>());
    }

    [TestMethod]
    public void CompanyHelpUrl_Configured_KeptAsConfigured()
    {
        using var desk = new DeskFactory(new Dictionary<string, string?> { ["Helpdesk:Company:HelpUrl"] = "https://status.meridian.example/faq" });

        var company = desk.Services.GetRequiredService<CompanyOptions>();

        Assert.AreEqual("https://status.meridian.example/faq", company.HelpUrl);
    }
}
