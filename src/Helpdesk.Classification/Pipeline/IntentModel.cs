using Helpdesk.Classification.Model;
using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Helpdesk.Classification.Pipeline;

/// <summary>
/// A trained ML.NET intent pipeline (normalizer through trainer) plus the temperature that calibrates its
/// probabilities. Thread-safe: a <see cref="PredictionEngine{TSrc,TDst}"/> is not, so each call borrows one from a pool
/// and gives it back; a swap (see <see cref="IntentModelHolder"/>) leaves calls in flight on the old instance.
/// When the last step is one-versus-all over calibrated linear models (the default trainer), ML.NET featurizes and
/// <see cref="LinearIntentScorer"/> scores the eleven models in one pass; other trainers are scored by ML.NET.
/// </summary>
public sealed class IntentModel
{
    private readonly ObjectPool<Engine> _engines;
    private readonly (ITransformer Featurizer, LinearIntentScorer Scorer)? _linear;

    internal IntentModel(MLContext ml, ITransformer transformer, DataViewSchema inputSchema, float temperature, ModelMetrics metrics)
        : this(ml, transformer, inputSchema, ReadLabels(transformer, inputSchema), temperature, metrics, null, LinearIntentScorer.TrySplit(transformer))
    {
    }

    private IntentModel(MLContext ml, ITransformer transformer, DataViewSchema inputSchema, string[] labels, float temperature,
        ModelMetrics metrics, ObjectPool<Engine>? engines, (ITransformer Featurizer, LinearIntentScorer Scorer)? linear)
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
        if (linear is { } l && l.Scorer.Count != labels.Length)
        {
            throw new InvalidDataException($"The scorer has {l.Scorer.Count} intents, the pipeline {labels.Length}.");
        }

        _linear = linear;
        _engines = engines ?? new DefaultObjectPool<Engine>(new EnginePolicy(ml, linear?.Featurizer ?? transformer, inputSchema), Environment.ProcessorCount * 4);
    }

    /// <summary>True when predictions are scored by <see cref="LinearIntentScorer"/> rather than ML.NET's scorer.</summary>
    internal bool ScoresItself => _linear is not null;

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
            if (_linear is { Scorer: var scorer })
            {
                engine.Featurizer!.Predict(engine.Input, ref engine.Features);
                Span<float> scores = stackalloc float[scorer.Count];
                scorer.Score(engine.Features.Features, scores);
                return Rank(scores);
            }

            engine.Predictor!.Predict(engine.Input, ref engine.Output);
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

        IDataView input = Context.Data.LoadFromEnumerable(rows);
        if (_linear is { } linear)
        {
            IDataView featurized = linear.Featurizer.Transform(input);
            DataViewSchema.Column featureColumn = featurized.Schema[IntentPipeline.Features];
            using DataViewRowCursor featureCursor = featurized.GetRowCursor([featureColumn]);
            ValueGetter<VBuffer<float>> features = featureCursor.GetGetter<VBuffer<float>>(featureColumn);
            VBuffer<float> x = default;
            var scores = new float[linear.Scorer.Count];
            for (int i = 0; featureCursor.MoveNext(); i++)
            {
                if ((i & 255) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                features(ref x);
                linear.Scorer.Score(x, scores);
                result[i] = Rank(scores);
            }

            return result;
        }

        int row = 0;
        foreach (float[] score in MlNetScores(input))
        {
            if ((row & 255) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            result[row++] = Rank(score);
        }

        return result;
    }

    /// <summary>ML.NET's own (uncalibrated) score vectors for <paramref name="texts"/>, whatever path <see cref="Predict"/> takes.</summary>
    internal IEnumerable<float[]> MlNetScores(IReadOnlyList<string> texts) =>
        MlNetScores(Context.Data.LoadFromEnumerable(texts.Select(t => new MessageRow { Text = t }).ToList()));

    /// <summary>The self-scored (uncalibrated) vectors for <paramref name="texts"/>; null when ML.NET scores this model.</summary>
    internal IEnumerable<float[]>? SelfScores(IReadOnlyList<string> texts)
    {
        if (_linear is not { } linear)
        {
            return null;
        }

        var featureEngine = Context.Model.CreatePredictionEngine<MessageRow, FeatureRow>(linear.Featurizer, inputSchema: InputSchema);
        return texts.Select(t =>
        {
            var scores = new float[linear.Scorer.Count];
            linear.Scorer.Score(featureEngine.Predict(new MessageRow { Text = t }).Features, scores);
            return scores;
        }).ToList();
    }

    private IEnumerable<float[]> MlNetScores(IDataView input)
    {
        IDataView scored = Transformer.Transform(input);
        DataViewSchema.Column column = scored.Schema[IntentPipeline.Score];
        using DataViewRowCursor cursor = scored.GetRowCursor([column]);
        ValueGetter<VBuffer<float>> getter = cursor.GetGetter<VBuffer<float>>(column);
        VBuffer<float> score = default;
        while (cursor.MoveNext())
        {
            getter(ref score);
            yield return score.DenseValues().ToArray();
        }
    }

    /// <summary>Below this many texts <see cref="PredictBatch"/> uses pooled engines (a data view costs more to set up).</summary>
    public const int BatchThreshold = 16;

    /// <summary>The same pipeline carrying other metrics (engines shared).</summary>
    public IntentModel WithMetrics(ModelMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return new IntentModel(Context, Transformer, InputSchema, LabelArray, Temperature, metrics, _engines, _linear);
    }

    /// <summary>The same model scored by ML.NET's own one-versus-all scorer (for comparisons and benchmarks).</summary>
    internal IntentModel WithMlNetScorer() => new(Context, Transformer, InputSchema, LabelArray, Temperature, Metrics, null, null);

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

    /// <summary>What the featurizing part of the chain writes.</summary>
    internal sealed class FeatureRow
    {
        [ColumnName(IntentPipeline.Features)]
        public VBuffer<float> Features;
    }

    /// <summary>
    /// A pooled engine with its own input and output rows, so a prediction allocates only its answer: either the whole
    /// chain (<see cref="Predictor"/>) or its featurizing part (<see cref="Featurizer"/>) when the model scores itself.
    /// </summary>
    internal sealed class Engine
    {
        public PredictionEngine<MessageRow, ScoreRow>? Predictor { get; init; }
        public PredictionEngine<MessageRow, FeatureRow>? Featurizer { get; init; }
        public MessageRow Input { get; } = new();
        public ScoreRow Output = new();
        public FeatureRow Features = new();
    }

    private sealed class EnginePolicy(MLContext ml, ITransformer transformer, DataViewSchema inputSchema) : PooledObjectPolicy<Engine>
    {
        private readonly bool _featuresOnly = transformer.GetOutputSchema(inputSchema).GetColumnOrNull(IntentPipeline.Score) is null;

        public override Engine Create() => _featuresOnly
            ? new Engine { Featurizer = ml.Model.CreatePredictionEngine<MessageRow, FeatureRow>(transformer, inputSchema: inputSchema) }
            : new Engine { Predictor = ml.Model.CreatePredictionEngine<MessageRow, ScoreRow>(transformer, inputSchema: inputSchema) };

        public override bool Return(Engine obj) => true;
    }
}
