using MailKit;
using MailKit.Net.Smtp;
using MimeKit;

namespace Helpdesk.Mail.Transport;

/// <summary>
/// MailKit's client asking for a delivery status notification on failure only (RFC 3461), with the outbox item as
/// the envelope id: a bounce then carries "Original-Envelope-Id: outbox-N" besides the returned headers, so it maps
/// back to the reply even when the remote server drops the Message-ID. Success notices are not asked for: a desk
/// sending a million replies does not want a million receipts.
/// </summary>
internal sealed class DeskSmtpClient(IProtocolLogger protocolLogger) : SmtpClient(protocolLogger)
{
    /// <summary>ENVID of the next message; null sends no DSN parameters at all.</summary>
    public string? EnvelopeId { get; set; }

    protected override string? GetEnvelopeId(MimeMessage message) => EnvelopeId;

    protected override DeliveryStatusNotification? GetDeliveryStatusNotifications(MimeMessage message, MailboxAddress mailbox) =>
        EnvelopeId is null ? null : DeliveryStatusNotification.Failure;
}
