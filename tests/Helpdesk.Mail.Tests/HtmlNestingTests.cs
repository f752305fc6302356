using System.Text;
using AngleSharp.Dom;
using Helpdesk.Mail.Reading;
using Helpdesk.Mail.Tests.Support;

namespace Helpdesk.Mail.Tests;

/// <summary>
/// The nesting bound before AngleSharp (issue 18, fuzz iteration 54759): tree construction is quadratic in the depth
/// of unclosed elements, so HTML deeper than <see cref="HtmlNesting.MaxOpenElements"/> reaches the parser with the
/// too-deep tags left out and every word kept; real mail reaches it unchanged. No timings: the tests assert the
/// depth the parser builds and the words it keeps.
/// </summary>
[TestClass]
public sealed class HtmlNestingTests
{
    // The shape of the mutant: a Gmail reply cut in the middle of its quote (div, blockquote and div left open),
    // repeated; each copy carries its own word so a lost copy shows.
    private static string CutGmailReplies(int copies)
    {
        var sb = new StringBuilder();
        for (var k = 0; k < copies; k++)
            sb.Append("<div dir=\"ltr\"><div>Dzień dobry,</div><div><br></div><div>nie mogę utworzyć hasła copy").Append(k)
                .Append(".</div><div>Pozdrawiam,</div></div><br><div class=\"gmail_quote gmail_quote_container\">")
                .Append("<div dir=\"ltr\" class=\"gmail_attr\">pt., 20 lis 2026 &lt;passwordchange@meridian.example&gt; napisał(a):<br></div>")
                .Append("<blockquote class=\"gmail_quote\" style=\"margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex\">")
                .Append("<div dir=\"ltr\"><div>Dear Customer,</div><div><br></div><div><font color=\"#222222\"><span>As a precaution we have expired all passwords quoted")
                .Append(k).Append(" <piotr.wisniewski@onet.pl>\n");
        return sb.ToString();
    }

    private static int TreeDepth(IDocument document)
    {
        var deepest = 0;
        var stack = new Stack<(IElement Element, int Depth)>();
        stack.Push((document.DocumentElement, 1));
        while (stack.Count > 0)
        {
            var (e, depth) = stack.Pop();
            deepest = Math.Max(deepest, depth);
            foreach (var child in e.Children)
                stack.Push((child, depth + 1));
        }
        return deepest;
    }

    [TestMethod]
    public void Bound_CutGmailRepliesRepeated_ParserTreeStaysWithinTheBound()
    {
        var html = CutGmailReplies(150);
        Assert.IsGreaterThan(HtmlNesting.MaxOpenElements * 2, HtmlNesting.Measure(html).MaxDepth, "the input must be deeper than the bound");

        var bounded = HtmlLimits.Bound(html);
        var document = HtmlDocuments.ParseForText(bounded);

        // html and body above the bound's elements, and what the parser opens again itself (the font and span of a
        // quote reopened as active formatting elements) on top.
        Assert.IsLessThanOrEqualTo(HtmlNesting.MaxOpenElements + 8, TreeDepth(document));
        Assert.IsLessThanOrEqualTo(HtmlNesting.MaxOpenElements, HtmlNesting.Measure(bounded).MaxDepth);
    }

    [TestMethod]
    public void ConvertAndSanitize_CutGmailRepliesRepeated_EveryWordKept()
    {
        var html = CutGmailReplies(150);

        var text = HtmlToText.Convert(html);
        var (converted, _) = HtmlToText.ConvertWithWords(html);
        var sanitized = HtmlSanitizer.Sanitize(html);

        for (var k = 0; k < 150; k++)
        {
            foreach (var word in new[] { $"copy{k}.", $"quoted{k}" })
            {
                StringAssert.Contains(text, word);
                StringAssert.Contains(converted, word);
                StringAssert.Contains(sanitized, word);
            }
        }
        Assert.AreEqual(150, text.Split("As a precaution we have expired all passwords").Length - 1);
    }

    [TestMethod]
    public void Bound_TooDeepBlocks_LeftOutAsLineBreaksSoWordsStayApart()
    {
        var html = string.Concat(Enumerable.Repeat("<div>", HtmlNesting.MaxOpenElements)) + "alpha<div>beta</div><p>gamma</p><table><tr><td>delta</td><td>epsilon</td></tr></table><b>zeta</b>eta";

        var text = HtmlToText.Convert(html);

        CollectionAssert.AreEqual(new[] { "alpha", "beta", "gamma", "delta epsilon", "zetaeta" }, text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [TestMethod]
    public void Bound_ForDisplay_LeftOutBlocksAreLineBreakCharactersNotElements()
    {
        var html = string.Concat(Enumerable.Repeat("<div>", HtmlNesting.MaxOpenElements)) + "alpha<div>beta</div><div>gamma</div>";

        var forText = HtmlNesting.Bound(html);
        var forDisplay = HtmlNesting.Bound(html, forDisplay: true);

        StringAssert.EndsWith(forText, "alpha<br>beta<br><br>gamma<br>");
        StringAssert.EndsWith(forDisplay, "alpha\nbeta\n\ngamma\n");
        StringAssert.Contains(HtmlSanitizer.Sanitize(html), "alpha\nbeta\n\ngamma");
    }

    [TestMethod]
    public void Bound_StyleAndScriptBeyondTheBound_StayOutOfTheText()
    {
        var html = string.Concat(Enumerable.Repeat("<div>", HtmlNesting.MaxOpenElements + 10))
            + "<style>.x { color: red } <div></style><script>var y = '<div>';</script>words";

        Assert.AreEqual("words", HtmlToText.Convert(html));
    }

    [TestMethod]
    [DataRow("", "<p>paragraph never closed ")]
    [DataRow("<ul>", "<li>item never closed ")]
    [DataRow("<dl>", "<dt>term<dd>definition ")]
    [DataRow("<table>", "<tr><td>cell<td>cell ")]
    [DataRow("<table>", "<tbody><tr><th>head<tr><td>cell ")]
    [DataRow("", "<h2>heading<h3>heading ")]
    [DataRow("", "<a href=\"https://x.example\">link never closed ")]
    [DataRow("", "<select><option>one<option>two</select> ")]
    [DataRow("", "<svg><path d=\"M0 0\"/><rect/></svg> ")]
    [DataRow("", "<div>closed</div><span>closed</span><!-- <div> --> ")]
    [DataRow("", "<font face=Arial><div>block in inline</div></font> ")]
    public void Measure_SloppyButRealMarkupRepeated_NotCountedDeep(string container, string piece)
    {
        var html = "<html><body><div>" + container + string.Concat(Enumerable.Repeat(piece, 2000)) + "</div></body></html>";

        Assert.IsLessThanOrEqualTo(6, HtmlNesting.Measure(html).MaxDepth);
        Assert.AreSame(html, HtmlNesting.Bound(html));
    }

    [TestMethod]
    [DataRow("<div/>")]
    [DataRow("<i>")]
    [DataRow("<font color=red>")]
    [DataRow("<blockquote>")]
    [DataRow("<x.y@example.com>")]
    public void Bound_UnclosedRepeated_Bounded(string piece)
    {
        var html = string.Concat(Enumerable.Repeat(piece + "w ", 5000));

        var bounded = HtmlLimits.Bound(html);

        Assert.IsLessThanOrEqualTo(HtmlNesting.MaxOpenElements, HtmlNesting.Measure(bounded).MaxDepth);
        Assert.IsLessThanOrEqualTo(HtmlNesting.MaxOpenElements + 8, TreeDepth(HtmlDocuments.ParseForText(bounded)));
        Assert.AreEqual(5000, HtmlToText.Convert(html).Split(' ', '\n').Count(w => w == "w"));
    }

    [TestMethod]
    [DataRow("<svg><foreignObject><div/>")]
    [DataRow("<math><mi><p/>")]
    [DataRow("<svg><div/>")]
    public void Bound_SelfClosingHtmlInForeignContent_StillCounted(string piece)
    {
        var html = string.Concat(Enumerable.Repeat(piece + "w ", 2000));

        var bounded = HtmlLimits.Bound(html);

        Assert.IsGreaterThan(HtmlNesting.MaxOpenElements, HtmlNesting.Measure(html).MaxDepth);
        Assert.IsLessThanOrEqualTo(HtmlNesting.MaxOpenElements + 8, TreeDepth(HtmlDocuments.ParseForText(bounded)));
    }

    /// <summary>
    /// Every HTML body of the test corpora (golden, customer-words, RFC, lookalikes) reaches the parser as the very
    /// same string, so its text cannot change; and it stays under a quarter of the bound.
    /// </summary>
    [TestMethod]
    public void Bound_EveryCorpusHtmlBody_Unchanged()
    {
        var reader = new EmailReader();
        var bodies = 0;
        var deepest = 0;
        foreach (var file in Directory.GetFiles(TestFiles.Root, "*.eml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var bytes = File.ReadAllBytes(file);
            var htmls = new List<string>();
            if (reader.Read(bytes).RawHtml is { } raw)
                htmls.Add(raw);
            using (var stream = new MemoryStream(bytes))
            {
                foreach (var part in MimeKit.MimeMessage.Load(stream).BodyParts.OfType<MimeKit.TextPart>())
                    if (part.IsHtml)
                        htmls.Add(part.Text);
            }
            foreach (var html in htmls)
            {
                bodies++;
                var capped = HtmlLimits.Cap(html);
                Assert.AreEqual(capped, HtmlLimits.Bound(html), $"{file} changed");
                Assert.AreSame(capped, HtmlNesting.Bound(capped), $"{file} changed");
                deepest = Math.Max(deepest, HtmlNesting.Measure(capped).MaxDepth);
            }
        }
        Assert.IsGreaterThan(700, bodies);
        Assert.IsLessThanOrEqualTo(HtmlNesting.MaxOpenElements / 4, deepest);
    }
}
