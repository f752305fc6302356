using System.Text;

namespace Helpdesk.Core.Staff;

/// <summary>One record of a CSV file, with the line it starts on (what a person looks for in a spreadsheet).</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields);

/// <summary>
/// Reads CSV as spreadsheets write it (RFC 4180): quoted fields with commas, doubled quotes and line breaks inside,
/// CRLF or LF, a byte-order mark. A header line without commas but with semicolons (some European Excel exports)
/// switches the delimiter to ';'.
/// </summary>
public static class StaffCsv
{
    public static List<CsvRecord> Read(string text)
    {
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        var firstLineEnd = text.IndexOfAny(['\r', '\n']);
        var header = firstLineEnd < 0 ? text : text[..firstLineEnd];
        var delimiter = !header.Contains(',') && header.Contains(';') ? ';' : ',';

        var records = new List<CsvRecord>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var quoted = false;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i += 2; continue; }
                    quoted = false;
                }
                else
                {
                    if (c == '\n') line++;
                    field.Append(c);
                }
                i++;
                continue;
            }
            if (c == '"' && field.Length == 0) quoted = true;
            else if (c == delimiter) { fields.Add(field.ToString()); field.Clear(); }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                fields.Add(field.ToString());
                field.Clear();
                AddUnlessBlank(records, recordLine, fields);
                fields = [];
                line++;
                recordLine = line;
            }
            else field.Append(c);
            i++;
        }
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            AddUnlessBlank(records, recordLine, fields);
        }
        return records;
    }

    private static void AddUnlessBlank(List<CsvRecord> records, int line, List<string> fields)
    {
        if (fields.All(string.IsNullOrWhiteSpace)) return;
        records.Add(new CsvRecord(line, fields));
    }

    /// <summary>Quotes a field when it holds a delimiter, quote or line break; a leading =,+,-,@ is defused so a spreadsheet does not run it.</summary>
    public static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@') value = "'" + value;
        return value.AsSpan().IndexOfAny(",;\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
