using Helpdesk.Classification.Data;
using Helpdesk.Classification.Training;

namespace Helpdesk.Classification.Tests;

[TestClass]
public sealed class TrainingDataFileTests
{
    private const string Good1 = """{"id": "t-1", "intent": "reset_help", "lang": "en", "subject": "link expired", "body": "The link says expired.", "source": "plain"}""";
    private const string Good2 = """{"id": "t-2", "intent": "thanks", "lang": "fr", "subject": "", "body": "Merci !", "source": "html"}""";

    private static IReadOnlyList<TrainingMessage> Read(params string[] lines) =>
        TrainingDataFile.Read(new StringReader(string.Join("\n", lines)), "train/x.jsonl");

    [TestMethod]
    public void Read_GoodLines_ReturnsMessagesWithComposedText()
    {
        IReadOnlyList<TrainingMessage> messages = Read(Good1, "", Good2);

        Assert.AreEqual(2, messages.Count);
        LabeledText example = messages[0].ToLabeledText();
        Assert.AreEqual("link expired\nThe link says expired.", example.Text);
        Assert.AreEqual("reset_help", example.Label);
        Assert.AreEqual("t-1", example.Id);
        Assert.AreEqual("train/x.jsonl:3", messages[1].Location);
        Assert.AreEqual("html", messages[1].Source);
    }

    [TestMethod]
    [DataRow("{not json", "train/x.jsonl:2: not valid JSON")]
    [DataRow("[1, 2]", "train/x.jsonl:2: expected a JSON object")]
    [DataRow("""{"id": "t-9", "subject": "s", "body": "b"}""", "train/x.jsonl:2: missing \"intent\"")]
    [DataRow("""{"id": "t-9", "intent": "Reset Help", "body": "b"}""", "train/x.jsonl:2: intent \"Reset Help\" is not an intent id")]
    [DataRow("""{"intent": "thanks", "body": "b"}""", "train/x.jsonl:2: missing \"id\"")]
    [DataRow("""{"id": "t-9", "intent": "thanks", "subject": "", "body": " "}""", "train/x.jsonl:2: both \"subject\" and \"body\" are empty")]
    [DataRow("""{"id": "t-9", "intent": "thanks", "body": 5}""", "train/x.jsonl:2: \"body\" must be a string, found number")]
    [DataRow("""{"id": "t-9", "intent": "thanks", "body": "b", "source": "pdf"}""", "train/x.jsonl:2: source \"pdf\" must be")]
    [DataRow("""{"id": "t-9", "intent": "thanks", "body": "b", "lang": "English"}""", "train/x.jsonl:2: lang \"English\" is not a language code")]
    [DataRow("""{"id": "t-1", "intent": "thanks", "body": "b"}""", "train/x.jsonl:2: duplicate id \"t-1\" (first used at train/x.jsonl:1)")]
    public void Read_BadLine_ThrowsWithFileLineAndReason(string badLine, string expected)
    {
        var error = Assert.ThrowsExactly<TrainingDataException>(() => Read(Good1, badLine, Good2));

        Assert.AreEqual(1, error.Problems.Count);
        StringAssert.StartsWith(error.Problems[0], expected);
        StringAssert.Contains(error.Message, expected);
    }

    [TestMethod]
    public void Read_SeveralBadLines_ReportsEveryOne()
    {
        var error = Assert.ThrowsExactly<TrainingDataException>(() => Read("{", Good1, "{", "[]"));

        CollectionAssert.AreEqual(new[] { 1, 3, 4 }, error.Problems.Select(p => int.Parse(p.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        StringAssert.StartsWith(error.Message, "3 bad line(s)");
    }

    [TestMethod]
    public void Load_Folder_ReadsEveryJsonlFileInNameOrderAndChecksIdsAcrossFiles()
    {
        string folder = Directory.CreateTempSubdirectory("training-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "b.jsonl"), Good1 + "\n");
            File.WriteAllText(Path.Combine(folder, "a.jsonl"), Good2 + "\n");
            File.WriteAllText(Path.Combine(folder, "notes.txt"), "ignored");

            IReadOnlyList<LabeledText> examples = TrainingDataFile.Load(folder);

            CollectionAssert.AreEqual(new[] { "t-2", "t-1" }, examples.Select(e => e.Id).ToArray());

            File.WriteAllText(Path.Combine(folder, "c.jsonl"), Good2 + "\n");
            var error = Assert.ThrowsExactly<TrainingDataException>(() => TrainingDataFile.Load(folder));
            StringAssert.Contains(error.Problems[0], "c.jsonl:1: duplicate id \"t-2\"");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestMethod]
    public void Load_MissingPath_ThrowsFileNotFound()
    {
        Assert.ThrowsExactly<FileNotFoundException>(() => TrainingDataFile.Load("/no/such/training/data"));
    }
}
