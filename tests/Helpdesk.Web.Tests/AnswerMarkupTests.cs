using Helpdesk.Core.Abstractions;
using Helpdesk.Core.Queue;
using Helpdesk.Core.Replies;
using Helpdesk.Core.Templates;
using Helpdesk.Core.Tickets;
using Helpdesk.Web.Components.Answer;

namespace Helpdesk.Web.Tests;

/// <summary>The answering console's parts, rendered with bUnit.</summary>
[TestClass]
public sealed class AnswerMarkupTests : BunitContext
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private static TicketMessage Inbound(string text, string visible, string? html = null) =>
        TicketMessage.Inbound("m1@example.com", null, [], "jane@example.com", "Jane Doe", "Help", text, visible, html, Now, null);

    [TestMethod]
    public void MessageCard_QuotedPart_FoldedBehindOneButton()
    {
        var message = Inbound("My link expired.\n\n> Dear Customer, On November 17 we confirmed...", "My link expired.");

        var cut = Render<MessageCard>(p => p.Add(c => c.Message, message));

        Assert.AreEqual("My link expired.", cut.Find(".message-text").TextContent);
        Assert.AreEqual("Show quoted text", cut.Find("button.toggle-quoted").TextContent.Trim());
        Assert.AreEqual("false", cut.Find("button.toggle-quoted").GetAttribute("aria-expanded"));
        Assert.IsNull(cut.FindAll(".message-quoted").FirstOrDefault(), "the quoted notice stays folded until asked");
        StringAssert.Contains(cut.Find(".card-header").TextContent, "Jane Doe <jane@example.com>");
    }

    [TestMethod]
    public void MessageCard_NothingQuoted_NoFoldButton()
    {
        var cut = Render<MessageCard>(p => p.Add(c => c.Message, Inbound("Thanks!", "Thanks!")));

        Assert.IsNull(cut.FindAll("button.toggle-quoted").FirstOrDefault());
    }

    [TestMethod]
    public void MessageCard_HtmlView_SandboxedFrameWithoutScriptsOnTheDeskEndpoint()
    {
        var message = Inbound("Hi", "Hi", "<p>Hi</p>");

        var cut = Render<MessageCard>(p => p.Add(c => c.Message, message).Add(c => c.StartWithHtml, true));

        var frame = cut.FindAll("iframe.message-html").FirstOrDefault() ?? throw new AssertFailedException("no frame");
        Assert.AreEqual("", frame.GetAttribute("sandbox"), "sandboxed with no allowances (no allow-scripts, no allow-same-origin)");
        Assert.AreEqual("/desk/messages/0/html", frame.GetAttribute("src"));
        Assert.AreEqual("no-referrer", frame.GetAttribute("referrerpolicy"));
        Assert.IsNotNull(cut.FindAll("button.load-images").FirstOrDefault(), "remote images are blocked until asked");
        Assert.IsNull(cut.FindAll(".message-html[srcdoc]").FirstOrDefault());
    }

    [TestMethod]
    public void MessageCard_TextOnlyEmail_NoHtmlSwitch()
    {
        var cut = Render<MessageCard>(p => p.Add(c => c.Message, Inbound("Hi", "Hi")).Add(c => c.StartWithHtml, true));

        Assert.IsNull(cut.FindAll("iframe").FirstOrDefault());
        Assert.IsNull(cut.FindAll("button.show-html").FirstOrDefault());
    }

    [TestMethod]
    public void MessageCard_Attachments_LinkedToTheDownloadEndpoint()
    {
        var attachments = new[] { new AttachmentInfo(41, 0, "screenshot.png", "image/png", 2048), new AttachmentInfo(42, 0, "invoice.html", "text/html", 300) };

        var cut = Render<MessageCard>(p => p.Add(c => c.Message, Inbound("See attached", "See attached")).Add(c => c.Attachments, attachments));

        var links = cut.FindAll(".attachments a");
        Assert.AreEqual(2, links.Count);
        Assert.AreEqual("/desk/attachments/41", links[0].GetAttribute("href"));
        Assert.AreEqual("screenshot.png", links[0].GetAttribute("download"));
        StringAssert.Contains(cut.Find(".attachments").TextContent, "2 KB");
        Assert.IsNull(cut.FindAll(".attachments img").FirstOrDefault(), "no attachment is shown inline");
    }

    [TestMethod]
    public void MessageCard_Note_MarkedAsNeverSent()
    {
        var cut = Render<MessageCard>(p => p.Add(c => c.Message, TicketMessage.Note(1, "Customer called too.", Now)));

        StringAssert.Contains(cut.Find(".card-header").TextContent, "Internal note (not sent)");
        Assert.AreEqual("note", cut.Find("article").GetAttribute("data-direction"));
    }

    [TestMethod]
    public void MessageCard_ReplyAndNoteWithAuthor_HeaderNamesWhoWroteIt()
    {
        var reply = Render<MessageCard>(p => p.Add(c => c.Message, TicketMessage.Outbound(7, "<r1@meridian.example>", null, [], "Re: new password", "Please use Create a New Password.", Now)).Add(c => c.AuthorName, "Sam Rivera"));
        var note = Render<MessageCard>(p => p.Add(c => c.Message, TicketMessage.Note(7, "Called back.", Now)).Add(c => c.AuthorName, "Sam Rivera"));

        StringAssert.Contains(reply.Find(".card-header").TextContent, "Our reply, by Sam Rivera");
        StringAssert.Contains(note.Find(".card-header").TextContent, "Internal note by Sam Rivera (not sent)");
    }

    [TestMethod]
    public void SuggestionList_ThreeSuggestions_NumberedKeysAndPickedOneActive()
    {
        var suggestions = Enumerable.Range(1, 3).Select(i => new ReplySuggestion($"t{i}", i, $"Title {i}", "en", $"Text {i}", 1.0 / i)).ToList();

        var cut = Render<SuggestionList>(p => p.Add(c => c.Suggestions, suggestions).Add(c => c.Picked, (int?)1));

        var buttons = cut.FindAll("button.suggestion");
        CollectionAssert.AreEqual(new[] { "1", "2", "3" }, buttons.Select(b => b.QuerySelector("kbd")!.TextContent).ToArray());
        CollectionAssert.AreEqual(new[] { "Title 1", "Title 2", "Title 3" }, buttons.Select(b => b.QuerySelector(".suggestion-title")!.TextContent).ToArray());
        Assert.AreEqual("2", cut.Find("button.suggestion.active").GetAttribute("data-suggestion"));
    }

    [TestMethod]
    public void SuggestionList_None_SaysWriteYourOwn()
    {
        var cut = Render<SuggestionList>(p => p.Add(c => c.Suggestions, Array.Empty<ReplySuggestion>()));

        StringAssert.Contains(cut.Find(".suggestions").TextContent, "write one yourself");
    }

    [TestMethod]
    public void KeysHelp_Visible_ListsEveryKeyTheModuleHandles()
    {
        var cut = Render<KeysHelp>(p => p.Add(c => c.Visible, true));

        var rows = cut.FindAll(".keys-help tr");
        Assert.AreEqual(KeysHelp.Keys.Count, rows.Count);
        var text = cut.Find(".keys-help").TextContent;
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
    public void KeysHelp_Hidden_RendersNothing()
    {
        var cut = Render<KeysHelp>(p => p.Add(c => c.Visible, false));

        Assert.IsNull(cut.FindAll(".keys-help").FirstOrDefault());
    }

    [TestMethod]
    public void GuardrailPanel_BlockAndWarnings_BlockHasNoCheckboxWarningsHaveOneEach()
    {
        var guardrails = new ReplyGuardrails(new CompanyOptions(), new GuardrailOptions());
        var findings = guardrails.Check("Reset at https://evil.example/x and send us your password. Card 4111 1111 1111 1111.");

        var cut = Render<GuardrailPanel>(p => p.Add(c => c.Findings, findings).Add(c => c.Acknowledged, (IReadOnlySet<string>)new HashSet<string> { "link:evil.example" }));

        var block = cut.FindAll(".guardrail-block").FirstOrDefault() ?? throw new AssertFailedException("no block");
        StringAssert.Contains(block.TextContent, "ending 1111");
        Assert.IsNull(block.QuerySelector("input"), "a block cannot be ticked away");
        var warnings = cut.FindAll(".guardrail-warning");
        Assert.AreEqual(2, warnings.Count);
        Assert.IsTrue(warnings.All(w => w.QuerySelector("input[type=checkbox]") is not null));
        Assert.IsTrue(cut.Find("[data-finding='link:evil.example'] input").HasAttribute("checked"));
        Assert.IsFalse(cut.Find("[data-finding='asks:password'] input").HasAttribute("checked"));
        var label = cut.Find("[data-finding='asks:password'] label");
        Assert.AreEqual(cut.Find("[data-finding='asks:password'] input").Id, label.GetAttribute("for"));
    }

    [TestMethod]
    public void CustomerTickets_OtherTickets_ListedWithStatus()
    {
        var tickets = new[] { new CustomerTicket(7, "Order 55123", TicketStatus.Pending, Now.AddDays(-3), "order_other") };

        var cut = Render<CustomerTickets>(p => p.Add(c => c.Tickets, tickets));

        var row = cut.FindAll("[data-other-ticket='7']").FirstOrDefault() ?? throw new AssertFailedException("no row");
        StringAssert.Contains(row.TextContent, "Order 55123");
        StringAssert.Contains(row.TextContent, "pending");
    }
}
