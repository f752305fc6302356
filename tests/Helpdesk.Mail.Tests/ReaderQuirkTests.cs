using System.Text;
using Helpdesk.Mail.Reading;
using Helpdesk.Mail.Tests.Support;
using MimeKit;

namespace Helpdesk.Mail.Tests;

/// <summary>
/// What the desk's layer reads right where a plain MimeKit call (MimeMessage.Load, TextBody, Attachments) does
/// not. Each test checks the plain call's answer too, so it fails if MimeKit starts doing the work itself (then
/// the desk's code for it can go) and if the desk's layer stops doing it.
/// </summary>
[TestClass]
public sealed class ReaderQuirkTests
{
    private static MimeMessage PlainMimeKit(byte[] raw) => MimeMessage.Load(new MemoryStream(raw));

    [TestMethod]
    public void Read_IphoneTextSplitAroundPhoto_JoinsBothTextParts()
    {
        var raw = TestFiles.Crlf(
            "From: Ann <ann@example.com>", "Subject: photo", "MIME-Version: 1.0",
            "Content-Type: multipart/mixed; boundary=\"Apple-Mail-1\"", "",
            "--Apple-Mail-1", "Content-Type: text/plain; charset=us-ascii", "", "Here is the error:", "",
            "--Apple-Mail-1", "Content-Type: image/jpeg; name=IMG_0001.jpg", "Content-Disposition: inline; filename=IMG_0001.jpg",
            "Content-Transfer-Encoding: base64", "", "/9j/4AAQSkZJRgABAQ==", "",
            "--Apple-Mail-1", "Content-Type: text/plain; charset=us-ascii", "", "What should I do?", "",
            "--Apple-Mail-1--", "");

        var email = new EmailReader().Read(raw);

        Assert.AreEqual("Here is the error:\n\nWhat should I do?", email.Text);
        Assert.AreEqual("IMG_0001.jpg", email.Attachments.Single().FileName);
        Assert.DoesNotContain("What should I do?", PlainMimeKit(raw).TextBody ?? "");
    }

    [TestMethod]
    public void Read_UuencodedFileInText_TakesTheFileOutOfTheBody()
    {
        var raw = TestFiles.Crlf(
            "From: old@example.com", "Subject: log", "Content-Type: text/plain", "",
            "The log is attached.", "", "begin 644 hello.txt", "%2&5L;&\\*", "`", "end", "", "Thanks");

        var email = new EmailReader().Read(raw);

        Assert.AreEqual("The log is attached.\n\nThanks", email.Text);
        var file = email.Attachments.Single();
        Assert.AreEqual("hello.txt", file.FileName);
        Assert.AreEqual("text/plain", file.ContentType);
        Assert.AreEqual("Hello", Encoding.ASCII.GetString(file.Content.Span));
        Assert.Contains("begin 644", PlainMimeKit(raw).TextBody ?? "");
    }

    [TestMethod]
    public void Read_Latin1LabelWithWindows1252Quotes_ReadsTheQuotes()
    {
        var head = Encoding.ASCII.GetBytes("From: jo@example.com\r\nSubject: q\r\nContent-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: 8bit\r\n\r\n");
        byte[] body = [0x93, (byte)'h', (byte)'i', 0x94, (byte)' ', 0x96, (byte)' ', (byte)'c', (byte)'a', (byte)'f', 0xE9];
        var raw = head.Concat(body).ToArray();

        var email = new EmailReader().Read(raw);

        Assert.AreEqual("\u201Chi\u201D \u2013 café", email.Text);
        StringAssert.StartsWith(PlainMimeKit(raw).TextBody, "\u0093hi");
    }

    [TestMethod]
    public void Read_BoundaryParameterNotMatchingBody_RecoversThePartsWithDefect()
    {
        var raw = TestFiles.Crlf(
            "From: jo@example.com", "Subject: b", "Content-Type: multipart/alternative; boundary=\"relay-rewrote-this\"", "",
            "--real-boundary", "Content-Type: text/plain", "", "Are gift cards affected?", "",
            "--real-boundary", "Content-Type: text/html", "", "<p>Are gift cards affected?</p>", "",
            "--real-boundary--", "");

        var email = new EmailReader().Read(raw);

        Assert.AreEqual("Are gift cards affected?", email.Text);
        Assert.IsNotNull(email.RawHtml);
        CollectionAssert.Contains(email.Defects.ToList(), MimeDefects.BoundaryMismatch);
        Assert.IsEmpty((Multipart)PlainMimeKit(raw).Body!);
    }

    [TestMethod]
    public void Read_BoundaryNeverAppears_KeepsTheBodyAsText()
    {
        var email = new EmailReader().Read(TestFiles.Crlf("Content-Type: multipart/mixed; boundary=b", "", "just text, no parts"));

        Assert.AreEqual("just text, no parts", email.Text);
        CollectionAssert.Contains(email.Defects.ToList(), MimeDefects.BoundaryNotFound);
    }

    [TestMethod]
    public void Read_Iso2022JpSubjectAndBody_Decoded()
    {
        EmailReader.RegisterCodePages();
        var jis = Encoding.GetEncoding("iso-2022-jp");
        var subject = "=?ISO-2022-JP?B?" + Convert.ToBase64String(jis.GetBytes("パスワードについて")) + "?=";
        var head = Encoding.ASCII.GetBytes($"From: a@example.jp\r\nSubject: {subject}\r\nContent-Type: text/plain; charset=ISO-2022-JP\r\n\r\n");
        var raw = head.Concat(jis.GetBytes("カードは安全ですか")).ToArray();

        var email = new EmailReader().Read(raw);

        Assert.AreEqual("パスワードについて", email.Subject);
        Assert.AreEqual("カードは安全ですか", email.Text);
    }

    [TestMethod]
    public void Read_TnefWinmailDat_ListsTheFilesInsideWithNamesAndBytes()
    {
        var screenshot = Enumerable.Range(0, 300).Select(i => (byte)(i * 7)).ToArray();
        var notes = Encoding.ASCII.GetBytes("account locked since Monday");
        var tnef = TnefFile.Build(("screenshot.png", screenshot), ("notes.txt", notes));
        var raw = TestFiles.Crlf(
            "From: Marta <marta@example.se>", "Subject: locked", "Content-Type: multipart/mixed; boundary=b", "",
            "--b", "Content-Type: text/plain", "", "See attached.", "",
            "--b", "Content-Type: application/ms-tnef; name=winmail.dat", "Content-Transfer-Encoding: base64", "",
            Convert.ToBase64String(tnef, Base64FormattingOptions.InsertLineBreaks), "",
            "--b--", "");

        var email = new EmailReader().Read(raw);

        CollectionAssert.AreEqual(new[] { "screenshot.png", "notes.txt" }, email.Attachments.Select(a => a.FileName).ToArray());
        CollectionAssert.AreEqual(screenshot, email.Attachments[0].Content.ToArray());
        CollectionAssert.AreEqual(notes, email.Attachments[1].Content.ToArray());
        Assert.AreEqual(300, email.Attachments[0].Size);
        CollectionAssert.DoesNotContain(email.Defects.ToList(), MimeDefects.TnefNotDecoded);
        CollectionAssert.AreEqual(new[] { "winmail.dat" }, PlainMimeKit(raw).BodyParts.OfType<MimePart>().Where(p => p.FileName is not null).Select(p => p.FileName).ToArray());
    }

    [TestMethod]
    public void Read_TnefThatIsNotTnef_ListsWinmailDatWithDefect()
    {
        var raw = TestFiles.Crlf(
            "From: a@example.com", "Content-Type: multipart/mixed; boundary=b", "",
            "--b", "Content-Type: text/plain", "", "hi", "",
            "--b", "Content-Type: application/ms-tnef", "Content-Transfer-Encoding: base64", "", "eJ8+IgAAAAAAAA==", "",
            "--b--", "");

        var email = new EmailReader().Read(raw);

        Assert.AreEqual("winmail.dat", email.Attachments.Single().FileName);
        CollectionAssert.Contains(email.Defects.ToList(), MimeDefects.TnefNotDecoded);
    }
}
