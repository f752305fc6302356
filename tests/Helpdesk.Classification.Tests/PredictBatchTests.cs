using Helpdesk.Classification.Model;
using Helpdesk.Classification.Pipeline;

namespace Helpdesk.Classification.Tests;

[TestClass]
public sealed class PredictBatchTests
{
    [TestMethod]
    public void PredictBatch_LargeBatch_SameProbabilitiesAsOneAtATimeInOrder()
    {
        IntentModel model = Fixtures.SeparableModel.Value;
        // Above the batch threshold, so the data-view path runs; mixed labels and odd texts, order must survive.
        string[] texts = Fixtures.Separable(12, seed: 7).Select(e => e.Text)
            .Concat(["", "¿dónde está mi pedido?", "thanks!!! 4111 1111 1111 1111", "<p>is my card&nbsp;safe</p>"]).ToArray();
        Assert.IsTrue(texts.Length >= IntentModel.BatchThreshold);

        IReadOnlyList<Prediction> batch = model.PredictBatch(texts);

        Assert.AreEqual(texts.Length, batch.Count);
        for (int i = 0; i < texts.Length; i++)
        {
            CollectionAssert.AreEqual(model.Predict(texts[i]).Ranked.ToArray(), batch[i].Ranked.ToArray(), $"text {i}: {texts[i]}");
        }
    }

    [TestMethod]
    public void PredictBatch_NullText_ThrowsNamingItsPosition()
    {
        IntentModel model = Fixtures.SeparableModel.Value;
        string[] texts = Enumerable.Repeat("where is my order", IntentModel.BatchThreshold + 3).ToArray();
        texts[5] = null!;

        var e = Assert.ThrowsExactly<ArgumentException>(() => model.PredictBatch(texts));

        StringAssert.Contains(e.Message, "Text 5");
    }

    [TestMethod]
    public void PredictBatch_Cancelled_Throws()
    {
        IntentModel model = Fixtures.SeparableModel.Value;
        string[] texts = Enumerable.Repeat("where is my order", 300).ToArray();

        Assert.ThrowsExactly<OperationCanceledException>(() => model.PredictBatch(texts, new CancellationToken(canceled: true)));
    }
}
