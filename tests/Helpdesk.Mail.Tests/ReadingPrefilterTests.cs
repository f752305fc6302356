using Helpdesk.Mail.CustomerWords;
using Helpdesk.Mail.Reading;
using Helpdesk.Mail.Tests.Support;

namespace Helpdesk.Mail.Tests;

/// <summary>
/// The cheap searches that now run before some of the reader's regexes, and the HTML parser for text that leaves
/// out image sources: a search must never say "no" where its regex says "yes", and text from HTML must not change.
/// </summary>
[TestClass]
public sealed class ReadingPrefilterTests
{
    private static IEnumerable<string> CorpusTexts()
    {
        var reader = new EmailReader();
        foreach (var folder in new[] { Path.Combine(TestFiles.Root, "customer-words"), TestFiles.Golden })
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*.eml", SearchOption.AllDirectories))
            {
                var text = reader.Read(File.ReadAllBytes(file)).Text;
                yield return text;
                foreach (var paragraph in text.Split("\n\n"))
                    yield return paragraph.Replace('\n', ' ');
            }
        }
    }

    [TestMethod]
    public void DisclaimerPrefilter_AgreesWithTheRegex_OnEveryCorpusText()
    {
        var texts = 0;
        var disclaimers = 0;
        foreach (var text in CorpusTexts())
        {
            var expected = Signatures.DisclaimerWords().Matches(text).Count >= 2;
            Assert.AreEqual(expected, Signatures.HasTwoDisclaimerWords(text), text.Length > 300 ? text[..300] : text);
            texts++;
            if (expected)
                disclaimers++;
        }
        Assert.IsGreaterThan(1000, texts);
        Assert.IsGreaterThan(10, disclaimers); // the corpus has disclaimers, so the agreement means something
    }

    [TestMethod]
    public void HintFamiliesInOnePass_AgreeWithOneSearchPerFamily_OnEveryCorpusText()
    {
        var checkedTexts = 0;
        var withHints = 0;
        foreach (var text in CorpusTexts().Concat(HintSamples))
        {
            if (HintWords.HasNonAscii(text))
                continue; // other text keeps one search per family
            var first = HeaderlessMachineMail.FirstHint(text, nonAscii: false);
            Assert.AreEqual(HeaderlessMachineMail.FamiliesBySearch(text, nonAscii: false), HeaderlessMachineMail.FamiliesInAscii(text, first), text.Length > 300 ? text[..300] : text);
            checkedTexts++;
            if (first >= 0)
                withHints++;
        }
        Assert.IsGreaterThan(1000, checkedTexts);
        Assert.IsGreaterThan(100, withHints); // texts with hint words of some family, so the agreement means something
    }

    private static readonly string[] HintSamples =
    [
        "I am OUT OF THE OFFICE until Monday.", "She is NO LONGER with the company.", "We have RECEIVED YOUR request.",
        "This mailbox is not MONITORED.", "Please verify you are HUMAN. Add me to your allowlist.", "value blue haus sede keine",
        "office", "x", "", "Leave it; away; travel; contacts; approved; noreply; been created; your order.",
    ];

    [TestMethod]
    [DataRow("This e-mail is CONFIDENTIAL and meant for the INTENDED RECIPIENT only.", true)]
    [DataRow("Diese Nachricht ist vertraulich. Wenn Sie nicht der Adressat sind ...", true)]
    [DataRow("Cette message est confidentiel; si vous l'avez reçu par erreur ...", true)]
    [DataRow("Это сообщение конфиденциально, адресат ...", true)]
    [DataRow("本邮件保密。機密信息", true)]
    [DataRow("Only one word here: confidential, and nothing else of the kind.", false)]
    [DataRow("Meddelandet är \u212Aonfidentiell och avsett för mottagare endast.", true)] // Kelvin sign as the "k"
    [DataRow("Nothing of the sort in this paragraph at all.", false)]
    public void HasTwoDisclaimerWords_MatchesTheRegex(string paragraph, bool expected)
    {
        Assert.AreEqual(expected, Signatures.DisclaimerWords().Matches(paragraph).Count >= 2);
        Assert.AreEqual(expected, Signatures.HasTwoDisclaimerWords(paragraph));
    }

    [TestMethod]
    public void ChallengeMechanismPrefilter_NeverMissesARegexMatch_OnTheCorpus()
    {
        var matches = 0;
        foreach (var text in CorpusTexts())
        {
            if (!MachineMailDetector.ChallengeMechanism().IsMatch(text))
                continue;
            matches++;
            Assert.IsTrue(MachineMailDetector.MayNameChallengeMechanism(text), text.Length > 300 ? text[..300] : text);
        }
        Assert.IsGreaterThan(3, matches);
    }

    [TestMethod]
    [DataRow("You are not on my list of APPROVED senders.")]
    [DataRow("Please add yourself to my guestlist.")]
    [DataRow("Your mail is waiting for approval.")]
    [DataRow("Please verify that you are a real person.")]
    [DataRow("Prove that you are human.")]
    [DataRow("Confirm your e-mail by clicking below.")]
    [DataRow("This is a challenge-response system.")]
    [DataRow("I use a white-list and an allow list.")]
    [DataRow("Solve the CAPTCHA.")]
    public void ChallengeMechanismPrefilter_FindsEveryAlternative(string text)
    {
        Assert.IsTrue(MachineMailDetector.ChallengeMechanism().IsMatch(text));
        Assert.IsTrue(MachineMailDetector.MayNameChallengeMechanism(text));
    }

    [TestMethod]
    public void TextParser_KeepsOnlyTheAttributesTextReads_DisplayParserKeepsAll()
    {
        const string html = "<p style=\"color:red\" width=\"3\">a<!-- note --><img src=\"https://t.example/p.gif\" srcset=\"x 2x\" alt=\"logo\">b</p>"
            + "<iframe src=\"https://x.example\"></iframe><a href=\"https://y.example\" target=\"_blank\">y</a><div class=\"gmail_quote\" id=\"q\" hidden>z</div>";
        var forText = HtmlDocuments.ParseForText(html);
        var forDisplay = HtmlDocuments.Parse(html);

        var image = forText.QuerySelector("img")!;
        Assert.IsFalse(image.HasAttribute("src"));
        Assert.IsFalse(image.HasAttribute("srcset"));
        Assert.IsFalse(image.HasAttribute("alt"));
        Assert.IsFalse(forText.QuerySelector("iframe")!.HasAttribute("src"));
        Assert.IsFalse(forText.QuerySelector("p")!.HasAttribute("width"));
        Assert.AreEqual("color:red", forText.QuerySelector("p")!.GetAttribute("style"));
        Assert.AreEqual("https://y.example", forText.QuerySelector("a")!.GetAttribute("href"));
        Assert.IsFalse(forText.QuerySelector("a")!.HasAttribute("target"));
        Assert.IsNotNull(forText.QuerySelector("div.gmail_quote#q[hidden]"));
        Assert.IsTrue(forDisplay.QuerySelector("img")!.HasAttribute("src"));
        Assert.AreEqual("https://x.example", forDisplay.QuerySelector("iframe")!.GetAttribute("src"));
        StringAssert.Contains(HtmlToText.Convert(html), "(https://y.example)");
    }

    // The same tree (element names, nesting, text, and the attributes text reads) from both parsers: the dropped
    // attributes must never change how HTML5 tree construction builds the document.
    private static string Dump(AngleSharp.Dom.IDocument document)
    {
        var sb = new System.Text.StringBuilder();
        void Walk(AngleSharp.Dom.INode node, int depth)
        {
            sb.Append(' ', depth).Append(node.NodeType).Append(' ').Append(node.NodeName);
            if (node is AngleSharp.Dom.IElement e)
            {
                sb.Append(' ').Append(e.NamespaceUri);
                foreach (var a in e.Attributes.Where(a => HtmlDocuments.IsReadForText(a.Name)).OrderBy(a => a.Name, StringComparer.Ordinal))
                    sb.Append(' ').Append(a.Name).Append('=').Append(a.Value);
            }
            else if (node is AngleSharp.Dom.ICharacterData c)
                sb.Append(' ').Append(c.Data);
            sb.Append('\n');
            foreach (var child in node.ChildNodes)
                Walk(child, depth + 1);
        }
        Walk(document, 0);
        return sb.ToString();
    }

    [TestMethod]
    [DataRow("<table><tr><td>a</td></tr><input type=\"hidden\" name=\"x\"><input type=\"text\" value=\"y\"></table>")]
    [DataRow("<p><svg><font color=\"red\">out of svg</font><font data-x=\"1\">still svg</font></svg></p>")]
    [DataRow("<math><annotation-xml encoding=\"text/html\"><div>html inside</div></annotation-xml></math>")]
    [DataRow("<isindex prompt=\"Search:\" action=\"/s\" name=\"q\"><form><select><option value=1 selected>one</select></form>")]
    [DataRow("<html><head><meta charset=\"utf-8\"><meta http-equiv=\"Content-Type\" content=\"text/html\"></head><body bgcolor=\"#fff\"><template shadowrootmode=\"open\"><b>t</b></template><frameset cols=\"1\"></body>")]
    [DataRow("<table width=100% cellpadding=0><tr valign=top><td align=left style=\"display:none\">x</td><td colspan=2><a href=\"mailto:a@b.c\" title=\"t\">a@b.c</a></td></tr></table>")]
    public void TextParser_BuildsTheSameTree_OnTreeConstructionCases(string html) =>
        Assert.AreEqual(Dump(HtmlDocuments.Parse(html)), Dump(HtmlDocuments.ParseForText(html)));

    [TestMethod]
    public void TextParser_BuildsTheSameTree_OnEveryCorpusHtmlBody()
    {
        var reader = new EmailReader();
        var bodies = 0;
        foreach (var folder in new[] { Path.Combine(TestFiles.Root, "customer-words"), TestFiles.Golden, Path.Combine(TestFiles.Root, "rfc") })
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*.eml", SearchOption.AllDirectories))
            {
                if (reader.Read(File.ReadAllBytes(file)).RawHtml is not { } html)
                    continue;
                bodies++;
                Assert.AreEqual(Dump(HtmlDocuments.Parse(html)), Dump(HtmlDocuments.ParseForText(html)), file);
            }
        }
        Assert.IsGreaterThan(50, bodies);
    }

    [TestMethod]
    [DataRow("<p>one&nbsp;&nbsp; </p>\n\n\n<p>two</p><br><br><br><div>three \u00a0</div>", "one\n\ntwo\n\nthree")]
    [DataRow("<div>a</div><div>\u00a0</div><div>\u00a0</div><div>b</div>", "a\n\nb")]
    [DataRow("", "")]
    [DataRow("<p>\u00a0</p>", "")]
    public void HtmlToText_TrailingSpacesAndBlankLines_Collapsed(string html, string expected) =>
        Assert.AreEqual(expected, HtmlToText.Convert(html));

    // Every Message-ID, In-Reply-To and References field of the test corpora, each id of a list on its own too.
    private static IEnumerable<string> CorpusIdFields()
    {
        foreach (var file in Directory.EnumerateFiles(TestFiles.Root, "*.eml", SearchOption.AllDirectories))
        {
            MimeKit.MimeMessage message;
            try
            {
                message = MimeKit.MimeMessage.Load(file);
            }
            catch (FormatException)
            {
                continue;
            }
            foreach (var header in message.Headers)
            {
                if (header.Id is not (MimeKit.HeaderId.MessageId or MimeKit.HeaderId.InReplyTo or MimeKit.HeaderId.References or MimeKit.HeaderId.ResentMessageId))
                    continue;
                yield return header.Value;
                foreach (var word in header.Value.Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries))
                    yield return word;
            }
        }
    }

    [TestMethod]
    public void MessageIdShortcut_AgreesWithMimeKit_OnEveryCorpusIdAndOddCases()
    {
        string[] odd =
        [
            "<a@b>", " <abc.def@mail.example.com>\r\n", "<a..b@x.com>", "<.a@x.com>", "<a.@x.com>", "<a@x..com>", "<a@.x.com>",
            "<a@b@c>", "<@x.com>", "<a@>", "<\"quoted local\"@x.com>", "<a@[127.0.0.1]>", "<a@xn--bcher-kva.example>",
            "<a(comment)@x.com>", "<a b@x.com>", "<a@x.com> (added by relay)", "<a@x.com> <b@y.com>", "a@x.com", "<a@x.com",
            "<CAFy=2+x/y?z^_`{|}~!#$%&'*-@mail.gmail.com>", "<été@x.com>", "<>", "<a@xé.com>",
        ];
        var ids = 0;
        var shortcut = 0;
        foreach (var value in CorpusIdFields().Concat(odd))
        {
            Assert.AreEqual(MessageIds.OneThroughMimeKit(value), MessageIds.One(value), value);
            ids++;
            if (MessageIds.IsPlain(value))
                shortcut++;
        }
        Assert.IsGreaterThan(500, ids);
        Assert.IsGreaterThan(ids / 4, shortcut); // most ids take the shortcut, so the agreement means something
    }

    [TestMethod]
    public void EntityRanges_KeepsEachEntitysRange_PastTheListLimit()
    {
        var ranges = new EntityRanges();
        var parts = Enumerable.Range(0, 100).Select(_ => new MimeKit.TextPart("plain")).ToList();
        for (var i = 0; i < parts.Count; i++)
        {
            ranges.Set(parts[i], (i, i + 1000));
            if (i % 7 == 0)
                ranges.Set(parts[i / 2], (i / 2, i / 2 + 2000)); // set again: the last range counts
        }
        var expected = new Dictionary<MimeKit.MimeEntity, (long, long)>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < parts.Count; i++)
        {
            expected[parts[i]] = (i, i + 1000);
            if (i % 7 == 0)
                expected[parts[i / 2]] = (i / 2, i / 2 + 2000);
        }
        foreach (var part in parts)
        {
            Assert.IsTrue(ranges.TryGetValue(part, out var range));
            Assert.AreEqual(expected[part], range);
        }
        Assert.IsFalse(ranges.TryGetValue(new MimeKit.TextPart("plain"), out _));
        Assert.AreEqual(100, ranges.Entities.Count());
    }
}
