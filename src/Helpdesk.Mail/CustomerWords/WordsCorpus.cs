using System.Text;
using System.Text.Json;
using Helpdesk.Mail.Reading;

namespace Helpdesk.Mail.CustomerWords;

/// <summary>One mail of a words corpus that the reader got wrong, and how.</summary>
public sealed record WordsFailure(string File, string Field, string Expected, string Actual);

/// <summary>Scores of the reader over a words corpus (see <see cref="WordsCorpus"/>).</summary>
public sealed record WordsScore(
    int Messages,
    int VisibleTextExact,
    int MachineExpected,
    int MachineTruePositives,
    int MachineFalsePositives,
    int MachineFalseNegatives,
    int ForwardedExpected,
    int ForwardedCorrect,
    int ForwardedFalsePositives,
    IReadOnlyList<WordsFailure> Failures)
{
    /// <summary>Share of mails whose visible text equals the expected one after whitespace folding.</summary>
    public double VisibleTextRate => Messages == 0 ? 0 : (double)VisibleTextExact / Messages;

    /// <summary>Of the mails called machine mail, the share that are (1 when none was called).</summary>
    public double MachinePrecision => MachineTruePositives + MachineFalsePositives == 0 ? 1 : (double)MachineTruePositives / (MachineTruePositives + MachineFalsePositives);

    /// <summary>Of the machine mails, the share called so (1 when the corpus has none).</summary>
    public double MachineRecall => MachineTruePositives + MachineFalseNegatives == 0 ? 1 : (double)MachineTruePositives / (MachineTruePositives + MachineFalseNegatives);

    /// <summary>Mails whose forwarded verdict (none, or the sender and subject) is right, over all mails.</summary>
    public double ForwardedAccuracy => Messages == 0 ? 0 : (double)(Messages - ForwardedWrong) / Messages;

    /// <summary>Mails with a wrong forwarded verdict.</summary>
    public int ForwardedWrong => Failures.Where(f => f.Field == "forwarded").Select(f => f.File).Distinct().Count();
}

/// <summary>
/// A corpus of mails with what the desk must find in each: <c>NAME.eml</c> beside <c>NAME.expected.json</c>
/// holding <c>{"visibleText": "...", "machine": null | "&lt;kind&gt;", "forwarded": null | {"from": "addr", "subject": "..."}}</c>,
/// in any folder depth. Scores the reader: exact visible text after whitespace folding, machine mail precision
/// and recall (any kind counts as machine), forwarded sender and subject. Used by `helpdesk words` and the tests.
/// </summary>
public static class WordsCorpus
{
    /// <summary>Every .eml under <paramref name="folder"/> that has an expected file, sorted.</summary>
    public static IReadOnlyList<string> Files(string folder) =>
        Directory.GetFiles(folder, "*.eml", SearchOption.AllDirectories)
            .Where(f => File.Exists(ExpectedPath(f)))
            .Order(StringComparer.Ordinal)
            .ToList();

    public static string ExpectedPath(string eml) => eml[..^".eml".Length] + ".expected.json";

    /// <summary>Reads every mail of the corpus and scores what the reader made of it.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidDataException">An expected file is not the corpus's JSON shape (the message names the file).</exception>
    public static WordsScore Evaluate(string folder, EmailReader? reader = null)
    {
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"No corpus folder {folder}");
        reader ??= new EmailReader();
        var failures = new List<WordsFailure>();
        int messages = 0, exact = 0, machineExpected = 0, tp = 0, fp = 0, fn = 0, fwdExpected = 0, fwdCorrect = 0, fwdFalse = 0;
        foreach (var file in Files(folder))
        {
            var name = Path.GetRelativePath(folder, file);
            var expected = Expected.Load(ExpectedPath(file));
            var email = reader.Read(File.ReadAllBytes(file));
            messages++;

            if (Fold(email.VisibleText) == Fold(expected.VisibleText))
                exact++;
            else
                failures.Add(new WordsFailure(name, "visibleText", expected.VisibleText, email.VisibleText));

            var isMachine = email.Machine.Kind is not (MachineMailKind.None or MachineMailKind.MailingList);
            var actualKind = isMachine ? ParsedEmailJson.KindName(email.Machine.Kind) : null;
            if (expected.Machine is not null)
                machineExpected++;
            if (expected.Machine is not null && isMachine)
                tp++;
            else if (expected.Machine is null && isMachine)
            {
                fp++;
                failures.Add(new WordsFailure(name, "machine", "null", actualKind + ": " + email.Machine.Reason));
            }
            else if (expected.Machine is not null && !isMachine)
            {
                fn++;
                failures.Add(new WordsFailure(name, "machine", expected.Machine, "null"));
            }

            var f = email.Forwarded;
            if (expected.HasForwarded)
            {
                fwdExpected++;
                if (f is not null && f.From?.Address == expected.ForwardedFrom && f.Subject == expected.ForwardedSubject)
                    fwdCorrect++;
                else
                    failures.Add(new WordsFailure(name, "forwarded", $"{expected.ForwardedFrom} / {expected.ForwardedSubject}",
                        f is null ? "null" : $"{f.From?.Address} / {f.Subject}"));
            }
            else if (f is not null)
            {
                fwdFalse++;
                failures.Add(new WordsFailure(name, "forwarded", "null", $"{f.From?.Address} / {f.Subject}"));
            }
        }
        return new WordsScore(messages, exact, machineExpected, tp, fp, fn, fwdExpected, fwdCorrect, fwdFalse, failures);
    }

    /// <summary>Whitespace folded: every run of white space (line breaks too) one space, ends trimmed.</summary>
    public static string Fold(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return "";
        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || c == '\u200b' || c == '\ufeff')
            {
                space = sb.Length > 0;
                continue;
            }
            if (space)
                sb.Append(' ');
            space = false;
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>
    /// Every mail under <paramref name="folder"/> (any depth, <c>_generator</c> skipped) with its expected machine kind,
    /// null for a person: reads this corpus's <c>"machine": "kind" | null</c> and the golden files'
    /// <c>"machine": {"kind": ...}</c> ("none" for a person). List mail is neither a person nor a robot: it is left out.
    /// The machine-mail tests and benchmark score precision and recall over these.
    /// </summary>
    public static IEnumerable<(string Eml, string? Kind)> MachineCases(string folder)
    {
        if (!Directory.Exists(folder))
            yield break;
        foreach (var json in Directory.EnumerateFiles(folder, "*.expected.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (json.Contains(Path.DirectorySeparatorChar + "_generator" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                continue;
            var eml = json[..^".expected.json".Length] + ".eml";
            if (!File.Exists(eml))
                continue;
            using var doc = JsonDocument.Parse(File.ReadAllText(json));
            if (!doc.RootElement.TryGetProperty("machine", out var m))
                continue;
            var kind = m.ValueKind switch
            {
                JsonValueKind.String => m.GetString(),
                JsonValueKind.Object when m.TryGetProperty("kind", out var k) && k.GetString() is { } name && name != "none" => name,
                _ => null,
            };
            if (kind == "mailing_list")
                continue;
            yield return (eml, kind);
        }
    }

    private sealed record Expected(string VisibleText, string? Machine, bool HasForwarded, string? ForwardedFrom, string? ForwardedSubject)
    {
        public static Expected Load(string path)
        {
            try
            {
                using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
                var root = doc.RootElement;
                var visible = root.GetProperty("visibleText").GetString() ?? "";
                string? machine = root.TryGetProperty("machine", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                if (root.TryGetProperty("forwarded", out var f) && f.ValueKind == JsonValueKind.Object)
                {
                    string? Str(string n) => f.TryGetProperty(n, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
                    return new Expected(visible, machine, true, Str("from"), Str("subject"));
                }
                return new Expected(visible, machine, false, null, null);
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                throw new InvalidDataException($"{path}: not a words corpus expectation ({e.Message})", e);
            }
        }
    }
}
