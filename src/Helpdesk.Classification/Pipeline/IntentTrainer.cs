using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Helpdesk.Classification.Model;
using Helpdesk.Classification.Training;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Helpdesk.Classification.Pipeline;

/// <summary>
/// Fits the ML.NET intent pipeline deterministically (one seeded <see cref="MLContext"/>, single-threaded trainers).
/// Two fits: one without a held-back calibration fold (a seeded split per intent) whose answers on the fold fit the
/// probability temperature, then one on all examples, which becomes the model.
/// </summary>
public sealed class IntentTrainer
{
    /// <summary>Creates a trainer with <paramref name="options"/> (or the defaults).</summary>
    public IntentTrainer(IntentTrainerOptions? options = null)
    {
        Options = options ?? IntentTrainerOptions.Default;
        Options.Validate();
    }

    /// <summary>The options in force.</summary>
    public IntentTrainerOptions Options { get; }

    /// <summary>Fits a model on <paramref name="examples"/>; needs at least two distinct intents.</summary>
    public IntentModel Train(IReadOnlyList<LabeledText> examples, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
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

        MLContext ml = IntentPipeline.NewContext(Options.Seed);
        (int[] fit, int[] calibration) = SplitCalibration(examples, labels);
        int[] all = Enumerable.Range(0, examples.Count).ToArray();
        IDataView data = Rows(ml, examples, all);
        float temperature = 1f;
        double? calibrationF1 = null, calibrationLoss = null, triageThreshold = null;
        ITransformer? first = null, model = null;
        if (Options.FitFeaturizerOnce)
        {
            progress?.Report($"Featurizing all {examples.Count} messages once ({Options.Describe()})");
            (first, model) = FitOnFeaturesOnce(ml, examples, fit, calibration, data, progress, cancellationToken);
        }

        if (calibration.Length > 0)
        {
            if (first is null)
            {
                progress?.Report($"Fit 1/2: {fit.Length} messages, {calibration.Length} held back to calibrate ({Options.ForExamples(fit.Length).Describe()})");
                first = IntentPipeline.Build(ml, Options.ForExamples(fit.Length)).Fit(Rows(ml, examples, fit));
            }

            cancellationToken.ThrowIfCancellationRequested();
            var scored = ml.Data.CreateEnumerable<ScoredRow>(first.Transform(Rows(ml, examples, calibration)), reuseRowObject: false).ToList();
            string[] firstLabels = new IntentModel(ml, first, data.Schema, 1f, new ModelMetrics()).LabelArray;
            var index = firstLabels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
            var logits = scored.Select(r => r.Score.Select(p => (float)Math.Log(Math.Max(p, 1e-12f))).ToArray()).ToList();
            int[] truth = scored.Select(r => index[r.Label]).ToArray();
            (temperature, double loss) = TemperatureScaling.Fit(logits, truth);
            calibrationLoss = loss;
            triageThreshold = TriageThresholdFor(logits, truth, temperature);
            calibrationF1 = Evaluation.EvaluationReport.FromLabels(
                scored.Select(r => r.Label).ToArray(),
                logits.Select(z => firstLabels[Array.IndexOf(z, z.Max())]).ToArray()).MacroF1;
            progress?.Report(string.Create(CultureInfo.InvariantCulture,
                $"Calibrated on {calibration.Length} held-back messages: temperature {temperature:0.000}, macro-F1 {calibrationF1:0.0000}, log-loss {loss:0.0000}, triage threshold {triageThreshold:0.00}"));
        }

        if (model is null)
        {
            progress?.Report($"Fit {(calibration.Length > 0 ? "2/2" : "1/1")}: all {examples.Count} messages ({labels.Length} intents)");
            model = IntentPipeline.Build(ml, Options.ForExamples(examples.Count)).Fit(data);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var metrics = new ModelMetrics
        {
            CreatedUtc = Options.TimeProvider.GetUtcNow(),
            Trainer = Options.ForExamples(examples.Count).Describe(),
            TrainingDataHash = HashExamples(examples),
            TrainingExamples = examples.Count,
            ExamplesPerLabel = labels.ToDictionary(l => l, l => examples.Count(e => e.Label == l), StringComparer.Ordinal),
            CalibrationExamples = calibration.Length,
            CalibrationMacroF1 = calibrationF1,
            CalibrationLogLoss = calibrationLoss,
            TriageThreshold = triageThreshold,
        };
        progress?.Report($"Trained on {examples.Count} messages");
        return new IntentModel(ml, model, data.Schema, temperature, metrics);
    }

    /// <summary>
    /// Fits the featurizer once on all examples, caches its output for the fit rows and for all rows, and trains the
    /// calibration fit (when there is a fold) and the final fit on them, at the same time when
    /// <see cref="IntentTrainerOptions.ConcurrentFits"/>. Each trainer gets its own context seeded alike, so the models
    /// are the same whether the fits run one after the other or together.
    /// </summary>
    private (ITransformer? First, ITransformer Model) FitOnFeaturesOnce(MLContext ml, IReadOnlyList<LabeledText> examples, int[] fit,
        int[] calibration, IDataView data, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var featurizer = new TransformerChain<ITransformer>([.. (IEnumerable<ITransformer>)IntentPipeline.Featurizer(ml, Options).Fit(data)]);
        cancellationToken.ThrowIfCancellationRequested();
        IDataView Featurized(IDataView rows) => ml.Data.Cache(featurizer.Transform(rows), IntentPipeline.LabelKey, IntentPipeline.Features);
        ITransformer Train(IDataView rows, int count) => IntentPipeline.Trainer(IntentPipeline.NewContext(Options.Seed), Options.ForExamples(count)).Fit(rows);

        IDataView allFeatures = Featurized(data);
        if (calibration.Length == 0)
        {
            progress?.Report($"Fit 1/1: all {examples.Count} messages");
            return (null, featurizer.Append(Train(allFeatures, examples.Count)));
        }

        IDataView fitFeatures = Featurized(Rows(ml, examples, fit));
        progress?.Report($"Fits 1/2 and 2/2{(Options.ConcurrentFits ? " together" : "")}: {fit.Length} messages ({calibration.Length} held back to calibrate) and all {examples.Count}");
        ITransformer firstPredictor, finalPredictor;
        if (Options.ConcurrentFits)
        {
            Task<ITransformer> firstFit = Task.Factory.StartNew(() => Train(fitFeatures, fit.Length), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            finalPredictor = Train(allFeatures, examples.Count);
            firstPredictor = firstFit.GetAwaiter().GetResult();
        }
        else
        {
            firstPredictor = Train(fitFeatures, fit.Length);
            cancellationToken.ThrowIfCancellationRequested();
            finalPredictor = Train(allFeatures, examples.Count);
        }

        return (featurizer.Append(firstPredictor), featurizer.Append(finalPredictor));
    }

    /// <summary>
    /// The lowest threshold on a 0.05 grid from <see cref="IntentTrainerOptions.MinTriageThreshold"/> to 0.95 at which the
    /// calibrated answers on the held-back fold that clear it are right at least
    /// <see cref="IntentTrainerOptions.TriagePrecisionTarget"/> of the time. Chosen on the fold, never on a held-out file;
    /// the highest grid value when none reaches the target.
    /// </summary>
    internal double TriageThresholdFor(IReadOnlyList<float[]> logits, IReadOnlyList<int> truth, float temperature)
    {
        var top = new (double P, bool Right)[logits.Count];
        for (int i = 0; i < logits.Count; i++)
        {
            float[] z = logits[i];
            int best = Array.IndexOf(z, z.Max());
            double sum = 0;
            foreach (float v in z)
            {
                sum += Math.Exp((v - z[best]) / temperature);
            }

            top[i] = (1 / sum, best == truth[i]);
        }

        const double highest = 0.95;
        for (int step = 0; ; step++)
        {
            double t = Math.Round(Options.MinTriageThreshold + (0.05 * step), 2);
            if (t >= highest)
            {
                return highest;
            }

            int kept = 0, right = 0;
            foreach ((double p, bool r) in top)
            {
                if (p >= t)
                {
                    kept++;
                    right += r ? 1 : 0;
                }
            }

            if (kept > 0 && right >= Options.TriagePrecisionTarget * kept)
            {
                return t;
            }
        }
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

    private static IDataView Rows(MLContext ml, IReadOnlyList<LabeledText> examples, int[] indices) =>
        ml.Data.LoadFromEnumerable(indices.Select(i => new MessageRow { Text = examples[i].Text, Label = examples[i].Label }).ToList());

    /// <summary>
    /// Holds back <see cref="IntentTrainerOptions.CalibrationFraction"/> of each intent's examples, chosen by a seeded
    /// hash of the text: stable when examples are added or reordered elsewhere.
    /// </summary>
    private (int[] Fit, int[] Calibration) SplitCalibration(IReadOnlyList<LabeledText> examples, string[] labels)
    {
        var calibration = new List<int>();
        if (Options.CalibrationFraction > 0)
        {
            foreach (string label in labels)
            {
                int[] members = Enumerable.Range(0, examples.Count).Where(i => examples[i].Label == label).ToArray();
                if (members.Length < Options.MinExamplesToCalibrate)
                {
                    continue;
                }

                int take = (int)Math.Floor(members.Length * Options.CalibrationFraction);
                calibration.AddRange(members.OrderBy(i => StableHash(examples[i].Text, Options.Seed)).ThenBy(i => i).Take(take));
            }
        }

        calibration.Sort();
        var held = new HashSet<int>(calibration);
        return (Enumerable.Range(0, examples.Count).Where(i => !held.Contains(i)).ToArray(), calibration.ToArray());
    }

    /// <summary>FNV-1a over the UTF-16 text, seeded: the same on every machine and run (string.GetHashCode is not).</summary>
    private static ulong StableHash(string text, int seed)
    {
        ulong h = 14695981039346656037UL ^ (ulong)(uint)seed;
        foreach (char c in text)
        {
            h = (h ^ c) * 1099511628211UL;
        }

        return h;
    }

    private sealed class ScoredRow
    {
        public string Label { get; set; } = "";
        public float[] Score { get; set; } = [];
    }
}
