using Helpdesk.Core.Classification;
using Helpdesk.Core.Data;
using Helpdesk.Core.Intents;
using Helpdesk.Core.Replies;
using Helpdesk.Core.Tests.Support;

namespace Helpdesk.Core.Tests.Classification;

[TestClass]
public sealed class ModelRetrainingTests
{
    /// <summary>The first <paramref name="perIntent"/> lines per intent of data/training, and every 10th held-out line.</summary>
    private static void WriteTrainingSet(string dir, int perIntent)
    {
        var source = SeedFolder.Resolve(null, Path.GetTempPath(), "training");
        Directory.CreateDirectory(Path.Combine(dir, "train"));
        foreach (var file in Directory.GetFiles(Path.Combine(source, "train"), "*.jsonl"))
            File.WriteAllLines(Path.Combine(dir, "train", Path.GetFileName(file)), File.ReadLines(file).Take(perIntent));
        File.WriteAllLines(Path.Combine(dir, "heldout.jsonl"), File.ReadLines(Path.Combine(source, "heldout.jsonl")).Where((_, i) => i % 10 == 0));
    }

    private static async Task<(TestDatabase Desk, string Training)> DeskAsync(int perIntent)
    {
        var root = Path.Combine(Path.GetTempPath(), "helpdesk-tests", Guid.NewGuid().ToString("N"));
        var training = Path.Combine(root, "training");
        WriteTrainingSet(training, perIntent);
        var desk = await TestDatabase.CreateAsync(new Dictionary<string, string?>
        {
            ["Helpdesk:Classification:TrainingDirectory"] = training,
            ["Helpdesk:Classification:ModelFile"] = Path.Combine(root, "intent.model"),
        });
        await desk.Get<IntentClassifierService>().EnsureModelAsync(null);
        return (desk, training);
    }

    [TestMethod]
    public async Task EnsureModel_ModelFileOfTheOldFormat_SetAsideAndANewModelTrained()
    {
        var root = Path.Combine(Path.GetTempPath(), "helpdesk-tests", Guid.NewGuid().ToString("N"));
        var training = Path.Combine(root, "training");
        WriteTrainingSet(training, perIntent: 4);
        var modelFile = Path.Combine(root, "intent.model");
        // What the hand-written classifier left behind: not an ML.NET zip. An upgraded desk must not run without a model.
        await File.WriteAllBytesAsync(modelFile, "HDINTENT\u0001 hashed n-gram weights"u8.ToArray());
        await using var desk = await TestDatabase.CreateAsync(new Dictionary<string, string?>
        {
            ["Helpdesk:Classification:TrainingDirectory"] = training,
            ["Helpdesk:Classification:ModelFile"] = modelFile,
        });

        var model = await desk.Get<IntentClassifierService>().EnsureModelAsync(null);

        Assert.IsNotNull(model);
        Assert.AreSame(model, desk.Get<IntentClassifierService>().Holder.Current);
        Assert.IsTrue(File.Exists(modelFile + ".unreadable"), "the old file is kept aside, not deleted");
        Assert.IsTrue(File.Exists(modelFile), "a new model was trained and saved in its place");
    }

    [TestMethod]
    public async Task RetrainThenActivate_MoreData_BothScoredAndNewModelGoesLive()
    {
        var (desk, training) = await DeskAsync(perIntent: 4);
        await using var _ = desk;
        WriteTrainingSet(training, perIntent: 40);
        var retraining = desk.Get<ModelRetraining>();
        var before = desk.Get<IntentClassifierService>().Holder.Current;

        Assert.IsTrue(retraining.Start());
        await retraining.Running;
        var ready = retraining.Status;
        var outcome = await retraining.ActivateAsync();

        Assert.AreEqual(RetrainState.Ready, ready.State, ready.Error);
        Assert.IsNotNull(ready.Live);
        Assert.AreEqual(ready.Live.Examples, ready.Candidate!.HeldOut.Examples);
        Assert.IsTrue(ready.Candidate.HeldOut.MacroF1 > ready.Live.MacroF1, $"{ready.Candidate.HeldOut.MacroF1} vs {ready.Live.MacroF1}");
        Assert.IsTrue(outcome.Activated, outcome.Message);
        StringAssert.StartsWith(outcome.Message, "Activated");
        Assert.AreNotSame(before, desk.Get<IntentClassifierService>().Holder.Current);
        Assert.AreSame(ready.Candidate.Model, desk.Get<IntentClassifierService>().Holder.Current);
    }

    [TestMethod]
    public async Task Activate_WorseCandidate_RefusedWithTheReasonAndLiveModelKept()
    {
        var (desk, training) = await DeskAsync(perIntent: 40);
        await using var _ = desk;
        WriteTrainingSet(training, perIntent: 2);
        var retraining = desk.Get<ModelRetraining>();
        var live = desk.Get<IntentClassifierService>().Holder.Current;

        retraining.Start();
        await retraining.Running;
        var outcome = await retraining.ActivateAsync();

        Assert.IsFalse(outcome.Activated);
        StringAssert.Contains(outcome.Message, "lower than the live model's");
        Assert.AreSame(live, desk.Get<IntentClassifierService>().Holder.Current);
        Assert.AreEqual(outcome.Message, retraining.Status.Outcome);
    }

    [TestMethod]
    public async Task Activate_NothingTrained_SaysToRetrainFirst()
    {
        await using var desk = await TestDatabase.CreateAsync();

        var outcome = await desk.Get<ModelRetraining>().ActivateAsync();

        Assert.IsFalse(outcome.Activated);
        StringAssert.Contains(outcome.Message, "Retrain first");
    }

    [TestMethod]
    public async Task Retrain_AfterMerge_ModelKnowsOnlyTheIntentMergedInto()
    {
        var (desk, _) = await DeskAsync(perIntent: 8);
        await using var __ = desk;
        await desk.Get<IntentCatalog>().MergeAsync("login_problem", "reset_help", await desk.AddStaffAsync());
        var retraining = desk.Get<ModelRetraining>();

        retraining.Start();
        await retraining.Running;

        var candidate = retraining.Status.Candidate!;
        Assert.IsFalse(candidate.Model.Labels.Contains("login_problem"));
        Assert.IsTrue(candidate.Model.Labels.Contains("reset_help"));
        Assert.IsFalse(candidate.HeldOut.Labels.Contains("login_problem"));
    }

    [TestMethod]
    public async Task Retrain_WhileTraining_StatusShowsEachStageThenClearsIt()
    {
        var (desk, training) = await DeskAsync(perIntent: 4);
        await using var _ = desk;
        WriteTrainingSet(training, perIntent: 12);
        var retraining = desk.Get<ModelRetraining>();
        var stages = new List<string>();
        retraining.Changed += () =>
        {
            var status = retraining.Status;
            if (status.State == RetrainState.Training && status.Stage is { } stage) lock (stages) stages.Add(stage);
        };

        retraining.Start();
        await retraining.Running;

        // The calibration fit, the calibration result and the final fit, in that order, while the state said Training.
        lock (stages)
        {
            Assert.IsTrue(stages.Count >= 3, string.Join(" | ", stages));
            StringAssert.StartsWith(stages[0], "Fit 1/2");
            Assert.IsTrue(stages.Any(s => s.StartsWith("Calibrated on", StringComparison.Ordinal)), string.Join(" | ", stages));
            Assert.IsTrue(stages.FindIndex(s => s.StartsWith("Fit 2/2", StringComparison.Ordinal)) > 0, string.Join(" | ", stages));
        }
        Assert.AreEqual(RetrainState.Ready, retraining.Status.State, retraining.Status.Error);
        Assert.IsNull(retraining.Status.Stage, "no stage once the candidate is ready");
    }
}
