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
/// exists), triage rate and precision of the rest at the desk's 0.8 threshold, training time, one-at-a-time classify
/// throughput including normalization, model file size, load time and memory. Prints a Markdown section. (The run that
/// measured the hand-written classifier beside ML.NET, before it was deleted, is recorded in docs/benchmarks.md.)
/// Usage: classifier [--data DIR] [--runs N] [--threshold X]
/// </summary>
public static class ClassifierBenchmark
{
    private sealed record Candidate(string Name, bool Generated, Func<IReadOnlyList<LabeledText>, Func<string, Prediction>> Train);

    private sealed record Result(string Name, double TrainSeconds, EvaluationReport HeldOut, EvaluationReport? Unseen, double TriageRate,
        double KeptPrecision, double? UnseenTriageRate, double? UnseenKeptPrecision, double Rate, double CpuRate, long FileBytes, double LoadMs,
        long LoadBytes, bool Deterministic);

    public static Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        string data = Option(args, "--data") ?? Path.Combine(RepositoryRoot(), "data", "training");
        int runs = int.Parse(Option(args, "--runs") ?? "5", CultureInfo.InvariantCulture);
        double threshold = double.Parse(Option(args, "--threshold") ?? "0.8", CultureInfo.InvariantCulture);
        if (OperatingSystem.IsLinux() || OperatingSystem.IsWindows())
        {
            Process.GetCurrentProcess().ProcessorAffinity = 1; // one core: the per-core figures the issue asks for
        }

        IReadOnlyList<LabeledText> train = TrainingDataFile.Load(Path.Combine(data, "train"));
        string generatedPath = Path.Combine(data, "generated");
        IReadOnlyList<LabeledText> withGenerated = Directory.Exists(generatedPath) ? [.. train, .. TrainingDataFile.Load(generatedPath)] : train;
        IReadOnlyList<LabeledText> heldOut = Visible(Path.Combine(data, "heldout.jsonl"));
        string unseenPath = Path.Combine(data, "heldout-unseen.jsonl");
        IReadOnlyList<LabeledText>? unseen = File.Exists(unseenPath) ? Visible(unseenPath) : null;
        Console.WriteLine($"train {train.Count}, held-out {heldOut.Count}, unseen {unseen?.Count.ToString(CultureInfo.InvariantCulture) ?? "none"}");

        var candidates = new[]
        {
            new Candidate("ML.NET, seed set", false, t => new IntentTrainer().Train(t, null, cancellationToken).Predict),
            new Candidate("ML.NET, seed + generated (the desk now)", true, t => new IntentTrainer().Train(t, null, cancellationToken).Predict),
        };
        var results = new List<Result>();
        foreach (Candidate c in candidates)
        {
            Console.WriteLine($"== {c.Name}");
            GC.Collect();
            var watch = Stopwatch.StartNew();
            IReadOnlyList<LabeledText> examples = c.Generated ? withGenerated : train;
            Func<string, Prediction> predict = c.Train(examples);
            double trainSeconds = watch.Elapsed.TotalSeconds;
            object model = predict.Target!;
            (EvaluationReport report, double triage, double kept) = Score(predict, heldOut, threshold);
            Console.WriteLine(report.ToText());
            (EvaluationReport? u, double? ut, double? uk) = (null, null, null);
            if (unseen is not null)
            {
                (EvaluationReport ur, double t2, double k2) = Score(predict, unseen, threshold);
                (u, ut, uk) = (ur, t2, k2);
                Console.WriteLine("unseen:\n" + ur.ToText());
            }

            (double rate, double cpuRate) = MessagesPerSecond(predict, heldOut.Select(e => e.Text).ToArray(), runs);
            (long bytes, double loadMs, long loadMemory) = FileFigures(model, runs);
            Func<string, Prediction> again = c.Train(examples);
            bool deterministic = heldOut.All(e => predict(e.Text).Ranked.SequenceEqual(again(e.Text).Ranked));
            var r = new Result(c.Name, trainSeconds, report, u, triage, kept, ut, uk, rate, cpuRate, bytes, loadMs, loadMemory, deterministic);
            Console.WriteLine(r with { HeldOut = null!, Unseen = null });
            results.Add(r);
        }

        Console.WriteLine($"seed set {train.Count}, with generated {withGenerated.Count}");
        Console.WriteLine(Markdown(results, train.Count, heldOut.Count, unseen?.Count, runs, threshold));
        return Task.FromResult(0);
    }

    private static IReadOnlyList<LabeledText> Visible(string path) => TrainingDataFile.ReadMessages(path)
        .Select(m => new LabeledText(LabeledText.Compose(m.Subject, VisibleTextExtractor.Extract(m.Body)), m.Intent, m.Id, m.Language)).ToList();

    private static (EvaluationReport Report, double TriageRate, double KeptPrecision) Score(Func<string, Prediction> predict,
        IReadOnlyList<LabeledText> examples, double threshold)
    {
        Prediction[] predictions = examples.Select(e => predict(e.Text)).ToArray();
        int kept = 0, right = 0;
        for (int i = 0; i < predictions.Length; i++)
        {
            if (predictions[i].Probability >= threshold)
            {
                kept++;
                right += predictions[i].Label == examples[i].Label ? 1 : 0;
            }
        }

        return (Evaluator.Score(examples, predictions), 1 - (kept / (double)predictions.Length), kept == 0 ? 0 : right / (double)kept);
    }

    /// <summary>Model file size, median load time, managed memory the loaded model holds.</summary>
    private static (long Bytes, double LoadMs, long LoadBytes) FileFigures(object model, int runs)
    {
        using var file = new MemoryStream();
        Func<Stream, object> load;
        IntentModelFile.Write((IntentModel)model, file);
        load = s => { var m = IntentModelFile.Read(s); m.Predict("warm"); return m; };

        byte[] bytes = file.ToArray();
        var times = new List<double>();
        long memory = 0;
        for (int i = 0; i < runs; i++)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            long before = GC.GetGCMemoryInfo(GCKind.FullBlocking).HeapSizeBytes;
            var watch = Stopwatch.StartNew();
            object loaded = load(new MemoryStream(bytes));
            times.Add(watch.Elapsed.TotalMilliseconds);
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            memory = GC.GetGCMemoryInfo(GCKind.FullBlocking).HeapSizeBytes - before;
            GC.KeepAlive(loaded);
        }

        return (bytes.Length, Median(times), memory);
    }

    /// <summary>Single-threaded Predict over the held-out texts, about 10,000 messages per run; median rate.</summary>
    private static (double Wall, double Cpu) MessagesPerSecond(Func<string, Prediction> predict, string[] texts, int runs)
    {
        foreach (string text in texts)
        {
            predict(text); // warm-up
        }

        int repeats = Math.Max(1, 10_000 / texts.Length);
        var rates = new List<double>();
        var cpuRates = new List<double>();
        using var process = Process.GetCurrentProcess();
        for (int run = 0; run < runs; run++)
        {
            process.Refresh();
            TimeSpan cpu = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            for (int r = 0; r < repeats; r++)
            {
                foreach (string text in texts)
                {
                    predict(text);
                }
            }

            rates.Add(repeats * texts.Length / watch.Elapsed.TotalSeconds);
            process.Refresh();
            cpuRates.Add(repeats * texts.Length / (process.TotalProcessorTime - cpu).TotalSeconds);
        }

        return (Median(rates), Median(cpuRates));
    }

    private static string Markdown(List<Result> results, int train, int heldOut, int? unseen, int runs, double threshold)
    {
        var md = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        md.AppendLine(inv, $"train {train} messages; held-out {heldOut}; unseen-mail file {unseen?.ToString(inv) ?? "-"}; medians of {runs} runs; triage threshold {threshold}");
        md.AppendLine();
        md.AppendLine("| | " + string.Join(" | ", results.Select(r => r.Name)) + " |");
        md.AppendLine("|---|" + string.Concat(results.Select(_ => "---:|")));
        void Row(string name, Func<Result, string> cell) => md.AppendLine($"| {name} | " + string.Join(" | ", results.Select(cell)) + " |");
        Row("held-out macro-F1", r => r.HeldOut.MacroF1.ToString("0.0000", inv));
        Row("held-out accuracy", r => r.HeldOut.Accuracy.ToString("0.0000", inv));
        Row($"held-out triage rate (p < {threshold})", r => r.TriageRate.ToString("P1", inv));
        Row("held-out precision of the rest", r => r.KeptPrecision.ToString("0.0000", inv));
        if (unseen is not null)
        {
            Row("unseen-mail macro-F1", r => r.Unseen!.MacroF1.ToString("0.0000", inv));
            Row("unseen-mail lowest intent F1", r => r.Unseen!.PerLabel.Min(l => l.F1).ToString("0.000", inv));
            Row("unseen-mail triage rate", r => r.UnseenTriageRate!.Value.ToString("P1", inv));
            Row("unseen-mail precision of the rest", r => r.UnseenKeptPrecision!.Value.ToString("0.0000", inv));
        }

        Row("training (one core)", r => r.TrainSeconds.ToString("0.0", inv) + " s");
        Row("classify one at a time, incl. normalization", r => r.Rate.ToString("#,0", inv) + " msgs/s");
        Row("… per CPU second", r => r.CpuRate.ToString("#,0", inv) + " msgs/s");
        Row("model file", r => (r.FileBytes / 1e6).ToString("0.0", inv) + " MB");
        Row("model load (incl. first prediction)", r => r.LoadMs.ToString("0", inv) + " ms");
        Row("managed memory held by a loaded model", r => (r.LoadBytes / 1e6).ToString("0.0", inv) + " MB");
        Row("trained twice: identical probabilities", r => r.Deterministic ? "yes" : "no");
        md.AppendLine();
        md.AppendLine("| held-out F1 per intent | " + string.Join(" | ", results.Select(r => r.Name)) + " |");
        md.AppendLine("|---|" + string.Concat(results.Select(_ => "---:|")));
        foreach (string label in results[0].HeldOut.PerLabel.Select(l => l.Label))
        {
            Row(label, r => r.HeldOut.PerLabel.Single(l => l.Label == label).F1.ToString("0.000", inv)
                + (r.Unseen is { } u && u.PerLabel.FirstOrDefault(l => l.Label == label) is { } ul ? $" / {ul.F1:0.000}" : ""));
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
