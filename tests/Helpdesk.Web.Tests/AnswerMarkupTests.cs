using Helpdesk.Core.Queue;
using Helpdesk.Core.Replies;
using Helpdesk.Core.Tickets;
using Helpdesk.Web.Components.Answer;

namespace Helpdesk.Web.Tests;

/// <summary>The answering console's parts, rendered by HtmlRenderer and read with AngleSharp.</summary>
[TestClass]
public sealed class AnswerMarkupTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private static TicketMessage Inbound(string text, string visible, string? html = null) =>
        TicketMessage.Inbound("m1@example.com", null, [], "jane@example.com", "Jane Doe", "Help", text, visible, html, Now, null);

    [TestMethod]
    public async Task MessageCard_QuotedPart_FoldedBehindOneButton()
    {
        var message = Inbound("My link expired.\n\n> Dear Customer, On November 17 we confirmed...", "My link expired.");

        var doc = await Markup.RenderAsync<MessageCard>(new() { ["Message"] = message });

        Assert.AreEqual("My link expired.", doc.QuerySelector(".message-text")!.TextContent);
        Assert.AreEqual("Show quoted text", doc.QuerySelector("button.toggle-quoted")!.TextContent.Trim());
        Assert.AreEqual("false", doc.QuerySelector("button.toggle-quoted")!.GetAttribute("aria-expanded"));
        Assert.IsNull(doc.QuerySelector(".message-quoted"), "the quoted notice stays folded until asked");
        StringAssert.Contains(doc.QuerySelector(".card-header")!.TextContent, "Jane Doe <jane@example.com>");
    }

    [TestMethod]
    public async Task MessageCard_NothingQuoted_NoFoldButton()
    {
        var doc = await Markup.RenderAsync<MessageCard>(new() { ["Message"] = Inbound("Thanks!", "Thanks!") });

        Assert.IsNull(doc.QuerySelector("button.toggle-quoted"));
    }

    [TestMethod]
    public async Task MessageCard_HtmlView_SandboxedFrameWithoutScriptsOnTheDeskEndpoint()
    {
        var message = Inbound("Hi", "Hi", "<p>Hi</p>");

        var doc = await Markup.RenderAsync<MessageCard>(new() { ["Message"] = message, ["StartWithHtml"] = true });

        var frame = doc.QuerySelector("iframe.message-html") ?? throw new AssertFailedException("no frame");
        Assert.AreEqual("", frame.GetAttribute("sandbox"), "sandboxed with no allowances (no allow-scripts, no allow-same-origin)");
        Assert.AreEqual("/desk/messages/0/html", frame.GetAttribute("src"));
        Assert.AreEqual("no-referrer", frame.GetAttribute("referrerpolicy"));
        Assert.IsNotNull(doc.QuerySelector("button.load-images"), "remote images are blocked until asked");
        Assert.IsNull(doc.QuerySelector(".message-html[srcdoc]"));
    }

    [TestMethod]
    public async Task MessageCard_TextOnlyEmail_NoHtmlSwitch()
    {
        var doc = await Markup.RenderAsync<MessageCard>(new() { ["Message"] = Inbound("Hi", "Hi"), ["StartWithHtml"] = true });

        Assert.IsNull(doc.QuerySelector("iframe"));
        Assert.IsNull(doc.QuerySelector("button.show-html"));
    }

    [TestMethod]
    public async Task MessageCard_Attachments_LinkedToTheDownloadEndpoint()
    {
        var attachments = new[] { new AttachmentInfo(41, 0, "screenshot.png", "image/png", 2048), new AttachmentInfo(42, 0, "invoice.html", "text/html", 300) };

        var doc = await Markup.RenderAsync<MessageCard>(new() { ["Message"] = Inbound("See attached", "See attached"), ["Attachments"] = attachments });

        var links = doc.QuerySelectorAll(".attachments a");
        Assert.AreEqual(2, links.Length);
        Assert.AreEqual("/desk/attachments/41", links[0].GetAttribute("href"));
        Assert.AreEqual("screenshot.png", links[0].GetAttribute("download"));
        StringAssert.Contains(doc.QuerySelector(".attachments")!.TextContent, "2 KB");
        Assert.IsNull(doc.QuerySelector(".attachments img"), "no attachment is shown inline");
    }

    [TestMethod]
    public async Task MessageCard_Note_MarkedAsNeverSent()
    {
        var doc = await Markup.RenderAsync<MessageCard>(new() { ["Message"] = TicketMessage.Note(1, "Customer called too.", Now) });

        StringAssert.Contains(doc.QuerySelector(".card-header")!.TextContent, "Internal note (not sent)");
        Assert.AreEqual("note", doc.QuerySelector("article")!.GetAttribute("data-direction"));
    }

    [TestMethod]
    public async Task MessageCard_ReplyAndNoteWithAuthor_HeaderNamesWhoWroteIt()
    {
        var reply = await Markup.RenderAsync<MessageCard>(new()
        {
            ["Message"] = TicketMessage.Outbound(7, "<r1@meridian.example>", null, [], "Re: new password", "Please use Create a New Password.", Now),
            ["AuthorName"] = "Sam Rivera",
        });
        var note = await Markup.RenderAsync<MessageCard>(new() { ["Message"] = TicketMessage.Note(7, "Called back.", Now), ["AuthorName"] = "Sam Rivera" });

        StringAssert.Contains(reply.QuerySelector(".card-header")!.TextContent, "Our reply, by Sam Rivera");
        StringAssert.Contains(note.QuerySelector(".card-header")!.TextContent, "Internal note by Sam Rivera (not sent)");
    }

    [TestMethod]
    public async Task SuggestionList_ThreeSuggestions_NumberedKeysAndPickedOneActive()
    {
        var suggestions = Enumerable.Range(1, 3).Select(i => new ReplySuggestion($"t{i}", i, $"Title {i}", "en", $"Text {i}", 1.0 / i)).ToList();

        var doc = await Markup.RenderAsync<SuggestionList>(new() { ["Suggestions"] = suggestions, ["Picked"] = (int?)1 });

        var buttons = doc.QuerySelectorAll("button.suggestion");
        CollectionAssert.AreEqual(new[] { "1", "2", "3" }, buttons.Select(b => b.QuerySelector("kbd")!.TextContent).ToArray());
        CollectionAssert.AreEqual(new[] { "Title 1", "Title 2", "Title 3" }, buttons.Select(b => b.QuerySelector(".suggestion-title")!.TextContent).ToArray());
        Assert.AreEqual("2", doc.QuerySelector("button.suggestion.active")!.GetAttribute("data-suggestion"));
    }

    [TestMethod]
    public async Task SuggestionList_None_SaysWriteYourOwn()
    {
        var doc = await Markup.RenderAsync<SuggestionList>(new() { ["Suggestions"] = Array.Empty<ReplySuggestion>() });

        StringAssert.Contains(doc.QuerySelector(".suggestions")!.TextContent, "write one yourself");
    }

    [TestMethod]
    public async Task KeysHelp_Visible_ListsEveryKeyTheModuleHandles()
    {
        var doc = await Markup.RenderAsync<KeysHelp>(new() { ["Visible"] = true });

        var rows = doc.QuerySelectorAll(".keys-help tr");
        Assert.AreEqual(KeysHelp.Keys.Count, rows.Length);
        var text = doc.QuerySelector(".keys-help")!.TextContent;
        foreach (var what in new[] { "Use suggestion 1", "Edit the reply", "Send and take the next ticket", "Skip", "Show or hide these keys" })
            StringAssert.Contains(text, what);
        var send = rows.Single(r => r.TextContent.Contains("Send", StringComparison.Ordinal));
        CollectionAssert.AreEqual(new[] { "Ctrl", "Enter" }, send.QuerySelectorAll("kbd").Select(k => k.TextContent).ToArray());
        // answer.js handles these single keys; the help must name each of them.
        var js = File.ReadAllText(Path.Combine(DeskFactory.RepositoryRoot, "src", "Helpdesk.Web", "wwwroot", "js", "answer.js"));
        foreach (var key in new[] { "'1'", "'2'", "'3'", "'e'", "'s'", "'?'" })
            StringAssert.Contains(js, key + ":");
    }

    [TestMethod]
    public async Task KeysHelp_Hidden_RendersNothing()
    {
        var doc = await Markup.RenderAsync<KeysHelp>(new() { ["Visible"] = false });

        Assert.IsNull(doc.QuerySelector(".keys-help"));
    }

    [TestMethod]
    public async Task GuardrailPanel_BlockAndWarnings_BlockHasNoCheckboxWarningsHaveOneEach()
    {
        var guardrails = new ReplyGuardrails(new CompanyOptions(), new GuardrailOptions());
        var findings = guardrails.Check("Reset at https://evil.example/x and send us your password. Card 4111 1111 1111 1111.");

        var doc = await Markup.RenderAsync<GuardrailPanel>(new()
        {
            ["Findings"] = findings,
            ["Acknowledged"] = (IReadOnlySet<string>)new HashSet<string> { "link:evil.example" },
        });

        var block = doc.QuerySelector(".guardrail-block") ?? throw new AssertFailedException("no block");
        StringAssert.Contains(block.TextContent, "ending 1111");
        Assert.IsNull(block.QuerySelector("input"), "a block cannot be ticked away");
        var warnings = doc.QuerySelectorAll(".guardrail-warning");
        Assert.AreEqual(2, warnings.Length);
        Assert.IsTrue(warnings.All(w => w.QuerySelector("input[type=checkbox]") is not null));
        Assert.IsTrue(doc.QuerySelector("[data-finding='link:evil.example'] input")!.HasAttribute("checked"));
        Assert.IsFalse(doc.QuerySelector("[data-finding='asks:password'] input")!.HasAttribute("checked"));
        var label = doc.QuerySelector("[data-finding='asks:password'] label")!;
        Assert.AreEqual(doc.QuerySelector("[data-finding='asks:password'] input")!.Id, label.GetAttribute("for"));
    }

    [TestMethod]
    public async Task CustomerTickets_OtherTickets_ListedWithStatus()
    {
        var tickets = new[] { new CustomerTicket(7, "Order 55123", TicketStatus.Pending, Now.AddDays(-3), "order_other") };

        var doc = await Markup.RenderAsync<CustomerTickets>(new() { ["Tickets"] = tickets });

        var row = doc.QuerySelector("[data-other-ticket='7']") ?? throw new AssertFailedException("no row");
        StringAssert.Contains(row.TextContent, "Order 55123");
        StringAssert.Contains(row.TextContent, "pending");
    }
}
