using System.Text;

namespace Helpdesk.Core.Tests.Security;

/// <summary>Customers forwarding suspicious mail, inline (as Gmail writes it) and attached as message/rfc822.</summary>
internal static class PhishingMails
{
    public static byte[] InlineForward(string customer, string messageId, string sender, string subject, params string[] links)
    {
        var body = new StringBuilder("Is this email really from you?\r\n\r\n---------- Forwarded message ---------\r\n")
            .Append($"From: Meridian Security <{sender}>\r\nDate: Sun, 22 Nov 2026 at 08:00\r\nSubject: {subject}\r\nTo: <{customer}>\r\n\r\n")
            .Append("Your account is locked. Verify your details now:\r\n");
        foreach (var link in links) body.Append(link).Append("\r\n");
        return Mail(customer, messageId, "Fwd: " + subject, "Content-Type: text/plain; charset=utf-8\r\n\r\n" + body);
    }

    public static byte[] AttachedForward(string customer, string messageId, string sender, string subject, string link, string attachmentName, string attachmentText)
    {
        var inner = $"From: Meridian <{sender}>\r\nTo: {customer}\r\nSubject: {subject}\r\nMessage-ID: <inner-{messageId}>\r\n"
            + "Date: Sun, 22 Nov 2026 07:00:00 +0000\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"I\"\r\n\r\n"
            + $"--I\r\nContent-Type: text/plain\r\n\r\nOpen the invoice or visit {link}\r\n"
            + $"--I\r\nContent-Type: text/plain; name=\"{attachmentName}\"\r\nContent-Disposition: attachment; filename=\"{attachmentName}\"\r\n\r\n{attachmentText}\r\n--I--\r\n";
        var outer = "Content-Type: multipart/mixed; boundary=\"O\"\r\n\r\n--O\r\nContent-Type: text/plain\r\n\r\nI got this, is it you?\r\n"
            + "--O\r\nContent-Type: message/rfc822\r\nContent-Disposition: attachment; filename=\"suspicious.eml\"\r\n\r\n" + inner + "\r\n--O--\r\n";
        return Mail(customer, messageId, "Fwd: " + subject, outer);
    }

    private static byte[] Mail(string from, string messageId, string subject, string contentAndBody) => Encoding.UTF8.GetBytes(
        $"From: Dana Whitfield <{from}>\r\nTo: passwordchange@meridian.example\r\nSubject: {subject}\r\nMessage-ID: <{messageId}>\r\n"
        + "Date: Sun, 22 Nov 2026 09:00:00 +0000\r\nMIME-Version: 1.0\r\n" + contentAndBody);
}
