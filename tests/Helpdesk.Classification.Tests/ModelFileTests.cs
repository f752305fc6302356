using Helpdesk.Classification.Evaluation;
using Helpdesk.Classification.Model;
using Helpdesk.Classification.Training;

namespace Helpdesk.Classification.Tests;

[TestClass]
public sealed class ModelFileTests
{
    private static readonly DateTimeOffset Created = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    private static TextClassifierModel Train() => new TextClassifierTrainer(new TrainingOptions
    {
        TimeProvider = new FixedTimeProvider(Created),
        Features = new Features.FeatureSettings { HashBits = 16 },
    }).Train(Fixtures.Separable(30, seed: 1));

    private static byte[] Bytes(TextClassifierModel model)
    {
        using var stream = new MemoryStream();
        model.Save(stream);
        return stream.ToArray();
    }

    [TestMethod]
    public void SaveLoad_RoundTrip_GivesIdenticalPredictionsAndMetadata()
    {
        TextClassifierModel model = Train();
        string[] texts = Fixtures.Separable(20, seed: 5).Select(e => e.Text).Append("nothing familiar").ToArray();

        TextClassifierModel loaded = TextClassifierModel.Load(new MemoryStream(Bytes(model)));

        CollectionAssert.AreEqual(model.Labels.ToArray(), loaded.Labels.ToArray());
        Assert.AreEqual(model.Features, loaded.Features);
        Assert.AreEqual(model.Temperature, loaded.Temperature);
        Assert.AreEqual(model.FeatureCount, loaded.FeatureCount);
        Assert.AreEqual(Created, loaded.Metrics.CreatedUtc);
        Assert.AreEqual(model.Metrics.TrainingDataHash, loaded.Metrics.TrainingDataHash);
        Assert.AreEqual(120, loaded.Metrics.TrainingExamples);
        Assert.AreEqual(30, loaded.Metrics.ExamplesPerLabel["thanks"]);
        foreach (string text in texts)
        {
            CollectionAssert.AreEqual(model.Predict(text).Ranked.ToArray(), loaded.Predict(text).Ranked.ToArray(), text);
        }
    }

    [TestMethod]
    public void SaveLoad_Twice_IsByteIdentical()
    {
        byte[] first = Bytes(Train());

        byte[] second = Bytes(TextClassifierModel.Load(new MemoryStream(first)));

        CollectionAssert.AreEqual(first, second);
    }

    [TestMethod]
    public void SaveLoad_HeldOutMetrics_AreCarried()
    {
        TextClassifierModel model = Train();
        EvaluationReport report = Evaluator.Evaluate(model, Fixtures.Separable(10, seed: 9));

        TextClassifierModel scored = Evaluator.WithHeldOutMetrics(model, report);
        TextClassifierModel loaded = TextClassifierModel.Load(new MemoryStream(Bytes(scored)));

        Assert.AreEqual(report.MacroF1, loaded.Metrics.HeldOutMacroF1);
        Assert.AreEqual(40, loaded.Metrics.HeldOutExamples);
        Assert.AreEqual(report.DataHash, loaded.Metrics.HeldOutDataHash);
    }

    [TestMethod]
    public void Load_FlippedByte_ThrowsInvalidData()
    {
        byte[] bytes = Bytes(Train());
        bytes[bytes.Length / 2] ^= 0x40;

        var error = Assert.ThrowsExactly<InvalidDataException>(() => TextClassifierModel.Load(new MemoryStream(bytes)));

        StringAssert.Contains(error.Message, "checksum");
    }

    [TestMethod]
    public void Load_NotAModel_ThrowsInvalidData()
    {
        byte[] bytes = "{\"not\": \"a model\"}"u8.ToArray();

        var error = Assert.ThrowsExactly<InvalidDataException>(() => TextClassifierModel.Load(new MemoryStream(bytes)));

        StringAssert.Contains(error.Message, "magic");
    }

    [TestMethod]
    public void SaveToPath_ThenLoad_Works()
    {
        string path = Path.Combine(Path.GetTempPath(), $"model-{Guid.NewGuid():N}.hdtc");
        try
        {
            TextClassifierModel model = Train();

            ModelFile.Save(model, path);
            TextClassifierModel loaded = ModelFile.Load(path);

            Assert.AreEqual(model.Predict("strange charges on my card").Label, loaded.Predict("strange charges on my card").Label);
            Assert.IsFalse(File.Exists(path + ".tmp"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void IntentModelHolder_Swap_ReturnsPreviousAndServesNew()
    {
        TextClassifierModel first = Train();
        TextClassifierModel second = first.WithMetrics(first.Metrics with { HeldOutMacroF1 = 1 });
        var holder = new IntentModelHolder(first);
        TextClassifierModel? announced = null;
        holder.Swapped += (_, model) => announced = model;

        TextClassifierModel? previous = holder.Swap(second);

        Assert.AreSame(first, previous);
        Assert.AreSame(second, holder.Current);
        Assert.AreSame(second, announced);
    }
}
