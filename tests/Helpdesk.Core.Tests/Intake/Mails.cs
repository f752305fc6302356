using System.Text;

namespace Helpdesk.Core.Tests.Intake;

/// <summary>Small hand-written emails for the intake tests.</summary>
internal static class Mails
{
    public static byte[] Customer(string from, string messageId, string subject, string body, string? inReplyTo = null,
        string? references = null, string? extraHeaders = null, string name = "Dana Whitfield")
    {
        var sb = new StringBuilder();
        sb.Append($"From: {name} <{from}>\r\nTo: passwordchange@meridian.example\r\nSubject: {subject}\r\n");
        sb.Append($"Message-ID: <{messageId}>\r\nDate: Sun, 22 Nov 2026 09:00:00 +0000\r\n");
        if (inReplyTo is not null) sb.Append($"In-Reply-To: <{inReplyTo}>\r\n");
        if (references is not null) sb.Append($"References: {references}\r\n");
        if (extraHeaders is not null) sb.Append(extraHeaders);
        sb.Append("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n").Append(body).Append("\r\n");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    public static byte[] AutoReply(string from, string messageId, string? inReplyTo = null) => Customer(from, messageId,
        "Automatic reply: Important: please create a new password", "I am out of the office until Monday.", inReplyTo,
        extraHeaders: "Auto-Submitted: auto-replied\r\n");

    public static byte[] Bounce(string failedRecipient, string originalMessageId) => Encoding.UTF8.GetBytes(
        "From: Mail Delivery System <MAILER-DAEMON@mx.example.net>\r\n"
        + "To: passwordchange@meridian.example\r\nSubject: Undelivered Mail Returned to Sender\r\n"
        + "Message-ID: <bounce-" + Guid.NewGuid().ToString("N") + "@mx.example.net>\r\nDate: Sun, 22 Nov 2026 09:05:00 +0000\r\n"
        + "Auto-Submitted: auto-replied\r\nMIME-Version: 1.0\r\n"
        + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\r\n\r\n"
        + "--B\r\nContent-Type: text/plain\r\n\r\nYour message could not be delivered.\r\n"
        + "--B\r\nContent-Type: message/delivery-status\r\n\r\n"
        + "Reporting-MTA: dns; mx.example.net\r\n\r\n"
        + $"Final-Recipient: rfc822; {failedRecipient}\r\nAction: failed\r\nStatus: 5.1.1\r\n"
        + "Diagnostic-Code: smtp; 550 5.1.1 user unknown\r\n\r\n"
        + "--B\r\nContent-Type: text/rfc822-headers\r\n\r\n"
        + $"From: passwordchange@meridian.example\r\nTo: {failedRecipient}\r\nMessage-ID: <{originalMessageId}>\r\nSubject: Re: help\r\n\r\n"
        + "--B--\r\n");
}
