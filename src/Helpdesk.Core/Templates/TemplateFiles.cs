namespace Helpdesk.Core.Templates;

/// <summary>One seed template as read from <c>data/templates/&lt;id&gt;.md</c>.</summary>
public sealed record TemplateFile(
    string Id, string Intent, string Language, string Title, bool PublishFaq, string? FaqQuestion, string Body, string Path);

/// <summary>Every problem found in the seed templates, each as <c>file:line: reason</c>.</summary>
public sealed class TemplateFileException(IReadOnlyList<string> problems)
    : Exception("The seed templates have problems:\n" + string.Join('\n', problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}

/// <summary>
/// Reads the seed reply templates: a front-matter header between two <c>---</c> lines (id, intent, language, title,
/// publish_faq, faq_question), then the plain-text body. The header is a flat key: value list, so a small reader is
/// enough; a YAML library would accept far more than the format allows.
/// </summary>
public static class TemplateFiles
{
    private static readonly string[] RequiredKeys = ["id", "intent", "language", "title", "publish_faq", "faq_question"];

    /// <summary>Loads every <c>*.md</c> in <paramref name="directory"/> except README.md, in ordinal name order.</summary>
    public static IReadOnlyList<TemplateFile> LoadDirectory(string directory)
    {
        if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"No template folder at {directory}.");
        var files = Directory.GetFiles(directory, "*.md", SearchOption.TopDirectoryOnly)
            .Where(f => !string.Equals(System.IO.Path.GetFileName(f), "README.md", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal).ToList();
        var templates = new List<TemplateFile>();
        var problems = new List<string>();
        foreach (var file in files)
        {
            var (template, fileProblems) = Parse(File.ReadAllText(file), file);
            problems.AddRange(fileProblems);
            if (template is not null) templates.Add(template);
        }
        var duplicates = templates.GroupBy(t => t.Id, StringComparer.Ordinal).Where(g => g.Count() > 1);
        foreach (var g in duplicates) problems.Add($"{g.Last().Path}:2: id '{g.Key}' is used by another template too");
        return problems.Count > 0 ? throw new TemplateFileException(problems) : templates;
    }

    /// <summary>Parses one file's text; <paramref name="path"/> names it in problems and, without .md, is the expected id.</summary>
    public static (TemplateFile? Template, IReadOnlyList<string> Problems) Parse(string text, string path)
    {
        var problems = new List<string>();
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        if (lines.Length == 0 || lines[0].Trim() != "---")
            return (null, [$"{path}:1: the file must start with a '---' line (front matter)"]);
        var close = Array.FindIndex(lines, 1, l => l.Trim() == "---");
        if (close < 0) return (null, [$"{path}:1: the front matter has no closing '---' line"]);

        var values = new Dictionary<string, (string Value, int Line)>(StringComparer.Ordinal);
        for (var i = 1; i < close; i++)
        {
            var line = lines[i];
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#')) continue;
            var colon = line.IndexOf(':');
            if (colon <= 0) { problems.Add($"{path}:{i + 1}: expected 'key: value'"); continue; }
            var key = line[..colon].Trim();
            if (Array.IndexOf(RequiredKeys, key) < 0) { problems.Add($"{path}:{i + 1}: unknown key '{key}'"); continue; }
            if (values.ContainsKey(key)) { problems.Add($"{path}:{i + 1}: '{key}' appears twice"); continue; }
            if (!TryUnquote(line[(colon + 1)..].Trim(), out var value))
            {
                problems.Add($"{path}:{i + 1}: '{key}' has an unterminated quoted value");
                continue;
            }
            values[key] = (value, i + 1);
        }
        foreach (var key in RequiredKeys)
            if (!values.ContainsKey(key)) problems.Add($"{path}:{close + 1}: the front matter has no '{key}'");
        if (problems.Count > 0) return (null, problems);

        var id = values["id"].Value;
        var expectedId = System.IO.Path.GetFileNameWithoutExtension(path);
        if (path.EndsWith(".md", StringComparison.OrdinalIgnoreCase) && id != expectedId)
            problems.Add($"{path}:{values["id"].Line}: id '{id}' must equal the file name '{expectedId}'");
        var intent = values["intent"].Value;
        if (!Intents.Intent.IsValidId(intent))
            problems.Add($"{path}:{values["intent"].Line}: intent '{intent}' must be lower-case letters, digits and underscores");
        var language = values["language"].Value;
        if (language.Length is < 2 or > 16) problems.Add($"{path}:{values["language"].Line}: language '{language}' is not a language code");
        if (values["title"].Value.Length == 0) problems.Add($"{path}:{values["title"].Line}: the title is empty");
        bool publish = false;
        switch (values["publish_faq"].Value)
        {
            case "true": publish = true; break;
            case "false": break;
            default: problems.Add($"{path}:{values["publish_faq"].Line}: publish_faq must be true or false"); break;
        }
        var question = values["faq_question"].Value;
        if (publish && question.Length == 0)
            problems.Add($"{path}:{values["faq_question"].Line}: a published template needs a faq_question");

        var body = string.Join('\n', lines[(close + 1)..]).Trim('\n', ' ');
        if (body.Length == 0) problems.Add($"{path}:{close + 2}: the template has no body");
        foreach (var unknown in MergeFields.Validate(body))
            problems.Add($"{path}:{LineOf(lines, close + 1, unknown)}: unknown merge field {unknown}");

        return problems.Count > 0
            ? (null, problems)
            : (new TemplateFile(id, intent, language, values["title"].Value, publish, question.Length == 0 ? null : question, body, path), []);
    }

    private static bool TryUnquote(string raw, out string value)
    {
        value = raw;
        if (raw.Length == 0 || (raw[0] != '"' && raw[0] != '\'')) return true;
        var quote = raw[0];
        if (raw.Length < 2 || raw[^1] != quote) return false;
        var inner = raw[1..^1];
        value = quote == '"'
            ? inner.Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal)
            : inner.Replace("''", "'", StringComparison.Ordinal);
        return true;
    }

    private static int LineOf(string[] lines, int from, string needle)
    {
        for (var i = from; i < lines.Length; i++)
            if (lines[i].Contains(needle, StringComparison.Ordinal)) return i + 1;
        return from + 1;
    }
}
