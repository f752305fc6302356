using Helpdesk.Mail.CustomerWords;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Helpdesk.Classification.Data;
using Helpdesk.Classification.Evaluation;
using Helpdesk.Classification.Model;
using Helpdesk.Classification.Pipeline;
using Helpdesk.Classification.Training;
using Helpdesk.Mail.Mime;

namespace Helpdesk.Benchmarks;

/// <summary>
/// The intent classifier, measured the way the desk uses it (subject + visible text, quoted notice removed), on one
/// core: held-out macro-F1 and per-intent F1 (the held-out file, and the separately written unseen-mail file when it
/// exists), triage rate and precision of the rest at the old fixed 0.8 threshold and at the model's own threshold
/// (chosen on its calibration fold), training time (wall and CPU), classify throughput including normalization one at a
/// time and as a batch, model file size and load time. Candidates in one process, so their figures compare:
/// "before" trains on train/ + the generated set given by --before-generated (the previous session's, checked out with
/// git), "after" on train/ + generated/. --seed-only adds the seed set alone; --twice trains each again to check the
/// probabilities are identical; --sklearn DIR/python3 runs python/sklearn_intents.py on the after candidate's exact texts
/// in the same run. Prints a Markdown section.
/// Candidates since issue 19's third pass: "before" trains with the previous options (whole chain fitted twice, 100
/// iterations) and is scored by ML.NET's own scorer; "after" with the defaults and the desk's scorer; both on the same
/// texts. heldout-fresh.jsonl (when present) is scored too. --after-only drops the before candidate; --generated DIR
/// replaces generated/ (the 50,000-message set); --two-cores lets training use both cores (the wall-time target).
/// Usage: classifier [--data DIR] [--generated DIR] [--before-generated DIR] [--runs N] [--seed-only] [--after-only]
///        [--two-cores] [--featurize-once] [--twice] [--sklearn PYTHON]
/// </summary>
public static class ClassifierBenchmark
{
    private const double OldThreshold = 0.8;

    private sealed record Candidate(string Name, IReadOnlyList<LabeledText> Examples, IntentTrainerOptions Options, bool MlNetScorer);

    private sealed record Result(string Name, int Examples, double TrainSeconds, double TrainCpuSeconds, EvaluationReport HeldOut, EvaluationReport? Unseen,
        double ModelThreshold, (double Triage, double Precision) HeldOutAt08, (double Triage, double Precision) HeldOutAtModel,
        (double Triage, double Precision)? UnseenAt08, (double Triage, double Precision)? UnseenAtModel,
        double Rate, double CpuRate, double BatchCpuRate, long FileBytes, double LoadMs, bool? Deterministic,
        EvaluationReport? Fresh = null, (double Triage, double Precision)? FreshAtModel = null, double? MlNetCpuRate = null, double? MlNetBatchCpuRate = null);

    /// <summary>The options the desk trained with before issue 19's third pass: the whole chain fitted twice, 100 passes.</summary>
    private static readonly IntentTrainerOptions Before = new() { MaxIterations = 100, FitFeaturizerOnce = false, ConcurrentFits = false };

    public static Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        string data = Option(args, "--data") ?? Path.Combine(RepositoryRoot(), "data", "training");
        int runs = int.Parse(Option(args, "--runs") ?? "5", CultureInfo.InvariantCulture);
        if (OperatingSystem.IsLinux() || OperatingSystem.IsWindows())
        {
            Process.GetCurrentProcess().ProcessorAffinity = 1; // one core: the per-core figures the issue asks for
        }

        IReadOnlyList<LabeledText> train = TrainingDataFile.Load(Path.Combine(data, "train"));
        IReadOnlyList<LabeledText> heldOut = Visible(Path.Combine(data, "heldout.jsonl"));
        string unseenPath = Path.Combine(data, "heldout-unseen.jsonl");
        IReadOnlyList<LabeledText>? unseen = File.Exists(unseenPath) ? Visible(unseenPath) : null;
        string freshPath = Path.Combine(data, "heldout-fresh.jsonl");
        IReadOnlyList<LabeledText>? fresh = File.Exists(freshPath) ? Visible(freshPath) : null;
        if (args.Contains("--two-cores") && (OperatingSystem.IsLinux() || OperatingSystem.IsWindows()))
        {
            Process.GetCurrentProcess().ProcessorAffinity = 3; // training's concurrent fits use both cores; rates stay per CPU second
        }
        var candidates = new List<Candidate>();
        if (args.Contains("--seed-only"))
        {
            candidates.Add(new Candidate("seed set, before", train, Before, MlNetScorer: true));
            candidates.Add(new Candidate("seed set, after", train, IntentTrainerOptions.Default, MlNetScorer: false));
        }

        if (Option(args, "--before-generated") is { } before)
        {
            candidates.Add(new Candidate("before: seed + generated v3", [.. train, .. TrainingDataFile.Load(before)], Before, MlNetScorer: true));
        }

        IReadOnlyList<LabeledText> after = [.. train, .. TrainingDataFile.Load(Option(args, "--generated") ?? Path.Combine(data, "generated"))];
        if (!args.Contains("--after-only"))
        {
            candidates.Add(new Candidate("before: 100 iterations, chain fitted twice, ML.NET scorer", after, Before, MlNetScorer: true));
        }

        candidates.Add(new Candidate("after: the defaults, desk's scorer", after, IntentTrainerOptions.Default, MlNetScorer: false));
        if (args.Contains("--featurize-once"))
        {
            candidates.Add(new Candidate("after, featurizer fitted once, fits together", after,
                IntentTrainerOptions.Default with { FitFeaturizerOnce = true, ConcurrentFits = true }, MlNetScorer: false));
        }
        Console.WriteLine($"train {train.Count}, held-out {heldOut.Count}, unseen {unseen?.Count.ToString(CultureInfo.InvariantCulture) ?? "none"}, load {Load()}");

        var results = new List<Result>();
        foreach (Candidate c in candidates)
        {
            Console.WriteLine($"== {c.Name} ({c.Examples.Count} messages), load {Load()}");
            GC.Collect();
            using var process = Process.GetCurrentProcess();
            TimeSpan cpu = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            IntentModel model = new IntentTrainer(c.Options).Train(c.Examples, new Progress<string>(s => Console.WriteLine("  " + s)), cancellationToken);
            if (c.MlNetScorer)
            {
                model = model.WithMlNetScorer();
            }

            double trainSeconds = watch.Elapsed.TotalSeconds;
            process.Refresh();
            double trainCpu = (process.TotalProcessorTime - cpu).TotalSeconds;
            double threshold = model.Metrics.TriageThreshold ?? OldThreshold;
            Prediction[] h = heldOut.Select(e => model.Predict(e.Text)).ToArray();
            EvaluationReport report = Evaluator.Score(heldOut, h);
            Console.WriteLine(report.ToText());
            EvaluationReport? u = null;
            (double, double)? u08 = null, uModel = null;
            if (unseen is not null)
            {
                Prediction[] up = unseen.Select(e => model.Predict(e.Text)).ToArray();
                u = Evaluator.Score(unseen, up);
                (u08, uModel) = (Triage(up, unseen, OldThreshold), Triage(up, unseen, threshold));
                Console.WriteLine("unseen:\n" + u.ToText());
            }

            EvaluationReport? f = null;
            (double, double)? fModel = null;
            if (fresh is not null)
            {
                Prediction[] fp = fresh.Select(e => model.Predict(e.Text)).ToArray();
                f = Evaluator.Score(fresh, fp);
                fModel = Triage(fp, fresh, threshold);
                Console.WriteLine("fresh:\n" + f.ToText());
            }

            string[] texts = heldOut.Select(e => e.Text).ToArray();
            (double rate, double cpuRate) = MessagesPerSecond(t => { foreach (string x in t) model.Predict(x); }, texts, runs);
            (_, double batchCpuRate) = MessagesPerSecond(t => model.PredictBatch(t), texts, runs);
            double? mlNetCpuRate = null, mlNetBatchCpuRate = null;
            if (model.ScoresItself)
            {
                // The same model scored by ML.NET's own one-versus-all scorer, alternating with the desk's in this process.
                IntentModel mlNet = model.WithMlNetScorer();
                (_, double m1) = MessagesPerSecond(t => { foreach (string x in t) mlNet.Predict(x); }, texts, runs);
                (_, double m2) = MessagesPerSecond(t => mlNet.PredictBatch(t), texts, runs);
                (mlNetCpuRate, mlNetBatchCpuRate) = (m1, m2);
            }

            (long bytes, double loadMs) = FileFigures(model, runs);
            bool? deterministic = null;
            if (args.Contains("--twice"))
            {
                IntentModel again = new IntentTrainer(c.Options).Train(c.Examples, null, cancellationToken);
                deterministic = heldOut.All(e => model.Predict(e.Text).Ranked.SequenceEqual(again.Predict(e.Text).Ranked));
            }

            var r = new Result(c.Name, c.Examples.Count, trainSeconds, trainCpu, report, u, threshold, Triage(h, heldOut, OldThreshold), Triage(h, heldOut, threshold),
                u08, uModel, rate, cpuRate, batchCpuRate, bytes, loadMs, deterministic, f, fModel, mlNetCpuRate, mlNetBatchCpuRate);
            Console.WriteLine(r with { HeldOut = null!, Unseen = null, Fresh = null });
            results.Add(r);
        }

        Console.WriteLine(Markdown(results, heldOut.Count, unseen?.Count, runs, fresh?.Count));
        if (Option(args, "--sklearn") is { } python)
        {
            Console.WriteLine(SkLearn(python, after, heldOut, unseen));
        }

        return Task.FromResult(0);
    }

    private static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    /// <summary>Writes the exact texts to a temporary folder and runs python/sklearn_intents.py on them (same core).</summary>
    private static string SkLearn(string python, IReadOnlyList<LabeledText> train, IReadOnlyList<LabeledText> heldOut, IReadOnlyList<LabeledText>? unseen)
    {
        string dir = Path.Combine(Path.GetTempPath(), "helpdesk-sklearn-" + Environment.ProcessId);
        Directory.CreateDirectory(dir);
        static void Write(string path, IEnumerable<LabeledText> rows) =>
            File.WriteAllLines(path, rows.Select(r => System.Text.Json.JsonSerializer.Serialize(new { text = r.Text, label = r.Label })));
        Write(Path.Combine(dir, "train.jsonl"), train);
        Write(Path.Combine(dir, "heldout.jsonl"), heldOut);
        if (unseen is not null)
        {
            Write(Path.Combine(dir, "heldout-unseen.jsonl"), unseen);
        }

        string script = Path.Combine(AppContext.BaseDirectory, "python", "sklearn_intents.py");
        var start = new ProcessStartInfo(python, [script, dir]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using Process p = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {python}");
        string output = p.StandardOutput.ReadToEnd();
        string errors = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Directory.Delete(dir, recursive: true);
        return p.ExitCode == 0 ? "scikit-learn (same texts, same core):\n" + output : $"scikit-learn failed ({p.ExitCode}): {errors}";
    }

    private static (double Triage, double Precision) Triage(Prediction[] predictions, IReadOnlyList<LabeledText> examples, double threshold)
    {
        int kept = 0, right = 0;
        for (int i = 0; i < predictions.Length; i++)
        {
            if (predictions[i].Probability >= threshold)
            {
                kept++;
                right += predictions[i].Label == examples[i].Label ? 1 : 0;
            }
        }

        return (1 - (kept / (double)predictions.Length), kept == 0 ? 0 : right / (double)kept);
    }

    private static IReadOnlyList<LabeledText> Visible(string path) => TrainingDataFile.ReadMessages(path)
        .Select(m => new LabeledText(LabeledText.Compose(m.Subject, VisibleTextExtractor.Extract(m.Body)), m.Intent, m.Id, m.Language)).ToList();

    /// <summary>Model file size and median load time (read + first prediction).</summary>
    private static (long Bytes, double LoadMs) FileFigures(IntentModel model, int runs)
    {
        using var file = new MemoryStream();
        IntentModelFile.Write(model, file);
        byte[] bytes = file.ToArray();
        var times = new List<double>();
        for (int i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            IntentModelFile.Read(new MemoryStream(bytes)).Predict("warm");
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        return (bytes.Length, Median(times));
    }

    /// <summary>Classifies the held-out texts about 10,000 times per run (after a warm-up pass); median rates, wall and CPU.</summary>
    private static (double Wall, double Cpu) MessagesPerSecond(Action<string[]> classify, string[] texts, int runs)
    {
        classify(texts); // warm-up
        string[] many = Enumerable.Range(0, Math.Max(1, 10_000 / texts.Length)).SelectMany(_ => texts).ToArray();
        var rates = new List<double>();
        var cpuRates = new List<double>();
        using var process = Process.GetCurrentProcess();
        for (int run = 0; run < runs; run++)
        {
            process.Refresh();
            TimeSpan cpu = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            classify(many);
            rates.Add(many.Length / watch.Elapsed.TotalSeconds);
            process.Refresh();
            cpuRates.Add(many.Length / (process.TotalProcessorTime - cpu).TotalSeconds);
        }

        return (Median(rates), Median(cpuRates));
    }

    private static string Markdown(List<Result> results, int heldOut, int? unseen, int runs, int? fresh)
    {
        var md = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        md.AppendLine(inv, $"held-out {heldOut}; unseen-mail file {unseen?.ToString(inv) ?? "-"}; medians of {runs} runs");
        md.AppendLine();
        md.AppendLine("| | " + string.Join(" | ", results.Select(r => $"{r.Name} ({r.Examples:#,0})")) + " |");
        md.AppendLine("|---|" + string.Concat(results.Select(_ => "---:|")));
        void Row(string name, Func<Result, string> cell) => md.AppendLine($"| {name} | " + string.Join(" | ", results.Select(cell)) + " |");
        static string Pair((double Triage, double Precision)? v) => v is { } x ? string.Create(CultureInfo.InvariantCulture, $"{x.Triage:P1} / {x.Precision:0.000}") : "-";
        Row("held-out macro-F1 (lowest intent)", r => string.Create(inv, $"{r.HeldOut.MacroF1:0.0000} ({r.HeldOut.PerLabel.Min(l => l.F1):0.000})"));
        if (unseen is not null)
        {
            Row("unseen-mail macro-F1 (lowest intent)", r => string.Create(inv, $"{r.Unseen!.MacroF1:0.0000} ({r.Unseen!.PerLabel.Min(l => l.F1):0.000})"));
        }

        if (fresh is not null)
        {
            Row($"fresh file ({fresh}) macro-F1 (lowest intent)", r => string.Create(inv, $"{r.Fresh!.MacroF1:0.0000} ({r.Fresh!.PerLabel.Min(l => l.F1):0.000})"));
        }

        Row("model's triage threshold (chosen on its calibration fold)", r => r.ModelThreshold.ToString("0.00", inv));
        Row($"held-out triage / precision of the rest, at {OldThreshold}", r => Pair(r.HeldOutAt08));
        Row("held-out triage / precision of the rest, at the model's threshold", r => Pair(r.HeldOutAtModel));
        if (unseen is not null)
        {
            Row($"unseen triage / precision of the rest, at {OldThreshold}", r => Pair(r.UnseenAt08));
            Row("unseen triage / precision of the rest, at the model's threshold", r => Pair(r.UnseenAtModel));
        }

        if (fresh is not null)
        {
            Row("fresh-file triage / precision of the rest, at the model's threshold", r => Pair(r.FreshAtModel));
        }

        Row("training, wall / CPU", r => string.Create(inv, $"{r.TrainSeconds:0.0} s / {r.TrainCpuSeconds:0.0} s"));
        Row("classify one at a time (Predict), msgs per wall s", r => r.Rate.ToString("#,0", inv));
        Row("classify one at a time (Predict), msgs per CPU s", r => r.CpuRate.ToString("#,0", inv));
        Row("classify as a batch (PredictBatch), msgs per CPU s", r => r.BatchCpuRate.ToString("#,0", inv));
        Row("same model, ML.NET's scorer: one at a time / batch, msgs per CPU s", r => r.MlNetCpuRate is { } a ? string.Create(inv, $"{a:#,0} / {r.MlNetBatchCpuRate:#,0}") : "-");
        Row("model file", r => (r.FileBytes / 1e6).ToString("0.0", inv) + " MB");
        Row("model load (incl. first prediction)", r => r.LoadMs.ToString("0", inv) + " ms");
        if (results.Any(r => r.Deterministic is not null))
        {
            Row("trained twice: identical probabilities", r => r.Deterministic is true ? "yes" : "no");
        }

        md.AppendLine();
        md.AppendLine("| F1 per intent, held-out / unseen / fresh | " + string.Join(" | ", results.Select(r => r.Name)) + " |");
        md.AppendLine("|---|" + string.Concat(results.Select(_ => "---:|")));
        foreach (string label in results[0].HeldOut.PerLabel.Select(l => l.Label))
        {
            Row(label, r => r.HeldOut.PerLabel.Single(l => l.Label == label).F1.ToString("0.000", inv)
                + (r.Unseen is { } u && u.PerLabel.FirstOrDefault(l => l.Label == label) is { } ul ? $" / {ul.F1:0.000}" : "")
                + (r.Fresh is { } fr && fr.PerLabel.FirstOrDefault(l => l.Label == label) is { } fl ? $" / {fl.F1:0.000}" : ""));
        }

        return md.ToString();
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }

    private static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    internal static string RepositoryRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Helpdesk.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Helpdesk.sln above {AppContext.BaseDirectory}.");
    }
}
