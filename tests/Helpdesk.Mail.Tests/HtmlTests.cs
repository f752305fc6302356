using Helpdesk.Mail.CustomerWords;
using Helpdesk.Mail.Mime;
using Helpdesk.Mail.Reading;

namespace Helpdesk.Mail.Tests;

[TestClass]
public sealed class HtmlSanitizerTests
{
    [TestMethod]
    [DataRow("<p>hi</p><script>alert(1)</script>", "<p>hi</p>")]
    [DataRow("<p onclick=\"alert(1)\" onmouseover='x()'>hi</p>", "<p>hi</p>")]
    [DataRow("<a href=\"javascript:alert(1)\">x</a>", "<a>x</a>")]
    [DataRow("<a href=\"  JaVa\tScRiPt:alert(1)\">x</a>", "<a>x</a>")]
    [DataRow("<a href=\"vbscript:msgbox\">x</a>", "<a>x</a>")]
    [DataRow("<a href=\"data:text/html;base64,PHNjcmlwdD4=\">x</a>", "<a>x</a>")]
    [DataRow("<iframe src=\"https://evil.example\"></iframe><p>a</p>", "<p>a</p>")]
    [DataRow("<svg><script>alert(1)</script><circle/></svg><p>a</p>", "<p>a</p>")]
    [DataRow("<math><mi>x</mi></math>b", "b")]
    [DataRow("<form action=\"https://evil.example\"><input name=p></form>ok", "ok")]
    [DataRow("<object data=\"x.swf\"></object><embed src=\"x.swf\">ok", "ok")]
    [DataRow("<style>body{background:url(https://t.example/p)}</style>ok", "ok")]
    [DataRow("<!--[if mso]><script>x</script><![endif]-->ok", "ok")]
    [DataRow("<custom-tag>kept text</custom-tag>", "kept text")]
    [DataRow("<p>a &lt;b&gt; &amp; c</p>", "<p>a &lt;b&gt; &amp; c</p>")]
    public void Sanitize_Dangerous_Removed(string html, string expected) => Assert.AreEqual(expected, HtmlSanitizer.Sanitize(html));

    [TestMethod]
    public void Sanitize_CssExpressionAndUrls_DeclarationDropped()
    {
        var result = HtmlSanitizer.Sanitize("<div style=\"color: red; width: expression(alert(1)); background: url(https://t.example/p.gif); behavior: url(x.htc)\">x</div>");

        // The package writes colours its own way (rgba): what matters is that only the harmless declaration stays.
        StringAssert.StartsWith(result, "<div style=\"color: rgba(255, 0, 0, 1)");
        foreach (var gone in new[] { "expression", "url(", "t.example", "behavior", "x.htc" })
            Assert.DoesNotContain(gone, result);
    }

    [TestMethod]
    public void Sanitize_RemoteImage_BlockedByDefault()
    {
        var result = HtmlSanitizer.Sanitize("<img src=\"https://track.example/p.gif\" alt=\"logo\" onerror=\"x()\">");

        Assert.AreEqual("<img alt=\"logo\" data-blocked-src=\"https://track.example/p.gif\">", result);
    }

    [TestMethod]
    public void Sanitize_RemoteImageAllowed_KeepsSource()
    {
        var result = HtmlSanitizer.Sanitize("<img src=\"https://cdn.example/logo.png\">", new HtmlSanitizerOptions { AllowRemoteImages = true });

        Assert.AreEqual("<img src=\"https://cdn.example/logo.png\">", result);
    }

    [TestMethod]
    [DataRow("<img src=\"cid:logo@x\">", "<img src=\"cid:logo@x\">")]
    [DataRow("<img src=\"data:image/png;base64,iVBORw0KGgo=\">", "<img src=\"data:image/png;base64,iVBORw0KGgo=\">")]
    [DataRow("<img src=\"data:image/svg+xml;base64,PHN2Zz4=\">", "<img>")]
    public void Sanitize_EmbeddedImages_KeptButNotSvg(string html, string expected) => Assert.AreEqual(expected, HtmlSanitizer.Sanitize(html));

    [TestMethod]
    public void Sanitize_SafeLink_KeptWithNoOpener()
    {
        Assert.AreEqual("<a href=\"https://www.meridian.example/help\" target=\"_blank\" rel=\"noopener noreferrer nofollow\">FAQ</a>",
            HtmlSanitizer.Sanitize("<a href=\"https://www.meridian.example/help\" class=\"btn\" id=\"x\">FAQ</a>"));
    }
}

[TestClass]
public sealed class HtmlToTextTests
{
    [TestMethod]
    public void Convert_ParagraphsAndBreaks_BecomeLines()
    {
        Assert.AreEqual("Hello,\n\nline one\nline two\n\nBye", HtmlToText.Convert("<p>Hello,</p><p>line one<br>line two</p><p>Bye</p>"));
    }

    [TestMethod]
    public void Convert_Lists_GetMarkers()
    {
        Assert.AreEqual("Steps:\n\n- open\n- click\n\n1. first\n2. second", HtmlToText.Convert("Steps:<ul><li>open</li><li>click</li></ul><ol><li>first</li><li>second</li></ol>"));
    }

    [TestMethod]
    public void Convert_Links_KeepAddress()
    {
        Assert.AreEqual("See our FAQ (https://www.meridian.example/help) or write to passwordchange@meridian.example.",
            HtmlToText.Convert("See our <a href=\"https://www.meridian.example/help\">FAQ</a> or write to <a href=\"mailto:passwordchange@meridian.example\">passwordchange@meridian.example</a>."));
    }

    [TestMethod]
    public void Convert_Blockquote_PrefixesLines()
    {
        Assert.AreEqual("Mine\n\nOn Fri wrote:\n\n> Dear Customer,\n>\n> Thanks", HtmlToText.Convert("<div>Mine</div><p>On Fri wrote:</p><blockquote><p>Dear Customer,</p><p>Thanks</p></blockquote>"));
    }

    [TestMethod]
    public void Convert_ScriptsStylesHiddenAndImages_LeaveNothing()
    {
        Assert.AreEqual("Visible", HtmlToText.Convert("<html><head><title>t</title><style>p{}</style></head><body><script>x()</script><span style=\"display:none\">preheader</span><img alt=\"logo\" src=\"x\">Visible</body></html>"));
    }

    [TestMethod]
    public void Convert_WhitespaceAndNbsp_Collapse()
    {
        Assert.AreEqual("a b c", HtmlToText.Convert("  a \n\t b&nbsp;c  "));
    }
}

[TestClass]
public sealed class HtmlLimitsTests
{
    [TestMethod]
    public void ConvertAndSanitize_HostileNesting_NoStackOverflowAndTextKept()
    {
        var html = string.Concat(Enumerable.Repeat("<div><span>", 20_000)) + "deep words";

        StringAssert.Contains(HtmlToText.Convert(html), "deep words");
        StringAssert.Contains(HtmlSanitizer.Sanitize(html), "deep words");
    }

    [TestMethod]
    public void Convert_HugeHtml_CutAtLimit()
    {
        var html = "<p>start</p>" + new string('x', HtmlLimits.MaxLength * 2);

        var text = HtmlToText.Convert(html);

        StringAssert.StartsWith(text, "start");
        Assert.IsLessThanOrEqualTo(HtmlLimits.MaxLength, text.Length);
    }
}
