using Helpdesk.Mail.CustomerWords;
using Helpdesk.Mail.Mime;
using Helpdesk.Mail.Reading;
using Helpdesk.Mail.Tests.Support;

namespace Helpdesk.Mail.Tests;

/// <summary>
/// Every TestData/golden/x.eml read by <see cref="EmailReader"/> and written as `helpdesk parse` JSON must match
/// x.expected.json field by field (hand-written by the team; "*" means "not checked").
/// </summary>
[TestClass]
public sealed class GoldenCorpusTests
{
    public static IEnumerable<object[]> GoldenMessages =>
        TestFiles.Messages(TestFiles.Golden).Select(f => new object[] { Path.GetFileName(f) });

    [TestMethod]
    [DynamicData(nameof(GoldenMessages))]
    public void Read_GoldenMessage_MatchesExpectedJson(string fileName)
    {
        var eml = Path.Combine(TestFiles.Golden, fileName);
        var expectedPath = Path.ChangeExtension(eml, null) + ".expected.json";
        Assert.IsTrue(File.Exists(expectedPath), $"{fileName} has no {Path.GetFileName(expectedPath)} beside it");

        var email = new EmailReader().Read(File.ReadAllBytes(eml));
        var actual = ParsedEmailJson.ToJson(email, fileName);

        var diffs = JsonDiff.Compare(File.ReadAllText(expectedPath), actual);
        Assert.IsEmpty(diffs, JsonDiff.Format(fileName, diffs));
    }

    [TestMethod]
    public void GoldenCorpus_EveryExpectedJson_HasItsMessage()
    {
        var orphans = Directory.Exists(TestFiles.Golden)
            ? Directory.GetFiles(TestFiles.Golden, "*.expected.json")
                .Where(j => !File.Exists(j[..^".expected.json".Length] + ".eml"))
                .Select(Path.GetFileName).ToList()
            : [];
        Assert.IsEmpty(orphans, "expected.json without .eml: " + string.Join(", ", orphans));
    }
}
