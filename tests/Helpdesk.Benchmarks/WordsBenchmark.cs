using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Helpdesk.Mail.CustomerWords;
using Helpdesk.Mail.Reading;

namespace Helpdesk.Benchmarks;

/// <summary>
/// The customer's words, scored in one run on one corpus: the desk's reader now (`helpdesk words`), the reader
/// of an older commit (--old-reader DLL, see realmail/build-old-reader.sh), and the baselines of
/// realmail/words_baseline.py (CPython's email package alone, and with the public reply parsers npm offers).
/// </summary>
internal static class WordsBenchmark
{
    public static Task<int> RunAsync(string[] args) => Task.FromResult(Run(args));

    private static int Run(string[] args)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        if (Machine.Option(args, "--throughput", "") is { Length: > 0 } throughputFolder)
            return Throughput(throughputFolder, Machine.Option(args, "--old-reader", ""), int.Parse(Machine.Option(args, "--runs", "7"), CultureInfo.InvariantCulture));
        if (Machine.Option(args, "--jsonl-diff", "") is { Length: > 0 } jsonlFolder)
            return JsonlDiff(jsonlFolder, Machine.Option(args, "--old-reader", ""));
        var corpus = Path.GetFullPath(Machine.Option(args, "--corpus", Path.Combine("tests", "Helpdesk.Mail.Tests", "TestData", "customer-words")));
        Console.WriteLine($"machine: {Machine.Describe()}");
        Console.WriteLine($"date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        var files = WordsCorpus.Files(corpus);
        Console.WriteLine($"corpus: {files.Count} messages in {corpus}");

        var score = WordsCorpus.Evaluate(corpus);
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
            "{0,-45} visible text exact {1,5:F1} % ({2}/{3})   forwarded accuracy {4,5:F1} %   machine precision {5:F3} recall {6:F3}",
            "desk (this build)", 100 * score.VisibleTextRate, score.VisibleTextExact, score.Messages, 100 * score.ForwardedAccuracy,
            score.MachinePrecision, score.MachineRecall));

        var oldPath = Machine.Option(args, "--old-reader", "");
        if (oldPath.Length > 0)
            ScoreOld(MimeOldReader.Load(oldPath), corpus, files);

        var script = Machine.Option(args, "--baseline", Path.Combine("tests", "Helpdesk.Benchmarks", "realmail", "words_baseline.py"));
        if (File.Exists(script))
        {
            var psi = new ProcessStartInfo("python3") { RedirectStandardOutput = true };
            psi.ArgumentList.Add(script);
            psi.ArgumentList.Add(corpus);
            using var p = Process.Start(psi)!;
            Console.Write(p.StandardOutput.ReadToEnd());
            p.WaitForExit();
        }
        else
            Console.WriteLine($"baseline script {script} not found: baselines not run");
        return 0;
    }

    private static void ScoreOld(MimeOldReader old, string corpus, IReadOnlyList<string> files)
    {
        int exact = 0, forwardRight = 0;
        foreach (var file in files)
        {
            using var expected = JsonDocument.Parse(File.ReadAllBytes(WordsCorpus.ExpectedPath(file)));
            var root = expected.RootElement;
            var email = old.Read(File.ReadAllBytes(file));
            if (WordsCorpus.Fold(old.VisibleText(email)) == WordsCorpus.Fold(root.GetProperty("visibleText").GetString()))
                exact++;
            var want = root.TryGetProperty("forwarded", out var f) && f.ValueKind == JsonValueKind.Object ? f : (JsonElement?)null;
            var got = old.Forwarded(email);
            if (want is null ? got is null
                : got is { } g && g.From == want.Value.GetProperty("from").GetString() && g.Subject == want.Value.GetProperty("subject").GetString())
                forwardRight++;
        }
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-45} visible text exact {1,5:F1} % ({2}/{3})   forwarded accuracy {4,5:F1} %",
            "desk before (--old-reader)", 100.0 * exact / files.Count, exact, files.Count, 100.0 * forwardRight / files.Count));
    }

    /// <summary>
    /// Parse + clean text (Text and VisibleText), old reader and this one alternating run by run on one core, timed
    /// by wall clock and by the process's CPU time (a loaded machine stretches the first, hardly the second);
    /// then reply trimming alone on the same texts, old extractor against this one.
    /// </summary>
    private static int Throughput(string folder, string oldPath, int runs)
    {
        var messages = Directory.GetFiles(folder, "*.eml").Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToList();
        Console.WriteLine($"machine: {Machine.Describe()}");
        Console.WriteLine($"date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; load average: {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine($"corpus: {messages.Count} messages in {folder}");
        Machine.PinToOneCore(0);
        var reader = new EmailReader();
        var old = oldPath.Length > 0 ? MimeOldReader.Load(oldPath) : null;
        long sink = 0;
        if (old is not null)
            DiffVisibleText(old, reader, messages, Path.Combine(Path.GetTempPath(), "helpdesk-words-diff.txt"));
        for (var w = 0; w < 2; w++)
        {
            foreach (var m in messages)
                sink += reader.Read(m).VisibleText.Length;
            if (old is not null)
                foreach (var m in messages)
                    sink += old.VisibleText(old.Read(m)).Length;
        }
        var wallNew = new List<double>();
        var cpuNew = new List<double>();
        var wallOld = new List<double>();
        var cpuOld = new List<double>();
        for (var r = 0; r < runs; r++)
        {
            if (old is not null)
            {
                var (wo, co) = Time(messages.Count, () => { foreach (var m in messages) { var e = old.Read(m); sink += old.Text(e).Length + old.VisibleText(e).Length; } });
                wallOld.Add(wo);
                cpuOld.Add(co);
            }
            var (wn, cn) = Time(messages.Count, () => { foreach (var m in messages) { var e = reader.Read(m); sink += e.Text.Length + e.VisibleText.Length; } });
            wallNew.Add(wn);
            cpuNew.Add(cn);
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "  run {0}: new {1:F0} msg/s wall, {2:F0} msg/CPU-s{3}", r + 1, wn, cn,
                old is null ? "" : string.Format(CultureInfo.InvariantCulture, "; old {0:F0} msg/s wall, {1:F0} msg/CPU-s", wallOld[^1], cpuOld[^1])));
        }
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "parse + Text + VisibleText, new: median {0:F0} msg/s wall, {1:F0} msg per CPU second",
            Machine.Median(wallNew), Machine.Median(cpuNew)));
        if (old is not null)
        {
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "parse + Text + VisibleText, old: median {0:F0} msg/s wall, {1:F0} msg per CPU second",
                Machine.Median(wallOld), Machine.Median(cpuOld)));
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "new/old: {0:F2} wall, {1:F2} CPU", Machine.Median(wallNew) / Machine.Median(wallOld),
                Machine.Median(cpuNew) / Machine.Median(cpuOld)));
        }
        GC.KeepAlive(sink);
        return 0;
    }

    private static (double Wall, double Cpu) Time(int count, Action action)
    {
        GC.Collect();
        var process = Process.GetCurrentProcess();
        var cpu0 = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        action();
        watch.Stop();
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpu0).TotalSeconds;
        return (count / watch.Elapsed.TotalSeconds, count / cpu);
    }

    /// <summary>Where the old and new visible text differ (whitespace folded), with both texts, for a person to judge.</summary>
    private static void DiffVisibleText(MimeOldReader old, EmailReader reader, List<byte[]> messages, string path)
    {
        var differ = 0;
        using var w = new StreamWriter(path);
        for (var i = 0; i < messages.Count; i++)
        {
            var oldText = old.VisibleText(old.Read(messages[i]));
            var newText = reader.Read(messages[i]).VisibleText;
            if (WordsCorpus.Fold(oldText) == WordsCorpus.Fold(newText))
                continue;
            differ++;
            w.WriteLine($"=== message {i}\n--- old\n{oldText}\n--- new\n{newText}\n");
        }
        Console.WriteLine($"visible text old vs new: {differ} of {messages.Count} differ (details in {path})");
    }

    /// <summary>
    /// The training texts (jsonl, a "body" field) through the old and the new <c>VisibleTextExtractor.Extract</c>:
    /// how many the classifier would now see differently, with both texts for a person to judge.
    /// </summary>
    private static int JsonlDiff(string folder, string oldPath)
    {
        var context = new System.Runtime.Loader.AssemblyLoadContext("old-words");
        var oldAssembly = context.LoadFromAssemblyPath(Path.GetFullPath(oldPath));
        var extract = oldAssembly.GetType("Helpdesk.Mail.CustomerWords.VisibleTextExtractor", throwOnError: true)!.GetMethod("Extract", [typeof(string)])!;
        var path = Path.Combine(Path.GetTempPath(), "helpdesk-words-training-diff.txt");
        using var w = new StreamWriter(path);
        int total = 0, differ = 0;
        foreach (var file in Directory.GetFiles(folder, "*.jsonl", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            foreach (var line in File.ReadLines(file))
            {
                if (line.Trim().Length == 0)
                    continue;
                using var doc = JsonDocument.Parse(line);
                if (!doc.RootElement.TryGetProperty("body", out var b) || b.GetString() is not { } body)
                    continue;
                total++;
                var before = (string)extract.Invoke(null, [body])!;
                var after = VisibleTextExtractor.Extract(body);
                if (WordsCorpus.Fold(before) == WordsCorpus.Fold(after))
                    continue;
                differ++;
                w.WriteLine($"=== {Path.GetFileName(file)}\n--- old\n{before}\n--- new\n{after}\n");
            }
        }
        Console.WriteLine($"training texts: {differ} of {total} extract differently (details in {path})");
        return 0;
    }
}
