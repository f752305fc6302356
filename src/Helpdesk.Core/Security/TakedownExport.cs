using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Helpdesk.Core.Security;

/// <summary>
/// What the security team sends with a takedown request: every reported domain, sender and link host with its counts
/// (CSV, RFC 4180, UTC ISO 8601 times; or JSON with the same fields). Cells that a spreadsheet would run as a formula
/// are prefixed with an apostrophe: a reported value is attacker-written text.
/// </summary>
public static class TakedownExport
{
    public static string Csv(IEnumerable<IndicatorCount> counts)
    {
        var csv = new StringBuilder("kind,value,reports,customers,first_seen,last_seen\r\n");
        foreach (var c in counts)
            csv.Append(KindName(c.Kind)).Append(',').Append(Field(c.Value)).Append(',')
                .Append(c.Reports.ToString(CultureInfo.InvariantCulture)).Append(',').Append(c.Customers.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(Iso(c.FirstSeen)).Append(',').Append(Iso(c.LastSeen)).Append("\r\n");
        return csv.ToString();
    }

    public static string Json(IEnumerable<IndicatorCount> counts, DateTimeOffset at)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("generatedAt", Iso(at));
            w.WriteStartArray("indicators");
            foreach (var c in counts)
            {
                w.WriteStartObject();
                w.WriteString("kind", KindName(c.Kind));
                w.WriteString("value", c.Value);
                w.WriteNumber("reports", c.Reports);
                w.WriteNumber("customers", c.Customers);
                w.WriteString("firstSeen", Iso(c.FirstSeen));
                w.WriteString("lastSeen", Iso(c.LastSeen));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static string KindName(IndicatorKind kind) => kind switch
    {
        IndicatorKind.Domain => "domain",
        IndicatorKind.Sender => "sender",
        _ => "link_host",
    };

    internal static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
