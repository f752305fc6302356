using Helpdesk.Classification.Model;
using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Helpdesk.Classification.Pipeline;

/// <summary>
/// A trained ML.NET intent pipeline (normalizer through trainer) plus the temperature that calibrates its
/// probabilities. Thread-safe: a <see cref="PredictionEngine{TSrc,TDst}"/> is not, so each call borrows one from a pool
/// and gives it back; a swap (see <see cref="IntentModelHolder"/>) leaves calls in flight on the old instance.
/// </summary>
public sealed class IntentModel
{
    private readonly ObjectPool<Engine> _engines;

    internal IntentModel(MLContext ml, ITransformer transformer, DataViewSchema inputSchema, float temperature, ModelMetrics metrics)
        : this(ml, transformer, inputSchema, ReadLabels(transformer, inputSchema), temperature, metrics, null)
    {
    }

    private IntentModel(MLContext ml, ITransformer transformer, DataViewSchema inputSchema, string[] labels, float temperature,
        ModelMetrics metrics, ObjectPool<Engine>? engines)
    {
        if (!(temperature > 0) || float.IsInfinity(temperature))
        {
            throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "Temperature must be positive and finite.");
        }

        Context = ml;
        Transformer = transformer;
        InputSchema = inputSchema;
        LabelArray = labels;
        Temperature = temperature;
        Metrics = metrics;
        _engines = engines ?? new DefaultObjectPool<Engine>(new EnginePolicy(ml, transformer, inputSchema), Environment.ProcessorCount * 4);
    }

    /// <summary>The intents the model can predict, in score order.</summary>
    public IReadOnlyList<string> Labels => LabelArray;

    /// <summary>Log-probabilities are divided by this before renormalizing (fitted on a held-back fold).</summary>
    public float Temperature { get; }

    /// <summary>How the model was made and how well it did.</summary>
    public ModelMetrics Metrics { get; }

    internal MLContext Context { get; }
    internal ITransformer Transformer { get; }
    internal DataViewSchema InputSchema { get; }
    internal string[] LabelArray { get; }

    /// <summary>Ranks every intent for <paramref name="text"/> (subject, newline, visible body), calibrated.</summary>
    public Prediction Predict(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Engine engine = _engines.Get();
        try
        {
            engine.Input.Text = text;
            engine.Predictor.Predict(engine.Input, ref engine.Output);
            return Rank(engine.Output.Score);
        }
        finally
        {
            _engines.Return(engine);
        }
    }

    /// <summary>
    /// Predicts each text in order. Batches of <see cref="BatchThreshold"/> or more go through one <c>Transform</c> over
    /// an <see cref="IDataView"/> and one cursor (no engine from the pool, the pipeline's per-row buffers reused by
    /// the cursor); smaller ones one at a time. Both give the same probabilities.
    /// </summary>
    public IReadOnlyList<Prediction> PredictBatch(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var result = new Prediction[texts.Count];
        if (texts.Count < BatchThreshold)
        {
            for (int i = 0; i < result.Length; i++)
            {
                result[i] = Predict(texts[i] ?? throw new ArgumentException($"Text {i} is null.", nameof(texts)));
            }

            return result;
        }

        var rows = new MessageRow[texts.Count];
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i] = new MessageRow { Text = texts[i] ?? throw new ArgumentException($"Text {i} is null.", nameof(texts)) };
        }

        IDataView scored = Transformer.Transform(Context.Data.LoadFromEnumerable(rows));
        DataViewSchema.Column column = scored.Schema[IntentPipeline.Score];
        using DataViewRowCursor cursor = scored.GetRowCursor([column]);
        ValueGetter<VBuffer<float>> getter = cursor.GetGetter<VBuffer<float>>(column);
        VBuffer<float> score = default;
        for (int i = 0; cursor.MoveNext(); i++)
        {
            if ((i & 255) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            getter(ref score);
            result[i] = Rank(score.IsDense ? score.GetValues() : score.DenseValues().ToArray());
        }

        return result;
    }

    /// <summary>Below this many texts <see cref="PredictBatch"/> uses pooled engines (a data view costs more to set up).</summary>
    public const int BatchThreshold = 16;

    /// <summary>The same pipeline carrying other metrics (engines shared).</summary>
    public IntentModel WithMetrics(ModelMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return new IntentModel(Context, Transformer, InputSchema, LabelArray, Temperature, metrics, _engines);
    }

    /// <summary>The raw (uncalibrated) scores are probabilities; calibrated p_i ∝ p_i^(1/T), ranked, stable on ties.</summary>
    internal Prediction Rank(ReadOnlySpan<float> scores)
    {
        int k = LabelArray.Length;
        Span<double> logits = stackalloc double[k];
        double max = double.NegativeInfinity;
        for (int i = 0; i < k; i++)
        {
            logits[i] = Math.Log(Math.Max(scores[i], 1e-12f)) / Temperature;
            max = Math.Max(max, logits[i]);
        }

        double sum = 0;
        for (int i = 0; i < k; i++)
        {
            logits[i] = Math.Exp(logits[i] - max);
            sum += logits[i];
        }

        var ranked = new LabelProbability[k];
        for (int i = 0; i < k; i++)
        {
            ranked[i] = new LabelProbability(LabelArray[i], (float)(logits[i] / sum));
        }

        // Insertion sort, stable: equal probabilities keep label order, so ranking is deterministic.
        for (int i = 1; i < k; i++)
        {
            LabelProbability item = ranked[i];
            int j = i - 1;
            while (j >= 0 && ranked[j].Probability < item.Probability)
            {
                ranked[j + 1] = ranked[j];
                j--;
            }

            ranked[j + 1] = item;
        }

        return new Prediction(ranked);
    }

    /// <summary>The intent names, in score order: the slot names ML.NET puts on the score column.</summary>
    private static string[] ReadLabels(ITransformer transformer, DataViewSchema inputSchema)
    {
        DataViewSchema output = transformer.GetOutputSchema(inputSchema);
        VBuffer<ReadOnlyMemory<char>> names = default;
        output[IntentPipeline.Score].GetSlotNames(ref names);
        string[] labels = names.DenseValues().Select(n => n.ToString()).ToArray();
        if (labels.Length < 2)
        {
            throw new InvalidDataException("The model predicts fewer than two intents.");
        }

        return labels;
    }

    /// <summary>What a prediction engine writes.</summary>
    internal sealed class ScoreRow
    {
        [ColumnName(IntentPipeline.Score)]
        public float[] Score { get; set; } = [];
    }

    /// <summary>A pooled engine with its own input and output rows, so a prediction allocates only its answer.</summary>
    internal sealed class Engine(PredictionEngine<MessageRow, ScoreRow> predictor)
    {
        public PredictionEngine<MessageRow, ScoreRow> Predictor { get; } = predictor;
        public MessageRow Input { get; } = new();
        public ScoreRow Output = new();
    }

    private sealed class EnginePolicy(MLContext ml, ITransformer transformer, DataViewSchema inputSchema) : PooledObjectPolicy<Engine>
    {
        public override Engine Create() => new(ml.Model.CreatePredictionEngine<MessageRow, ScoreRow>(transformer, inputSchema: inputSchema));

        public override bool Return(Engine obj) => true;
    }
}
