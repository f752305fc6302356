using System.Text.Json;

namespace Helpdesk.Mail.Reading;

/// <summary>
/// Bounce and delivery notifications that mail services send as JSON in a mail body (Amazon SES through SNS,
/// SendGrid and Mailgun event payloads, Postmark bounce records). Their field names differ, their meaning does
/// not: a recipient address, whether the failure is permanent, the server's words, and the Message-ID of our mail.
/// </summary>
internal static class ServiceNotification
{
    private const int MaxLength = 256 * 1024;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 32, AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    /// <summary>The notification a JSON body carries, or null when the body is not one (most bodies: first character).</summary>
    public static MachineMail? Read(string text)
    {
        var span = text.AsSpan().Trim();
        if (span.Length < 20 || span.Length > MaxLength || span[0] is not ('{' or '[') || span[^1] is not ('}' or ']'))
            return null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(span.ToString(), DocumentOptions);
        }
        catch (JsonException)
        {
            return null;
        }
        using (document)
        {
            var root = document.RootElement;
            // SNS wraps SES notifications: {"Type":"Notification","Message":"{...}"}.
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("Message", out var inner) && inner.ValueKind == JsonValueKind.String
                && inner.GetString() is { } innerText && innerText.TrimStart().StartsWith('{'))
                return Read(innerText);

            var found = new Found();
            Walk(root, new Context(null, null, null, null), found, 0);
            if (found.Recipients.Count == 0)
                return null;
            var service = found.Service ?? "a mail service";
            if (found.Recipients.All(r => r.Action == "delivered"))
                return new MachineMail(MachineMailKind.Receipt, $"Delivery notification from {service} (JSON)", null);
            var problems = found.Recipients.Where(r => r.Action != "delivered").ToList();
            var permanent = problems.Any(r => r.Permanent);
            var reason = $"{(permanent ? "Permanent" : "Temporary")} delivery failure reported by {service} (JSON) for {string.Join(", ", problems.Select(r => r.Address).Take(3))}";
            return new MachineMail(MachineMailKind.Bounce, reason, new BounceReport(problems, found.MessageId, found.EnvelopeId));
        }
    }

    private sealed class Found
    {
        public List<BounceRecipient> Recipients { get; } = [];
        public string? MessageId { get; set; }
        public string? EnvelopeId { get; set; }
        public string? Service { get; set; }
    }

    // What the enclosing objects said: the event ("bounce", "failed", "HardBounce"), how bad, status and words.
    private readonly record struct Context(string? Action, string? Status, string? Diagnostic, string? Severity);

    private static void Walk(JsonElement e, Context context, Found found, int depth)
    {
        if (depth > 12)
            return;
        if (e.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in e.EnumerateArray())
                Walk(item, context, found, depth + 1);
            return;
        }
        if (e.ValueKind != JsonValueKind.Object)
            return;

        string? address = null;
        var action = context.Action;
        var status = context.Status;
        var diagnostic = context.Diagnostic;
        var severity = context.Severity;
        JsonElement? name = null, value = null;
        foreach (var p in e.EnumerateObject())
        {
            var key = p.Name.ToLowerInvariant().Replace("_", "").Replace("-", "");
            var v = p.Value;
            if (v.ValueKind == JsonValueKind.String)
            {
                var s = v.GetString() ?? "";
                switch (key)
                {
                    case "emailaddress" or "email" or "recipient" or "rcpt" or "to" when s.Contains('@') && !s.Contains(' ') && address is null && key != "to":
                        address = s.Trim('<', '>', ' ');
                        break;
                    case "notificationtype" or "eventtype" or "event" or "recordtype" or "type" or "bouncetype" or "action":
                        action = Combine(action, s);
                        if (key is "notificationtype" or "eventtype")
                            found.Service ??= "Amazon SES";
                        else if (key == "recordtype")
                            found.Service ??= "Postmark";
                        break;
                    case "severity" or "bouncesubtype" when severity is null || key == "severity":
                        severity = s;
                        break;
                    case "status" or "enhancedcode" or "statuscode":
                        status = s;
                        break;
                    case "diagnosticcode" or "reason" or "description" or "details" or "message" or "response" or "smtpresponse":
                        if (s.Length > 0 && (diagnostic is null || diagnostic.Length < s.Length) && s.Length < 1000)
                            diagnostic = s;
                        break;
                    case "messageid" or "smtpid" or "originalmessageid" when s.Contains('@'):
                        found.MessageId ??= MessageIds.One(s);
                        break;
                    case "envid" or "envelopeid" or "originalenvelopeid":
                        found.EnvelopeId ??= s;
                        break;
                    case "name":
                        name = v;
                        break;
                    case "value":
                        value = v;
                        break;
                    case "sgmessageid" or "sgeventid":
                        found.Service ??= "SendGrid";
                        break;
                }
            }
            else if (v.ValueKind == JsonValueKind.Number && key is "code" or "status" or "statuscode" && v.TryGetInt32(out var code))
                status ??= code.ToString(System.Globalization.CultureInfo.InvariantCulture);
            else if (key == "eventdata")
                found.Service ??= "Mailgun";
        }
        // SES lists the returned headers as {"name": "Message-ID", "value": "<...>"}.
        if (name?.GetString() is { } headerName && value?.GetString() is { } headerValue)
        {
            if (headerName.Equals("Message-ID", StringComparison.OrdinalIgnoreCase))
                found.MessageId ??= MessageIds.One(headerValue);
        }
        var here = new Context(action, status, diagnostic, severity);
        // Children first: a recipient's own status and words sit below the event.
        foreach (var p in e.EnumerateObject())
            if (p.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                Walk(p.Value, here, found, depth + 1);
        // Mailgun puts the server's answer in "delivery-status" beside the recipient.
        if (e.TryGetProperty("delivery-status", out var ds) && ds.ValueKind == JsonValueKind.Object)
        {
            if (ds.TryGetProperty("message", out var msg) && msg.ValueKind == JsonValueKind.String && msg.GetString() is { Length: > 0 } words)
                diagnostic = words;
            if (ds.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number)
                status = c.GetRawText();
        }
        if (address is null || found.Recipients.Any(r => r.Address.Equals(address, StringComparison.OrdinalIgnoreCase)))
            return;
        var kind = Classify(action, severity, status);
        if (kind is null)
            return;
        found.Recipients.Add(new BounceRecipient(address, kind, NormalStatus(status ?? diagnostic, kind), diagnostic));
    }

    private static string Combine(string? outer, string inner) => outer is null ? inner : outer + " " + inner;

    /// <summary>failed, delayed or delivered from the services' words; null for events that are none of these (opens, clicks).</summary>
    private static string? Classify(string? action, string? severity, string? status)
    {
        var a = (action ?? "").ToLowerInvariant();
        var s = (severity ?? "").ToLowerInvariant();
        if (s is "temporary" or "transient" || a.Contains("transient") || a.Contains("softbounce") || a.Contains("deferred") || a.Contains("delayed") || a.Contains("temporary"))
            return "delayed";
        if (s is "permanent" || a.Contains("bounce") || a.Contains("failed") || a.Contains("dropped") || a.Contains("blocked") || a.Contains("rejected") || a.Contains("permanent"))
            return status is ['4', ..] ? "delayed" : "failed";
        if (a.Contains("deliver"))
            return "delivered";
        return null;
    }

    private static string? NormalStatus(string? status, string action)
    {
        if (status is null)
            return null;
        var m = System.Text.RegularExpressions.Regex.Match(status, @"\b[245]\.\d{1,3}\.\d{1,3}\b");
        if (m.Success)
            return m.Value;
        // A bare SMTP reply code (550) says permanent or temporary by its first digit.
        return status.Length == 3 && status[0] is '4' or '5' ? status : null;
    }
}
