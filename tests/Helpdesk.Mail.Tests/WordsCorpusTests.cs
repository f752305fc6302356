using Helpdesk.Mail.CustomerWords;
using Helpdesk.Mail.Reading;
using Helpdesk.Mail.Tests.Support;

namespace Helpdesk.Mail.Tests;

/// <summary>
/// The team's corpus of replies and forwards (TestData/customer-words, written with their expected words): the
/// issue's targets over the whole corpus, and each client-and-language mail of the human groups on its own.
/// </summary>
[TestClass]
public sealed class WordsCorpusTests
{
    private static string Corpus => Path.Combine(TestFiles.Root, "customer-words");

    // Groups written for reply trimming; machine/ (auto-replies, bounces) has its own tests and targets.
    private static readonly string[] HumanGroups =
    [
        "replies", "html-only", "bottom-posting", "inline-answers", "quote-only", "signatures", "outlook-headers",
        "attribution-variants", "forward-inline", "forward-attached", "no-quote", "desk-quoted", "harder",
    ];

    public static IEnumerable<object[]> HumanMails =>
        HumanGroups.SelectMany(g => TestFiles.Messages(Path.Combine(Corpus, g)).Select(f => new object[] { g + "/" + Path.GetFileName(f) }));

    [TestMethod]
    public void Evaluate_CustomerWordsCorpus_MeetsTheTargets()
    {
        var score = WordsCorpus.Evaluate(Corpus);
        var failures = string.Join("\n", score.Failures.Take(20).Select(f => $"{f.File} [{f.Field}] expected {f.Expected} got {f.Actual}"));

        Assert.IsGreaterThanOrEqualTo(300, score.Messages);
        Assert.IsGreaterThanOrEqualTo(0.95, score.VisibleTextRate, failures);
        Assert.IsGreaterThanOrEqualTo(0.95, score.ForwardedAccuracy, failures);
        // A person taken for a machine goes unanswered: precision holds over every mail of the corpus.
        Assert.IsGreaterThanOrEqualTo(0.995, score.MachinePrecision, failures);
        if (score.MachineExpected > 0)
            Assert.IsGreaterThanOrEqualTo(0.97, score.MachineRecall, failures);
    }

    [TestMethod]
    public void Corpus_HasEveryGroupAndEveryExpectation()
    {
        foreach (var g in HumanGroups)
            Assert.IsNotEmpty(TestFiles.Messages(Path.Combine(Corpus, g)).ToList(), g);
        var orphans = Directory.GetFiles(Corpus, "*.expected.json", SearchOption.AllDirectories)
            .Where(j => !File.Exists(j[..^".expected.json".Length] + ".eml")).ToList();
        Assert.IsEmpty(orphans, string.Join(", ", orphans));
    }

    [TestMethod]
    [DynamicData(nameof(HumanMails))]
    public void Read_CorpusMail_FindsTheCustomersWords(string name)
    {
        var eml = Path.Combine(Corpus, name);
        var expected = System.Text.Json.JsonDocument.Parse(File.ReadAllText(WordsCorpus.ExpectedPath(eml))).RootElement;

        var email = new EmailReader().Read(File.ReadAllBytes(eml));

        Assert.AreEqual(WordsCorpus.Fold(expected.GetProperty("visibleText").GetString()), WordsCorpus.Fold(email.VisibleText), name);
        var forwarded = expected.GetProperty("forwarded");
        if (forwarded.ValueKind == System.Text.Json.JsonValueKind.Null)
            Assert.IsNull(email.Forwarded, name);
        else
        {
            Assert.IsNotNull(email.Forwarded, name);
            Assert.AreEqual(forwarded.GetProperty("from").GetString(), email.Forwarded.From?.Address, name);
            Assert.AreEqual(forwarded.GetProperty("subject").GetString(), email.Forwarded.Subject, name);
        }
        Assert.AreEqual(MachineMailKind.None, email.Machine.Kind, name);
    }

    [TestMethod]
    public void Fold_CollapsesEveryRunOfWhiteSpace() =>
        Assert.AreEqual("a b c", WordsCorpus.Fold("  a\n\n b\t\u00a0c \r\n"));

    [TestMethod]
    public void Evaluate_WrongExpectation_IsListedAsAFailure()
    {
        var dir = Directory.CreateTempSubdirectory("words-corpus-");
        try
        {
            File.WriteAllBytes(Path.Combine(dir.FullName, "a.eml"), TestFiles.Crlf("From: a@example.org", "Subject: Hi", "", "Hello there"));
            File.WriteAllText(Path.Combine(dir.FullName, "a.expected.json"), """{"visibleText": "Goodbye", "machine": null, "forwarded": null}""");

            var score = WordsCorpus.Evaluate(dir.FullName);

            Assert.AreEqual(0, score.VisibleTextExact);
            Assert.AreEqual("a.eml", score.Failures.Single().File);
            Assert.AreEqual("Hello there", score.Failures.Single().Actual);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [TestMethod]
    public void Evaluate_BrokenExpectation_SaysWhichFile()
    {
        var dir = Directory.CreateTempSubdirectory("words-corpus-");
        try
        {
            File.WriteAllBytes(Path.Combine(dir.FullName, "b.eml"), TestFiles.Crlf("Subject: x", "", "y"));
            File.WriteAllText(Path.Combine(dir.FullName, "b.expected.json"), "{\"machine\": null}");

            var e = Assert.ThrowsExactly<InvalidDataException>(() => WordsCorpus.Evaluate(dir.FullName));
            StringAssert.Contains(e.Message, "b.expected.json");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
