namespace Helpdesk.Cli.Tests;

/// <summary>`helpdesk words --corpus DIR`: the scores and the failures, and clear errors for bad input.</summary>
[TestClass]
public sealed class WordsCommandTests
{
    private static readonly string Corpus = Path.Combine(CliRun.RepositoryRoot, "tests", "Helpdesk.Mail.Tests", "TestData", "customer-words");

    [TestMethod]
    public async Task Words_TeamCorpus_PrintsEveryScore()
    {
        using var cli = new CliRun();

        var (exit, output, error) = await cli.RunAsync("words", "--corpus", Corpus, "--failures", "0");

        Assert.AreEqual(0, exit, error);
        StringAssert.Contains(output, "visible text exact");
        StringAssert.Contains(output, "machine precision");
        StringAssert.Contains(output, "machine recall");
        StringAssert.Contains(output, "forwarded accuracy");
        var messages = int.Parse(output.Split('\n')[0].Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
        Assert.IsGreaterThanOrEqualTo(300, messages);
    }

    [TestMethod]
    public async Task Words_WrongExpectation_ListsTheFailure()
    {
        var dir = Directory.CreateTempSubdirectory("words-cli-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "m.eml"), "From: a@example.org\r\nSubject: Hi\r\n\r\nHello there\r\n");
            File.WriteAllText(Path.Combine(dir.FullName, "m.expected.json"), """{"visibleText": "Something else", "machine": null, "forwarded": null}""");
            using var cli = new CliRun();

            var (exit, output, _) = await cli.RunAsync("words", "--corpus", dir.FullName);

            Assert.AreEqual(0, exit);
            StringAssert.Contains(output, "visible text exact   0.0 %");
            StringAssert.Contains(output, "m.eml [visibleText]");
            StringAssert.Contains(output, "actual:   Hello there");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [TestMethod]
    public async Task Words_MissingFolder_ExitsOneWithMessage()
    {
        using var cli = new CliRun();

        var (exit, _, error) = await cli.RunAsync("words", "--corpus", "/nonexistent/corpus");

        Assert.AreEqual(1, exit);
        StringAssert.Contains(error, "/nonexistent/corpus");
    }

    [TestMethod]
    public async Task Words_NoCorpusOption_IsAUsageError()
    {
        using var cli = new CliRun();

        var (exit, _, error) = await cli.RunAsync("words");

        Assert.AreNotEqual(0, exit);
        StringAssert.Contains(error, "--corpus");
    }
}
