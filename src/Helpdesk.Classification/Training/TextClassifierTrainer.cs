using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Helpdesk.Classification.Evaluation;
using Helpdesk.Classification.Features;
using Helpdesk.Classification.Model;

namespace Helpdesk.Classification.Training;

/// <summary>
/// Trains a <see cref="TextClassifierModel"/> deterministically: the same examples (in the same
/// order) and options give a byte-identical model file. Two fits:
/// 1. on the examples minus a held-back calibration fold (a seeded, per-label split), whose
///    predictions on the fold fit the probability temperature;
/// 2. on all examples, starting from fit 1's weights, giving the final weights.
/// </summary>
public sealed class TextClassifierTrainer
{
    /// <summary>Creates a trainer with <paramref name="options"/> (or the defaults).</summary>
    public TextClassifierTrainer(TrainingOptions? options = null)
    {
        Options = options ?? TrainingOptions.Default;
        Options.Validate();
    }

    /// <summary>The options in force.</summary>
    public TrainingOptions Options { get; }

    /// <summary>Fits a model on <paramref name="examples"/>; needs at least two distinct labels.</summary>
    public TextClassifierModel Train(IReadOnlyList<LabeledText> examples, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(examples);
        for (int i = 0; i < examples.Count; i++)
        {
            LabeledText e = examples[i] ?? throw new ArgumentException($"Example {i} is null.", nameof(examples));
            if (string.IsNullOrWhiteSpace(e.Label) || e.Text is null)
            {
                throw new ArgumentException($"Example {i} ({e.Id ?? "no id"}) has no label or no text.", nameof(examples));
            }
        }

        string[] labels = examples.Select(e => e.Label).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (labels.Length < 2)
        {
            throw new ArgumentException("Training needs examples of at least two labels.", nameof(examples));
        }

        var labelIndex = labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
        int[] y = examples.Select(e => labelIndex[e.Label]).ToArray();
        FeatureSettings settings = Options.Features;

        progress?.Report($"Extracting features of {examples.Count} messages ({labels.Length} labels)");
        DocumentCounts docs = DocumentCounts.Extract(new FeatureExtractor(settings), examples.Select(e => e.Text).ToArray(), cancellationToken);

        (int[] fit, int[] calibration) = SplitCalibration(examples, y, labels.Length);
        float temperature = 1f;
        double? calibrationF1 = null;
        double? calibrationLoss = null;
        float[]? warmStart = null;
        Vocabulary? firstVocabulary = null;
        if (calibration.Length > 0)
        {
            firstVocabulary = Vocabulary.Build(settings, docs, fit, Options.MinDocumentFrequency);
            var firstObjective = new SoftmaxObjective(firstVocabulary.Vectorize(docs, fit), Pick(y, fit), labels.Length, firstVocabulary.Count, Options.L2);
            LbfgsResult first = Fit(firstObjective, new float[firstObjective.ParameterCount], "fit 1/2 (calibration)", progress, cancellationToken);
            SparseRows held = firstVocabulary.Vectorize(docs, calibration);
            var logits = new List<float[]>(calibration.Length);
            for (int i = 0; i < calibration.Length; i++)
            {
                var z = new float[labels.Length];
                firstObjective.Logits(first.Solution, held, i, z);
                logits.Add(z);
            }

            int[] heldLabels = Pick(y, calibration);
            (temperature, double loss) = TemperatureScaling.Fit(logits, heldLabels);
            calibrationLoss = loss;
            calibrationF1 = EvaluationReport.FromLabels(
                heldLabels.Select(i => labels[i]).ToArray(),
                logits.Select(z => labels[ArgMax(z)]).ToArray()).MacroF1;
            progress?.Report(string.Create(CultureInfo.InvariantCulture,
                $"Calibrated on {calibration.Length} held-back messages: temperature {temperature:0.000}, macro-F1 {calibrationF1:0.0000}, log-loss {loss:0.0000}"));
            warmStart = first.Solution;
        }

        int[] all = Enumerable.Range(0, examples.Count).ToArray();
        Vocabulary vocabulary = Vocabulary.Build(settings, docs, all, Options.MinDocumentFrequency);
        var objective = new SoftmaxObjective(vocabulary.Vectorize(docs, all), y, labels.Length, vocabulary.Count, Options.L2);
        float[] start = warmStart is null
            ? new float[objective.ParameterCount]
            : MapRows(warmStart, firstVocabulary!, vocabulary, RowMath.StrideFor(labels.Length));
        LbfgsResult final = Fit(objective, start, calibration.Length > 0 ? "fit 2/2 (all data)" : "fit", progress, cancellationToken);

        float[] weights = final.Solution.AsSpan(0, objective.BiasOffset).ToArray();
        float[] bias = final.Solution.AsSpan(objective.BiasOffset).ToArray();
        var metrics = new ModelMetrics
        {
            CreatedUtc = Options.TimeProvider.GetUtcNow(),
            TrainingDataHash = HashExamples(examples),
            TrainingExamples = examples.Count,
            ExamplesPerLabel = labels.ToDictionary(l => l, l => y.Count(v => labels[v] == l), StringComparer.Ordinal),
            CalibrationExamples = calibration.Length,
            CalibrationMacroF1 = calibrationF1,
            CalibrationLogLoss = calibrationLoss,
            Iterations = final.Iterations,
            FinalObjective = final.Objective,
        };
        progress?.Report($"Trained on {examples.Count} messages: {vocabulary.Count} feature rows, {final.Iterations} iterations");
        return new TextClassifierModel(settings, labels, vocabulary, weights, bias, temperature, metrics);
    }

    /// <summary>SHA-256 (hex) over each example's label and text, in order.</summary>
    public static string HashExamples(IReadOnlyList<LabeledText> examples)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (LabeledText e in examples)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(e.Label));
            hash.AppendData([0x1f]);
            hash.AppendData(Encoding.UTF8.GetBytes(e.Text));
            hash.AppendData([0x1e]);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private LbfgsResult Fit(SoftmaxObjective objective, float[] start, string phase, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        return Lbfgs.Minimize(
            objective.Evaluate,
            start,
            Options.MaxIterations,
            Options.HistorySize,
            Options.Tolerance,
            (iteration, value) =>
            {
                if (iteration % 25 == 0)
                {
                    progress?.Report(string.Create(CultureInfo.InvariantCulture, $"{phase}: iteration {iteration}, objective {value:0.000000}"));
                }
            },
            cancellationToken);
    }

    /// <summary>
    /// Holds back <see cref="TrainingOptions.CalibrationFraction"/> of each label's examples, chosen
    /// by a seeded hash of the text: stable when examples are added or reordered elsewhere.
    /// </summary>
    private (int[] Fit, int[] Calibration) SplitCalibration(IReadOnlyList<LabeledText> examples, int[] y, int labelCount)
    {
        var calibration = new List<int>();
        if (Options.CalibrationFraction > 0)
        {
            uint seed = unchecked((uint)Options.Seed);
            for (int label = 0; label < labelCount; label++)
            {
                int[] members = Enumerable.Range(0, y.Length).Where(i => y[i] == label).ToArray();
                if (members.Length < Options.MinExamplesToCalibrate)
                {
                    continue;
                }

                int take = (int)Math.Floor(members.Length * Options.CalibrationFraction);
                calibration.AddRange(members
                    .OrderBy(i => MurmurHash3.Hash32(Encoding.UTF8.GetBytes(examples[i].Text), seed))
                    .ThenBy(i => i)
                    .Take(take));
            }
        }

        calibration.Sort();
        var held = new HashSet<int>(calibration);
        int[] fit = Enumerable.Range(0, y.Length).Where(i => !held.Contains(i)).ToArray();
        return (fit, calibration.ToArray());
    }

    /// <summary>Carries weights of fit 1 over to the rows of the final vocabulary, by feature key.</summary>
    private static float[] MapRows(float[] solution, Vocabulary from, Vocabulary to, int stride)
    {
        var start = new float[(to.Count + 1) * stride];
        for (int r = 0; r < to.Count; r++)
        {
            int old = from.RowOf(to.RowKeys[r]);
            if (old >= 0)
            {
                Array.Copy(solution, old * stride, start, r * stride, stride);
            }
        }

        Array.Copy(solution, from.Count * stride, start, to.Count * stride, stride);
        return start;
    }

    private static int[] Pick(int[] values, int[] indices) => indices.Select(i => values[i]).ToArray();

    private static int ArgMax(float[] z)
    {
        int best = 0;
        for (int k = 1; k < z.Length; k++)
        {
            if (z[k] > z[best])
            {
                best = k;
            }
        }

        return best;
    }
}
