using System.Text;
using System.Text.RegularExpressions;
using MimeKit;

namespace Helpdesk.Mail.Reading;

/// <summary>
/// Reads what bounced out of a bounce: RFC 3464 message/delivery-status fields when present, and otherwise the
/// text layouts of the servers that still send plain-text bounces (qmail, Exim, older Exchange and Postfix).
/// </summary>
public static partial class DeliveryStatusParser
{
    /// <summary>Per-recipient fields of an RFC 3464 message/delivery-status part, read by MimeKit.</summary>
    public static List<BounceRecipient> ParseDeliveryStatus(MimeEntity part)
    {
        var recipients = new List<BounceRecipient>();
        if (part is not MessageDeliveryStatus status)
            return recipients;
        foreach (var group in status.StatusGroups)
        {
            var final = group["Final-Recipient"];
            var original = group["Original-Recipient"];
            if (final is null && original is null)
                continue;
            // Final-Recipient is required and names the mailbox that failed; an alias or list we sent to
            // (Original-Recipient) can expand to several of them.
            var address = StripType(final ?? original!);
            if (address.Length == 0)
                address = StripType(original ?? "");
            if (address.Length == 0)
                continue;
            var action = group["Action"]?.Trim().ToLowerInvariant();
            var sp = action?.IndexOfAny([' ', '(', ';']) ?? -1;
            if (sp > 0)
                action = action![..sp];
            var code = group["Status"];
            if (code is not null)
            {
                var m = StatusCode().Match(code);
                code = m.Success ? m.Value : code.Trim();
            }
            var diagnostic = group["Diagnostic-Code"];
            if (diagnostic is not null)
                diagnostic = CollapseSpaces(StripType(diagnostic, keepAngle: true));
            recipients.Add(new BounceRecipient(address, string.IsNullOrEmpty(action) ? null : action, string.IsNullOrEmpty(code) ? null : code, string.IsNullOrEmpty(diagnostic) ? null : diagnostic));
        }
        return recipients;
    }

    /// <summary>
    /// The envelope id the bounced mail was sent with (RFC 3461 ENVID), from the report's per-message fields: the
    /// desk sends "outbox-42", so the report names the outbox item whatever happened to the returned headers.
    /// </summary>
    public static string? OriginalEnvelopeId(MimeEntity part)
    {
        if (part is not MessageDeliveryStatus status)
            return null;
        foreach (var group in status.StatusGroups)
            if (group["Original-Envelope-Id"] is { } id && XText(id) is { Length: > 0 } value)
                return value;
        return null;
    }

    /// <summary>An "Original-Envelope-Id:" line (or ENVID=) in a report's text, for servers that print their report fields.</summary>
    public static string? EnvelopeIdInText(string text)
    {
        var m = EnvelopeIdLine().Match(text.Length > 20000 ? text[..20000] : text);
        return m.Success ? XText(m.Groups["id"].Value) : null;
    }

    // RFC 3461 xtext: "+2B" stands for '+', and so on.
    private static string XText(string value)
    {
        var v = value.Trim();
        if (!v.Contains('+'))
            return v;
        var sb = new StringBuilder(v.Length);
        for (var i = 0; i < v.Length; i++)
        {
            if (v[i] == '+' && i + 2 < v.Length && Uri.IsHexDigit(v[i + 1]) && Uri.IsHexDigit(v[i + 2]))
            {
                sb.Append((char)Convert.ToInt32(v.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
                sb.Append(v[i]);
        }
        return sb.ToString();
    }

    /// <summary>Recipients named in a plain-text bounce (qmail "&lt;a@b&gt;:" blocks, Exim indented addresses, "a@b: reason").</summary>
    public static List<BounceRecipient> ParseTextBounce(string text, string? action = "failed")
    {
        var recipients = new List<BounceRecipient>();
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var max = Math.Min(lines.Length, 400);
        for (var i = 0; i < max; i++)
        {
            var line = lines[i];
            var trimmed = line.Trim();
            if (trimmed.Length == 0)
                continue;
            if (EndOfReport().IsMatch(trimmed))
                break;
            Match m;
            string? address = null;
            string? inlineReason = null;
            if ((m = QmailRecipient().Match(trimmed)).Success)
                address = m.Groups[1].Value;
            else if ((m = BareAddress().Match(trimmed)).Success)
                address = m.Groups[1].Value;
            else if ((m = AddressWithReason().Match(trimmed)).Success)
            {
                address = m.Groups[1].Value;
                inlineReason = m.Groups[2].Value;
            }
            else if ((m = ExchangeRecipient().Match(trimmed)).Success)
                address = m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Success ? m.Groups[2].Value : m.Groups[3].Success ? m.Groups[3].Value : m.Groups[4].Value;
            if (address is null)
                continue;
            var seen = recipients.FindIndex(r => r.Address.Equals(address, StringComparison.OrdinalIgnoreCase));
            if (seen >= 0 && recipients[seen].Status is not null)
                continue;
            // The reason is on the same line or on the following (indented) lines up to a blank line.
            var reason = new StringBuilder(inlineReason);
            for (var k = i + 1; k < max && reason.Length < 1000; k++)
            {
                var t = lines[k].Trim();
                if (t.Length == 0)
                {
                    if (reason.Length > 0)
                        break;
                    continue;
                }
                if (QmailRecipient().IsMatch(t) || BareAddress().IsMatch(t) || ExchangeRecipient().IsMatch(t) || EndOfReport().IsMatch(t))
                    break;
                if (reason.Length > 0)
                    reason.Append(' ');
                reason.Append(t);
            }
            var diagnostic = reason.Length == 0 ? null : CollapseSpaces(reason.ToString());
            var status = diagnostic is null ? null : StatusCode().Match(diagnostic) is { Success: true } sm ? sm.Value : null;
            // A 4xx answer is a delay for this recipient whatever the report as a whole says.
            var own = action;
            if (action == "failed" && (status is ['4', ..] || (status is null && diagnostic is not null && TemporaryReply().IsMatch(diagnostic))))
                own = "delayed";
            if (seen < 0)
                recipients.Add(new BounceRecipient(address, own, status, diagnostic));
            else if (status is not null)
            {
                // Exchange names the address twice: in the person's words, then with the server's status for administrators.
                var first = recipients[seen];
                recipients[seen] = first with { Action = own, Status = status, Diagnostic = first.Diagnostic is null ? diagnostic : first.Diagnostic + " " + diagnostic };
            }
        }
        if (recipients.Count == 0)
        {
            // "Your message to jo@example.com couldn't be delivered." (Gmail, Outlook.com, Exchange Online text).
            for (var i = 0; i < Math.Min(lines.Length, 40); i++)
            {
                if (!DeliveryWords().IsMatch(lines[i]))
                    continue;
                var m = InlineAddress().Match(lines[i]);
                if (m.Success)
                {
                    var status = StatusCode().Match(text.Length > 5000 ? text[..5000] : text);
                    recipients.Add(new BounceRecipient(m.Groups[1].Value.TrimEnd('.'), action, status.Success ? status.Value : null, CollapseSpaces(lines[i])));
                    break;
                }
            }
        }
        return recipients;
    }

    // "rfc822; jo@example.com" -> "jo@example.com"; "smtp; 550 5.1.1 ..." -> "550 5.1.1 ...".
    private static string StripType(string value, bool keepAngle = false)
    {
        var semi = value.IndexOf(';');
        var v = (semi >= 0 && semi < 20 && !value[..semi].Contains(' ') ? value[(semi + 1)..] : value).Trim();
        if (!keepAngle)
            v = v.Trim('<', '>', ' ');
        return v;
    }

    private static string CollapseSpaces(string s) => Spaces().Replace(s, " ").Trim();

    [GeneratedRegex(@"\b[245]\.\d{1,3}\.\d{1,3}\b")]
    private static partial Regex StatusCode();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"^<([^<>\s]+@[^<>\s]+)>:?$")]
    private static partial Regex QmailRecipient();

    [GeneratedRegex(@"^<?([^<>\s:]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})>?:?$")]
    private static partial Regex BareAddress();

    [GeneratedRegex(@"^<?([^<>\s:]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})>?\s*[:\-]\s+(.{3,})$")]
    private static partial Regex AddressWithReason();

    [GeneratedRegex(@"^(-{2,}.*(original message|below this line|headers|message follows|returned message|undelivered message|transcript of session).*|original message headers:?|the original message (was|follows)(?! received).*|(?!.*following addresses)---.*---)$", RegexOptions.IgnoreCase)]
    private static partial Regex EndOfReport();

    // Exchange: "jo@example.com (jo@example.com)", "Jo Smith (jo@example.com)"; Exchange 2003: "'jo@example.com' on 20/11/2026 10:16".
    [GeneratedRegex(@"^<?([^<>\s:()']+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})>?\s*\([^()]*\)$|^[^@<>()]{1,80}\(([^<>\s:()]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})\)$|^'([^<>\s:()']+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})' on .{4,40}$|^""[^""]*""\s*<([^<>\s:()]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})>$")]
    private static partial Regex ExchangeRecipient();

    [GeneratedRegex(@"^\s*(X-)?Original-Envelope-Id\s*:\s*(?<id>[^\s;]+)|\bENVID=(?<id>[^\s;]+)", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex EnvelopeIdLine();

    [GeneratedRegex(@"^\s*4\d\d[ -]|\b4\d\d[ -][45]\.\d")]
    private static partial Regex TemporaryReply();

    [GeneratedRegex(@"(delivered|deliver your message|delivery|zugestellt|remis|délivré|entregar|entregado|recapitato|entregue|bezorgd|afgeleverd|dostarczona|levereras|配信|投递|送达)", RegexOptions.IgnoreCase)]
    private static partial Regex DeliveryWords();

    [GeneratedRegex(@"<?([^\s<>():,;'""]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})>?")]
    private static partial Regex InlineAddress();
}
