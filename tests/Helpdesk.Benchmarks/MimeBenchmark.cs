using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Helpdesk.Mail.CustomerWords;
using Helpdesk.Mail.Reading;

namespace Helpdesk.Benchmarks;

/// <summary>
/// Parse + clean text (Text and VisibleText) on generated mail, on one core, against CPython's email package
/// (policy=default, From, Subject, get_body(), get_content()) on the same files in the same run.
/// </summary>
internal static class MimeBenchmark
{
    public static Task<int> RunAsync(string[] args) => Task.FromResult(Run(args));

    private static int Run(string[] args)
    {
        EmailReader.RegisterCodePages(); // the desk's own registration (a second provider in front would be asked first)
        var count = int.Parse(Machine.Option(args, "--count", "10000"), CultureInfo.InvariantCulture);
        var runs = int.Parse(Machine.Option(args, "--runs", "5"), CultureInfo.InvariantCulture);
        var pythonRuns = int.Parse(Machine.Option(args, "--python-runs", "3"), CultureInfo.InvariantCulture);
        // --corpus DIR: real-world mail (tests/Helpdesk.Benchmarks/realmail/collect.sh) instead of generated mail.
        var corpus = Machine.Option(args, "--corpus", "");
        var folder = corpus.Length > 0 ? corpus : Path.Combine(Path.GetTempPath(), $"helpdesk-mime-bench-{count}");
        if (corpus.Length == 0)
            Generate(folder, count);

        var files = Directory.GetFiles(folder, "*.eml").Order(StringComparer.Ordinal).ToList();
        var messages = files.Select(File.ReadAllBytes).ToList();
        var totalBytes = messages.Sum(m => (long)m.Length);
        Console.WriteLine($"machine: {Machine.Describe()}");
        Console.WriteLine($"date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine($"corpus: {messages.Count} messages, {totalBytes / 1024.0 / 1024.0:F1} MiB, {totalBytes / messages.Count / 1024.0:F1} KiB average, in {folder}");

        var reader = new EmailReader();
        var kinds = new Dictionary<MachineMailKind, int>();
        foreach (var m in messages)
        {
            var e = reader.Read(m);
            kinds[e.Machine.Kind] = kinds.GetValueOrDefault(e.Machine.Kind) + 1;
        }
        Console.WriteLine("machine kinds: " + string.Join(", ", kinds.OrderBy(k => k.Key).Select(k => $"{k.Key} {k.Value}")));

        // --old-reader DLL: the reader before MimeKit, built from an older commit, run beside the new one.
        var oldPath = Machine.Option(args, "--old-reader", "");
        var old = oldPath.Length > 0 ? MimeOldReader.Load(oldPath) : null;
        if (old is not null)
            MimeReaderComparison.Compare(old, reader, files, messages, Machine.Option(args, "--diff-out", Path.Combine(Path.GetTempPath(), "helpdesk-mime-diff.txt")));

        long sink = 0;
        var rates = new List<double>();
        var oldRates = new List<double>();
        var kitRates = new List<double>();
        var allocatedPerMessage = new List<double>();
        var oldAllocated = new List<double>();
        var cpuRates = new List<double>();
        var oldCpuRates = new List<double>();
        var kitCpuRates = new List<double>();
        // Warm-up until the tiered JIT has settled: the desk reads mail for hours, so its steady state is what counts.
        // The runtime compiles hot methods again, fully optimized, on a background thread, and with the whole
        // process pinned to one core that thread waits behind the reading thread: after 40 passes most of the code
        // was still at tier 0, a third of the steady speed. So the warm-up runs unpinned (the JIT's own work may
        // use the second core, as it does on a desk's host) for --warmup-seconds, and only the timed runs are
        // pinned to core 0 (the reading thread; Linux pins the calling thread and what it starts after).
        var warmupSeconds = double.Parse(Machine.Option(args, "--warmup-seconds", "30"), CultureInfo.InvariantCulture);
        var warmup = Stopwatch.StartNew();
        var warmRates = new List<double>();
        for (var w = 0; w < 3 || warmup.Elapsed.TotalSeconds < warmupSeconds; w++)
        {
            warmRates.Add(Rate(messages, m => reader.Read(m).Text.Length, ref sink));
            if (old is not null)
                Rate(messages, m => old.Text(old.Read(m)).Length, ref sink);
            if (args.Contains("--mimekit-alone"))
                Rate(messages, MimeKitAlone, ref sink);
        }
        Console.WriteLine($"warm-up: {warmRates.Count} passes in {warmup.Elapsed.TotalSeconds:F0} s, desk path {warmRates[0]:F0} msg/s first, "
            + $"{Machine.Median(warmRates.TakeLast(3).ToList()):F0} msg/s over the last three");
        Machine.PinToOneCore(0);
        // Tuning views, timed in the same steady state as the runs below.
        if (args.Contains("--phases"))
            Phases(messages);
        if (args.Contains("--stages"))
            Stages(messages);
        if (args.Contains("--regexes"))
            Regexes(messages);
        var gen0Before = GC.CollectionCount(0);
        var gen2Before = GC.CollectionCount(2);
        // Old and new alternate run by run, so a neighbour's load falls on both alike.
        for (var r = 0; r < runs; r++)
        {
            if (old is not null)
            {
                oldRates.Add(Rate(messages, m => { var e = old.Read(m); return old.Text(e).Length + old.VisibleText(e).Length; }, ref sink, out var oldBytes));
                oldAllocated.Add(oldBytes);
                oldCpuRates.Add(LastCpuRate);
                Console.WriteLine($"  old reader run {r + 1}: {oldRates[^1]:F0} msg/s, {LastCpuRate:F0} msg/CPU-s, {oldBytes / 1024:F1} KiB allocated/msg");
            }
            rates.Add(Rate(messages, m => { var e = reader.Read(m); return e.Text.Length + e.VisibleText.Length; }, ref sink, out var newBytes));
            allocatedPerMessage.Add(newBytes);
            cpuRates.Add(LastCpuRate);
            Console.WriteLine($"  .NET run {r + 1}: {rates[^1]:F0} msg/s, {LastCpuRate:F0} msg/CPU-s, {newBytes / 1024:F1} KiB allocated/msg");
            if (args.Contains("--mimekit-alone"))
            {
                kitRates.Add(Rate(messages, MimeKitAlone, ref sink));
                kitCpuRates.Add(LastCpuRate);
                Console.WriteLine($"  MimeKit alone run {r + 1}: {kitRates[^1]:F0} msg/s, {LastCpuRate:F0} msg/CPU-s");
            }
        }
        var dotnet = Machine.Median(rates);
        var gen0 = GC.CollectionCount(0) - gen0Before;
        Console.WriteLine($"garbage collections during the timed runs: {gen0} of generation 0 ({gen0 * 1000.0 / (messages.Count * (double)Math.Max(1, rates.Count + oldRates.Count + kitRates.Count)):F2} per 1,000 messages read), {GC.CollectionCount(2) - gen2Before} of generation 2; gen0 budget setting {AppContext.GetData("GCgen0size") ?? Environment.GetEnvironmentVariable("DOTNET_GCgen0size") ?? "default"}");

        // For information: the same with the sanitized HTML built too (the desk builds it only when an agent opens a mail).
        var htmlWatch = Stopwatch.StartNew();
        foreach (var m in messages)
            sink += reader.Read(m).Html?.Length ?? 0;
        var withHtml = messages.Count / htmlWatch.Elapsed.TotalSeconds;

        var mb = totalBytes / 1024.0 / 1024.0 / messages.Count;
        Console.WriteLine($".NET parse + Text + VisibleText: median {dotnet:F0} msg/s, {dotnet * mb:F1} MiB/s (one core, {runs} runs), {Machine.Median(cpuRates):F0} msg/CPU-s, {Machine.Median(allocatedPerMessage) / 1024:F1} KiB allocated/msg");
        if (old is not null)
        {
            var oldMedian = Machine.Median(oldRates);
            Console.WriteLine($"old reader parse + Text + VisibleText: median {oldMedian:F0} msg/s, {oldMedian * mb:F1} MiB/s; new/old {dotnet / oldMedian:F2}; {Machine.Median(oldCpuRates):F0} msg/CPU-s, new/old per CPU second {Machine.Median(cpuRates) / Machine.Median(oldCpuRates):F2}; {Machine.Median(oldAllocated) / 1024:F1} KiB allocated/msg");
        }
        if (kitRates.Count > 0)
            Console.WriteLine($"MimeKit alone (parse + From + Subject + TextBody + attachments): median {Machine.Median(kitRates):F0} msg/s, {Machine.Median(kitCpuRates):F0} msg/CPU-s");
        Console.WriteLine($".NET with sanitized HTML too: {withHtml:F0} msg/s (one run)");

        // --python-runs 0 means no CPython runs, as --no-python does (it used to end in a median of nothing).
        if (args.Contains("--no-python") || pythonRuns == 0)
            return sink == 42 ? 1 : 0;
        var python = RunPython(folder, pythonRuns);
        if (python is null)
            return 1;
        Console.WriteLine($"CPython email (policy=default, From, Subject, get_body, get_content): median {python:F0} msg/s, {python * mb:F1} MiB/s ({pythonRuns} runs)");
        Console.WriteLine($"ratio: {dotnet / python:F1}x");
        return 0;
    }

    private static double Rate(List<byte[]> messages, Func<byte[], long> one, ref long sink) => Rate(messages, one, ref sink, out _);

    // Also the bytes allocated per message on this thread (what the intake's garbage collector has to clear).
    private static double Rate(List<byte[]> messages, Func<byte[], long> one, ref long sink, out double allocatedPerMessage)
    {
        GC.Collect();
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        foreach (var m in messages)
            sink += one(m);
        watch.Stop();
        allocatedPerMessage = (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)messages.Count;
        // On a loaded machine the wall clock counts time spent waiting for the core; CPU seconds of the process
        // (garbage collection and JIT threads included) do not.
        LastCpuRate = messages.Count / (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        return messages.Count / watch.Elapsed.TotalSeconds;
    }

    private static double LastCpuRate;

    // What the issue measured MimeKit at on its own: parse, From, Subject, TextBody and the attachment list.
    private static long MimeKitAlone(byte[] raw)
    {
        var message = MimeKit.MimeMessage.Load(new MemoryStream(raw));
        return (message.From.Count + (message.Subject?.Length ?? 0) + (message.TextBody?.Length ?? 0) + message.Attachments.Count()) & 1;
    }

    // Where the time goes, for tuning: each phase alone over the whole corpus.
    private static void Phases(List<byte[]> messages)
    {
        var parsed = messages.Select(m => new EmailReader().Read(m)).ToList();
        Time("MimeKit MimeParser.ParseMessage", () => { foreach (var m in messages) new MimeKit.MimeParser(new MemoryStream(m), persistent: true).ParseMessage(); });
        Time("HtmlToText (html-only mail)", () => { foreach (var p in parsed) if (p.RawHtml is not null && !p.Message.BodyParts.Any(e => e.ContentType.IsMimeType("text", "plain"))) HtmlToText.Convert(p.RawHtml); });
        Time("VisibleTextExtractor.Analyze", () => { foreach (var p in parsed) VisibleTextExtractor.Analyze(p.Text, p.Subject); });
        Time("MachineMailDetector.Detect", () => { foreach (var p in parsed) MachineMailDetector.Detect(p.Message, p.From, p.Subject, p.Text); });
        Time("EmailReader.Read (all)", () => { var r = new EmailReader(); foreach (var m in messages) r.Read(m); });

        static void Time(string name, Action action)
        {
            action();
            var w = Stopwatch.StartNew();
            action();
            Console.WriteLine($"  phase {name}: {w.Elapsed.TotalMilliseconds:F0} ms");
        }
    }

    // Each regex of the reading layer, source-generated (as built) against the same pattern built at run time with
    // RegexOptions.Compiled, over the texts of the corpus: subjects, 400-character windows of the new words, last lines.
    private static void Regexes(List<byte[]> messages)
    {
        var reader = new EmailReader();
        var inputs = new List<string>();
        foreach (var m in messages)
        {
            var e = reader.Read(m);
            inputs.Add(e.Subject);
            var v = e.VisibleText;
            for (var i = 0; i < Math.Min(v.Length, 3000); i += 400)
                inputs.Add(v.Substring(i, Math.Min(400, v.Length - i)));
            foreach (var line in v.Split('\n').TakeLast(4))
                inputs.Add(line.Trim());
        }
        var types = new[] { typeof(HeaderlessMachineMail), typeof(MachineMailDetector), typeof(VisibleTextExtractor), typeof(EmailReader).Assembly.GetType("Helpdesk.Mail.CustomerWords.Signatures")!, typeof(EmailReader).Assembly.GetType("Helpdesk.Mail.CustomerWords.QuoteHeaders")! };
        foreach (var type in types)
        {
            foreach (var method in type.GetMethods(System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
                .Where(x => x.ReturnType == typeof(System.Text.RegularExpressions.Regex) && x.GetParameters().Length == 0))
            {
                var generated = (System.Text.RegularExpressions.Regex)method.Invoke(null, null)!;
                var compiled = new System.Text.RegularExpressions.Regex(generated.ToString(), generated.Options | System.Text.RegularExpressions.RegexOptions.Compiled);
                var differ = inputs.Count(t => generated.Match(t).Index != compiled.Match(t).Index || generated.IsMatch(t) != compiled.IsMatch(t));
                double Time(System.Text.RegularExpressions.Regex r)
                {
                    var best = double.MaxValue;
                    for (var pass = 0; pass < 4; pass++)
                    {
                        var t0 = Stopwatch.GetTimestamp();
                        foreach (var t in inputs)
                            r.IsMatch(t);
                        best = Math.Min(best, (Stopwatch.GetTimestamp() - t0) * 1e6 / Stopwatch.Frequency / messages.Count);
                    }
                    return best;
                }
                Console.WriteLine($"  regex {type.Name}.{method.Name}: as built {Time(generated):F2} µs/msg, compiled {Time(compiled):F2} µs/msg, results differ {differ}");
            }
        }
    }

    // EmailReader.Read's own steps, timed inside one pass per message (µs per message, best of 5 passes).
    private static void Stages(List<byte[]> messages)
    {
        var options = MimeParserOptions.Default;
        var parserOptions = options.ToParserOptions();
        var names = new[] { "RawMessage (MimeKit parse + repair)", "From/Subject/Date", "BodyCollector.Walk", "BuildTexts (HTML to text)", "VisibleTextExtractor.Analyze", "MachineMailDetector.Detect", "AttachedForwards.Find", "BuildHtml + Defects", "(in Detect) HeaderlessMachineMail.Judge", "(in Detect) AsksAQuestion(text)", "(in Detect) ChallengeMechanism+Delivery", "(in Detect) subject regexes", "BounceSubject", "ReadReceiptSubject", "ReceiptSubject", "ChallengeSubject", "AutoReplySubject", "ReplyPrefix", "ReceivedSubject", "ForwardSubject" };
        System.Text.RegularExpressions.Regex R(string name) => (System.Text.RegularExpressions.Regex)typeof(MachineMailDetector).GetMethod(name, System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!.Invoke(null, null)!;
        var mechanism = R("ChallengeMechanism");
        var delivery = R("ChallengeDelivery");
        var subjectRegexes = new[] { R("BounceSubject"), R("ReadReceiptSubject"), R("ReceiptSubject"), R("ChallengeSubject"), R("AutoReplySubject"), R("ReplyPrefix"), R("ReceivedSubject"), R("ForwardSubject") };
        if (Environment.GetEnvironmentVariable("NB") == "1")
            subjectRegexes = subjectRegexes.Select(r => new System.Text.RegularExpressions.Regex(r.ToString(), r.Options | System.Text.RegularExpressions.RegexOptions.NonBacktracking)).ToArray();
        if (Environment.GetEnvironmentVariable("NB") == "2")
            subjectRegexes = subjectRegexes.Select(r => new System.Text.RegularExpressions.Regex(r.ToString(), r.Options | System.Text.RegularExpressions.RegexOptions.Compiled)).ToArray();
        var best = Enumerable.Repeat(double.MaxValue, names.Length).ToArray();
        var bytes = new long[8];
        for (var pass = 0; pass < 6; pass++)
        {
            var ticks = new long[names.Length];
            foreach (var m in messages)
            {
                var a0 = GC.GetAllocatedBytesForCurrentThread();
                var t0 = Stopwatch.GetTimestamp();
                var defects = new List<string>();
                var source = new RawMessage(m, m.Length, parserOptions, defects, maxHeaders: options.MaxHeaderCount);
                var message = source.Message;
                var t1 = Stopwatch.GetTimestamp(); var a1 = GC.GetAllocatedBytesForCurrentThread();
                var from = Addresses.First(message.From, message.Headers, "From", defects);
                var subject = message.Subject ?? "";
                _ = Dates.Parse(message.Headers[MimeKit.HeaderId.Date]);
                var t2 = Stopwatch.GetTimestamp(); var a2 = GC.GetAllocatedBytesForCurrentThread();
                var body = new BodyCollector(options, source, defects);
                body.Walk(message.Body!);
                var t3 = Stopwatch.GetTimestamp(); var a3 = GC.GetAllocatedBytesForCurrentThread();
                var (text, marked) = body.BuildTexts();
                var t4 = Stopwatch.GetTimestamp(); var a4 = GC.GetAllocatedBytesForCurrentThread();
                var visible = VisibleTextExtractor.Analyze(text, subject, options.MaxTextLength, marked);
                var t5 = Stopwatch.GetTimestamp(); var a5 = GC.GetAllocatedBytesForCurrentThread();
                var words = visible.OnlyQuoted ? visible with { VisibleText = "" } : visible;
                var machine = MachineMailDetector.Detect(message, from, subject, text, words, options);
                var t6 = Stopwatch.GetTimestamp(); var a6 = GC.GetAllocatedBytesForCurrentThread();
                if (visible.Forwarded is null && machine.Kind == MachineMailKind.None)
                    AttachedForwards.Find(body.Attachments, options, parserOptions, source);
                var t7 = Stopwatch.GetTimestamp(); var a7 = GC.GetAllocatedBytesForCurrentThread();
                _ = body.BuildHtml();
                _ = defects.Distinct().ToList();
                var t8 = Stopwatch.GetTimestamp(); var a8 = GC.GetAllocatedBytesForCurrentThread();
                var t9 = Stopwatch.GetTimestamp();
                HeaderlessMachineMail.Judge(subject, from?.Address ?? "", words, text);
                var t10 = Stopwatch.GetTimestamp();
                HeaderlessMachineMail.AsksAQuestion(text);
                var t11 = Stopwatch.GetTimestamp();
                var ownPrefix = words.VisibleText.Length > 3000 ? words.VisibleText[..3000] : words.VisibleText;
                _ = mechanism.IsMatch(ownPrefix) && delivery.IsMatch(ownPrefix);
                var t12 = Stopwatch.GetTimestamp();
                var t13 = t12;
                for (var k = 0; k < subjectRegexes.Length; k++)
                {
                    var a = Stopwatch.GetTimestamp();
                    subjectRegexes[k].IsMatch(subject);
                    var b = Stopwatch.GetTimestamp();
                    ticks[12 + k] += b - a;
                    t13 += b - a;
                }
                ticks[10] += t12 - t11; ticks[11] += t13 - t12;
                ticks[8] += t10 - t9; ticks[9] += t11 - t10;
                if (pass == 5)
                {
                    bytes[0] += a1 - a0; bytes[1] += a2 - a1; bytes[2] += a3 - a2; bytes[3] += a4 - a3;
                    bytes[4] += a5 - a4; bytes[5] += a6 - a5; bytes[6] += a7 - a6; bytes[7] += a8 - a7;
                }
                ticks[0] += t1 - t0; ticks[1] += t2 - t1; ticks[2] += t3 - t2; ticks[3] += t4 - t3;
                ticks[4] += t5 - t4; ticks[5] += t6 - t5; ticks[6] += t7 - t6; ticks[7] += t8 - t7;
            }
            if (pass == 0)
                continue; // warm-up
            for (var i = 0; i < names.Length; i++)
                best[i] = Math.Min(best[i], ticks[i] * 1e6 / Stopwatch.Frequency / messages.Count);
        }
        for (var i = 0; i < names.Length; i++)
            Console.WriteLine($"  stage {names[i]}: {best[i]:F1} µs/msg" + (i < bytes.Length ? $", {bytes[i] / 1024.0 / messages.Count:F1} KiB allocated/msg" : ""));
        Console.WriteLine($"  stages total: {best.Take(8).Sum():F1} µs/msg");
    }

    private static void Generate(string folder, int count)
    {
        if (Directory.Exists(folder) && Directory.GetFiles(folder, "*.eml").Length == count)
            return;
        Directory.CreateDirectory(folder);
        foreach (var f in Directory.GetFiles(folder, "*.eml"))
            File.Delete(f);
        var generator = new MailCorpusGenerator(seed: 20261122);
        for (var i = 0; i < count; i++)
            File.WriteAllBytes(Path.Combine(folder, $"{i:D6}.eml"), generator.Next(i));
    }

    private const string PythonScript = """
        import email, json, os, sys, time
        from email import policy

        folder, runs = sys.argv[1], int(sys.argv[2])
        data = [open(os.path.join(folder, f), 'rb').read() for f in sorted(os.listdir(folder)) if f.endswith('.eml')]

        def one(raw):
            msg = email.message_from_bytes(raw, policy=policy.default)
            try:
                str(msg['from'] or ''); str(msg['subject'] or '')
                body = msg.get_body(preferencelist=('plain', 'html'))
            except Exception:
                return 0
            if body is None:
                return 0
            try:
                return len(body.get_content())
            except Exception:
                return 0

        for raw in data[:300]:
            one(raw)
        rates = []
        for _ in range(runs):
            start = time.perf_counter()
            for raw in data:
                one(raw)
            rates.append(len(data) / (time.perf_counter() - start))
            print('  CPython run: %.0f msg/s' % rates[-1], file=sys.stderr, flush=True)
        print(json.dumps({'rates': rates, 'version': sys.version.split()[0]}))
        """;

    private static double? RunPython(string folder, int runs)
    {
        var script = Path.Combine(Path.GetTempPath(), "helpdesk-mime-bench.py");
        File.WriteAllText(script, PythonScript);
        var useTaskset = File.Exists("/usr/bin/taskset");
        var start = new ProcessStartInfo(useTaskset ? "taskset" : "python3")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (useTaskset)
        {
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add("0");
            start.ArgumentList.Add("python3");
        }
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(folder);
        start.ArgumentList.Add(runs.ToString(CultureInfo.InvariantCulture));
        using var process = Process.Start(start);
        if (process is null)
            return null;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            Console.Error.WriteLine("python3 failed");
            return null;
        }
        using var json = JsonDocument.Parse(output);
        var rates = json.RootElement.GetProperty("rates").EnumerateArray().Select(x => x.GetDouble()).ToList();
        Console.WriteLine($"CPython {json.RootElement.GetProperty("version").GetString()}");
        return Machine.Median(rates);
    }
}
