using System.Text;
using Helpdesk.Mail.Mime;
using Helpdesk.Mail.Tests.Support;

namespace Helpdesk.Mail.Tests;

[TestClass]
public sealed class MimeParserTests
{
    private static (MimeEntity Root, List<string> Defects) Parse(byte[] data, MimeParserOptions? options = null)
    {
        var defects = new List<string>();
        return (MimeParser.Parse(data, data.Length, options ?? MimeParserOptions.Default, defects), defects);
    }

    [TestMethod]
    public void Parse_FoldedHeaders_Unfolds()
    {
        var (root, _) = Parse(TestFiles.Crlf("Subject: a long", "\tsubject line", " continued", "", "body"));

        Assert.AreEqual("a long\tsubject line continued", root.Headers["Subject"]);
    }

    [TestMethod]
    public void Parse_BareLf_ReadsLikeCrlf()
    {
        var data = Encoding.ASCII.GetBytes("Subject: hi\nContent-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\none\n--b\n\ntwo\n--b--\n");
        var (root, defects) = Parse(data);

        Assert.AreEqual("hi", root.Headers["Subject"]);
        Assert.HasCount(2, root.Children);
        Assert.AreEqual("one", Encoding.ASCII.GetString(root.Children[0].Content.Span));
        Assert.AreEqual("two", Encoding.ASCII.GetString(root.Children[1].Content.Span));
        Assert.IsEmpty(defects);
    }

    [TestMethod]
    public void Parse_MboxFromLine_SkippedNotAHeader()
    {
        var (root, _) = Parse(TestFiles.Crlf("From jo@example.com Sat Nov 21 16:40:05 2026", "Subject: hi", "", "body"));

        Assert.AreEqual(1, root.Headers.Count);
        Assert.AreEqual("hi", root.Headers["Subject"]);
    }

    [TestMethod]
    public void Parse_MissingCloseBoundary_KeepsPartsWithDefect()
    {
        var (root, defects) = Parse(TestFiles.Crlf("Content-Type: multipart/mixed; boundary=b", "", "--b", "", "one", "--b", "", "two"));

        Assert.HasCount(2, root.Children);
        Assert.AreEqual("two", Encoding.ASCII.GetString(root.Children[1].Content.Span));
        CollectionAssert.Contains(defects, MimeDefects.MissingCloseBoundary);
    }

    [TestMethod]
    public void Parse_MissingBoundaryParameter_GuessesFromBody()
    {
        var (root, defects) = Parse(TestFiles.Crlf("Content-Type: multipart/alternative", "", "--xyz", "", "one", "--xyz--"));

        Assert.HasCount(1, root.Children);
        CollectionAssert.Contains(defects, MimeDefects.MissingBoundaryParameter);
    }

    [TestMethod]
    public void Parse_BoundaryNeverAppears_KeepsBodyAsText()
    {
        var email = new EmailReader().Read(TestFiles.Crlf("Content-Type: multipart/mixed; boundary=b", "", "just text, no parts"));

        Assert.IsTrue(email.Root.IsBrokenMultipart);
        Assert.AreEqual("just text, no parts", email.Text);
        CollectionAssert.Contains(email.Defects.ToList(), MimeDefects.BoundaryNotFound);
    }

    [TestMethod]
    public void Parse_BoundaryPrefixOfAnother_DoesNotMatch()
    {
        var (root, _) = Parse(TestFiles.Crlf(
            "Content-Type: multipart/mixed; boundary=abc", "",
            "--abc", "Content-Type: multipart/alternative; boundary=abcdef", "",
            "--abcdef", "", "inner", "--abcdef--",
            "--abc--"));

        Assert.HasCount(1, root.Children);
        Assert.HasCount(1, root.Children[0].Children);
        Assert.AreEqual("inner", Encoding.ASCII.GetString(root.Children[0].Children[0].Content.Span));
    }

    [TestMethod]
    public void Parse_OuterBoundaryInsideInnerPart_ClosesInner()
    {
        var (root, defects) = Parse(TestFiles.Crlf(
            "Content-Type: multipart/mixed; boundary=outer", "",
            "--outer", "Content-Type: multipart/alternative; boundary=inner", "",
            "--inner", "", "a",
            "--outer", "Content-Type: text/plain", "", "b",
            "--outer--"));

        Assert.HasCount(2, root.Children);
        Assert.AreEqual("b", Encoding.ASCII.GetString(root.Children[1].Content.Span));
        CollectionAssert.Contains(defects, MimeDefects.MissingCloseBoundary);
    }

    [TestMethod]
    public void Parse_NestingBeyondMaxDepth_StopsWithDefect()
    {
        var sb = new StringBuilder();
        for (var i = 0; i < 50; i++)
            sb.Append($"Content-Type: multipart/mixed; boundary=\"n{i}\"\r\n\r\n--n{i}\r\n");
        sb.Append("\r\ndeep text\r\n");

        var (root, defects) = Parse(Encoding.ASCII.GetBytes(sb.ToString()), new MimeParserOptions { MaxDepth = 10 });

        Assert.IsTrue(root.DescendantsAndSelf().All(e => e.Depth <= 10));
        CollectionAssert.Contains(defects, MimeDefects.TooDeep);
    }

    [TestMethod]
    public void Parse_TooManyParts_StopsCountingWithDefect()
    {
        var sb = new StringBuilder("Content-Type: multipart/mixed; boundary=b\r\n\r\n");
        for (var i = 0; i < 100; i++)
            sb.Append($"--b\r\n\r\npart {i}\r\n");
        sb.Append("--b--\r\n");

        var (root, defects) = Parse(Encoding.ASCII.GetBytes(sb.ToString()), new MimeParserOptions { MaxPartCount = 10 });

        Assert.HasCount(9, root.Children);
        CollectionAssert.Contains(defects, MimeDefects.TooManyParts);
    }

    [TestMethod]
    public void Parse_TooManyHeaders_DropsTheRestWithDefect()
    {
        var lines = Enumerable.Range(0, 50).Select(i => $"X-H{i}: {i}").Append("").Append("body").ToArray();

        var (root, defects) = Parse(TestFiles.Crlf(lines), new MimeParserOptions { MaxHeaderCount = 20 });

        Assert.AreEqual(20, root.Headers.Count);
        CollectionAssert.Contains(defects, MimeDefects.TooManyHeaders);
    }

    [TestMethod]
    public void Parse_HeaderTooLong_CutsWithDefect()
    {
        var (root, defects) = Parse(TestFiles.Crlf("References: " + new string('x', 5000), "", "body"), new MimeParserOptions { MaxHeaderLength = 100 });

        Assert.AreEqual(100, root.Headers.Find("References")!.RawValue.Length);
        CollectionAssert.Contains(defects, MimeDefects.HeaderTooLong);
    }

    [TestMethod]
    public void Parse_MessageRfc822_ParsesAttachedMessage()
    {
        var (root, _) = Parse(TestFiles.Crlf(
            "Content-Type: multipart/mixed; boundary=b", "",
            "--b", "", "see attached",
            "--b", "Content-Type: message/rfc822", "",
            "From: Scam <scam@evil.example>", "Subject: Verify now", "", "click here",
            "--b--"));

        var inner = root.Children[1].Message!;
        Assert.AreEqual("Verify now", inner.Headers["Subject"]);
        Assert.AreEqual("click here", Encoding.ASCII.GetString(inner.RawBody.Span));
    }

    [TestMethod]
    public void Parse_Base64EncodedMessageRfc822_DecodesThenParses()
    {
        var innerMessage = Convert.ToBase64String(Encoding.ASCII.GetBytes("Subject: inner\r\n\r\nhello"));
        var (root, _) = Parse(TestFiles.Crlf(
            "Content-Type: multipart/mixed; boundary=b", "",
            "--b", "Content-Type: message/rfc822", "Content-Transfer-Encoding: base64", "", innerMessage,
            "--b--"));

        Assert.AreEqual("inner", root.Children[0].Message!.Headers["Subject"]);
    }

    [TestMethod]
    public void Parse_MissingBlankLineAfterHeaders_BodyStartsAtFirstNonHeader()
    {
        var (root, defects) = Parse(TestFiles.Crlf("Subject: hi", "this is the body, no blank line", "second line"));

        Assert.AreEqual("hi", root.Headers["Subject"]);
        StringAssert.StartsWith(Encoding.ASCII.GetString(root.RawBody.Span), "this is the body");
        CollectionAssert.Contains(defects, MimeDefects.MissingHeaderBodySeparator);
    }

    [TestMethod]
    public void Parse_DigestParts_DefaultToMessageRfc822()
    {
        var (root, _) = Parse(TestFiles.Crlf("Content-Type: multipart/digest; boundary=d", "", "--d", "", "Subject: one", "", "1", "--d--"));

        Assert.AreEqual("message/rfc822", root.Children[0].ContentType.MimeType);
        Assert.AreEqual("one", root.Children[0].Message!.Headers["Subject"]);
    }

    [TestMethod]
    public void Parse_Empty_GivesEmptyMessageWithDefect()
    {
        var (root, defects) = Parse([]);

        Assert.AreEqual(0, root.Headers.Count);
        CollectionAssert.Contains(defects, MimeDefects.EmptyMessage);
    }
}
