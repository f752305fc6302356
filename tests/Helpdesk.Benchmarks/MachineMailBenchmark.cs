using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Helpdesk.Mail.CustomerWords;
using Helpdesk.Mail.Reading;

namespace Helpdesk.Benchmarks;

/// <summary>
/// Machine-mail precision and recall on the team's corpus (every x.eml with x.expected.json under the given
/// folders: "machine": "kind" or null, or the golden files' {"kind": ...}), and parse + Text + VisibleText +
/// machine decision throughput, for this build and, with --old-reader, an older build of Helpdesk.Mail in the same
/// process on the same files (old and new alternate run by run). Times are the process's CPU time, not the wall
/// clock: on a shared machine under load, waiting for a core says nothing about the code.
/// </summary>
internal static class MachineMailBenchmark
{
    public static Task<int> RunAsync(string[] args) => Task.FromResult(Run(args));

    private static int Run(string[] args)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var folders = Machine.Option(args, "--corpus", "tests/Helpdesk.Mail.Tests/TestData/customer-words,tests/Helpdesk.Mail.Tests/TestData/golden")
            .Split(',', StringSplitOptions.RemoveEmptyEntries);
        var runs = int.Parse(Machine.Option(args, "--runs", "7"), CultureInfo.InvariantCulture);
        var passes = int.Parse(Machine.Option(args, "--passes", "10"), CultureInfo.InvariantCulture);
        // Tiered JIT settles only after a few thousand reads; the first runs would measure the compiler.
        var warmup = int.Parse(Machine.Option(args, "--warmup", "12"), CultureInfo.InvariantCulture);
        var cases = folders.SelectMany(WordsCorpus.MachineCases).ToList();
        var messages = cases.Select(c => File.ReadAllBytes(c.Eml)).ToList();
        Console.WriteLine($"machine: {Machine.Describe()}");
        Console.WriteLine($"date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; load average {LoadAverage()}");
        Console.WriteLine($"corpus: {cases.Count} messages ({cases.Count(c => c.Kind is not null)} machine, {cases.Count(c => c.Kind is null)} human) in {string.Join(", ", folders)}");

        var reader = new EmailReader();
        var oldPath = Machine.Option(args, "--old-reader", "");
        var old = oldPath.Length > 0 ? MimeOldReader.Load(oldPath) : null;

        Report("new (this build)", cases, messages, m => Kind(reader.Read(m).Machine.Kind.ToString()), args.Contains("--list"));
        if (old is not null)
            Report($"old ({Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(oldPath)))})", cases, messages, m => Kind(old.MachineKind(old.Read(m))), args.Contains("--list"));

        // Throughput: each run reads the corpus `passes` times; old and new alternate.
        Machine.PinToOneCore(0);
        long sink = 0;
        for (var w = 0; w < warmup; w++)
        {
            sink += Pass(messages, 1, m => { var e = reader.Read(m); return e.VisibleText.Length + (int)e.Machine.Kind; });
            if (old is not null)
                sink += Pass(messages, 1, m => { var e = old.Read(m); return old.VisibleText(e).Length + old.MachineKind(e).Length; });
        }
        var newRates = new List<double>();
        var oldRates = new List<double>();
        for (var r = 0; r < runs; r++)
        {
            if (old is not null)
                oldRates.Add(Rate(messages, passes, m => { var e = old.Read(m); return old.Text(e).Length + old.VisibleText(e).Length + old.MachineKind(e).Length; }, ref sink));
            newRates.Add(Rate(messages, passes, m => { var e = reader.Read(m); return e.Text.Length + e.VisibleText.Length + (int)e.Machine.Kind; }, ref sink));
            Console.WriteLine($"  run {r + 1}: new {newRates[^1]:F0} msg/s" + (old is null ? "" : $", old {oldRates[^1]:F0} msg/s"));
        }
        var newMedian = Machine.Median(newRates);
        Console.WriteLine($"parse + Text + VisibleText + machine, one core, msg per CPU second, median of {runs} ({passes} passes each): new {newMedian:F0} msg/s ({newRates.Min():F0} to {newRates.Max():F0})");
        if (old is not null)
        {
            var oldMedian = Machine.Median(oldRates);
            Console.WriteLine($"  old {oldMedian:F0} msg/s ({oldRates.Min():F0} to {oldRates.Max():F0}); new/old {newMedian / oldMedian:F3}");
        }

        // The machine-mail decision alone, on messages already parsed (this build only).
        var parsed = messages.Select(m => reader.Read(m)).ToList();
        var visible = parsed.Select(p => VisibleTextExtractor.Analyze(p.Text, p.Subject)).ToList();
        foreach (var (label, human) in (ReadOnlySpan<(string, bool)>)[("human", true), ("machine", false)])
        {
            var which = Enumerable.Range(0, parsed.Count).Where(i => (cases[i].Kind is null) == human).ToList();
            if (which.Count == 0)
                continue;
            var detectTimes = new List<double>();
            for (var r = -3; r < runs; r++)
            {
                var cpu = Cpu();
                for (var pass = 0; pass < passes; pass++)
                    foreach (var i in which)
                        sink += (int)MachineMailDetector.Detect(parsed[i].Message, parsed[i].From, parsed[i].Subject, parsed[i].Text, visible[i]).Kind;
                if (r >= 0)
                    detectTimes.Add((Cpu() - cpu).TotalMilliseconds * 1000 / (passes * which.Count));
            }
            var detectMicros = Machine.Median(detectTimes);
            Console.WriteLine($"MachineMailDetector.Detect alone on {which.Count} {label} mails: median {detectMicros:F1} µs per message ({detectMicros * newMedian / 1e6:P1} of the average whole read)");
            if (old is not null)
                Console.WriteLine($"  old MachineMailDetector.Detect on the same mails (through reflection): median {OldDetectMicros(old, which.Select(i => messages[i]).ToList(), runs, passes):F1} µs per message");
        }
        return sink == 42 ? 1 : 0;
    }

    // The old build's Detect on its own parse of the same bytes, called through reflection (a few µs of the figure are the call).
    private static double OldDetectMicros(MimeOldReader old, List<byte[]> messages, int runs, int passes)
    {
        var detector = old.Assembly.GetType("Helpdesk.Mail.Reading.MachineMailDetector", throwOnError: true)!.GetMethod("Detect")!;
        var analyze = old.Assembly.GetType("Helpdesk.Mail.CustomerWords.VisibleTextExtractor", throwOnError: true)!.GetMethod("Analyze")!;
        var calls = new List<object?[]>();
        foreach (var raw in messages)
        {
            var e = old.Read(raw);
            var t = e.GetType();
            string Get(string name) => (string)t.GetProperty(name)!.GetValue(e)!;
            var visible = analyze.Invoke(null, [Get("Text"), Get("Subject"), 256 * 1024]);
            calls.Add([t.GetProperty("Message")!.GetValue(e), t.GetProperty("From")!.GetValue(e), Get("Subject"), Get("Text"), visible, null]);
        }
        var times = new List<double>();
        for (var r = -3; r < runs; r++)
        {
            var cpu = Cpu();
            for (var pass = 0; pass < passes; pass++)
                foreach (var call in calls)
                    detector.Invoke(null, call);
            if (r >= 0)
                times.Add((Cpu() - cpu).TotalMilliseconds * 1000 / (passes * calls.Count));
        }
        return Machine.Median(times);
    }

    private static string? Kind(string kind) => kind is "None" or "MailingList" ? null : kind;

    private static void Report(string label, List<(string Eml, string? Kind)> cases, List<byte[]> messages, Func<byte[], string?> detect, bool list)
    {
        int tp = 0, fp = 0, fn = 0;
        var lines = new StringBuilder();
        for (var i = 0; i < cases.Count; i++)
        {
            var got = detect(messages[i]);
            if (cases[i].Kind is not null && got is not null)
                tp++;
            else if (cases[i].Kind is not null)
            {
                fn++;
                lines.AppendLine($"    missed {cases[i].Eml}");
            }
            else if (got is not null)
            {
                fp++;
                lines.AppendLine($"    false alarm {cases[i].Eml}: {got}");
            }
        }
        var precision = tp + fp == 0 ? 1 : (double)tp / (tp + fp);
        var recall = tp + fn == 0 ? 1 : (double)tp / (tp + fn);
        Console.WriteLine($"{label}: precision {precision:P2} ({tp} of {tp + fp}), recall {recall:P2} ({tp} of {tp + fn}); {fp} false alarms, {fn} missed");
        if (list)
            Console.Write(lines);
    }

    private static long Pass(List<byte[]> messages, int passes, Func<byte[], int> one)
    {
        long sink = 0;
        for (var p = 0; p < passes; p++)
            foreach (var m in messages)
                sink += one(m);
        return sink;
    }

    private static double Rate(List<byte[]> messages, int passes, Func<byte[], int> one, ref long sink)
    {
        GC.Collect();
        var cpu = Cpu();
        sink += Pass(messages, passes, one);
        return passes * messages.Count / (Cpu() - cpu).TotalSeconds;
    }

    private static TimeSpan Cpu() => Process.GetCurrentProcess().TotalProcessorTime;

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
