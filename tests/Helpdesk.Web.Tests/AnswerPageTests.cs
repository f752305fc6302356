using System.Security.Claims;
using Helpdesk.Core.Data;
using Helpdesk.Core.Queue;
using Helpdesk.Web.Answer;
using Helpdesk.Web.Components.Pages;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Helpdesk.Web.Tests;

/// <summary>
/// The answering page's behaviour under bUnit, on a real (demo) desk: the keys answer.js hands to the page, and the
/// warning an agent gets when the ticket changed under the reply. answer.js itself (which key means what, 'e' focusing
/// the editor) runs only in a browser: AnswerBrowserTests press the keys.
/// </summary>
[TestClass]
public sealed class AnswerPageTests : BunitContext
{
    [ClassInitialize]
    public static void StartDesk(Microsoft.VisualStudio.TestTools.UnitTesting.TestContext context) => ClassDesk<AnswerPageTests>.Start();

    [ClassCleanup]
    public static void StopDesk() => ClassDesk<AnswerPageTests>.Stop();

    private static DeskFactory Desk => ClassDesk<AnswerPageTests>.Desk;

    private BunitJSModuleInterop _module = default!;
    private Bunit.TestDoubles.BunitAuthorizationContext _auth = default!;

    [TestInitialize]
    public void Setup()
    {
        // Every registration before anything is resolved (bUnit's rule): the signed-in agent is set per test below.
        _auth = AddAuthorization();
        Services.AddFallbackServiceProvider(Desk.Services);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        JSInterop.Mode = JSRuntimeMode.Loose;
        _module = JSInterop.SetupModule("./js/answer.js");
        _module.Mode = JSRuntimeMode.Loose;
    }

    private async Task<(IRenderedComponent<AnswerPage> Page, long Ticket, AnsweringView View, long StaffId)> OpenAsync(string user)
    {
        long staffId;
        await using (var db = await Desk.Services.GetRequiredService<IDbContextFactory<HelpdeskDbContext>>().CreateDbContextAsync())
            staffId = await db.Staff.Where(s => s.UserName == user).Select(s => s.Id).SingleAsync();
        _auth.SetAuthorized(user);
        _auth.SetRoles("Agent");
        _auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, staffId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var page = Render<AnswerPage>();
        var shown = page.WaitForElement(".ticket-number", TimeSpan.FromSeconds(30));
        var ticket = long.Parse(shown.GetAttribute("data-ticket")!, System.Globalization.CultureInfo.InvariantCulture);
        var view = await Desk.Services.GetRequiredService<AnsweringDesk>().ReadAsync(ticket, staffId) ?? throw new AssertFailedException("no view");
        return (page, ticket, view, staffId);
    }

    private static string Editor(IRenderedComponent<AnswerPage> page) => page.Find("#reply-editor").GetAttribute("value") ?? "";

    private static long Shown(IRenderedComponent<AnswerPage> page) =>
        long.Parse(page.Find(".ticket-number").GetAttribute("data-ticket")!, System.Globalization.CultureInfo.InvariantCulture);

    [TestMethod]
    public async Task Keys_Attached_ThenOneTwoThreePickTheSuggestions()
    {
        var (page, _, view, _) = await OpenAsync("agent");
        _module.VerifyInvoke("attach");
        Assert.IsTrue(view.Suggestions.Count >= 2, "the demo ticket needs two suggestions for this test");

        await page.InvokeAsync(() => page.Instance.OnKey("pick1", null));
        Assert.AreEqual(view.Suggestions[0].Text, Editor(page));

        await page.InvokeAsync(() => page.Instance.OnKey("pick2", null));
        Assert.AreEqual(view.Suggestions[1].Text, Editor(page));

        await page.InvokeAsync(() => page.Instance.OnKey("pick3", null));
        Assert.AreEqual(view.Suggestions.Count >= 3 ? view.Suggestions[2].Text : view.Suggestions[1].Text, Editor(page),
            "3 picks the third suggestion, and does nothing when there are only two");
    }

    [TestMethod]
    public async Task Keys_QuestionMarkOpensTheKeysHelp_EscapeClosesIt()
    {
        var (page, _, _, _) = await OpenAsync("agent");
        Assert.IsEmpty(page.FindAll(".keys-help"));

        await page.InvokeAsync(() => page.Instance.OnKey("help", null));
        Assert.HasCount(1, page.FindAll(".keys-help"));

        await page.InvokeAsync(() => page.Instance.OnKey("escape", null));
        Assert.IsEmpty(page.FindAll(".keys-help"));
    }

    [TestMethod]
    public async Task Keys_CtrlEnterSendsAndTakesTheNext_SSkips()
    {
        var (page, first, _, _) = await OpenAsync("agent");

        await page.InvokeAsync(() => page.Instance.OnKey("pick1", null));
        await page.InvokeAsync(() => page.Instance.OnKey("send", Editor(page)));
        page.WaitForAssertion(() => Assert.AreNotEqual(first, Shown(page)), TimeSpan.FromSeconds(30));
        StringAssert.Contains(page.Find(".workspace-notice").TextContent, $"Reply to #{first} is on its way.");

        var second = Shown(page);
        await page.InvokeAsync(() => page.Instance.OnKey("skip", null));
        page.WaitForAssertion(() => Assert.AreNotEqual(second, Shown(page)), TimeSpan.FromSeconds(30));
        StringAssert.Contains(page.Find(".workspace-notice").TextContent, $"#{second} went back to the queue");
    }

    [TestMethod]
    public async Task Send_TicketChangedUnderTheReply_WarnsAndKeepsTheText()
    {
        var (page, ticket, _, _) = await OpenAsync("agent");
        page.Find("#reply-editor").Input("Hello, I checked your account and the link works again.");

        // A change the page was not told about (another instance, a missed notification): the view is now stale.
        await using (var db = await Desk.Services.GetRequiredService<IDbContextFactory<HelpdeskDbContext>>().CreateDbContextAsync())
            await db.Tickets.Where(t => t.Number == ticket).ExecuteUpdateAsync(s => s.SetProperty(t => t.Version, t => t.Version + 1));
        await page.InvokeAsync(() => page.Instance.OnKey("send", Editor(page)));

        page.WaitForAssertion(() => StringAssert.Contains(page.Find(".workspace-problem").TextContent, $"ticket #{ticket} changed since you opened it"),
            TimeSpan.FromSeconds(30));
        Assert.AreEqual(ticket, Shown(page), "the agent stays on the ticket");
        Assert.AreEqual("Hello, I checked your account and the link works again.", Editor(page), "not a word of the reply is lost");
    }

    [TestMethod]
    public async Task DraftTooLong_FromTheBrowser_SentenceShownSendEnabledAndRefusedOnTheSameTicket()
    {
        var (page, ticket, _, _) = await OpenAsync("agent");
        Assert.IsTrue(page.Find("button.send-next").HasAttribute("disabled"), "an empty box: nothing to send");

        await page.InvokeAsync(() => page.Instance.DraftTooLong(ReplyLimits.MaxCharacters + 1));
        var sentence = page.Find(".workspace-problem").TextContent;
        StringAssert.Contains(sentence, $"{ReplyLimits.MaxCharacters + 1:N0} characters long");
        StringAssert.Contains(sentence, $"at most {ReplyLimits.MaxCharacters:N0} characters");
        Assert.IsFalse(page.Find("button.send-next").HasAttribute("disabled"), "the box has text, so Send & next shows enabled");

        await page.InvokeAsync(() => page.Instance.OnKey("send", null));
        Assert.AreEqual(ticket, Shown(page), "nothing was sent; the agent stays on the ticket");
        StringAssert.Contains(page.Find(".workspace-problem").TextContent, "Nothing was sent");
        await using var db = await Desk.Services.GetRequiredService<IDbContextFactory<HelpdeskDbContext>>().CreateDbContextAsync();
        Assert.AreEqual(0, await db.Outbox.CountAsync(o => o.TicketNumber == ticket));

        // Shortened in the box: the text reaches the server again and the sentence goes.
        page.Find("#reply-editor").Input("Hello, the short version: the reset link works again.");
        Assert.IsEmpty(page.FindAll(".workspace-problem"));
    }

    [TestMethod]
    public async Task EditorOverTheLimit_ReachesTheServer_RefusedNotSent()
    {
        var (page, ticket, _, _) = await OpenAsync("agent");
        page.Find("#reply-editor").Input(new string('a', ReplyLimits.MaxCharacters) + " and more");

        await page.InvokeAsync(() => page.Instance.OnKey("send", null));
        Assert.AreEqual(ticket, Shown(page));
        StringAssert.Contains(page.Find(".workspace-problem").TextContent, "Nothing was sent");
        await using var db = await Desk.Services.GetRequiredService<IDbContextFactory<HelpdeskDbContext>>().CreateDbContextAsync();
        Assert.AreEqual(0, await db.Outbox.CountAsync(o => o.TicketNumber == ticket));
    }

    [TestMethod]
    public async Task Send_ReplyLinkingToLookalikeHost_RefusalNamesTheHostAndTheDraftStays()
    {
        var (page, ticket, _, _) = await OpenAsync("agent");
        const string draft = "Hello, please create a new password at https://meridian-secure.com/reset and reply when done.";
        page.Find("#reply-editor").Input(draft);

        var block = page.Find(".guardrail-block[data-finding='lookalike:meridian-secure.com']");
        StringAssert.Contains(block.TextContent, "The link to meridian-secure.com imitates meridian.example");
        Assert.IsTrue(page.Find("button.send-next").HasAttribute("disabled"), "a blocked reply cannot be sent");

        await page.InvokeAsync(() => page.Instance.OnKey("send", Editor(page)));
        Assert.AreEqual(ticket, Shown(page), "nothing was sent; the agent stays on the ticket");
        StringAssert.Contains(page.Find(".workspace-problem").TextContent, "Not sent yet");
        Assert.AreEqual(draft, Editor(page), "not a word of the reply is lost");
        await using var db = await Desk.Services.GetRequiredService<IDbContextFactory<HelpdeskDbContext>>().CreateDbContextAsync();
        Assert.AreEqual(0, await db.Outbox.CountAsync(o => o.TicketNumber == ticket));
    }

    [TestMethod]
    public void KeptDraftOverTheLimit_AfterReload_PageSaysRestoredAndWhyItCannotGo()
    {
        _module.Setup<int>("keptLength", _ => true).SetResult(70_000);
        var (page, _, _, _) = OpenAsync("agent").GetAwaiter().GetResult();

        page.WaitForAssertion(() => StringAssert.Contains(page.Find(".workspace-notice").TextContent, "your unsent reply was restored"),
            TimeSpan.FromSeconds(30));
        StringAssert.Contains(page.Find(".workspace-problem").TextContent, "70,000 characters long");
        Assert.AreEqual(0, _module.Invocations["keptDraft"].Count, "a draft over the limit stays in the browser; its text is never asked for");
    }

    [TestMethod]
    public void KeptDraftWithinTheLimit_AfterReload_BackInTheBoxForTheTicketShown()
    {
        const string draft = "Hello Jane, the link in our email is real; it works for 24 hours.";
        _module.Setup<int>("keptLength", _ => true).SetResult(draft.Length);
        _module.Setup<string?>("keptDraft", _ => true).SetResult(draft);
        var (page, ticket, _, _) = OpenAsync("agent").GetAwaiter().GetResult();

        page.WaitForAssertion(() => Assert.AreEqual(draft, Editor(page)), TimeSpan.FromSeconds(30));
        StringAssert.Contains(page.Find(".workspace-notice").TextContent, "your unsent reply was restored");
        // The ticket's number travels as a string (a boxed number costs every circuit its own JSON type descriptions).
        var number = ticket.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.AreEqual(number, _module.Invocations["showing"].Single().Arguments.Single());
        Assert.AreEqual(number, _module.Invocations["keptDraft"].Single().Arguments.Single());
        Assert.IsTrue(_module.Invocations.SelectMany(i => i.Arguments).All(a => a is null or string or Microsoft.JSInterop.DotNetObjectReference<AnswerPage>),
            "only strings (and the page's own reference) go to answer.js");
    }
}
