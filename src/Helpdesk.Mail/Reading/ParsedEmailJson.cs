using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Helpdesk.Mail.Authenticity;
using Helpdesk.Mail.CustomerWords;
using Helpdesk.Mail.Mime;

namespace Helpdesk.Mail.Reading;

/// <summary>
/// The `helpdesk parse` JSON shape of a <see cref="ParsedEmail"/>, written field by field so the contract is
/// visible in one place: file, messageId, inReplyTo, references, date, from, replyTo, to, cc, subject, text,
/// visibleText, quoteOnly, html, forwarded, attachments, machine, defects. Absent values are null or [].
/// <c>authentication</c> {verdict, reason, domain, claimsOwnDomain, source, lookalikes} follows when the sender was
/// checked (it needs DNS and the desk's settings, so plain reading leaves it out).
/// </summary>
public static class ParsedEmailJson
{
    /// <summary>Options for one-object-per-line output with readable non-ASCII text.</summary>
    public static JsonWriterOptions LineOptions { get; } = new()
    {
        Indented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // output is data for tools, never embedded in HTML
    };

    /// <summary>The JSON object for one message, on one line.</summary>
    public static string ToJson(ParsedEmail email, string? file, MailAuthenticity? authentication = null)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, LineOptions))
            Write(writer, email, file, authentication);
        return System.Text.Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    public static void Write(Utf8JsonWriter w, ParsedEmail email, string? file, MailAuthenticity? authentication = null)
    {
        w.WriteStartObject();
        w.WriteString("file", file);
        w.WriteString("messageId", email.MessageId);
        w.WriteString("inReplyTo", email.InReplyTo);
        w.WriteStartArray("references");
        foreach (var r in email.References)
            w.WriteStringValue(r);
        w.WriteEndArray();
        if (email.Date is { } date)
            w.WriteString("date", date.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
        else
            w.WriteNull("date");
        w.WritePropertyName("from");
        WriteAddress(w, email.From);
        WriteAddresses(w, "replyTo", email.ReplyTo);
        WriteAddresses(w, "to", email.To);
        WriteAddresses(w, "cc", email.Cc);
        w.WriteString("subject", email.Subject);
        w.WriteString("text", email.Text);
        w.WriteString("visibleText", email.VisibleText);
        w.WriteBoolean("quoteOnly", email.QuoteOnly);
        w.WriteString("html", email.Html);
        w.WritePropertyName("forwarded");
        WriteForwarded(w, email.Forwarded);
        w.WriteStartArray("attachments");
        foreach (var a in email.Attachments)
        {
            w.WriteStartObject();
            w.WriteString("fileName", a.FileName);
            w.WriteString("contentType", a.ContentType);
            w.WriteNumber("size", a.Size);
            w.WriteString("sha256", a.Sha256);
            w.WriteBoolean("inline", a.Inline);
            w.WriteString("contentId", a.ContentId);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WritePropertyName("machine");
        WriteMachine(w, email.Machine);
        w.WriteStartArray("defects");
        foreach (var d in email.Defects)
            w.WriteStringValue(d);
        w.WriteEndArray();
        if (authentication is not null)
        {
            w.WritePropertyName("authentication");
            WriteAuthentication(w, authentication);
        }
        w.WriteEndObject();
    }

    /// <summary>
    /// The <c>authentication</c> object: verdict (pass, fail, none), reason, domain, claimsOwnDomain, source
    /// (authentication-results or verified), lookalikes [{where, host, looksLike, why}].
    /// </summary>
    public static void WriteAuthentication(Utf8JsonWriter w, MailAuthenticity a)
    {
        w.WriteStartObject();
        w.WriteString("verdict", a.Sender.VerdictName);
        w.WriteString("reason", a.Sender.Reason);
        w.WriteString("domain", a.Sender.Domain);
        w.WriteBoolean("claimsOwnDomain", a.Sender.ClaimsOwnDomain);
        w.WriteString("source", a.Sender.Source);
        w.WriteStartArray("lookalikes");
        foreach (var hit in a.Lookalikes)
        {
            w.WriteStartObject();
            w.WriteString("where", hit.Where);
            w.WriteString("host", hit.Lookalike.Host);
            w.WriteString("looksLike", hit.Lookalike.LooksLike);
            w.WriteString("why", hit.Lookalike.Why);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>The <c>machine</c> object {kind, reason, bounce}, for other commands that print it the same way.</summary>
    public static void WriteMachine(Utf8JsonWriter w, MachineMail machine)
    {
        w.WriteStartObject();
        w.WriteString("kind", KindName(machine.Kind));
        w.WriteString("reason", machine.Reason);
        if (machine.Bounce is { } bounce)
        {
            w.WriteStartObject("bounce");
            w.WriteStartArray("recipients");
            foreach (var r in bounce.Recipients)
            {
                w.WriteStartObject();
                w.WriteString("address", r.Address);
                w.WriteString("action", r.Action);
                w.WriteString("status", r.Status);
                w.WriteString("diagnostic", r.Diagnostic);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteString("originalMessageId", bounce.OriginalMessageId);
            w.WriteString("originalEnvelopeId", bounce.OriginalEnvelopeId);
            w.WriteEndObject();
        }
        else
            w.WriteNull("bounce");
        w.WriteEndObject();
    }

    /// <summary>
    /// The <c>forwarded</c> object {source, from, subject, date, to, headers, links, attachments, text, fileName,
    /// sha256}, or null when the mail forwards nothing.
    /// </summary>
    public static void WriteForwarded(Utf8JsonWriter w, ForwardedMessage? f)
    {
        if (f is null)
        {
            w.WriteNullValue();
            return;
        }
        w.WriteStartObject();
        w.WriteString("source", f.Source switch
        {
            ForwardSource.Inline => "inline",
            ForwardSource.Attached => "attached",
            _ => "attached_unread",
        });
        w.WritePropertyName("from");
        WriteAddress(w, f.From);
        w.WriteString("subject", f.Subject);
        if (f.Date is { } date)
            w.WriteString("date", date.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
        else
            w.WriteNull("date");
        WriteAddresses(w, "to", f.To);
        w.WriteStartArray("headers");
        foreach (var h in f.Headers)
        {
            w.WriteStartObject();
            w.WriteString("name", h.Name);
            w.WriteString("value", h.Value);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("links");
        foreach (var l in f.Links)
            w.WriteStringValue(l);
        w.WriteEndArray();
        w.WriteStartArray("attachments");
        foreach (var a in f.Attachments)
        {
            w.WriteStartObject();
            w.WriteString("fileName", a.FileName);
            w.WriteString("contentType", a.ContentType);
            w.WriteNumber("size", a.Size);
            w.WriteString("sha256", a.Sha256);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteString("text", f.Text);
        w.WriteString("fileName", f.FileName);
        w.WriteString("sha256", f.Sha256);
        w.WriteEndObject();
    }

    /// <summary>The contract's lower-case snake name of a kind: none, bounce, auto_reply, receipt, challenge, mailing_list,
    /// automatic_receipt, no_reply_notice.</summary>
    public static string KindName(MachineMailKind kind) => kind switch
    {
        MachineMailKind.None => "none",
        MachineMailKind.Bounce => "bounce",
        MachineMailKind.AutoReply => "auto_reply",
        MachineMailKind.Receipt => "receipt",
        MachineMailKind.Challenge => "challenge",
        MachineMailKind.MailingList => "mailing_list",
        MachineMailKind.AutomaticReceipt => "automatic_receipt",
        MachineMailKind.NoReplyNotice => "no_reply_notice",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static void WriteAddresses(Utf8JsonWriter w, string name, IReadOnlyList<EmailAddress> list)
    {
        w.WriteStartArray(name);
        foreach (var a in list)
            WriteAddress(w, a);
        w.WriteEndArray();
    }

    private static void WriteAddress(Utf8JsonWriter w, EmailAddress? a)
    {
        if (a is null)
        {
            w.WriteNullValue();
            return;
        }
        w.WriteStartObject();
        w.WriteString("name", a.Name);
        w.WriteString("address", a.Address);
        w.WriteEndObject();
    }
}
