using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Helpdesk.Classification.Features;

namespace Helpdesk.Classification.Model;

/// <summary>
/// A trained intent model: hashed n-gram TF-IDF features and a multinomial logistic regression with
/// a fitted temperature. Immutable, so any number of threads may call <see cref="Predict"/> at once
/// and a desk can swap models by replacing a reference (see <see cref="IntentModelHolder"/>).
/// </summary>
public sealed class TextClassifierModel
{
    private readonly string[] _labels;
    private readonly Vocabulary _vocabulary;
    private readonly FeatureExtractor _extractor;
    private readonly float[] _weights; // row-major, Stride floats per row; columns >= label count are zero
    private readonly float[] _bias;

    internal TextClassifierModel(
        FeatureSettings features,
        string[] labels,
        Vocabulary vocabulary,
        float[] paddedWeights,
        float[] paddedBias,
        float temperature,
        ModelMetrics metrics)
    {
        if (labels.Length < 2)
        {
            throw new ArgumentException("A model needs at least two labels.", nameof(labels));
        }

        if (!(temperature > 0) || float.IsInfinity(temperature))
        {
            throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "Temperature must be positive and finite.");
        }

        Stride = RowMath.StrideFor(labels.Length);
        if (paddedWeights.Length != vocabulary.Count * Stride || paddedBias.Length != Stride)
        {
            throw new ArgumentException("Weights do not match the vocabulary and label count.", nameof(paddedWeights));
        }

        Features = features;
        _labels = labels;
        _vocabulary = vocabulary;
        _extractor = new FeatureExtractor(features);
        _weights = paddedWeights;
        _bias = paddedBias;
        Temperature = temperature;
        Metrics = metrics;
    }

    /// <summary>The labels (intent ids) the model can predict, in ordinal order.</summary>
    public IReadOnlyList<string> Labels => _labels;

    /// <summary>The feature settings the model was trained with.</summary>
    public FeatureSettings Features { get; }

    /// <summary>Logits are divided by this before the softmax (fitted on a held-back fold).</summary>
    public float Temperature { get; }

    /// <summary>How the model was made and how well it did.</summary>
    public ModelMetrics Metrics { get; }

    /// <summary>Feature rows with weights (buckets seen in training).</summary>
    public int FeatureCount => _vocabulary.Count;

    internal int Stride { get; }
    internal Vocabulary Vocabulary => _vocabulary;
    internal float[] PaddedWeights => _weights;
    internal float[] PaddedBias => _bias;

    /// <summary>Ranks every label for <paramref name="text"/> (subject, newline, body).</summary>
    public Prediction Predict(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        FeatureScratch scratch = FeatureScratch.ForCurrentThread();
        Span<float> logits = stackalloc float[_labels.Length];
        ComputeLogits(text, scratch, logits);
        return Rank(logits);
    }

    /// <summary>Predicts each text in order.</summary>
    public IReadOnlyList<Prediction> PredictBatch(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var result = new Prediction[texts.Count];
        for (int i = 0; i < result.Length; i++)
        {
            if ((i & 1023) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            result[i] = Predict(texts[i]);
        }

        return result;
    }

    /// <summary>The same model carrying other metrics (e.g. after evaluation on the held-out file).</summary>
    public TextClassifierModel WithMetrics(ModelMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return new TextClassifierModel(Features, _labels, _vocabulary, _weights, _bias, Temperature, metrics);
    }

    /// <summary>Writes the model file (see <see cref="ModelFile"/>).</summary>
    public void Save(Stream stream) => ModelFile.Write(this, stream);

    /// <summary>Reads a model file written by <see cref="Save"/>.</summary>
    public static TextClassifierModel Load(Stream stream) => ModelFile.Read(stream);

    /// <summary>Raw (untempered) logits, one per label.</summary>
    internal void ComputeLogits(string text, FeatureScratch scratch, Span<float> logits)
    {
        _extractor.Extract(text, scratch);
        int stride = Stride;
        if (scratch.Block.Length < 2 * stride)
        {
            scratch.Block = new float[2 * stride];
        }

        Span<float> acc = scratch.Block.AsSpan(0, 2 * stride);
        acc.Clear();
        Span<double> norm = stackalloc double[2];
        norm.Clear();
        FeatureCounts counts = scratch.Counts;
        ref float w0 = ref MemoryMarshal.GetArrayDataReference(_weights);
        ref float a0 = ref MemoryMarshal.GetReference(acc);
        float[] idf = _vocabulary.Idf;
        for (int i = 0; i < counts.Count; i++)
        {
            int key = counts.KeyAt(i);
            int row = _vocabulary.RowOf(key);
            if (row < 0)
            {
                continue;
            }

            float v = Vocabulary.Tf(counts.CountAt(i)) * idf[row];
            int block = key & 1;
            norm[block] += (double)v * v;
            RowMath.AddScaled(ref Unsafe.Add(ref a0, block * stride), ref Unsafe.Add(ref w0, row * stride), v, stride);
        }

        Span<float> scale = stackalloc float[2];
        Vocabulary.BlockScales(norm, scale);
        for (int k = 0; k < logits.Length; k++)
        {
            logits[k] = (acc[k] * scale[0]) + (acc[stride + k] * scale[1]) + _bias[k];
        }
    }

    private Prediction Rank(ReadOnlySpan<float> logits)
    {
        int k = _labels.Length;
        float max = float.NegativeInfinity;
        foreach (float z in logits)
        {
            max = Math.Max(max, z);
        }

        Span<double> p = stackalloc double[k];
        double sum = 0;
        for (int i = 0; i < k; i++)
        {
            p[i] = Math.Exp((logits[i] - max) / Temperature);
            sum += p[i];
        }

        var ranked = new LabelProbability[k];
        for (int i = 0; i < k; i++)
        {
            ranked[i] = new LabelProbability(_labels[i], (float)(p[i] / sum));
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
}
