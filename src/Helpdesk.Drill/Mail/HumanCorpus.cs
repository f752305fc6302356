using System.Text.Json;

namespace Helpdesk.Drill.Mail;

/// <summary>One labelled customer mail of the training data: what people in the breach week actually wrote.</summary>
public sealed record HumanText(string Intent, string Language, string Subject, string Body);

/// <summary>The human mails the drill draws from: the desk's held-out intent sets (every intent, four languages).</summary>
public static class HumanCorpus
{
    public static IReadOnlyList<HumanText> Load(string? path)
    {
        var files = path is not null
            ? [path]
            : new[] { "heldout.jsonl", "heldout-unseen.jsonl" }.Select(f => Path.Combine(FindTrainingFolder(), f)).ToArray();
        var texts = new List<HumanText>();
        foreach (var file in files)
        {
            if (!File.Exists(file)) throw new FileNotFoundException($"The drill's corpus file '{file}' does not exist (--corpus).", file);
            var line = 0;
            foreach (var text in File.ReadLines(file))
            {
                line++;
                if (string.IsNullOrWhiteSpace(text)) continue;
                try
                {
                    using var doc = JsonDocument.Parse(text);
                    var r = doc.RootElement;
                    texts.Add(new HumanText(r.GetProperty("intent").GetString() ?? "", r.TryGetProperty("lang", out var l) ? l.GetString() ?? "en" : "en",
                        r.TryGetProperty("subject", out var s) ? s.GetString() ?? "" : "", r.GetProperty("body").GetString() ?? ""));
                }
                catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
                {
                    throw new InvalidDataException($"{file}:{line}: not a corpus line with intent and body ({e.Message}).", e);
                }
            }
        }
        if (texts.Count == 0) throw new InvalidDataException($"The drill's corpus ({string.Join(", ", files)}) holds no mail.");
        return texts;
    }

    private static string FindTrainingFolder()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "data", "training");
                if (File.Exists(Path.Combine(candidate, "heldout.jsonl"))) return candidate;
            }
        }
        throw new DirectoryNotFoundException("data/training/heldout.jsonl not found above the current folder; run from the checkout or pass --corpus FILE.");
    }
}
