using System.Text.RegularExpressions;

namespace Helpdesk.Drill.Checks;

/// <summary>
/// Dovecot's own record of what it saved: one line per delivery,
/// <c>lmtp(user)&lt;pid&gt;&lt;session&gt;: Info: msgid=&lt;ID&gt;: saved mail to INBOX</c>. The drill's ground truth
/// of what reached the desk's mailbox and the customers'.
/// </summary>
public static partial class DeliveryLog
{
    [GeneratedRegex(@"lmtp\((?<user>[^)]+)\)<[^>]*><[^>]*>: Info: msgid=<?(?<id>[^>\s]*)>?: saved mail to (?<box>\S+)", RegexOptions.CultureInvariant)]
    private static partial Regex Saved();

    /// <summary>The log's length now: a drill reads only what was written after it started.</summary>
    public static long Length(string logFile) => File.Exists(logFile) ? new FileInfo(logFile).Length : 0;

    /// <summary>Message-IDs (without angle brackets) saved for <paramref name="user"/> after byte <paramref name="from"/>, each with how many times.</summary>
    public static Dictionary<string, int> SavedFor(string logFile, string user, long from = 0)
    {
        var saved = new Dictionary<string, int>(StringComparer.Ordinal);
        if (!File.Exists(logFile)) return saved;
        using var stream = new FileStream(logFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        stream.Seek(Math.Min(from, stream.Length), SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            if (!line.Contains("saved mail to", StringComparison.Ordinal)) continue;
            var m = Saved().Match(line);
            if (!m.Success || !string.Equals(m.Groups["user"].Value, user, StringComparison.OrdinalIgnoreCase)) continue;
            var id = m.Groups["id"].Value;
            saved[id] = saved.GetValueOrDefault(id) + 1;
        }
        return saved;
    }
}
