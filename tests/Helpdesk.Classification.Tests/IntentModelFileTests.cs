using Helpdesk.Classification.Evaluation;
using Helpdesk.Classification.Model;
using Helpdesk.Classification.Pipeline;

namespace Helpdesk.Classification.Tests;

[TestClass]
public sealed class IntentModelFileTests
{
    private static string TempPath(string name) =>
        Path.Combine(Path.GetTempPath(), "helpdesk-tests", Guid.NewGuid().ToString("N"), name);

    [TestMethod]
    public void SaveLoad_RoundTrip_GivesIdenticalPredictionsAndMetadata()
    {
        IntentModel model = Fixtures.SeparableModel.Value;
        string path = TempPath("intent.model");

        IntentModelFile.Save(model, path);
        IntentModel loaded = IntentModelFile.Load(path);

        CollectionAssert.AreEqual(model.Labels.ToArray(), loaded.Labels.ToArray());
        Assert.AreEqual(model.Temperature, loaded.Temperature);
        Assert.AreEqual(model.Metrics.TrainingDataHash, loaded.Metrics.TrainingDataHash);
        Assert.AreEqual(model.Metrics.Trainer, loaded.Metrics.Trainer);
        foreach (var example in Fixtures.Separable(10, seed: 9).Select(e => e.Text).Append("zebra umbrella").Append(""))
        {
            CollectionAssert.AreEqual(model.Predict(example).Ranked.ToArray(), loaded.Predict(example).Ranked.ToArray(), example);
        }
    }

    [TestMethod]
    public void Save_WritesTheMetricsJsonBeside()
    {
        var report = EvaluationReport.FromLabels(["thanks", "thanks"], ["thanks", "reset_help"]) with { DataHash = "h" };
        IntentModel model = Evaluator.WithHeldOutMetrics(Fixtures.SeparableModel.Value, report);
        string path = TempPath("intent.model");

        IntentModelFile.Save(model, path);
        IntentModelFile.Header? header = IntentModelFile.ReadSidecar(path);

        Assert.IsNotNull(header);
        Assert.AreEqual(report.MacroF1, header.Metrics.HeldOutMacroF1);
        Assert.AreEqual("h", header.Metrics.HeldOutDataHash);
        Assert.AreEqual(model.Temperature, header.Temperature);
        Assert.AreEqual(report.MacroF1, IntentModelFile.Load(path).Metrics.HeldOutMacroF1);
    }

    [TestMethod]
    public void Load_NotAModel_ThrowsInvalidDataNamingTheFile()
    {
        string path = TempPath("junk.model");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "this is not a zip");

        var e = Assert.ThrowsExactly<InvalidDataException>(() => IntentModelFile.Load(path));

        StringAssert.Contains(e.Message, path);
    }

    [TestMethod]
    public void SaveLive_ThreeModels_KeepsEachAsAVersionNewestFirst()
    {
        string live = TempPath("intent.model");
        IntentModel model = Fixtures.SeparableModel.Value;
        var day = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

        for (int i = 0; i < ModelHistory.Keep + 2; i++)
        {
            ModelHistory.SaveLive(model.WithMetrics(model.Metrics with { CreatedUtc = day.AddHours(i) }), live);
        }

        IReadOnlyList<ModelHistory.Version> versions = ModelHistory.List(live);
        Assert.AreEqual(ModelHistory.Keep, versions.Count);
        Assert.AreEqual(day.AddHours(ModelHistory.Keep + 1), versions[0].Header.Metrics.CreatedUtc);
        Assert.AreEqual(day.AddHours(ModelHistory.Keep + 1), IntentModelFile.Load(live).Metrics.CreatedUtc);
    }

    [TestMethod]
    public void Holder_ManyThreadsPredictingWhileModelsSwap_EveryAnswerComesFromAWholeModel()
    {
        IntentModel a = Fixtures.SeparableModel.Value;
        IntentModel b = new IntentTrainer(Fixtures.Options with { Seed = 7 }).Train(Fixtures.Separable(20, seed: 3));
        var holder = new IntentModelHolder(a);
        string[] texts = Fixtures.Separable(5, seed: 11).Select(e => e.Text).ToArray();
        // What each model answers alone, one thread: every concurrent answer must equal one of these exactly.
        var expected = texts.ToDictionary(t => t, t => (A: a.Predict(t).Ranked.ToArray(), B: b.Predict(t).Ranked.ToArray()));
        using var stop = new CancellationTokenSource();
        int swaps = 0;
        Task swapper = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                holder.Swap(swaps++ % 2 == 0 ? b : a);
                Thread.Sleep(1);
            }
        });
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        int predictions = 0;

        Parallel.For(0, 16, new ParallelOptions { MaxDegreeOfParallelism = 16 }, worker =>
        {
            // Until the models swapped a good number of times under the readers (bounded, for a loaded machine).
            var clock = System.Diagnostics.Stopwatch.StartNew();
            for (int i = 0; i < 200 || (Volatile.Read(ref swaps) < 20 && clock.Elapsed < TimeSpan.FromSeconds(30)); i++)
            {
                string text = texts[(worker + i) % texts.Length];
                LabelProbability[] got = holder.Current!.Predict(text).Ranked.ToArray();
                if (!got.SequenceEqual(expected[text].A) && !got.SequenceEqual(expected[text].B))
                {
                    failures.Add(text);
                }

                Interlocked.Increment(ref predictions);
            }
        });
        stop.Cancel();
        swapper.Wait();

        Assert.IsTrue(predictions >= 16 * 200, $"{predictions} predictions");
        Assert.IsTrue(swaps >= 20, $"the models swapped {swaps} times during the run");
        Assert.IsEmpty(failures, string.Join("\n", failures.Take(5)));
    }
}
