using System.Net;
using System.Text;
using Helpdesk.Core.Data;
using Helpdesk.Core.Intake;
using Helpdesk.Core.Staff;
using Helpdesk.Web.Answer;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Helpdesk.Web.Tests;

/// <summary>The endpoints that serve what customers sent: the HTML frame's document and attachment downloads.</summary>
[TestClass]
public sealed class AnswerEndpointTests
{
    private const string Html = """
        <p>My reset link never arrived.</p><script>alert(1)</script><img src="http://evil.example/track.png" alt="t">
        <a href="javascript:alert(2)">x</a><div style="width: expression(alert(3))">y</div><svg onload="alert(4)"></svg><iframe src="http://evil.example/"></iframe>
        """;

    private static byte[] Email() => Encoding.UTF8.GetBytes(
        "From: Mallory <mallory@example.com>\r\nTo: passwordchange@meridian.example\r\nSubject: reset link\r\n" +
        "Message-ID: <endpoint-1@example.com>\r\nDate: Sun, 22 Nov 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\n" +
        "Content-Type: multipart/mixed; boundary=\"m\"\r\n\r\n" +
        "--m\r\nContent-Type: multipart/alternative; boundary=\"a\"\r\n\r\n" +
        "--a\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nMy reset link never arrived.\r\n" +
        "--a\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + Html.Replace("\n", "\r\n", StringComparison.Ordinal) + "\r\n--a--\r\n" +
        "--m\r\nContent-Type: text/html; name=\"invoice.html\"\r\nContent-Disposition: inline; filename=\"invoice.html\"\r\n\r\n" +
        "<script>alert('attachment')</script>\r\n--m--\r\n");

    private static async Task<(long MessageId, long AttachmentId)> TakeInAsync(DeskFactory factory)
    {
        var raw = (await factory.Services.GetRequiredService<IntakeStore>().StoreAsync("endpoint-test", [Email()])).Single();
        var outcome = await factory.Services.GetRequiredService<IntakePipeline>().ProcessAsync(raw);
        var number = outcome.TicketNumber ?? throw new AssertFailedException($"no ticket: {outcome.State} {outcome.Error}");
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<HelpdeskDbContext>>().CreateDbContextAsync();
        var message = await db.Messages.Include(m => m.Attachments).SingleAsync(m => m.TicketNumber == number);
        Assert.IsNotNull(message.SanitizedHtml, "the email's HTML was kept (sanitized)");
        return (message.Id, message.Attachments.Single().Id);
    }

    private static async Task<HttpClient> SignedInAsync(DeskFactory factory, string user = "agent", string password = "demo-desk")
    {
        var client = Browserless.Client(factory);
        var response = await Browserless.SignInAsync(client, user, password);
        Assert.IsFalse(response.Headers.Location!.ToString().Contains("error", StringComparison.Ordinal), "signed in");
        return client;
    }

    [TestMethod]
    public async Task MessageHtml_Agent_SanitizedWithStrictPolicyAndNoSniff()
    {
        using var factory = new DeskFactory();
        var (messageId, _) = await TakeInAsync(factory);
        var client = await SignedInAsync(factory);

        var response = await client.GetAsync(MessageEndpoints.HtmlUrl(messageId));
        var body = await response.Content.ReadAsStringAsync();

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.AreEqual("text/html", response.Content.Headers.ContentType!.MediaType);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        StringAssert.StartsWith(csp, "sandbox;");
        StringAssert.Contains(csp, "default-src 'none'");
        StringAssert.Contains(csp, "img-src data:;");
        Assert.IsFalse(csp.Contains("script-src", StringComparison.Ordinal));
        Assert.AreEqual("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        StringAssert.Contains(body, "My reset link never arrived.");
        foreach (var bad in new[] { "<script", "javascript:", "expression(", "<svg", "<iframe", "onload", " src=\"http://evil" })
            Assert.IsFalse(body.Contains(bad, StringComparison.OrdinalIgnoreCase), $"served HTML contains {bad}");
        StringAssert.Contains(body, "data-blocked-src=\"http://evil.example/track.png\"");
    }

    [TestMethod]
    public async Task MessageHtml_OutlookInlineScreenshot_EmbeddedAsDataImageOnlyWhenTheBytesAreAnImage()
    {
        using var factory = new DeskFactory();
        var golden = await File.ReadAllBytesAsync(Path.Combine(DeskFactory.RepositoryRoot, "tests", "Helpdesk.Mail.Tests", "TestData", "golden",
            "outlook-inline-screenshot-and-pdf.eml"));
        // The same email again, but its "image/png" part holds HTML: a label is not a type.
        var disguised = Encoding.ASCII.GetBytes(Encoding.ASCII.GetString(golden)
            .Replace("Message-ID: <", "Message-ID: <disguised-", StringComparison.OrdinalIgnoreCase));
        var store = factory.Services.GetRequiredService<IntakeStore>();
        var pipeline = factory.Services.GetRequiredService<IntakePipeline>();
        var client = await SignedInAsync(factory);

        async Task<string> FrameAsync(byte[] email)
        {
            var outcome = await pipeline.ProcessAsync((await store.StoreAsync("inline-test", [email])).Single());
            await using var db = await factory.Services.GetRequiredService<IDbContextFactory<HelpdeskDbContext>>().CreateDbContextAsync();
            var messageId = await db.Messages.Where(m => m.TicketNumber == outcome.TicketNumber).OrderByDescending(m => m.Id).Select(m => m.Id).FirstAsync();
            return await client.GetStringAsync(MessageEndpoints.HtmlUrl(messageId));
        }

        var body = await FrameAsync(golden);
        var swapped = await FrameAsync(SwapPngForHtml(disguised));

        StringAssert.Contains(body, " src=\"data:image/png;base64,iVBORw0KGgo", "the screenshot is in the document itself");
        Assert.IsFalse(body.Contains("cid:", StringComparison.Ordinal), "no reference is left for the browser to chase");
        Assert.IsFalse(swapped.Contains("data:image", StringComparison.Ordinal), "HTML labelled image/png is not embedded");
        StringAssert.Contains(swapped, "src=\"cid:image001.png@01DB3C1A.5E8F7A20\"", "left as it was, for the policy to block");
    }

    /// <summary>Replaces the base64 PNG body of the golden email's image part with base64 HTML.</summary>
    private static byte[] SwapPngForHtml(byte[] email)
    {
        var text = Encoding.ASCII.GetString(email);
        var header = text.IndexOf("Content-ID: <image001.png@01DB3C1A.5E8F7A20>", StringComparison.Ordinal);
        var start = text.IndexOf("\r\n\r\n", header, StringComparison.Ordinal) + 4;
        var end = text.IndexOf("\r\n--", start, StringComparison.Ordinal);
        var html = Convert.ToBase64String(Encoding.ASCII.GetBytes("<html><script>alert(1)</script></html>"));
        return Encoding.ASCII.GetBytes(text[..start] + html + text[end..]);
    }

    [TestMethod]
    public async Task MessageHtml_LoadImages_RemoteImagesAllowedButStillNoScript()
    {
        using var factory = new DeskFactory();
        var (messageId, _) = await TakeInAsync(factory);
        var client = await SignedInAsync(factory);

        var response = await client.GetAsync(MessageEndpoints.HtmlUrl(messageId, loadImages: true));
        var body = await response.Content.ReadAsStringAsync();

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        StringAssert.Contains(csp, "img-src data: https: http:");
        StringAssert.Contains(csp, "default-src 'none'");
        StringAssert.Contains(body, "src=\"http://evil.example/track.png\"");
        Assert.IsFalse(body.Contains("<script", StringComparison.OrdinalIgnoreCase));
    }

    [TestMethod]
    public async Task Attachment_Agent_DownloadOnlyAsOpaqueBytes()
    {
        using var factory = new DeskFactory();
        var (_, attachmentId) = await TakeInAsync(factory);
        var client = await SignedInAsync(factory);

        var response = await client.GetAsync(MessageEndpoints.AttachmentUrl(attachmentId));

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.AreEqual("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.AreEqual("invoice.html", response.Content.Headers.ContentDisposition.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName?.Trim('"'));
        Assert.AreEqual("application/octet-stream", response.Content.Headers.ContentType!.MediaType, "the customer's claimed type is not trusted");
        Assert.AreEqual("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        StringAssert.StartsWith(response.Headers.GetValues("Content-Security-Policy").Single(), "sandbox");
    }

    [TestMethod]
    public async Task Endpoints_NotSignedIn_RedirectedToSignIn()
    {
        using var factory = new DeskFactory();
        var (messageId, attachmentId) = await TakeInAsync(factory);
        var client = Browserless.Client(factory);

        foreach (var url in new[] { MessageEndpoints.HtmlUrl(messageId), MessageEndpoints.AttachmentUrl(attachmentId) })
        {
            var response = await client.GetAsync(url);
            Assert.AreEqual(HttpStatusCode.Redirect, response.StatusCode, url);
            StringAssert.StartsWith(response.Headers.Location!.PathAndQuery, "/signin");
        }
    }

    [TestMethod]
    public async Task Endpoints_StaffWithoutAgentRole_Denied()
    {
        using var factory = new DeskFactory();
        var (messageId, attachmentId) = await TakeInAsync(factory);
        await using (var db = await factory.Services.GetRequiredService<IDbContextFactory<HelpdeskDbContext>>().CreateDbContextAsync())
        {
            var trainer = new StaffUser("onlytrainer", "Olly Trainer", "olly@meridian.example", StaffRoles.Trainer, DateTimeOffset.UtcNow);
            trainer.SetPassword(new StaffPasswords().Hash(trainer, "trainer-pass-1"), temporary: false);
            db.Staff.Add(trainer);
            await db.SaveChangesAsync();
        }
        var client = await SignedInAsync(factory, "onlytrainer", "trainer-pass-1");

        foreach (var url in new[] { MessageEndpoints.HtmlUrl(messageId), MessageEndpoints.AttachmentUrl(attachmentId), "/answer" })
        {
            var response = await client.GetAsync(url);
            Assert.IsTrue(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, $"{url}: {response.StatusCode}");
            if (response.StatusCode == HttpStatusCode.Redirect)
                StringAssert.StartsWith(response.Headers.Location!.PathAndQuery, "/denied", url);
            var body = await response.Content.ReadAsStringAsync();
            Assert.IsFalse(body.Contains("never arrived", StringComparison.Ordinal), url);
        }
    }

    [TestMethod]
    public async Task MessageHtml_UnknownMessage_NotFound()
    {
        using var factory = new DeskFactory();
        var client = await SignedInAsync(factory);

        var response = await client.GetAsync(MessageEndpoints.HtmlUrl(987654321));

        Assert.AreEqual(HttpStatusCode.NotFound, response.StatusCode);
    }

    [TestMethod]
    public async Task QueuePage_Agent_StartAnsweringAndEachTicketOpensInTheConsole()
    {
        using var factory = new DeskFactory();
        var client = await SignedInAsync(factory);

        var page = await Browserless.GetDocumentAsync(client, "/");

        Assert.AreEqual("/answer", page.QuerySelector("a.start-answering")?.GetAttribute("href"));
        var row = page.QuerySelector("tr[data-ticket]") ?? throw new AssertFailedException("no ticket row");
        Assert.AreEqual($"/answer?ticket={row.GetAttribute("data-ticket")}", row.QuerySelector("a")?.GetAttribute("href"));
        Assert.IsNotNull(page.QuerySelector("nav a[href='/answer']"), "the top navigation leads to the console");
    }
}
