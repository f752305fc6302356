using System.Text;
using Helpdesk.Mail.Writing;
using MimeKit;

namespace Helpdesk.Mail.Tests.Writing;

[TestClass]
public sealed class DeskComposerTests
{
    private static OutgoingMail Mail(string text, string subject = "Re: Contraseña nueva — no llega el correo [#123]") => new()
    {
        From = ("Meridian Outfitters Customer Care", "passwordchange@meridian.example"),
        To = ("José Núñez", "jose@example.com"),
        Subject = subject,
        MessageId = "ack-123-1@meridian.example",
        Date = new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero),
        Text = text,
        InReplyTo = "m1@example.com",
        References = ["m0@example.com", "m1@example.com"],
    };

    private static MimeMessage ReadBack(byte[] bytes) => MimeMessage.Load(new MemoryStream(bytes));

    [TestMethod]
    public void Build_NonAsciiSubjectAndLongUtf8Text_ReadsBackTheSame()
    {
        var text = "Hola Señora Müller,\n\n" + string.Concat(Enumerable.Repeat("Ñandú café — ", 30)) + "\n.leading dot line\ntrailing space \nhttps://www.meridian.example/help";
        var mail = Mail(text);

        var bytes = DeskComposer.Build(mail);
        var parsed = ReadBack(bytes);

        Assert.IsTrue(bytes.All(b => b < 128), "7-bit on the wire");
        var wire = Encoding.ASCII.GetString(bytes);
        Assert.IsTrue(wire.Split("\r\n").All(l => l.Length <= 78), "no line over 78");
        Assert.IsFalse(wire.Replace("\r\n", "", StringComparison.Ordinal).Contains('\n', StringComparison.Ordinal), "CRLF line ends only");
        StringAssert.Contains(wire, "\r\nMessage-ID: <ack-123-1@meridian.example>\r\n", "the desk's id, as RFC 5322 spells the header");
        Assert.AreEqual(1, wire.Split("\r\n").Count(l => l.StartsWith("message-id:", StringComparison.OrdinalIgnoreCase)), "one Message-ID, not MimeKit's random one too");
        Assert.AreEqual(mail.Subject, parsed.Subject);
        Assert.AreEqual("ack-123-1@meridian.example", parsed.MessageId);
        Assert.AreEqual("m1@example.com", parsed.InReplyTo);
        CollectionAssert.AreEqual(new[] { "m0@example.com", "m1@example.com" }, parsed.References.ToArray());
        Assert.AreEqual("José Núñez", parsed.To.Mailboxes.Single().Name);
        Assert.AreEqual(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero), parsed.Date);
        Assert.AreEqual(text, parsed.TextBody!.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n'), "the text comes back exactly, trailing space included");
        StringAssert.Contains(parsed.HtmlBody, "href=\"https://www.meridian.example/help\"");
    }

    [TestMethod]
    public void Build_NonAsciiNameAndSubject_WrittenAsEncodedWordsNotRawUtf8()
    {
        var wire = Encoding.ASCII.GetString(DeskComposer.Build(Mail("Hello")));

        var subject = wire.Split("\r\n").SkipWhile(l => !l.StartsWith("Subject:", StringComparison.Ordinal)).First();
        StringAssert.Contains(subject, "=?utf-8?", "RFC 2047 encoded word");
        StringAssert.Contains(wire, "To: =?utf-8?");
        StringAssert.Contains(wire, "<jose@example.com>");
    }

    [TestMethod]
    public void Build_TextAndHtml_MultipartAlternativeWithBothAndTheGivenHtmlKept()
    {
        var mail = new OutgoingMail
        {
            From = ("Desk", "desk@meridian.example"), To = (null, "casey@example.com"), Subject = "Re: help", MessageId = "r-1@meridian.example",
            Date = DateTimeOffset.UnixEpoch, Text = "Plain words", Html = "<p>Rich <b>words</b></p>",
        };

        var parsed = ReadBack(DeskComposer.Build(mail));

        Assert.IsInstanceOfType<MultipartAlternative>(parsed.Body);
        Assert.AreEqual("Plain words", parsed.TextBody!.TrimEnd());
        Assert.AreEqual("<p>Rich <b>words</b></p>", parsed.HtmlBody!.TrimEnd());
        Assert.AreEqual("casey@example.com", parsed.To.Mailboxes.Single().Address);
        Assert.IsNull(parsed.Headers[HeaderId.InReplyTo], "no In-Reply-To when it answers nothing");
    }

    [TestMethod]
    public void Build_Acknowledgment_MarkedAutoSubmittedAndRepliesGoToTheDesk()
    {
        var mail = new OutgoingMail
        {
            From = ("Desk", "desk@meridian.example"), To = ("Casey", "casey@example.com"), Subject = "We have your message [#7]",
            MessageId = "ack-7-1@meridian.example", Date = DateTimeOffset.UnixEpoch, Text = "Thanks", AutoSubmitted = "auto-replied",
            ReplyTo = "desk@meridian.example",
        };

        var parsed = ReadBack(DeskComposer.Build(mail));

        Assert.AreEqual("auto-replied", parsed.Headers["Auto-Submitted"]);
        Assert.AreEqual("All", parsed.Headers["X-Auto-Response-Suppress"]);
        Assert.AreEqual("desk@meridian.example", parsed.ReplyTo.Mailboxes.Single().Address);
    }

    [TestMethod]
    public void Build_SameMailTwice_SameMessageId()
    {
        var first = ReadBack(DeskComposer.Build(Mail("a")));
        var second = ReadBack(DeskComposer.Build(Mail("a")));

        Assert.AreEqual(first.MessageId, second.MessageId);
    }

    [TestMethod]
    public void Build_NotAnAddress_ArgumentExceptionNamingTheField()
    {
        var mail = new OutgoingMail
        {
            From = ("Desk", "desk@meridian.example"), To = ("Casey", "<<not an address"), Subject = "x", MessageId = "x@meridian.example",
            Date = DateTimeOffset.UnixEpoch, Text = "x",
        };

        var error = Assert.ThrowsExactly<ArgumentException>(() => DeskComposer.Build(mail));

        StringAssert.Contains(error.Message, "To address");
    }

    [TestMethod]
    public void TextToHtml_MarkupAndLinks_EscapedAndLinked()
    {
        var html = DeskComposer.TextToHtml("Use <b>this</b>: https://www.meridian.example/reset.\n\nBye & thanks");

        StringAssert.Contains(html, "&lt;b&gt;this&lt;/b&gt;");
        StringAssert.Contains(html, "<a href=\"https://www.meridian.example/reset\">https://www.meridian.example/reset</a>.");
        StringAssert.Contains(html, "<p>Bye &amp; thanks</p>");
    }
}
