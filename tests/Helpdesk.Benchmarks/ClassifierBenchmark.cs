using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Helpdesk.Classification.Data;
using Helpdesk.Classification.Evaluation;
using Helpdesk.Classification.Model;
using Helpdesk.Classification.Training;

namespace Helpdesk.Benchmarks;

/// <summary>
/// The intent classifier beside scikit-learn, in one run on the same files: macro-F1 on the held-out
/// file, messages per second on one core, training time on 10,000 messages, model size. Writes the
/// `## Intent classifier` section of docs/benchmarks.md.
/// Usage: classifier [--data DIR] [--runs N] [--python PATH] [--no-sklearn] [--no-docs]
/// [--quick (train, evaluate, throughput only)] [--hash-bits B] [--l2 X] [--max-iterations N] [--min-df N] (to try options other than the defaults)
/// </summary>
public static class ClassifierBenchmark
{
    private const int BigTrainingSize = 10_000;

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        string root = RepositoryRoot();
        string data = Option(args, "--data") ?? Path.Combine(root, "data", "training");
        int runs = int.Parse(Option(args, "--runs") ?? "5", CultureInfo.InvariantCulture);
        string python = Option(args, "--python") ?? "/usr/bin/python3";
        string trainPath = Path.Combine(data, "train");
        string heldOutPath = Path.Combine(data, "heldout.jsonl");

        // One core for everything, the Python child included (affinity is inherited).
        if (OperatingSystem.IsLinux() || OperatingSystem.IsWindows())
        {
            Process.GetCurrentProcess().ProcessorAffinity = 1;
        }

        IReadOnlyList<LabeledText> train = TrainingDataFile.Load(trainPath);
        IReadOnlyList<LabeledText> heldOut = TrainingDataFile.Load(heldOutPath);
        Console.WriteLine($"train {train.Count} messages, held-out {heldOut.Count} messages");

        TrainingOptions options = TrainingOptions.Default;
        if (Option(args, "--hash-bits") is { } bits)
        {
            options = options with { Features = options.Features with { HashBits = int.Parse(bits, CultureInfo.InvariantCulture) } };
        }

        if (Option(args, "--l2") is { } l2)
        {
            options = options with { L2 = double.Parse(l2, CultureInfo.InvariantCulture) };
        }

        if (Option(args, "--max-iterations") is { } iterations)
        {
            options = options with { MaxIterations = int.Parse(iterations, CultureInfo.InvariantCulture) };
        }

        if (Option(args, "--min-df") is { } minDf)
        {
            options = options with { MinDocumentFrequency = int.Parse(minDf, CultureInfo.InvariantCulture) };
        }

        var trainer = new TextClassifierTrainer(options);
        var watch = Stopwatch.StartNew();
        TextClassifierModel model = trainer.Train(train, new ConsoleProgress(), cancellationToken);
        double trainSeconds = watch.Elapsed.TotalSeconds;
        EvaluationReport report = Evaluator.Evaluate(model, heldOut, cancellationToken);
        model = Evaluator.WithHeldOutMetrics(model, report);
        Console.WriteLine(report.ToText());
        double calibrationError = ExpectedCalibrationError(model, heldOut);
        Console.WriteLine($"expected calibration error (10 bins): {calibrationError:0.000}");
        using var file = new MemoryStream();
        model.Save(file);
        long modelBytes = file.Length;

        (double rate, double cpuRate) = MessagesPerSecond(model, heldOut.Select(e => e.Text).ToArray(), runs);
        Console.WriteLine($"classification: {rate:0} messages/s wall clock, {cpuRate:0} per CPU second (median of {runs})");
        if (args.Contains("--quick"))
        {
            Console.WriteLine($"quick: macro-F1 {report.MacroF1:0.0000}, accuracy {report.Accuracy:0.0000}, train {trainSeconds:0.00} s, temperature {model.Temperature:0.000}, rows {model.FeatureCount}");
            return 0;
        }


        IReadOnlyList<LabeledText> big = ClassifierAugmentation.Expand(train, BigTrainingSize);
        var bigTimes = new List<double>();
        TextClassifierModel? bigModel = null;
        for (int i = 0; i < Math.Max(3, runs / 2); i++)
        {
            GC.Collect();
            watch.Restart();
            bigModel = trainer.Train(big, null, cancellationToken);
            bigTimes.Add(watch.Elapsed.TotalSeconds);
            Console.WriteLine($"training on {big.Count}: {bigTimes[^1]:0.00} s");
        }

        double bigF1 = Evaluator.Evaluate(bigModel!, heldOut, cancellationToken).MacroF1;
        var ours = new OurResult(report, calibrationError, trainSeconds, Median(bigTimes), bigF1, rate, cpuRate, modelBytes, model);

        JsonElement? sklearn = null;
        if (!args.Contains("--no-sklearn"))
        {
            string bigPath = Path.Combine(Path.GetTempPath(), $"helpdesk-train10k-{Environment.ProcessId}.jsonl");
            try
            {
                ClassifierAugmentation.WriteJsonLines(big, bigPath);
                sklearn = await RunSklearnAsync(python, trainPath, heldOutPath, bigPath, runs, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                File.Delete(bigPath);
            }
        }

        string command = "dotnet run -c Release --project tests/Helpdesk.Benchmarks -- classifier" + (args.Length > 0 ? " " + string.Join(' ', args) : "");
        string section = ClassifierBenchmarkDocs.Section(ours, options, sklearn, train, heldOut, command, runs);
        Console.WriteLine(section);
        if (!args.Contains("--no-docs"))
        {
            string docs = Path.Combine(root, "docs", "benchmarks.md");
            ClassifierBenchmarkDocs.WriteSection(docs, section);
            Console.WriteLine($"wrote {docs}");
        }

        return 0;
    }

    /// <summary>Single-threaded Predict over the held-out texts, repeated to about 20,000 messages per run; median rate.</summary>
    private static (double Wall, double Cpu) MessagesPerSecond(TextClassifierModel model, string[] texts, int runs)
    {
        foreach (string text in texts)
        {
            model.Predict(text); // warm-up: JIT tiers, scratch buffers
        }

        int repeats = Math.Max(1, 20_000 / texts.Length);
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
                    model.Predict(text);
                }
            }

            rates.Add(repeats * texts.Length / watch.Elapsed.TotalSeconds);
            process.Refresh();
            cpuRates.Add(repeats * texts.Length / (process.TotalProcessorTime - cpu).TotalSeconds);
        }

        return (Median(rates), Median(cpuRates));
    }

    private static async Task<JsonElement?> RunSklearnAsync(string python, string train, string heldOut, string big, int runs, CancellationToken cancellationToken)
    {
        string script = Path.Combine(AppContext.BaseDirectory, "python", "sklearn_baseline.py");
        var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in new[] { script, "--train", train, "--heldout", heldOut, "--train10k", big, "--runs", runs.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(a);
        }

        Console.WriteLine("running scikit-learn baseline...");
        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {python}");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        Task<string> stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            Console.Error.WriteLine($"scikit-learn baseline failed ({process.ExitCode}); install it with: apt-get install -y python3-sklearn");
            Console.Error.WriteLine(await stderr.ConfigureAwait(false));
            return null;
        }

        string json = await stdout.ConfigureAwait(false);
        Console.WriteLine(json);
        return JsonDocument.Parse(json).RootElement.Clone();
    }

    /// <summary>Confidence against accuracy over ten probability bins, weighted by messages per bin.</summary>
    private static double ExpectedCalibrationError(TextClassifierModel model, IReadOnlyList<LabeledText> examples)
    {
        var bins = new (double Confidence, int Correct)[10];
        foreach (LabeledText example in examples)
        {
            Prediction prediction = model.Predict(example.Text);
            int bin = Math.Min(9, (int)(prediction.Probability * 10));
            bins[bin].Confidence += prediction.Probability;
            bins[bin].Correct += prediction.Label == example.Label ? 1 : 0;
        }

        return bins.Sum(b => Math.Abs(b.Confidence - b.Correct)) / examples.Count;
    }

    internal static double Median(IReadOnlyList<double> values)
    {
        double[] sorted = values.Order().ToArray();
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static string RepositoryRoot()
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Helpdesk.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Run from inside the repository (no Helpdesk.sln found above the current folder).");
    }

    private sealed class ConsoleProgress : IProgress<string>
    {
        public void Report(string value) => Console.WriteLine("  " + value);
    }
}

/// <summary>What the benchmark measured for the desk's classifier.</summary>
internal sealed record OurResult(
    EvaluationReport Report,
    double CalibrationError,
    double TrainSeconds,
    double Train10kSeconds,
    double Train10kMacroF1,
    double MessagesPerSecond,
    double MessagesPerCpuSecond,
    long ModelBytes,
    TextClassifierModel Model);
