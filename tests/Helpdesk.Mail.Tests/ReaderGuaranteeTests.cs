using System.Globalization;
using System.Text;
using Helpdesk.Mail.Reading;
using Helpdesk.Mail.Tests.Support;
using MimeKit;

namespace Helpdesk.Mail.Tests;

/// <summary>
/// The guarantees the desk's own address, date, encoded-word and structure parsers had tests for, kept now that
/// MimeKit does that work: each is checked through <see cref="EmailReader"/>, the only way the desk reads mail.
/// </summary>
[TestClass]
public sealed class ReaderGuaranteeTests
{
    private static ParsedEmail Read(params string[] lines) => new EmailReader().Read(TestFiles.Crlf(lines));

    private static string Show(IEnumerable<Mime.EmailAddress> list) => string.Join(" | ", list.Select(a => $"{a.Name ?? "-"} <{a.Address}>"));

    [TestMethod]
    [DataRow("jo@example.com", "- <jo@example.com>")]
    [DataRow("Jo Smith <jo@example.com>", "Jo Smith <jo@example.com>")]
    [DataRow("\"Smith, Jo\" <jo@example.com>, ann@example.com", "Smith, Jo <jo@example.com> | - <ann@example.com>")]
    [DataRow("jo@example.com (Jo Smith)", "Jo Smith <jo@example.com>")]
    [DataRow("\"Jo \\\"JJ\\\" Smith\" <jo@example.com>", "Jo \"JJ\" Smith <jo@example.com>")]
    [DataRow("=?utf-8?Q?J=C3=B6rg?= <j@example.de>", "Jörg <j@example.de>")]
    [DataRow("=?utf-8?Q?M=C3=BCller,_J=C3=B6rg?= <j@example.de>", "Müller, Jörg <j@example.de>")]
    [DataRow("<@relay1.example,@relay2.example:jo@example.com>", "- <jo@example.com>")]
    [DataRow("Joe Q. Public <john.q.public@example.com>", "Joe Q. Public <john.q.public@example.com>")]
    [DataRow("a@x.example,,, ,b@x.example", "- <a@x.example> | - <b@x.example>")]
    [DataRow("Team: a@x.example, Bee <b@x.example>;, undisclosed-recipients:;, c@x.example", "- <a@x.example> | Bee <b@x.example> | - <c@x.example>")]
    public void Read_AddressForms_ReadsNamesAndAddresses(string to, string expected) =>
        Assert.AreEqual(expected, Show(Read("From: a@example.com", "To: " + to, "", "x").To));

    [TestMethod]
    public void Read_FromWithoutAddress_HasNoSenderAndInvalidAddressDefect()
    {
        var email = Read("From: John Doe", "", "x");

        Assert.IsNull(email.From);
        CollectionAssert.Contains(email.Defects.ToList(), MimeDefects.InvalidAddress);
    }

    [TestMethod]
    [DataRow("Fri, 20 Nov 2026 09:15:00 +0100", "2026-11-20T09:15:00+01:00")]
    [DataRow("20 Nov 2026 09:15:00 -0500", "2026-11-20T09:15:00-05:00")]
    [DataRow("Fri, 20 Nov 2026 09:15 +0100", "2026-11-20T09:15:00+01:00")]
    [DataRow("Fri, 20 Nov 26 09:15:00 EST", "2026-11-20T09:15:00-05:00")]
    [DataRow("Fri, 20 Nov 2026 09:15:00 +0000 (UTC)", "2026-11-20T09:15:00+00:00")]
    [DataRow("Fri, 20 Nov 2026 09:15:00 -0000", "2026-11-20T09:15:00+00:00")]
    [DataRow("Fri, 20 Nov 2026 09:15:00", "2026-11-20T09:15:00+00:00")]
    [DataRow("Fri, 20 Nov 2026 9:5:3 +0100", "2026-11-20T09:05:03+01:00")]
    public void Read_DateForms_ReadsInstantAndOffset(string value, string expected)
    {
        var date = Read("From: a@example.com", "Date: " + value, "", "x").Date;

        Assert.AreEqual(expected, date?.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
    }

    [TestMethod]
    [DataRow("{DATE}")]
    [DataRow("yesterday")]
    public void Read_UnusableDate_NullWithDefect(string value)
    {
        var email = Read("From: a@example.com", "Date: " + value, "", "x");

        Assert.IsNull(email.Date);
        CollectionAssert.Contains(email.Defects.ToList(), MimeDefects.InvalidDate);
    }

    [TestMethod]
    [DataRow("=?utf-8?Q?Passwort_=C3=A4ndern?=", "Passwort ändern")]
    [DataRow("=?UTF-8?B?UGFzc3dvcnQgw6RuZGVybg==?=", "Passwort ändern")]
    [DataRow("=?utf-8?q?lower_case_q?=", "lower case q")]
    [DataRow("Re:=?utf-8?Q?=C3=A9t=C3=A9?=", "Re:été")]
    [DataRow("=?utf-8?Q?a?==?utf-8?Q?b?=", "ab")]
    [DataRow("=?utf-8*en?Q?with_language?=", "with language")]
    [DataRow("=?utf-8?Q?caf=C3?= =?utf-8?Q?=A9?=", "café")]
    [DataRow("=?utf-8?B?Y2Fmww==?= =?utf-8?B?qQ==?=", "café")]
    [DataRow("Hello =?utf-8?Q?W=C3=B6rld?=", "Hello Wörld")]
    [DataRow("=?ISO-2022-JP?B?GyRCRnxLXBsoQg==?=", "日本")]
    [DataRow("plain =? text", "plain =? text")]
    public void Read_EncodedWordSubjects_Decoded(string subject, string expected) =>
        Assert.AreEqual(expected, Read("From: a@example.com", "Subject: " + subject, "", "x").Subject);

    [TestMethod]
    public void Read_FoldedSubject_Unfolded() =>
        Assert.AreEqual("a long subject line continued", Read("Subject: a long", " subject line", " continued", "", "body").Subject);

    [TestMethod]
    public void Read_BareLfLineEnds_ReadLikeCrlf()
    {
        var email = new EmailReader().Read(Encoding.ASCII.GetBytes(
            "Subject: hi\nContent-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\none\n--b\n\ntwo\n--b--\n"));

        Assert.AreEqual("hi", email.Subject);
        Assert.AreEqual("one\n\ntwo", email.Text);
        Assert.IsEmpty(email.Defects);
    }

    [TestMethod]
    public void Read_MboxFromLine_NotTakenForAHeader()
    {
        var email = Read("From jo@example.com Sat Nov 21 16:40:05 2026", "Subject: hi", "", "body");

        Assert.AreEqual("hi", email.Subject);
        Assert.AreEqual("body", email.Text);
        CollectionAssert.Contains(email.Defects.ToList(), MimeDefects.MboxFromLine);
    }

    [TestMethod]
    public void Read_MissingCloseBoundary_KeepsEveryPartWithDefect()
    {
        var email = Read("Content-Type: multipart/mixed; boundary=b", "", "--b", "", "one", "--b", "", "two");

        Assert.AreEqual("one\n\ntwo", email.Text);
        CollectionAssert.Contains(email.Defects.ToList(), MimeDefects.MissingCloseBoundary);
    }

    [TestMethod]
    public void Read_BoundaryPrefixOfAnother_DoesNotMatch()
    {
        var email = Read("Content-Type: multipart/mixed; boundary=abc", "",
            "--abc", "Content-Type: multipart/alternative; boundary=abcdef", "",
            "--abcdef", "", "inner", "--abcdef--", "--abc--");

        Assert.AreEqual("inner", email.Text);
    }

    [TestMethod]
    public void Read_NestingBeyondMaxDepth_Stops()
    {
        var sb = new StringBuilder();
        for (var i = 0; i < 50; i++)
            sb.Append($"Content-Type: multipart/mixed; boundary=\"n{i}\"\r\n\r\n--n{i}\r\n");
        sb.Append("\r\ndeep text\r\n");

        var email = new EmailReader(new MimeParserOptions { MaxDepth = 10 }).Read(Encoding.ASCII.GetBytes(sb.ToString()));

        Assert.IsLessThanOrEqualTo(12, Depth(email.Message.Body!));
    }

    [TestMethod]
    public void Read_TooManyParts_StopsWithDefect()
    {
        var sb = new StringBuilder("Content-Type: multipart/mixed; boundary=b\r\n\r\n");
        for (var i = 0; i < 100; i++)
            sb.Append($"--b\r\nContent-Type: application/octet-stream\r\n\r\npart {i}\r\n");
        sb.Append("--b--\r\n");

        var email = new EmailReader(new MimeParserOptions { MaxPartCount = 10 }).Read(Encoding.ASCII.GetBytes(sb.ToString()));

        Assert.HasCount(9, email.Attachments);
        CollectionAssert.Contains(email.Defects.ToList(), MimeDefects.TooManyParts);
    }

    [TestMethod]
    public void Read_TooManyHeaders_DropsTheRestWithDefect()
    {
        var lines = Enumerable.Range(0, 50).Select(i => $"X-H{i}: {i}").Prepend("Subject: kept").Append("").Append("body").ToArray();

        var email = new EmailReader(new MimeParserOptions { MaxHeaderCount = 20 }).Read(TestFiles.Crlf(lines));

        Assert.AreEqual(20, email.Headers.Count);
        Assert.AreEqual("kept", email.Subject);
        Assert.AreEqual("body", email.Text);
        CollectionAssert.Contains(email.Defects.ToList(), MimeDefects.TooManyHeaders);
    }

    // The 1,000,000-mutation fuzz run: 60,000 header lines inside a part cost MimeKit up to 170 ms.
    [TestMethod]
    public void Read_TooManyHeadersInAPart_DropsTheRestOfThatBlockWithDefect()
    {
        var lines = new List<string> { "From: a@example.com", "Subject: parts", "Content-Type: multipart/mixed; boundary=\"b\"", "", "--b" };
        lines.Add("Content-Type: text/plain");
        lines.AddRange(Enumerable.Range(0, 50).Select(i => $"X-H{i}: {i}"));
        lines.AddRange(["", "the customer's words", "--b--"]);

        var email = new EmailReader(new MimeParserOptions { MaxHeaderCount = 20 }).Read(TestFiles.Crlf([.. lines]));

        Assert.AreEqual("the customer's words", email.Text);
        CollectionAssert.Contains(email.Defects.ToList(), MimeDefects.TooManyHeaders);
    }

    [TestMethod]
    public void Read_TooManyHeadersInAnAttachedMessage_ReadsItsFirstFieldsAndBody()
    {
        var lines = new List<string> { "From: a@example.com", "Content-Type: multipart/mixed; boundary=b", "", "--b", "", "see attached", "--b", "Content-Type: message/rfc822", "" };
        lines.AddRange(["From: Scam <scam@evil.example>", "Subject: Verify now"]);
        lines.AddRange(Enumerable.Range(0, 50).Select(i => $"Received: hop {i}"));
        lines.AddRange(["", "click here", "--b--"]);

        var email = new EmailReader(new MimeParserOptions { MaxHeaderCount = 20 }).Read(TestFiles.Crlf([.. lines]));

        Assert.AreEqual("see attached", email.Text);
        Assert.AreEqual("Verify now", email.Forwarded!.Subject);
        Assert.AreEqual("click here", email.Forwarded.Text);
        CollectionAssert.Contains(email.Defects.ToList(), MimeDefects.TooManyHeaders);
    }

    [TestMethod]
    public void Read_ManyFieldLikeLinesInTheBody_AreTheCustomersWordsAndKept()
    {
        // A pasted log after a signature delimiter ("-- " is no declared boundary): body text, never cut.
        var log = Enumerable.Range(0, 50).Select(i => $"Key{i}: value {i}").ToArray();
        var lines = new List<string> { "From: a@example.com", "Content-Type: multipart/mixed; boundary=b", "", "--b", "", "my log:", "--" };
        lines.AddRange(log);
        lines.Add("--b--");

        var email = new EmailReader(new MimeParserOptions { MaxHeaderCount = 20 }).Read(TestFiles.Crlf([.. lines]));

        StringAssert.Contains(email.Text, "Key49: value 49");
        CollectionAssert.DoesNotContain(email.Defects.ToList(), MimeDefects.TooManyHeaders);
    }

    [TestMethod]
    public void Read_OldMacLineEnds_ReadLikeCrlf()
    {
        var email = new EmailReader().Read(Encoding.ASCII.GetBytes("From: a@example.com\rSubject: mac\r\rline one\rline two\r"));

        Assert.AreEqual("mac", email.Subject);
        Assert.AreEqual("line one\nline two", email.Text);
    }

    [TestMethod]
    public void Read_HeaderLineOverLimit_CutWithDefect()
    {
        var email = Read("From: a@example.com", "References: <" + new string('x', 100_000) + "@x>", "Subject: after", "", "body");

        Assert.AreEqual("after", email.Subject);
        Assert.AreEqual("body", email.Text);
        CollectionAssert.Contains(email.Defects.ToList(), MimeDefects.HeaderTooLong);
    }

    [TestMethod]
    public void Read_AttachedMessage_KeptAsItArrivedAndReadAsForward()
    {
        var email = Read("From: a@example.com", "Content-Type: multipart/mixed; boundary=b", "",
            "--b", "", "see attached",
            "--b", "Content-Type: message/rfc822", "",
            "From: Scam <scam@evil.example>", "Subject: Verify now", "", "click here",
            "--b--");

        var attached = email.Attachments.Single();
        Assert.AreEqual("message/rfc822", attached.ContentType);
        Assert.AreEqual("From: Scam <scam@evil.example>\r\nSubject: Verify now\r\n\r\nclick here", Encoding.ASCII.GetString(attached.Content.Span));
        Assert.AreEqual("Verify now", email.Forwarded?.Subject);
        Assert.AreEqual("click here", email.Forwarded?.Text);
    }

    [TestMethod]
    public void Read_Base64Garbage_DecodesWhatItCanWithDefect()
    {
        var email = Read("From: a@example.com", "Content-Type: multipart/mixed; boundary=b", "",
            "--b", "", "hi", "--b", "Content-Type: application/pdf; name=a.pdf", "Content-Transfer-Encoding: base64", "",
            "JVBERi0x!!!LjQK", "--b--");

        Assert.AreEqual("a.pdf", email.Attachments.Single().FileName);
        CollectionAssert.Contains(email.Defects.ToList(), MimeDefects.InvalidBase64);
    }

    [TestMethod]
    public void Read_MissingBlankLineAfterHeaders_BodyStartsAtFirstNonHeader()
    {
        var email = Read("From: a@example.com", "Subject: hi", "this is the body, no blank line", "second line");

        Assert.AreEqual("hi", email.Subject);
        Assert.AreEqual("this is the body, no blank line\nsecond line", email.Text);
        CollectionAssert.Contains(email.Defects.ToList(), MimeDefects.MissingHeaderBodySeparator);
    }

    [TestMethod]
    public void Read_PartsWithoutBlankLineAfterTheirHeaders_KeepTheirWords()
    {
        var email = Read("From: a@example.com", "Content-Type: multipart/mixed; boundary=foo", "",
            "--foo", "Content-Type: text/plain", "bar", "",
            "--foo", "Content-Type: text/plain", "baz", "", "--foo--");

        Assert.AreEqual("bar\n\nbaz", email.Text);
    }

    [TestMethod]
    [DataRow("text; charset=us-ascii")]
    [DataRow("")]
    [DataRow("garbage")]
    public void Read_ContentTypeWithoutSubtypeOrUnreadable_ReadAsText(string contentType)
    {
        var email = Read("From: a@example.com", "Content-Type: " + contentType, "", "can you still read it?");

        Assert.AreEqual("can you still read it?", email.Text);
        Assert.IsEmpty(email.Attachments);
    }

    [TestMethod]
    public void Read_GuessedBoundaryThatCannotBeWrittenBack_StopsRepairingAndKeepsText()
    {
        // Found by the fuzz run: a quote in the body's boundary made every repair parse guess again, until the stack ran out.
        var email = Read("From: a@example.com", "Content-Type: multipart/mixed; boundary=x", "",
            "--a\"b", "", "words to keep", "--a\"b--");

        Assert.Contains("words to keep", email.Text);
    }

    [TestMethod]
    public void Read_Empty_GivesEmptyMailWithDefect()
    {
        var email = new EmailReader().Read(ReadOnlyMemory<byte>.Empty);

        Assert.AreEqual("", email.Text);
        CollectionAssert.Contains(email.Defects.ToList(), MimeDefects.EmptyMessage);
    }

    [TestMethod]
    public void Read_NoHeaderLines_BodyKeptAsText()
    {
        var email = new EmailReader().Read(Encoding.ASCII.GetBytes("this is not a header\r\nbut words\r\n"));

        Assert.AreEqual("this is not a header\nbut words", email.Text);
        CollectionAssert.Contains(email.Defects.ToList(), MimeDefects.NoHeaders);
    }

    [TestMethod]
    public void Read_MoreThanMaxMessageSize_Throws() =>
        Assert.ThrowsExactly<MessageTooLargeException>(() => new EmailReader(new MimeParserOptions { MaxMessageSize = 10 }).Read(TestFiles.Crlf("Subject: too long", "", "body")));

    private static int Depth(MimeEntity e) => e switch
    {
        Multipart m when m.Count > 0 => 1 + m.Max(Depth),
        MessagePart { Message.Body: { } b } => 1 + Depth(b),
        _ => 1,
    };
}
