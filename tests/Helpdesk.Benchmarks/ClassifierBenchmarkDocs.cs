using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Helpdesk.Classification.Training;

namespace Helpdesk.Benchmarks;

/// <summary>Formats the classifier benchmark as the `## Intent classifier` section of docs/benchmarks.md.</summary>
internal static class ClassifierBenchmarkDocs
{
    private const string Heading = "## Intent classifier";

    public static string Section(OurResult ours, TrainingOptions o, JsonElement? sklearn, IReadOnlyList<LabeledText> train, IReadOnlyList<LabeledText> heldOut, string command, int runs)
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(Heading).AppendLine();
        sb.AppendLine(c, $"Measured {DateTime.UtcNow:yyyy-MM-dd} on {Machine()}, every timing on one core (process pinned to CPU 0).");
        sb.AppendLine(c, $"Command: `{command}` (needs `apt-get install -y python3-sklearn` for the baseline).");
        sb.AppendLine(c, $"Data: `data/training/train/` ({train.Count} messages, {train.Select(e => e.Label).Distinct().Count()} intents); held-out test file `data/training/heldout.jsonl` ({heldOut.Count} messages, written separately, never trained on).");
        sb.AppendLine("Training on 10,000: the train set cycled to 10,000 messages, copies given small seeded edits (word dropped, words swapped, typo, capitals); both sides train on the same file.");
        sb.AppendLine("Throughput: held-out texts (subject + raw body, quoted notice included) classified one message per call, repeated to ~20,000 per run; median of the runs.");
        sb.AppendLine();

        JsonElement[] sk = sklearn is { } s ? s.GetProperty("results").EnumerateArray().ToArray() : [];
        sb.Append("| | Helpdesk.Classification");
        foreach (JsonElement r in sk)
        {
            sb.Append(c, $" | scikit-learn C={r.GetProperty("c").GetDouble():0.#}");
        }

        sb.AppendLine(" | target |");
        sb.Append("|---|---");
        foreach (JsonElement _ in sk)
        {
            sb.Append("|---");
        }

        sb.AppendLine("|---|");
        Row(sb, "macro-F1, held-out", F(ours.Report.MacroF1, "0.0000"), sk, r => F(r.GetProperty("macro_f1").GetDouble(), "0.0000"), ">= 0.92 and >= scikit-learn");
        Row(sb, "accuracy, held-out", F(ours.Report.Accuracy, "0.0000"), sk, r => F(r.GetProperty("accuracy").GetDouble(), "0.0000"), "");
        Row(sb, "expected calibration error, held-out (10 bins)", F(ours.CalibrationError, "0.000"), sk, _ => "", "");
        Row(sb, $"messages/s, one core, one per call (median of {runs}; per CPU-second in brackets)", $"{F(ours.MessagesPerSecond, "#,0")} ({F(ours.MessagesPerCpuSecond, "#,0")})", sk, r => F(r.GetProperty("single_msgs_per_s").GetDouble(), "#,0"), ">= 20,000");
        Row(sb, $"messages/s, one core, whole batch per call (median of {runs})", "(same code path)", sk, r => F(r.GetProperty("batch_msgs_per_s").GetDouble(), "#,0"), "");
        Row(sb, $"training on the train set ({train.Count}), s", F(ours.TrainSeconds, "0.00"), sk, r => F(r.GetProperty("train_seconds").GetDouble(), "0.00"), "");
        Row(sb, "training on 10,000 messages, s (median)", F(ours.Train10kSeconds, "0.00"), sk, r => F(r.GetProperty("train10k_seconds").GetDouble(), "0.00"), "<= 10");
        Row(sb, "macro-F1, held-out, of the 10,000-message model", F(ours.Train10kMacroF1, "0.0000"), sk, _ => "", "");
        Row(sb, "model file, MB", F(ours.ModelBytes / 1e6, "0.00"), sk, r => F(r.GetProperty("pickle_bytes").GetDouble() / 1e6, "0.00") + " (pickle)", "< 20");
        Row(sb, "features with weights", F(ours.Model.FeatureCount, "#,0"), sk, r => F(r.GetProperty("features").GetDouble(), "#,0"), "");
        sb.AppendLine();
        if (sklearn is { } info)
        {
            sb.AppendLine(c, $"scikit-learn {info.GetProperty("sklearn").GetString()} (Python {info.GetProperty("python").GetString()}): `make_union(TfidfVectorizer(word, 1-2, sublinear_tf), TfidfVectorizer(char_wb, 3-5, sublinear_tf))` + `LogisticRegression(lbfgs, max_iter=1000)`, at its default C=1 and at C=10 and C=100 (larger C fits this data better; training on 10,000 timed once per C); script `tests/Helpdesk.Benchmarks/python/sklearn_baseline.py`.");
        }
        else
        {
            sb.AppendLine("scikit-learn was not run (missing, or `--no-sklearn`).");
        }

        sb.AppendLine(c, $"Ours: 2^{o.Features.HashBits} buckets per block (word 1-{o.Features.WordNgramMax}-grams, char_wb {o.Features.CharNgramMin}-{o.Features.CharNgramMax}-grams, accent-folded words), min document frequency {o.MinDocumentFrequency}, L2 {o.L2}, L-BFGS up to {o.MaxIterations} iterations, temperature {ours.Model.Temperature:0.000} fitted on {ours.Model.Metrics.CalibrationExamples} held-back messages.");
        sb.AppendLine().AppendLine("Per-intent scores of our model on the held-out file:").AppendLine().AppendLine("```");
        sb.Append(ours.Report.ToText());
        sb.AppendLine("```");
        return sb.ToString();
    }

    /// <summary>Replaces the section in <paramref name="path"/> (from its heading to the next `## `), or appends it.</summary>
    public static void WriteSection(string path, string section)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        string existing = File.Exists(path) ? File.ReadAllText(path) : "# Benchmarks\n\nResults committed with the machine they ran on.\n";
        int start = existing.IndexOf(Heading, StringComparison.Ordinal);
        string updated;
        if (start < 0)
        {
            updated = existing.TrimEnd() + "\n\n" + section;
        }
        else
        {
            int next = existing.IndexOf("\n## ", start + Heading.Length, StringComparison.Ordinal);
            updated = existing[..start] + section + (next < 0 ? "" : "\n" + existing[(next + 1)..]);
        }

        File.WriteAllText(path, updated.Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    private static void Row(StringBuilder sb, string name, string ours, JsonElement[] sklearn, Func<JsonElement, string> value, string target)
    {
        sb.Append("| ").Append(name).Append(" | ").Append(ours);
        foreach (JsonElement r in sklearn)
        {
            sb.Append(" | ").Append(value(r));
        }

        sb.Append(" | ").Append(target).AppendLine(" |");
    }

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Machine()
    {
        string cpu = "unknown CPU";
        if (File.Exists("/proc/cpuinfo"))
        {
            string? line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            cpu = line?.Split(':', 2)[1].Trim() ?? cpu;
        }

        // The machine is shared with other work; the load average tells how much the timings may suffer.
        string load = File.Exists("/proc/loadavg") ? $", load average {string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))} at the end" : "";
        return $"{cpu} ({Environment.ProcessorCount} cores{load}), {RuntimeInformation.OSDescription.Trim()}, {RuntimeInformation.FrameworkDescription}";
    }
}
