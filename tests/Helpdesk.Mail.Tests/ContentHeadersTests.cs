using Helpdesk.Mail.Mime;

namespace Helpdesk.Mail.Tests;

[TestClass]
public sealed class ContentHeadersTests
{
    [TestMethod]
    public void Parse_Rfc2231CharsetAndContinuations_Decodes()
    {
        var d = ContentDisposition.Parse("attachment; filename*0*=utf-8''Kontoauszug%20M%C3%A4rz; filename*1*=%202026.pdf");

        Assert.AreEqual("attachment", d.Disposition);
        Assert.AreEqual("Kontoauszug März 2026.pdf", d.FileName);
    }

    [TestMethod]
    public void Parse_Rfc2231OutOfOrderSections_SortsThem()
    {
        var t = ContentType.Parse("application/pdf; name*1=\"b.pdf\"; name*0=\"a\"");

        Assert.AreEqual("ab.pdf", t.Name);
    }

    [TestMethod]
    public void Parse_EncodedWordInQuotedFilename_Decodes()
    {
        var d = ContentDisposition.Parse("attachment; filename=\"=?utf-8?B?UsOpY2xhbWF0aW9uLnBkZg==?=\"");

        Assert.AreEqual("Réclamation.pdf", d.FileName);
    }

    [TestMethod]
    public void Parse_MissingSemicolonBeforeBoundary_StillFindsBoundary()
    {
        var defects = new List<string>();
        var t = ContentType.Parse("multipart/mixed boundary=\"abc\"", defects);

        Assert.AreEqual("multipart/mixed", t.MimeType);
        Assert.AreEqual("abc", t.Boundary);
        CollectionAssert.Contains(defects, MimeDefects.MissingParameterSeparator);
    }

    [TestMethod]
    public void Parse_UpperCaseAndComment_NormalizesType()
    {
        var t = ContentType.Parse("Text/HTML; Charset=\"ISO-8859-1\"");

        Assert.AreEqual("text/html", t.MimeType);
        Assert.AreEqual("ISO-8859-1", t.Charset);
    }

    [TestMethod]
    [DataRow("text")]
    [DataRow("")]
    [DataRow("garbage here")]
    public void Parse_InvalidType_FallsBackToTextPlainWithDefect(string value)
    {
        var defects = new List<string>();
        var t = ContentType.Parse(value, defects);

        Assert.AreEqual("text/plain", t.MimeType);
        CollectionAssert.Contains(defects, MimeDefects.InvalidContentType);
    }

    [TestMethod]
    public void Parse_UnquotedFilenameWithSpaces_KeepsWholeValue()
    {
        Assert.AreEqual("my photo.jpg", ContentDisposition.Parse("attachment; filename=my photo.jpg").FileName);
    }

    [TestMethod]
    public void Parse_UnterminatedQuote_KeepsValueWithDefect()
    {
        var defects = new List<string>();
        var d = ContentDisposition.Parse("attachment; filename=\"report.pdf", defects);

        Assert.AreEqual("report.pdf", d.FileName);
        CollectionAssert.Contains(defects, MimeDefects.UnterminatedQuotedString);
    }
}
