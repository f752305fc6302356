using System.Text;
using Helpdesk.Mail.Reading;

namespace Helpdesk.Benchmarks;

/// <summary>
/// Old reader against new on the same files: From address, Subject, Text, attachment count and machine-mail kind,
/// counted per field, with every difference written to a file for a person to look at.
/// </summary>
internal static class MimeReaderComparison
{
    public static void Compare(MimeOldReader old, EmailReader reader, List<string> files, List<byte[]> messages, string diffPath)
    {
        var fields = new[] { "from", "subject", "text", "attachments", "machine" };
        var counts = fields.ToDictionary(f => f, _ => 0);
        int oldErrors = 0, newErrors = 0;
        var report = new StringBuilder();
        for (var i = 0; i < messages.Count; i++)
        {
            object o;
            ParsedEmail n;
            try { o = old.Read(messages[i]); }
            catch (Exception e) { oldErrors++; report.AppendLine($"{files[i]}: old reader threw {e.GetType().Name}: {e.Message}"); continue; }
            try { n = reader.Read(messages[i]); }
            catch (Exception e) { newErrors++; report.AppendLine($"{files[i]}: new reader threw {e.GetType().Name}: {e.Message}"); continue; }
            Diff("from", old.FromAddress(o), n.From?.Address);
            Diff("subject", old.Subject(o), n.Subject);
            Diff("text", old.Text(o), n.Text);
            Diff("attachments", old.AttachmentCount(o).ToString(), n.Attachments.Count.ToString());
            Diff("machine", old.MachineKind(o), n.Machine.Kind.ToString());

            void Diff(string field, string? a, string? b)
            {
                if (string.Equals(a, b, StringComparison.Ordinal))
                    return;
                counts[field]++;
                report.AppendLine($"{Path.GetFileName(files[i])}: {field}\n  old: {Clip(a)}\n  new: {Clip(b)}");
            }
        }
        // A build with the `helpdesk parse` JSON writer (any MimeKit-based reader) is compared on the whole contract:
        // visible text, forwards, quote-only, addresses, attachments, machine evidence, defects, sanitized HTML.
        var json = old.JsonWriter();
        var jsonDiffers = 0;
        if (json is not null)
        {
            for (var i = 0; i < messages.Count; i++)
            {
                string a, b;
                try { a = json(old.Read(messages[i])); b = ParsedEmailJson.ToJson(reader.Read(messages[i]), null); }
                catch (Exception) { continue; } // counted above
                if (string.Equals(a, b, StringComparison.Ordinal))
                    continue;
                jsonDiffers++;
                report.AppendLine($"{Path.GetFileName(files[i])}: parse JSON\n  old: {Clip(a)}\n  new: {Clip(b)}");
            }
        }
        File.WriteAllText(diffPath, report.ToString());
        Console.WriteLine($"old vs new on {messages.Count} messages: " + string.Join(", ", fields.Select(f => $"{f} differs {counts[f]}"))
            + (json is null ? "" : $", whole parse JSON differs {jsonDiffers}")
            + $"; exceptions old {oldErrors}, new {newErrors}; details in {diffPath}");
    }

    private static string Clip(string? s)
    {
        if (s is null)
            return "(null)";
        s = s.Replace("\n", "\\n");
        return s.Length <= 300 ? s : s[..300] + "...";
    }
}
