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
    public void TextParser_DropsImageSources_DisplayParserKeepsThem()
    {
        const string html = "<p>a<!-- note --><img src=\"https://t.example/p.gif\" srcset=\"x 2x\" alt=\"logo\">b</p><iframe src=\"https://x.example\"></iframe>";
        var forText = HtmlDocuments.ParseForText(html);
        var forDisplay = HtmlDocuments.Parse(html);

        var image = forText.QuerySelector("img")!;
        Assert.IsFalse(image.HasAttribute("src"));
        Assert.IsFalse(image.HasAttribute("srcset"));
        Assert.AreEqual("logo", image.GetAttribute("alt"));
        Assert.AreEqual("https://x.example", forText.QuerySelector("iframe")!.GetAttribute("src")); // only images lose it
        Assert.IsTrue(forDisplay.QuerySelector("img")!.HasAttribute("src"));
        Assert.AreEqual("ab", HtmlToText.Convert(html));
    }

    [TestMethod]
    [DataRow("<p>one&nbsp;&nbsp; </p>\n\n\n<p>two</p><br><br><br><div>three \u00a0</div>", "one\n\ntwo\n\nthree")]
    [DataRow("<div>a</div><div>\u00a0</div><div>\u00a0</div><div>b</div>", "a\n\nb")]
    [DataRow("", "")]
    [DataRow("<p>\u00a0</p>", "")]
    public void HtmlToText_TrailingSpacesAndBlankLines_Collapsed(string html, string expected) =>
        Assert.AreEqual(expected, HtmlToText.Convert(html));
}
