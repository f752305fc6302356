using System.Text.Json;

namespace Helpdesk.Cli.Tests;

// Environment variables are process-wide: the CLI tests of this assembly run one at a time.
[TestClass]
public sealed class ClassifierVerbTests
{
    private static string _model = "";
    private static (int Exit, string Out, string Err) _train;

    private static string Golden(string name) =>
        Path.Combine(CliRun.RepositoryRoot, "tests", "Helpdesk.Mail.Tests", "TestData", "golden", name);

    /// <summary>Trains once for the class (a fresh desk: no model yet) and keeps the model for the other tests.</summary>
    [ClassInitialize]
    public static async Task TrainOnce(TestContext _)
    {
        using var cli = new CliRun();
        cli.Set("Helpdesk__Classification__UseGeneratedTraining", "false"); // the seed set: half the training time
        _train = await cli.RunAsync("train", "--activate");
        _model = Path.Combine(Path.GetTempPath(), "helpdesk-cli-tests", $"intent-{Guid.NewGuid():N}.model");
        var live = Path.Combine(cli.Directory, "models", "intent.model");
        if (File.Exists(live)) File.Copy(live, _model);
    }

    private static CliRun DeskWithModel()
    {
        var cli = new CliRun();
        Directory.CreateDirectory(Path.Combine(cli.Directory, "models"));
        File.Copy(_model, Path.Combine(cli.Directory, "models", "intent.model"));
        return cli;
    }

    [TestMethod]
    public void Train_FreshDesk_PrintsHeldOutMetricsAndActivates()
    {
        Assert.AreEqual(0, _train.Exit, _train.Err);
        StringAssert.Contains(_train.Out, "Trained on 2625 seed messages + 0 accepted corrections");
        StringAssert.Contains(_train.Out, "macro-F1");
        StringAssert.Contains(_train.Out, "Activated: held-out macro-F1");
        StringAssert.Contains(_train.Out, "live none");
        Assert.IsTrue(File.Exists(_model));
    }

    [TestMethod]
    public async Task Train_Usage_UnknownOptionIsUsageError()
    {
        using var cli = new CliRun();

        var (exit, _, error) = await cli.RunAsync("train", "--fast");

        Assert.AreEqual(2, exit);
        StringAssert.Contains(error, "--fast");
    }

    [TestMethod]
    public async Task EvaluateJson_LiveModel_MacroF1AboveGatePerIntentAndConfusionMatrix()
    {
        using var cli = DeskWithModel();

        var (exit, output, error) = await cli.RunAsync("evaluate", "--json");

        Assert.AreEqual(0, exit, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.IsTrue(root.GetProperty("macroF1").GetDouble() >= 0.92, output);
        Assert.AreEqual(11, root.GetProperty("perLabel").GetArrayLength());
        Assert.AreEqual(11, root.GetProperty("confusionMatrix").GetArrayLength());
        Assert.AreEqual(670, root.GetProperty("examples").GetInt32());
        Assert.AreEqual(670, root.GetProperty("confidenceBands").EnumerateArray().Sum(b => b.GetProperty("examples").GetInt32()));
        Assert.AreEqual("", error, "a loaded model trains nothing, so there is no progress");
    }

    [TestMethod]
    public async Task EvaluateJson_UnseenHeldOutFile_ScoresThatFile()
    {
        using var cli = DeskWithModel();
        var unseen = Path.Combine(CliRun.RepositoryRoot, "data", "training", "heldout-unseen.jsonl");

        var (exit, output, error) = await cli.RunAsync("evaluate", "--json", "--heldout", unseen);

        Assert.AreEqual(0, exit, error);
        using var json = JsonDocument.Parse(output);
        Assert.AreEqual(440, json.RootElement.GetProperty("examples").GetInt32());
        Assert.AreEqual(11, json.RootElement.GetProperty("perLabel").GetArrayLength());
    }

    [TestMethod]
    public async Task Evaluate_MissingHeldOutFile_UsageErrorNamesIt()
    {
        using var cli = DeskWithModel();

        var (exit, _, error) = await cli.RunAsync("evaluate", "--heldout", "/nonexistent/unseen.jsonl");

        Assert.AreEqual(2, exit);
        StringAssert.Contains(error, "/nonexistent/unseen.jsonl");
    }

    [TestMethod]
    public async Task Evaluate_ModelFileText_PrintsPerIntentTable()
    {
        using var cli = new CliRun();

        var (exit, output, error) = await cli.RunAsync("evaluate", "--model", _model);

        Assert.AreEqual(0, exit, error);
        StringAssert.Contains(output, "confusion matrix");
        StringAssert.Contains(output, "identity_protection");
        StringAssert.Contains(output, "accuracy by confidence");
    }

    [TestMethod]
    public async Task Classify_BounceAutoReplyAndCustomerMail_OneLineEach()
    {
        using var cli = DeskWithModel();

        var (exit, output, error) = await cli.RunAsync("classify",
            Golden("bounce-gmail-nosuchuser.eml"), Golden("autoreply-sieve-vacation.eml"), Golden("iphone-plain-intl-access.eml"));

        Assert.AreEqual(0, exit, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.AreEqual(3, lines.Length);
        using var bounce = JsonDocument.Parse(lines[0]);
        Assert.AreEqual("bounce", bounce.RootElement.GetProperty("intent").GetString());
        Assert.AreEqual("bounce", bounce.RootElement.GetProperty("machine").GetProperty("kind").GetString());
        Assert.AreEqual(JsonValueKind.Object, bounce.RootElement.GetProperty("machine").GetProperty("bounce").ValueKind);
        Assert.AreEqual(0, bounce.RootElement.GetProperty("suggestions").GetArrayLength());
        using var autoReply = JsonDocument.Parse(lines[1]);
        Assert.AreEqual("auto_reply", autoReply.RootElement.GetProperty("intent").GetString());
        using var customer = JsonDocument.Parse(lines[2]);
        var c = customer.RootElement;
        Assert.AreEqual("intl_access", c.GetProperty("intent").GetString());
        Assert.IsTrue(c.GetProperty("confidence").GetDouble() >= 0.8);
        Assert.AreEqual(3, c.GetProperty("top").GetArrayLength());
        Assert.AreEqual("intl_access", c.GetProperty("top")[0].GetProperty("intent").GetString());
        Assert.AreEqual("none", c.GetProperty("machine").GetProperty("kind").GetString());
        var suggestions = c.GetProperty("suggestions").EnumerateArray().Select(s => s.GetString()).ToList();
        Assert.AreEqual(3, suggestions.Count);
        Assert.AreEqual("intl_access.outside_us.en", suggestions[0]);
    }

    [TestMethod]
    public async Task Classify_SpanishCustomer_SpanishSuggestions()
    {
        using var cli = DeskWithModel();

        var (exit, output, error) = await cli.RunAsync("classify", Golden("gmail-es-escribio.eml"));

        Assert.AreEqual(0, exit, error);
        using var json = JsonDocument.Parse(output);
        var suggestions = json.RootElement.GetProperty("suggestions").EnumerateArray().Select(s => s.GetString()!).ToList();
        Assert.AreEqual(3, suggestions.Count);
        Assert.IsTrue(suggestions.All(s => s.EndsWith(".es", StringComparison.Ordinal)), string.Join(", ", suggestions));
    }

    [TestMethod]
    public async Task Classify_MissingFile_ExitOneAndNamesIt()
    {
        using var cli = DeskWithModel();

        var (exit, _, error) = await cli.RunAsync("classify", "no-such-file.eml");

        Assert.AreEqual(1, exit);
        StringAssert.Contains(error, "no-such-file.eml");
    }
}
