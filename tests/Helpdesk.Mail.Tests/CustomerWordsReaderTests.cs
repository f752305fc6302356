using System.Security.Cryptography;
using System.Text;
using Helpdesk.Mail.CustomerWords;
using Helpdesk.Mail.Reading;
using Helpdesk.Mail.Tests.Support;

namespace Helpdesk.Mail.Tests;

/// <summary>
/// The customer's words through the whole reader: HTML-only replies trimmed from their markup, forwards attached
/// as message/rfc822, .eml or .msg, and the parse JSON's <c>forwarded</c> and <c>quoteOnly</c>.
/// </summary>
[TestClass]
public sealed class CustomerWordsReaderTests
{
    private static ParsedEmail Read(params string[] lines) => new EmailReader().Read(TestFiles.Crlf(lines));

    private static string[] Html(string subject, string html) =>
    [
        "From: Karen <karen@example.org>", "To: passwordchange@meridian.example", "Subject: " + subject, "MIME-Version: 1.0",
        "Content-Type: text/html; charset=utf-8", "", html,
    ];

    [TestMethod]
    public void Read_HtmlOnlyGmailBottomPost_KeepsWordsBelowGmailQuote()
    {
        var email = Read(Html("Re: Notice",
            "<div dir=\"ltr\"><br></div><div class=\"gmail_quote\"><div class=\"gmail_attr\">On Fri, Nov 20, 2026 Meridian &lt;passwordchange@meridian.example&gt; wrote:<br></div>"
            + "<blockquote class=\"gmail_quote\"><div>Dear Customer,</div><div>We expired all passwords.</div></blockquote></div><div>Why?</div>"));

        Assert.AreEqual("Why?", email.VisibleText);
        StringAssert.Contains(email.Text, "Dear Customer,");
    }

    [TestMethod]
    public void Read_HtmlOnlyOutlookWeb_CutsFromDivRplyFwdMsgOn()
    {
        var email = Read(Html("RE: Notice",
            "<div>Please call me.</div><div id=\"appendonsend\"></div><hr><div id=\"divRplyFwdMsg\"><b>From:</b> Meridian<br><b>Sent:</b> Friday</div>"
            + "<div>Dear Customer,</div><div>We expired all passwords.</div>"));

        Assert.AreEqual("Please call me.", email.VisibleText);
    }

    [TestMethod]
    public void Read_HtmlOnlyYahooQuote_CutsYahooQuoted()
    {
        var email = Read(Html("Re: Notice",
            "<div class=\"yahoo-style-wrap\"><div>Is my card safe?</div></div><div id=\"yahoo_quoted_1\" class=\"yahoo_quoted\"><div>On Friday, Meridian wrote:</div><div>Dear Customer,</div></div>"));

        Assert.AreEqual("Is my card safe?", email.VisibleText);
    }

    [TestMethod]
    public void Read_HtmlOnlyThunderbird_CutsMozCitePrefixAndSignature()
    {
        var email = Read(Html("Re: Notice",
            "<p>Thanks, it works.</p><pre class=\"moz-signature\" cols=\"72\">-- \nPaul Richter\n+49 30 1234</pre><div class=\"moz-cite-prefix\">On 20/11/2026 10:15, Meridian wrote:<br></div>"
            + "<blockquote type=\"cite\"><p>Dear Customer,</p></blockquote>"));

        Assert.AreEqual("Thanks, it works.", email.VisibleText);
    }

    [TestMethod]
    public void Read_HtmlOnlyQuoteOnly_FallsBackToWholeText()
    {
        var email = Read(Html("Re: Notice",
            "<div><br></div><div class=\"gmail_quote\"><div class=\"gmail_attr\">On Fri, Meridian wrote:</div><blockquote class=\"gmail_quote\"><div>Dear Customer,</div></blockquote></div>"));

        Assert.IsTrue(email.QuoteOnly);
        Assert.AreEqual(email.Text, email.VisibleText);
        StringAssert.Contains(ParsedEmailJson.ToJson(email, null), "\"quoteOnly\":true");
    }

    private static string[] WithAttachment(string contentType, string disposition, string transferEncoding, string body) =>
    [
        "From: Karen <karen@example.org>", "To: passwordchange@meridian.example", "Subject: Fwd: Verify", "MIME-Version: 1.0",
        "Content-Type: multipart/mixed; boundary=\"b\"", "",
        "--b", "Content-Type: text/plain; charset=utf-8", "", "Is this from you?", "",
        "--b", "Content-Type: " + contentType, "Content-Disposition: " + disposition, .. (transferEncoding.Length > 0 ? new[] { "Content-Transfer-Encoding: " + transferEncoding } : []), "",
        body, "--b--", "",
    ];

    private const string Inner = "From: Meridian Security <security@meridian-verify.example>\r\nTo: karen@example.org\r\nSubject: Verify your account\r\n"
        + "Date: Sat, 21 Nov 2026 08:02:11 +0000\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"i\"\r\n\r\n--i\r\n"
        + "Content-Type: text/html; charset=utf-8\r\n\r\n<p>Verify <a href=\"https://meridian-verify.example/login\">here</a></p>\r\n--i\r\n"
        + "Content-Type: application/pdf; name=\"invoice.pdf\"\r\nContent-Disposition: attachment; filename=\"invoice.pdf\"\r\n\r\n%PDF-1.4 x\r\n--i--\r\n";

    [TestMethod]
    public void Read_MessageRfc822Attached_IsTheForward()
    {
        var email = Read(WithAttachment("message/rfc822", "attachment; filename=\"Verify.eml\"", "", Inner));

        var f = email.Forwarded;
        Assert.IsNotNull(f);
        Assert.AreEqual(ForwardSource.Attached, f.Source);
        Assert.AreEqual("security@meridian-verify.example", f.From?.Address);
        Assert.AreEqual("Verify your account", f.Subject);
        Assert.AreEqual(new DateTimeOffset(2026, 11, 21, 8, 2, 11, TimeSpan.Zero), f.Date);
        CollectionAssert.Contains(f.Links.ToList(), "https://meridian-verify.example/login");
        Assert.AreEqual("invoice.pdf", f.Attachments.Single().FileName);
        Assert.AreEqual("Verify.eml", f.FileName);
        Assert.IsTrue(f.Headers.Any(h => h.Name == "Subject" && h.Value == "Verify your account"));
        Assert.AreEqual("Is this from you?", email.VisibleText);
    }

    [TestMethod]
    public void Read_EmlAsOctetStream_IsOpenedAsTheForward()
    {
        var base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(Inner), Base64FormattingOptions.InsertLineBreaks);

        var email = Read(WithAttachment("application/octet-stream; name=\"Verify.eml\"", "attachment; filename=\"Verify.eml\"", "base64", base64));

        Assert.AreEqual("security@meridian-verify.example", email.Forwarded?.From?.Address);
        Assert.AreEqual(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Inner))), email.Forwarded?.Sha256);
    }

    [TestMethod]
    public void Read_OutlookMsgAttached_KeepsOuterFileOnly()
    {
        var msg = new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 1, 2, 3, 4 };

        var email = Read(WithAttachment("application/vnd.ms-outlook; name=\"Verify.msg\"", "attachment; filename=\"Verify.msg\"", "base64", Convert.ToBase64String(msg)));

        var f = email.Forwarded;
        Assert.AreEqual(ForwardSource.AttachedUnread, f?.Source);
        Assert.AreEqual("Verify.msg", f?.FileName);
        Assert.AreEqual(Convert.ToHexStringLower(SHA256.HashData(msg)), f?.Sha256);
        Assert.IsNull(f?.From);
        StringAssert.Contains(ParsedEmailJson.ToJson(email, null), "\"source\":\"attached_unread\"");
    }

    [TestMethod]
    public void Read_InlineForwardWithFiles_ListsThemOnTheForward()
    {
        var email = Read(
            "From: Karen <karen@example.org>", "To: passwordchange@meridian.example", "Subject: Fwd: Invoice", "MIME-Version: 1.0",
            "Content-Type: multipart/mixed; boundary=\"b\"", "",
            "--b", "Content-Type: text/plain; charset=utf-8", "",
            "Real?", "", "---------- Forwarded message ---------", "From: Billing <billing@mer1dian.example>", "Subject: Invoice", "", "Pay now.", "",
            "--b", "Content-Type: application/pdf; name=\"invoice.pdf\"", "Content-Disposition: attachment; filename=\"invoice.pdf\"", "", "%PDF-1.4", "--b--", "");

        Assert.AreEqual("Real?", email.VisibleText);
        Assert.AreEqual(ForwardSource.Inline, email.Forwarded?.Source);
        Assert.AreEqual("invoice.pdf", email.Forwarded?.Attachments.Single().FileName);
        StringAssert.Contains(ParsedEmailJson.ToJson(email, null), "\"forwarded\":{\"source\":\"inline\"");
    }

    [TestMethod]
    public void Read_PlainReply_HasNoForward() =>
        Assert.IsNull(Read("From: a@example.org", "Subject: Re: x", "", "Thanks", "", "On Fri, Nov 20, 2026, B <b@example.org> wrote:", "> old").Forwarded);
}
