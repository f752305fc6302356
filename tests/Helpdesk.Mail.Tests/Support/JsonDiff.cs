using System.Text;
using System.Text.Json;

namespace Helpdesk.Mail.Tests.Support;

/// <summary>
/// Compares two JSON documents by value and lists every difference with its path. An expected string "*"
/// matches anything (the golden corpus uses it for fields that are not the point of a message).
/// </summary>
internal static class JsonDiff
{
    public static List<string> Compare(string expectedJson, string actualJson)
    {
        using var expected = JsonDocument.Parse(expectedJson);
        using var actual = JsonDocument.Parse(actualJson);
        var diffs = new List<string>();
        Compare(expected.RootElement, actual.RootElement, "$", diffs);
        return diffs;
    }

    private static void Compare(JsonElement e, JsonElement a, string path, List<string> diffs)
    {
        // Defects are a set of codes (the corpus README): order and repeats carry no meaning.
        if (path == "$.defects" && e.ValueKind == JsonValueKind.Array && a.ValueKind == JsonValueKind.Array)
        {
            var expectedSet = e.EnumerateArray().Select(x => x.GetString()).ToHashSet();
            var actualSet = a.EnumerateArray().Select(x => x.GetString()).ToHashSet();
            if (!expectedSet.SetEquals(actualSet))
                diffs.Add($"{path}: expected the set [{string.Join(", ", expectedSet.Order())}], got [{string.Join(", ", actualSet.Order())}]");
            return;
        }
        if (e.ValueKind == JsonValueKind.String && e.GetString() == "*")
            return;
        if (e.ValueKind != a.ValueKind && !(IsBool(e) && IsBool(a)))
        {
            diffs.Add($"{path}: expected {Show(e)}, got {Show(a)}");
            return;
        }
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                var actualProps = a.EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
                foreach (var p in e.EnumerateObject())
                {
                    if (!actualProps.Remove(p.Name, out var av))
                        diffs.Add($"{path}.{p.Name}: missing (expected {Show(p.Value)})");
                    else
                        Compare(p.Value, av, $"{path}.{p.Name}", diffs);
                }
                foreach (var extra in actualProps)
                    diffs.Add($"{path}.{extra.Key}: unexpected field {Show(extra.Value)}");
                break;
            case JsonValueKind.Array:
                var ea = e.EnumerateArray().ToList();
                var aa = a.EnumerateArray().ToList();
                for (var i = 0; i < Math.Min(ea.Count, aa.Count); i++)
                    Compare(ea[i], aa[i], $"{path}[{i}]", diffs);
                for (var i = aa.Count; i < ea.Count; i++)
                    diffs.Add($"{path}[{i}]: missing (expected {Show(ea[i])})");
                for (var i = ea.Count; i < aa.Count; i++)
                    diffs.Add($"{path}[{i}]: unexpected {Show(aa[i])}");
                break;
            case JsonValueKind.String:
                var es = e.GetString()!;
                var s = a.GetString()!;
                if (es != s)
                    diffs.Add($"{path}: strings differ at char {FirstDifference(es, s)}\n    expected: {Show(e)}\n    actual:   {Show(a)}");
                break;
            case JsonValueKind.Number:
                if (e.GetRawText() != a.GetRawText() && e.GetDouble() != a.GetDouble())
                    diffs.Add($"{path}: expected {e.GetRawText()}, got {a.GetRawText()}");
                break;
            case JsonValueKind.True or JsonValueKind.False:
                if (e.GetBoolean() != a.GetBoolean())
                    diffs.Add($"{path}: expected {Show(e)}, got {Show(a)}");
                break;
        }
    }

    private static bool IsBool(JsonElement x) => x.ValueKind is JsonValueKind.True or JsonValueKind.False;

    private static int FirstDifference(string a, string b)
    {
        var n = Math.Min(a.Length, b.Length);
        for (var i = 0; i < n; i++)
            if (a[i] != b[i])
                return i;
        return n;
    }

    private static string Show(JsonElement x)
    {
        var raw = x.ValueKind == JsonValueKind.String ? JsonSerializer.Serialize(x.GetString()) : x.GetRawText();
        return raw.Length > 600 ? raw[..600] + "..." : raw;
    }

    public static string Format(string file, List<string> diffs)
    {
        var sb = new StringBuilder();
        sb.Append(file).Append(": ").Append(diffs.Count).Append(" difference(s)\n");
        foreach (var d in diffs)
            sb.Append("  ").Append(d).Append('\n');
        return sb.ToString();
    }
}
