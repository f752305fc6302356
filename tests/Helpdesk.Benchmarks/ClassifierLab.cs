using System.Diagnostics;
using System.Globalization;
using Helpdesk.Classification.Data;
using Helpdesk.Classification.Evaluation;
using Helpdesk.Classification.Model;
using Helpdesk.Classification.Pipeline;
using Helpdesk.Classification.Training;
using Helpdesk.Mail.CustomerWords;

namespace Helpdesk.Benchmarks;

/// <summary>
/// Error analysis for the intent classifier: trains one configuration on train/ + generated/, then prints the
/// confusion matrix, per-intent F1, the triage share at several thresholds and every mistake (id, truth, guess,
/// probability, the first words) on a held-out file. Used to find what the model gets wrong, not to time it.
/// Usage: classifier-lab [--data DIR] [--generated DIR] [--heldout FILE] [--algo NAME] [--char MIN-MAX] [--word MAX]
///        [--l2 X] [--iterations N] [--max-updates N (0: every set gets --iterations passes)] [--featurize-once] [--sequential] [--mistakes]
/// </summary>
public static class ClassifierLab
{
    public static Task<int> RunAsync(string[] args)
    {
        var inv = CultureInfo.InvariantCulture;
        string data = Option(args, "--data") ?? Path.Combine(ClassifierBenchmark.RepositoryRoot(), "data", "training");
        string generated = Option(args, "--generated") ?? Path.Combine(data, "generated");
        var options = new IntentTrainerOptions
        {
            Algorithm = Option(args, "--algo") is { } a ? Enum.Parse<IntentAlgorithm>(a, ignoreCase: true) : IntentTrainerOptions.Default.Algorithm,
            CharNgramMin = Option(args, "--char") is { } c ? int.Parse(c.Split('-')[0], inv) : IntentTrainerOptions.Default.CharNgramMin,
            CharNgramMax = Option(args, "--char") is { } c2 ? int.Parse(c2.Split('-')[1], inv) : IntentTrainerOptions.Default.CharNgramMax,
            WordNgramMax = Option(args, "--word") is { } w ? int.Parse(w, inv) : IntentTrainerOptions.Default.WordNgramMax,
            L2 = Option(args, "--l2") is { } l ? float.Parse(l, inv) : IntentTrainerOptions.Default.L2,
            MaxIterations = Option(args, "--iterations") is { } it ? int.Parse(it, inv) : IntentTrainerOptions.Default.MaxIterations,
            MaxUpdates = Option(args, "--max-updates") is { } mu ? int.Parse(mu, inv) : IntentTrainerOptions.Default.MaxUpdates,
            FitFeaturizerOnce = args.Contains("--featurize-once"),
            ConcurrentFits = !args.Contains("--sequential"),
        };
        IReadOnlyList<LabeledText> train = [.. TrainingDataFile.Load(Path.Combine(data, "train")), .. TrainingDataFile.Load(generated)];
        string[] heldOutFiles = Option(args, "--heldout") is { } h ? [h] : [Path.Combine(data, "heldout.jsonl"), Path.Combine(data, "heldout-unseen.jsonl")];
        Console.WriteLine($"{options.Describe()}; training on {train.Count} messages");
        if (Option(args, "--export") is { } export)
        {
            // The exact texts the desk trains and scores on, for the scikit-learn baseline (python/sklearn_intents.py).
            Directory.CreateDirectory(export);
            static void Write(string path, IEnumerable<LabeledText> rows) => File.WriteAllLines(path,
                rows.Select(r => System.Text.Json.JsonSerializer.Serialize(new { text = r.Text, label = r.Label })));
            Write(Path.Combine(export, "train.jsonl"), train);
            foreach (string file in heldOutFiles)
            {
                Write(Path.Combine(export, Path.GetFileName(file)), Visible(file));
            }

            Console.WriteLine($"wrote {export}");
            return Task.FromResult(0);
        }

        var watch = Stopwatch.StartNew();
        IntentModel model;
        if (Option(args, "--load") is { } load)
        {
            model = IntentModelFile.Load(load);
            Console.WriteLine($"loaded {load} ({model.Metrics.Trainer})");
        }
        else
        {
            using var process = Process.GetCurrentProcess();
            TimeSpan cpu = process.TotalProcessorTime;
            model = new IntentTrainer(options).Train(train, new Progress<string>(s => Console.WriteLine("  " + s)));
            process.Refresh();
            Console.WriteLine(string.Create(inv,
                $"trained in {watch.Elapsed.TotalSeconds:0.0} s wall, {(process.TotalProcessorTime - cpu).TotalSeconds:0.0} s CPU (load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}), temperature {model.Temperature:0.000}"));
            if (args.Contains("--train-only"))
            {
                return Task.FromResult(0);
            }

            if (Option(args, "--save") is { } save)
            {
                IntentModelFile.Save(model, save);
            }
        }

        if (args.Contains("--inspect"))
        {
            var stages = ((Microsoft.ML.Data.TransformerChain<Microsoft.ML.ITransformer>)model.Transformer).ToArray();
            object last = stages[^1];
            object m = last.GetType().GetProperty("Model")!.GetValue(last)!;
            Console.WriteLine(m.GetType().FullName);
            foreach (var p in m.GetType().GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance)) Console.WriteLine("  " + p.PropertyType + " " + p.Name);
            return Task.FromResult(0);
        }

        if (args.Contains("--profile"))
        {
            Profile(model, Visible(heldOutFiles[0]).Select(e => e.Text).ToArray());
            return Task.FromResult(0);
        }

        foreach (string file in heldOutFiles)
        {
            IReadOnlyList<LabeledText> set = Visible(file);
            Prediction[] predictions = set.Select(e => model.Predict(e.Text)).ToArray();
            EvaluationReport report = Evaluator.Score(set, predictions);
            Console.WriteLine($"== {Path.GetFileName(file)}");
            Console.WriteLine(report.ToText());
            Console.WriteLine("lowest intent F1 " + report.PerLabel.Min(s => s.F1).ToString("0.000", inv));
            Console.WriteLine($"model's triage threshold (chosen on its calibration fold): {model.Metrics.TriageThreshold?.ToString("0.00", inv) ?? "none"}");
            foreach (double t in new[] { 0.5, 0.6, 0.7, 0.8 }.Append(model.Metrics.TriageThreshold ?? 0.8).Distinct().Order())
            {
                int kept = predictions.Count(p => p.Probability >= t);
                int right = set.Where((e, i) => predictions[i].Probability >= t && predictions[i].Label == e.Label).Count();
                Console.WriteLine(string.Create(inv, $"threshold {t}: triage {1 - ((double)kept / set.Count):P1}, precision of the rest {(double)right / kept:0.0000}"));
            }

            if (args.Contains("--mistakes"))
            {
                for (int i = 0; i < set.Count; i++)
                {
                    if (predictions[i].Label != set[i].Label || predictions[i].Probability < 0.8)
                    {
                        string text = set[i].Text.ReplaceLineEndings(" ");
                        Console.WriteLine(string.Create(inv,
                            $"{(predictions[i].Label == set[i].Label ? "low " : "MISS")} {set[i].Id} {set[i].Label} -> {predictions[i].Label} {predictions[i].Probability:0.00} | {text[..Math.Min(200, text.Length)]}"));
                    }
                }
            }
        }

        return Task.FromResult(0);
    }

    /// <summary>
    /// Where a prediction's time goes: the normalizer alone, then the fitted chain cut after each stage (batch
    /// Transform over the whole set, every output column of the last stage read), then one-at-a-time Predict and
    /// the batch path. CPU seconds of this process, median of 5.
    /// </summary>
    private static void Profile(IntentModel model, string[] texts)
    {
        var inv = CultureInfo.InvariantCulture;
        string[] many = Enumerable.Range(0, Math.Max(1, 10_000 / texts.Length)).SelectMany(_ => texts).ToArray();
        double Rate(Action run)
        {
            run();
            var rates = new List<double>();
            using var process = Process.GetCurrentProcess();
            for (int i = 0; i < 5; i++)
            {
                process.Refresh();
                TimeSpan cpu = process.TotalProcessorTime;
                run();
                process.Refresh();
                rates.Add(many.Length / (process.TotalProcessorTime - cpu).TotalSeconds);
            }

            rates.Sort();
            return rates[2];
        }

        Console.WriteLine(string.Create(inv, $"normalizer only: {Rate(() => { foreach (string t in many) NormalizeMapping.Normalize(t); }):#,0} msgs per CPU s"));
        var ml = model.Context;
        var chain = (Microsoft.ML.Data.TransformerChain<Microsoft.ML.ITransformer>)model.Transformer;
        Microsoft.ML.ITransformer[] stages = [.. chain];
        Microsoft.ML.IDataView input = ml.Data.LoadFromEnumerable(many.Select(t => new MessageRow { Text = t }).ToList());
        for (int k = 1; k <= stages.Length; k++)
        {
            var partial = new Microsoft.ML.Data.TransformerChain<Microsoft.ML.ITransformer>(stages[..k]);
            Microsoft.ML.IDataView output = partial.Transform(input);
            var last = output.Schema[output.Schema.Count - 1];
            double rate = Rate(() =>
            {
                using var cursor = output.GetRowCursor([last]);
                var getter = MakeGetter(cursor, last);
                while (cursor.MoveNext()) getter();
            });
            Console.WriteLine(string.Create(inv, $"chain through stage {k} ({stages[k - 1].GetType().Name} -> {last.Name}, {last.Type}): {rate:#,0} msgs per CPU s"));
        }

        Console.WriteLine(string.Create(inv, $"Predict one at a time: {Rate(() => { foreach (string t in many) model.Predict(t); }):#,0} msgs per CPU s"));
        Console.WriteLine(string.Create(inv, $"PredictBatch: {Rate(() => model.PredictBatch(many)):#,0} msgs per CPU s"));
    }

    private static Action MakeGetter(Microsoft.ML.DataViewRowCursor cursor, Microsoft.ML.DataViewSchema.Column column)
    {
        Type raw = column.Type.RawType;
        var method = typeof(ClassifierLab).GetMethod(nameof(Getter), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(raw);
        return (Action)method.Invoke(null, [cursor, column])!;
    }

    private static Action Getter<T>(Microsoft.ML.DataViewRowCursor cursor, Microsoft.ML.DataViewSchema.Column column)
    {
        var get = cursor.GetGetter<T>(column);
        T value = default!;
        return () => get(ref value);
    }

    internal static IReadOnlyList<LabeledText> Visible(string path) => TrainingDataFile.ReadMessages(path)
        .Select(m => new LabeledText(LabeledText.Compose(m.Subject, VisibleTextExtractor.Extract(m.Body)), m.Intent, m.Id, m.Language)).ToList();

    private static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
