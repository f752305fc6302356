using Helpdesk.Classification.Pipeline;
using Helpdesk.Core.Classification;
using Helpdesk.Core.Data;
using Helpdesk.Core.Tests.Support;

namespace Helpdesk.Core.Tests.Classification;

[TestClass]
public sealed class IntentClassifierServiceTests
{
    /// <summary>A cut of data/training (first <paramref name="perIntent"/> lines per intent, every 5th held-out line), so training takes a second.</summary>
    internal static string SmallTrainingSet(int perIntent)
    {
        var source = SeedFolder.Resolve(null, Path.GetTempPath(), "training");
        var dir = Path.Combine(Path.GetTempPath(), "helpdesk-tests", Guid.NewGuid().ToString("N"), "training");
        Directory.CreateDirectory(Path.Combine(dir, "train"));
        foreach (var file in Directory.GetFiles(Path.Combine(source, "train"), "*.jsonl"))
            File.WriteAllLines(Path.Combine(dir, "train", Path.GetFileName(file)), File.ReadLines(file).Take(perIntent));
        File.WriteAllLines(Path.Combine(dir, "heldout.jsonl"), File.ReadLines(Path.Combine(source, "heldout.jsonl")).Where((_, i) => i % 5 == 0));
        return dir;
    }

    private static Task<TestDatabase> DeskAsync(string trainingDirectory, string modelFile, string threshold = "0.8") =>
        TestDatabase.CreateAsync(new Dictionary<string, string?>
        {
            ["Helpdesk:Classification:TrainingDirectory"] = trainingDirectory,
            ["Helpdesk:Classification:ModelFile"] = modelFile,
            ["Helpdesk:Classification:TriageThreshold"] = threshold,
        });

    [TestMethod]
    public async Task EnsureModel_NoModelFile_TrainsTheSameModelTwice()
    {
        var training = SmallTrainingSet(40);
        var a = Path.Combine(training, "..", "a", "intent.model");
        var b = Path.Combine(training, "..", "b", "intent.model");
        await using var deskA = await DeskAsync(training, a);
        await using var deskB = await DeskAsync(training, b);

        await deskA.Get<IntentClassifierService>().EnsureModelAsync(null);
        await deskB.Get<IntentClassifierService>().EnsureModelAsync(null);

        // Deterministic run to run: every held-out message gets the same probabilities from both files.
        var modelA = IntentModelFile.Load(a);
        var modelB = IntentModelFile.Load(b);
        foreach (var text in deskA.Get<IntentClassifierService>().LoadHeldOut().Select(e => e.Text))
            CollectionAssert.AreEqual(modelA.Predict(text).Ranked.ToArray(), modelB.Predict(text).Ranked.ToArray(), text);
        Assert.IsNotNull(modelA.Metrics.HeldOutMacroF1);
        Assert.AreEqual(modelA.Metrics.HeldOutMacroF1, modelB.Metrics.HeldOutMacroF1);
        Assert.IsTrue(File.Exists(a + ".json"), "the metrics JSON beside the model");
        Assert.AreEqual(1, ModelHistory.List(a).Count, "the live model is also kept as a version");
        Assert.IsTrue(deskA.Get<ITicketClassifier>().IsReady);
    }

    [TestMethod]
    public async Task Classify_BelowThreshold_NeedsTriageWithoutIntentButRankedTopKept()
    {
        await using var desk = await TestDatabase.CreateAsync(new Dictionary<string, string?> { ["Helpdesk:Classification:TriageThreshold"] = "0.999999" });
        var classifier = desk.Get<ITicketClassifier>();
        await classifier.WarmUpAsync();

        var vague = classifier.Classify("", "hello");

        Assert.IsTrue(vague.NeedsTriage);
        Assert.IsNull(vague.Intent);
        Assert.AreEqual(3, vague.Top.Count);
        Assert.IsTrue(vague.Confidence < 0.999999);
    }

    [TestMethod]
    public async Task Classify_ClearQuestionAtDefaultThreshold_IntentGiven()
    {
        await using var desk = await TestDatabase.CreateAsync();
        var classifier = desk.Get<ITicketClassifier>();
        await classifier.WarmUpAsync();

        var p = classifier.Classify("card", "Is my credit card safe? Should I cancel my Visa card after the breach?");

        Assert.IsFalse(p.NeedsTriage);
        Assert.AreEqual("card_safety", p.Intent);
        Assert.AreEqual(p.Top[0].Probability, p.Confidence!.Value, 1e-9);
    }

    [TestMethod]
    public async Task ActivateIfNotWorse_WorseCandidateRejected_EqualOrBetterSwapped()
    {
        var small = SmallTrainingSet(40);
        var model = Path.Combine(small, "..", "live.model");
        await using var desk = await DeskAsync(small, model);
        var service = desk.Get<IntentClassifierService>();
        var live = await service.EnsureModelAsync(null);
        var same = await service.TrainAsync(null);
        await using var tinyDesk = await DeskAsync(SmallTrainingSetNextTo(small, 4), Path.Combine(small, "..", "tiny.model"));
        var worse = await tinyDesk.Get<IntentClassifierService>().TrainAsync(null);
        var swaps = 0;
        service.Holder.Swapped += (_, _) => swaps++;

        var rejected = await service.ActivateIfNotWorseAsync(worse);
        var afterReject = service.Holder.Current;
        var accepted = await service.ActivateIfNotWorseAsync(same);

        Assert.IsTrue(worse.HeldOut.MacroF1 < same.HeldOut.MacroF1);
        Assert.IsFalse(rejected.Activated);
        Assert.AreSame(live, afterReject);
        Assert.IsTrue(accepted.Activated);
        Assert.AreSame(same.Model, service.Holder.Current);
        Assert.AreEqual(1, swaps);
    }

    private static string SmallTrainingSetNextTo(string other, int perIntent)
    {
        var dir = SmallTrainingSet(perIntent);
        File.Copy(Path.Combine(other, "heldout.jsonl"), Path.Combine(dir, "heldout.jsonl"), overwrite: true);
        return dir;
    }

    [TestMethod]
    public async Task ReloadIfFileChanged_AnotherProcessReplacedTheModel_NewModelGoesLiveWithoutRestart()
    {
        await using (await TestDatabase.CreateAsync()) { } // makes sure the shared model exists
        var modelPath = Path.Combine(Path.GetTempPath(), "helpdesk-tests", $"reload-{Guid.NewGuid():N}.model");
        File.Copy(TestDatabase.SharedModelPath, modelPath);
        await using var desk = await TestDatabase.CreateAsync(new Dictionary<string, string?> { ["Helpdesk:Classification:ModelFile"] = modelPath });
        var service = desk.Get<IntentClassifierService>();
        await service.EnsureModelAsync(null);
        Assert.IsFalse(await service.ReloadIfFileChangedAsync(), "nothing changed yet");

        // What `helpdesk train --activate` in another process does: write a new model over the file.
        var other = new IntentTrainer().Train(
        [
            new("my card was charged twice", "card_safety"), new("strange charge on my visa", "card_safety"),
            new("the reset link expired", "reset_help"), new("no reset email came", "reset_help"),
        ], null, CancellationToken.None);
        File.SetLastWriteTimeUtc(modelPath, DateTime.UtcNow.AddMinutes(-1));
        IntentModelFile.Save(other, modelPath);

        Assert.IsTrue(await service.ReloadIfFileChangedAsync());
        CollectionAssert.AreEquivalent(new[] { "card_safety", "reset_help" }, service.Holder.Current!.Labels.ToArray());
        Assert.IsFalse(await service.ReloadIfFileChangedAsync(), "loaded once, not on every check");
        File.Delete(modelPath);
    }
}

[TestClass]
public sealed class ConfidenceTests
{
    [TestMethod]
    [DataRow(0.999, "99%")]
    [DataRow(0.995, "99%")]
    [DataRow(1.0, "99%")]
    [DataRow(0.8, "80%")]
    [DataRow(0.004, "1%")]
    public void Percent_AnyProbability_NeverShowsCertainty(double probability, string expected)
    {
        Assert.AreEqual(expected, Confidence.Percent(probability));
    }
}
