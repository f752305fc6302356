using Helpdesk.Core.Abstractions;
using Helpdesk.Mail.Writing;

namespace Helpdesk.Core.Outbox;

/// <summary>
/// The desk's outgoing mail as finished MIME, in one place: from the desk, to the customer, threaded to the customer's
/// message (In-Reply-To and References). Built once when the outbox item is written; every send attempt uses these bytes.
/// </summary>
public static class ReplyComposer
{
    /// <summary>A staff reply (an agent's or a bulk reply): the customer's answer comes back to the desk.</summary>
    public static byte[] StaffReply(CompanyOptions company, string? customerName, string customerAddress, string subject, string messageId,
        DateTimeOffset date, string text, string? inReplyTo, IReadOnlyList<string> references) =>
        Compose(company, customerName, customerAddress, subject, messageId, date, text, inReplyTo, references, automatic: false);

    /// <summary>The automatic acknowledgment of a customer's email.</summary>
    public static byte[] Acknowledgment(CompanyOptions company, string? customerName, string customerAddress, string subject, string messageId,
        DateTimeOffset date, string text, string? inReplyTo, IReadOnlyList<string> references) =>
        Compose(company, customerName, customerAddress, subject, messageId, date, text, inReplyTo, references, automatic: true);

    private static byte[] Compose(CompanyOptions company, string? customerName, string customerAddress, string subject, string messageId,
        DateTimeOffset date, string text, string? inReplyTo, IReadOnlyList<string> references, bool automatic) =>
        DeskComposer.Build(new OutgoingMail
        {
            From = (company.DeskDisplayName, company.DeskAddress),
            To = (customerName, customerAddress),
            Subject = subject,
            MessageId = messageId,
            Date = date,
            Text = text,
            InReplyTo = inReplyTo,
            References = references,
            // A staff reply asks for the customer's answer at the desk; an acknowledgment is marked automatic (RFC 3834)
            // so the customer's own auto-responder does not answer it.
            ReplyTo = automatic ? null : company.DeskAddress,
            AutoSubmitted = automatic ? "auto-replied" : null,
        });
}
