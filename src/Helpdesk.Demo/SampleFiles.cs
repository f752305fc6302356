using System.Text.Json;
using System.Text.Json.Serialization;

namespace Helpdesk.Demo;

/// <summary>One sample email from <c>data/samples/messages.jsonl</c>.</summary>
public sealed record SampleMessage(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("intent")] string? Intent,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("lang")] string? Lang,
    [property: JsonPropertyName("subject")] string? Subject,
    [property: JsonPropertyName("body")] string Body);

public sealed record SampleCustomer(string FirstName, string LastName, string Email, string City, string Country)
{
    public string Name => $"{FirstName} {LastName}";
}

public sealed record SampleStaff(string UserName, string DisplayName, string Email, string Roles);

/// <summary>Reads the demo data set; every bad line is reported with its file and line number.</summary>
public sealed class SampleFiles
{
    public required IReadOnlyList<SampleMessage> Messages { get; init; }
    public required IReadOnlyList<SampleCustomer> Customers { get; init; }
    public required IReadOnlyList<SampleStaff> Staff { get; init; }

    public static SampleFiles Load(string directory)
    {
        if (!Directory.Exists(directory))
            throw new InvalidOperationException(
                $"Demo mode needs the sample files, but the folder '{directory}' does not exist. Set Helpdesk:Demo:SamplesDirectory or Helpdesk:Demo:Mode=Off.");
        return new SampleFiles
        {
            Messages = LoadMessages(Path.Combine(directory, "messages.jsonl")),
            Customers = ReadCsv(Path.Combine(directory, "customers.csv"), 5, f => new SampleCustomer(f[0], f[1], f[2], f[3], f[4])),
            Staff = ReadCsv(Path.Combine(directory, "staff.csv"), 4, f => new SampleStaff(f[0], f[1], f[2], f[3])),
        };
    }

    private static List<SampleMessage> LoadMessages(string path)
    {
        var list = new List<SampleMessage>();
        var lineNo = 0;
        foreach (var line in File.ReadLines(RequireFile(path)))
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            SampleMessage? m;
            try { m = JsonSerializer.Deserialize<SampleMessage>(line); }
            catch (JsonException e) { throw new InvalidDataException($"{path}:{lineNo}: not a JSON object: {e.Message}", e); }
            if (m is null || string.IsNullOrWhiteSpace(m.Body) || string.IsNullOrWhiteSpace(m.Kind))
                throw new InvalidDataException($"{path}:{lineNo}: a sample needs at least \"kind\" and \"body\".");
            list.Add(m);
        }
        if (list.Count == 0) throw new InvalidDataException($"{path} holds no sample messages.");
        return list;
    }

    private static List<T> ReadCsv<T>(string path, int columns, Func<string[], T> map)
    {
        var list = new List<T>();
        var lineNo = 0;
        foreach (var line in File.ReadLines(RequireFile(path)))
        {
            lineNo++;
            if (lineNo == 1 || string.IsNullOrWhiteSpace(line)) continue;
            var fields = SplitCsvLine(line);
            if (fields.Length < columns)
                throw new InvalidDataException($"{path}:{lineNo}: expected {columns} columns, found {fields.Length}.");
            list.Add(map(fields));
        }
        if (list.Count == 0) throw new InvalidDataException($"{path} holds no rows.");
        return list;
    }

    /// <summary>RFC 4180 fields: commas inside double quotes, "" for a quote.</summary>
    internal static string[] SplitCsvLine(string line)
    {
        var fields = new List<string>();
        var sb = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else sb.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(sb.ToString().Trim()); sb.Clear(); }
            else sb.Append(c);
        }
        fields.Add(sb.ToString().Trim());
        return [.. fields];
    }

    private static string RequireFile(string path) =>
        File.Exists(path) ? path : throw new InvalidOperationException($"Demo mode needs the sample file '{path}', which does not exist.");
}
