using System.Text;
using System.Text.RegularExpressions;
using Helpdesk.Mail.Mime;
using Helpdesk.Mail.Reading;

namespace Helpdesk.Mail.CustomerWords;

/// <summary>
/// Reads a forward written into the body: the header lines under the marker ("From:", "Von:", "De :",
/// "发件人:" ..., in any order, Thunderbird's tab-aligned ones too), then the forwarded text and its links.
/// </summary>
internal static partial class Forwards
{
    /// <summary>Subjects that say "forward" in the languages the desk hears ("Fwd:", "WG:", "TR:", "RV:", "VB:", "PD:", "转发:" ...).</summary>
    public static bool IsForwardSubject(string? subject) => subject is not null && ForwardSubject().IsMatch(subject);

    /// <summary>
    /// As <see cref="IsForwardSubject(string?)"/>, for a body: "VS:" is a forward in Norwegian and Danish but a
    /// reply in Finnish, so a "VS:" mail whose quote header is Finnish is a reply.
    /// </summary>
    public static bool IsForwardSubject(string? subject, string[] lines)
    {
        if (!IsForwardSubject(subject))
            return false;
        if (!subject!.TrimStart().StartsWith("vs", StringComparison.OrdinalIgnoreCase))
            return true;
        foreach (var line in lines)
            if (line.Contains("Lähettäjä", StringComparison.OrdinalIgnoreCase) || line.Contains("kirjoitti", StringComparison.OrdinalIgnoreCase)
                || line.Contains("Alkuperäinen viesti", StringComparison.OrdinalIgnoreCase))
                return false;
        return true;
    }

    /// <summary>The forwarded message whose header lines start at or after <paramref name="start"/>.</summary>
    public static ForwardedMessage Read(string[] lines, int start)
    {
        var headers = new List<ForwardedHeader>();
        EmailAddress? from = null;
        DateTimeOffset? date = null;
        string? subject = null;
        var to = new List<EmailAddress>();
        var i = start;
        while (i < lines.Length && string.IsNullOrWhiteSpace(Unquote(lines[i])))
            i++;
        var sawHeader = false;
        for (; i < lines.Length; i++)
        {
            var t = Unquote(lines[i]).Trim();
            if (t.Length == 0)
            {
                if (sawHeader)
                    break;
                continue;
            }
            if (QuoteHeaders.Label(t, out var valueSpan) is not { } field)
            {
                if (sawHeader)
                    break;
                continue;
            }
            sawHeader = true;
            var value = valueSpan.ToString();
            var colon = t.IndexOfAny([':', '：']);
            headers.Add(new ForwardedHeader(t[..colon].Trim(' ', '*', '\t', '\u00a0'), value));
            switch (field)
            {
                case HeaderField.From:
                    from ??= ReadAddress(value);
                    break;
                case HeaderField.Date:
                    date ??= ReadDate(value);
                    break;
                case HeaderField.Subject:
                    subject ??= value;
                    break;
                case HeaderField.To:
                    to.AddRange(Addresses.Parse(CleanAddress(value)));
                    break;
            }
        }
        var body = new List<string>();
        for (; i < lines.Length; i++)
            body.Add(Unquote(lines[i]).TrimEnd());
        var text = Join(body);
        return new ForwardedMessage
        {
            Source = ForwardSource.Inline,
            From = from,
            Subject = subject,
            Date = date,
            To = to,
            Headers = headers,
            Links = Links(text),
            Text = text,
        };
    }

    /// <summary>Web addresses in a text, in order, each once (trailing punctuation left out).</summary>
    public static IReadOnlyList<string> Links(string text)
    {
        if (!text.Contains("http", StringComparison.OrdinalIgnoreCase))
            return [];
        var seen = new List<string>();
        foreach (Match m in Link().Matches(text))
        {
            var url = m.Value.TrimEnd('.', ',', ';', ':', ')', ']', '>', '"', '\'', '!', '?');
            if (!seen.Contains(url))
                seen.Add(url);
        }
        return seen;
    }

    private static string Unquote(string line)
    {
        var t = line.AsSpan().TrimStart();
        while (t.Length > 0 && t[0] == '>')
            t = t[1..].TrimStart(' ');
        return t.Length == line.Length ? line : t.ToString();
    }

    // Outlook writes "Name [mailto:a@b]" and "Name <mailto:a@b>"; Foxmail "\"Name\"<a@b>;".
    private static string CleanAddress(string value)
    {
        var v = value.Replace("[mailto:", "<", StringComparison.OrdinalIgnoreCase).Replace("<mailto:", "<", StringComparison.OrdinalIgnoreCase).TrimEnd(';', ' ');
        if (v.Contains('<') && !v.Contains('>'))
            v = v.Replace("]", ">", StringComparison.Ordinal);
        return v;
    }

    private static EmailAddress? ReadAddress(string value)
    {
        var clean = CleanAddress(value);
        if (Addresses.Parse(clean).FirstOrDefault() is { } parsed)
            return parsed;
        // Gmail's "Name (<a@b>)" and other shapes MimeKit will not take: the address alone will do.
        var m = BareAddress().Match(clean);
        return m.Success ? new EmailAddress(null, m.Value) : null;
    }

    private static readonly (string Zone, TimeSpan Offset)[] Zones =
    [
        ("PST", TimeSpan.FromHours(-8)), ("PDT", TimeSpan.FromHours(-7)), ("MST", TimeSpan.FromHours(-7)), ("MDT", TimeSpan.FromHours(-6)),
        ("CST", TimeSpan.FromHours(-6)), ("CDT", TimeSpan.FromHours(-5)), ("EST", TimeSpan.FromHours(-5)), ("EDT", TimeSpan.FromHours(-4)),
        ("CET", TimeSpan.FromHours(1)), ("CEST", TimeSpan.FromHours(2)), ("MEZ", TimeSpan.FromHours(1)), ("GMT", TimeSpan.Zero), ("UTC", TimeSpan.Zero),
    ];

    private static DateTimeOffset? ReadDate(string value)
    {
        // Client-written dates ("Fri, Nov 20, 2026 at 10:15 AM", "November 20, 2026 at 11:03:52 AM PST") first:
        // MimeKit's lenient parser takes their day and silently drops the time.
        var v = value.Replace('\u202f', ' ').Replace('\u00a0', ' ').Trim();
        if (v.Length == 0)
            return null; // "Date:" followed by no-break spaces only
        if (v.Contains(" at ", StringComparison.Ordinal) || !char.IsDigit(v[^1]))
        {
            v = v.Replace(" at ", " ", StringComparison.Ordinal);
            TimeSpan? offset = null;
            var gmt = v.IndexOf(" GMT", StringComparison.Ordinal);
            // An offset a clock can have (UTC-12 to UTC+14); "GMT+99" is damage, read as no zone rather than thrown on.
            if (gmt > 0 && v.Length > gmt + 4 && v[gmt + 4] is '+' or '-' && int.TryParse(v.AsSpan(gmt + 4), System.Globalization.CultureInfo.InvariantCulture, out var hours)
                && hours is >= -14 and <= 14)
            {
                offset = TimeSpan.FromHours(hours);
                v = v[..gmt];
            }
            else
            {
                foreach (var (zone, off) in Zones)
                {
                    if (v.EndsWith(" " + zone, StringComparison.Ordinal))
                    {
                        offset = off;
                        v = v[..^(zone.Length + 1)];
                        break;
                    }
                }
            }
            var comma = v.IndexOf(", ", StringComparison.Ordinal);
            if (comma is > 0 and < 5)
                v = v[(comma + 2)..];
            if (DateTime.TryParse(v, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var local))
            {
                var utcTicks = local.Ticks - (offset ?? TimeSpan.Zero).Ticks; // the year 1 east of UTC has no UTC instant
                if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
                    return null;
                return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), offset ?? TimeSpan.Zero);
            }
        }
        return Dates.Parse(value);
    }

    internal static string Join(List<string> lines)
    {
        var sb = new StringBuilder();
        var blank = 0;
        foreach (var line in lines)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                blank++;
                continue;
            }
            if (sb.Length > 0)
                sb.Append(blank > 0 ? "\n\n" : "\n");
            blank = 0;
            sb.Append(line);
        }
        return sb.ToString();
    }

    [GeneratedRegex(@"^\s*(fwd?|fw|wg|tr|rv|doorst|enc|i|vs|vl|vb|pd|fs|转发|轉寄|転送)\s*(\[\d+\])?\s*[:：]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ForwardSubject();

    [GeneratedRegex(@"https?://[^\s<>""')\]]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Link();

    [GeneratedRegex(@"[\w.+-]+@[\w-]+(\.[\w-]+)+", RegexOptions.CultureInvariant)]
    private static partial Regex BareAddress();
}
