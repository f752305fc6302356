using System.Globalization;
using System.Text.Json;
using Helpdesk.Classification.Training;

namespace Helpdesk.Classification.Data;

/// <summary>One line of a training file, as written: the message and the intent a person gave it.</summary>
public sealed record TrainingMessage(string Id, string Intent, string? Language, string Subject, string Body, string Source, string Location)
{
    /// <summary>The example the model sees: subject, newline, body.</summary>
    public LabeledText ToLabeledText() => new(LabeledText.Compose(Subject, Body), Intent, Id, Language);
}

/// <summary>Thrown when training files have bad lines; <see cref="Problems"/> lists every one as "file:line: what is wrong".</summary>
public sealed class TrainingDataException(IReadOnlyList<string> problems)
    : Exception(Describe(problems))
{
    /// <summary>Every problem found, in file and line order.</summary>
    public IReadOnlyList<string> Problems { get; } = problems;

    private static string Describe(IReadOnlyList<string> problems)
    {
        const int shown = 20;
        string head = $"{problems.Count} bad line(s) in the training data:{Environment.NewLine}  "
            + string.Join(Environment.NewLine + "  ", problems.Take(shown));
        return problems.Count > shown ? head + $"{Environment.NewLine}  ... and {problems.Count - shown} more" : head;
    }
}

/// <summary>
/// Reads the JSON-lines training format: one object per line with "id", "intent", "lang", "subject",
/// "body", "source" ("plain" or "html"). Blank lines are allowed; any other bad line is reported with
/// its file and line, and no line is ever dropped silently: one bad line fails the whole load.
/// </summary>
public static class TrainingDataFile
{
    /// <summary>Loads examples from a .jsonl file, or from every *.jsonl directly inside a folder (ordinal name order).</summary>
    public static IReadOnlyList<LabeledText> Load(string path) =>
        ReadMessages(path).Select(m => m.ToLabeledText()).ToArray();

    /// <summary>Loads the messages themselves (subject and body apart, e.g. to remove quoted text first).</summary>
    public static IReadOnlyList<TrainingMessage> ReadMessages(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string[] files;
        if (Directory.Exists(path))
        {
            files = Directory.GetFiles(path, "*.jsonl", SearchOption.TopDirectoryOnly);
            Array.Sort(files, StringComparer.Ordinal);
            if (files.Length == 0)
            {
                throw new TrainingDataException([$"{path}: the folder has no .jsonl files"]);
            }
        }
        else if (File.Exists(path))
        {
            files = [path];
        }
        else
        {
            throw new FileNotFoundException($"No training file or folder at {path}.", path);
        }

        var messages = new List<TrainingMessage>();
        var problems = new List<string>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string file in files)
        {
            using var reader = new StreamReader(file);
            Read(reader, file, messages, problems, seen);
        }

        return problems.Count > 0 ? throw new TrainingDataException(problems) : messages;
    }

    /// <summary>Reads one stream of JSON lines; <paramref name="sourceName"/> names it in problems.</summary>
    public static IReadOnlyList<TrainingMessage> Read(TextReader reader, string sourceName)
    {
        var messages = new List<TrainingMessage>();
        var problems = new List<string>();
        Read(reader, sourceName, messages, problems, new Dictionary<string, string>(StringComparer.Ordinal));
        return problems.Count > 0 ? throw new TrainingDataException(problems) : messages;
    }

    private static void Read(TextReader reader, string sourceName, List<TrainingMessage> messages, List<string> problems, Dictionary<string, string> seen)
    {
        int lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            string location = string.Create(CultureInfo.InvariantCulture, $"{sourceName}:{lineNumber}");
            string? problem = Parse(line, location, out TrainingMessage? message);
            if (problem is null && !seen.TryAdd(message!.Id, location))
            {
                problem = $"duplicate id \"{message.Id}\" (first used at {seen[message.Id]})";
            }

            if (problem is not null)
            {
                problems.Add($"{location}: {problem}");
            }
            else
            {
                messages.Add(message!);
            }
        }
    }

    private static string? Parse(string line, string location, out TrainingMessage? message)
    {
        message = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            return $"not valid JSON ({e.Message})";
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return "expected a JSON object";
            }

            if (Text(root, "id", required: true, out string id) is { } idProblem)
            {
                return idProblem;
            }

            if (Text(root, "intent", required: true, out string intent) is { } intentProblem)
            {
                return intentProblem;
            }

            if (!IsIntentId(intent))
            {
                return $"intent \"{intent}\" is not an intent id (lower-case letters, digits and '_')";
            }

            if (Text(root, "subject", required: false, out string subject) is { } subjectProblem)
            {
                return subjectProblem;
            }

            if (Text(root, "body", required: false, out string body) is { } bodyProblem)
            {
                return bodyProblem;
            }

            if (string.IsNullOrWhiteSpace(subject) && string.IsNullOrWhiteSpace(body))
            {
                return "both \"subject\" and \"body\" are empty";
            }

            if (Text(root, "lang", required: false, out string lang) is { } langProblem)
            {
                return langProblem;
            }

            if (lang.Length > 0 && !(lang.Length is 2 or 3 && lang.All(char.IsAsciiLetterLower)))
            {
                return $"lang \"{lang}\" is not a language code such as en, es, fr, de";
            }

            if (Text(root, "source", required: false, out string source) is { } sourceProblem)
            {
                return sourceProblem;
            }

            if (source.Length > 0 && source is not ("plain" or "html"))
            {
                return $"source \"{source}\" must be \"plain\" or \"html\"";
            }

            message = new TrainingMessage(id, intent, lang.Length > 0 ? lang : null, subject, body, source.Length > 0 ? source : "plain", location);
            return null;
        }
    }

    private static string? Text(JsonElement root, string name, bool required, out string value)
    {
        value = "";
        if (!root.TryGetProperty(name, out JsonElement element) || element.ValueKind == JsonValueKind.Null)
        {
            return required ? $"missing \"{name}\"" : null;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            return $"\"{name}\" must be a string, found {element.ValueKind.ToString().ToLowerInvariant()}";
        }

        value = element.GetString()!;
        return required && string.IsNullOrWhiteSpace(value) ? $"\"{name}\" is empty" : null;
    }

    private static bool IsIntentId(string intent) =>
        intent.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_') && char.IsAsciiLetterLower(intent[0]);
}
