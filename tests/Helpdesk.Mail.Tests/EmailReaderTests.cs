using System.Text;
using Helpdesk.Mail.CustomerWords;
using Helpdesk.Mail.Mime;
using Helpdesk.Mail.Reading;
using Helpdesk.Mail.Tests.Support;

namespace Helpdesk.Mail.Tests;

[TestClass]
public sealed class EmailReaderTests
{
    private static ParsedEmail Read(params string[] lines) => new EmailReader().Read(TestFiles.Crlf(lines));

    [TestMethod]
    public void Read_AlternativeWithPlainAndHtml_TextFromPlainHtmlSanitized()
    {
        var email = Read("Subject: x", "Content-Type: multipart/alternative; boundary=a", "",
            "--a", "Content-Type: text/plain; charset=utf-8", "", "plain words",
            "--a", "Content-Type: text/html; charset=utf-8", "", "<p onclick=\"x()\">html words</p>",
            "--a--");

        Assert.AreEqual("plain words", email.Text);
        Assert.AreEqual("<p>html words</p>", email.Html);
        Assert.IsEmpty(email.Attachments);
    }

    [TestMethod]
    public void Read_EmptyPlainAlternative_TextFromHtml()
    {
        var email = Read("Content-Type: multipart/alternative; boundary=a", "",
            "--a", "Content-Type: text/plain", "", "  ",
            "--a", "Content-Type: text/html", "", "<p>only here</p>",
            "--a--");

        Assert.AreEqual("only here", email.Text);
    }

    [TestMethod]
    public void Read_RelatedWithInlineImage_ImageIsInlineAttachmentWithContentId()
    {
        var png = Convert.ToBase64String([0x89, 0x50, 0x4E, 0x47]);
        var email = Read("Content-Type: multipart/related; boundary=r", "",
            "--r", "Content-Type: text/html", "", "<p>see <img src=\"cid:shot@x\"></p>",
            "--r", "Content-Type: image/png", "Content-Transfer-Encoding: base64", "Content-ID: <shot@x>", "", png,
            "--r--");

        var image = email.Attachments.Single();
        Assert.IsTrue(image.Inline);
        Assert.AreEqual("shot@x", image.ContentId);
        Assert.AreEqual(4, image.Size);
        Assert.AreEqual(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(new byte[] { 0x89, 0x50, 0x4E, 0x47 })), image.Sha256);
        Assert.AreEqual("<p>see <img src=\"cid:shot@x\"></p>", email.Html);
    }

    [TestMethod]
    public void Read_MixedWithTextAttachment_AttachmentNotInBody()
    {
        var email = Read("Content-Type: multipart/mixed; boundary=m", "",
            "--m", "", "body",
            "--m", "Content-Type: text/plain; name=log.txt", "Content-Disposition: attachment; filename=log.txt", "", "log line",
            "--m--");

        Assert.AreEqual("body", email.Text);
        Assert.AreEqual("log.txt", email.Attachments.Single().FileName);
        Assert.IsFalse(email.Attachments.Single().Inline);
    }

    [TestMethod]
    public void Read_Windows1252QuotedPrintable_DecodesSmartQuotes()
    {
        var email = Read("Content-Type: text/plain; charset=windows-1252", "Content-Transfer-Encoding: quoted-printable", "", "I can=92t log in =96 help");

        Assert.AreEqual("I can\u2019t log in \u2013 help", email.Text);
    }

    [TestMethod]
    public void Read_RawUtf8HeadersAndUndeclaredCharset_DecodesUtf8()
    {
        var raw = Encoding.UTF8.GetBytes("From: Jörg Müller <j@example.de>\r\nSubject: Grüße\r\n\r\nSchöne Grüße");
        var email = new EmailReader().Read(raw);

        Assert.AreEqual("Jörg Müller", email.From!.Name);
        Assert.AreEqual("Grüße", email.Subject);
        Assert.AreEqual("Schöne Grüße", email.Text);
    }

    [TestMethod]
    public void Read_Undeclared8BitLatin1_FallsBackToWindows1252()
    {
        var raw = Encoding.Latin1.GetBytes("Subject: x\r\n\r\nCaf\u00e9 cr\u00e8me");
        Assert.AreEqual("Café crème", new EmailReader().Read(raw).Text);
    }

    [TestMethod]
    public void Read_UnknownCharset_DecodesAndListsDefect()
    {
        var email = new EmailReader().Read(Encoding.UTF8.GetBytes("Content-Type: text/plain; charset=x-made-up\r\n\r\nnaïve"));

        Assert.AreEqual("naïve", email.Text);
        CollectionAssert.Contains(email.Defects.ToList(), MimeDefects.UnknownCharset);
    }

    [TestMethod]
    public void Read_ThreadingHeaders_WithoutAngleBrackets()
    {
        var email = Read("Message-ID: <a@x>", "In-Reply-To: <b@x> (Jo's message)", "References: <c@x>\r\n <b@x>", "", "hi");

        Assert.AreEqual("a@x", email.MessageId);
        Assert.AreEqual("b@x", email.InReplyTo);
        CollectionAssert.AreEqual(new[] { "c@x", "b@x" }, email.References.ToArray());
    }

    [TestMethod]
    public void Read_SignedMessage_BodyIsFirstPartSignatureIsAttachment()
    {
        var email = Read("Content-Type: multipart/signed; protocol=\"application/pgp-signature\"; boundary=s", "",
            "--s", "Content-Type: text/plain", "", "signed words",
            "--s", "Content-Type: application/pgp-signature; name=signature.asc", "", "-----BEGIN PGP SIGNATURE-----",
            "--s--");

        Assert.AreEqual("signed words", email.Text);
        Assert.AreEqual("application/pgp-signature", email.Attachments.Single().ContentType);
    }

    [TestMethod]
    public void Read_AttachedMessage_IsForward()
    {
        var email = Read("Subject: Fwd: scam?", "Content-Type: multipart/mixed; boundary=m", "",
            "--m", "", "is this you?",
            "--m", "Content-Type: message/rfc822", "", "From: Fake <fake@evil.example>", "Subject: Verify", "", "click",
            "--m--");

        Assert.AreEqual("fake@evil.example", email.Forwarded!.From!.Address);
        Assert.AreEqual("click", email.Forwarded.Text);
        Assert.AreEqual("message/rfc822", email.Attachments.Single().ContentType);
    }

    [TestMethod]
    public async Task ReadAsync_Stream_SameAsBytes()
    {
        var raw = TestFiles.Crlf("Subject: async", "", "body");

        var email = await new EmailReader().ReadAsync(new MemoryStream(raw), CancellationToken.None);

        Assert.AreEqual("async", email.Subject);
        Assert.AreEqual("body", email.Text);
    }

    [TestMethod]
    public void ToJson_KindNames_AreSnakeCase()
    {
        CollectionAssert.AreEqual(
            new[] { "none", "bounce", "auto_reply", "receipt", "challenge", "mailing_list", "automatic_receipt", "no_reply_notice" },
            Enum.GetValues<MachineMailKind>().Select(ParsedEmailJson.KindName).ToArray());
    }
}
