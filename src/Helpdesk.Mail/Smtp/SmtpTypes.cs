using Helpdesk.Mail.Net;

namespace Helpdesk.Mail.Smtp;

/// <summary>Hands finished messages to a mail server. The outbox depends on this, not on SMTP.</summary>
public interface IMailSubmitter
{
    /// <summary>
    /// Submits one message (RFC 5322 bytes, CRLF line ends) to the envelope's recipients. Returns once the server
    /// has taken responsibility for it (250 after DATA). Throws <see cref="SmtpTransientException"/> when trying
    /// again later may work and <see cref="SmtpPermanentException"/> when it will not.
    /// </summary>
    Task SendAsync(SubmissionEnvelope envelope, ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default);
}

/// <summary>Envelope sender (bounces go there) and recipients, independent of the message's From/To headers.</summary>
public sealed record SubmissionEnvelope(string From, IReadOnlyList<string> Recipients)
{
    public SubmissionEnvelope(string from, params string[] recipients)
        : this(from, (IReadOnlyList<string>)recipients)
    {
    }
}

/// <summary>Where the submission server listens and how the connection is protected.</summary>
public sealed record SmtpEndpoint(string Host, int Port, MailSecurity Security, CertificatePin? PinnedCertificate = null)
{
    public override string ToString() => $"smtp://{Host}:{Port} ({Security})";
}

/// <summary>A server reply: code, optional enhanced status (RFC 3463, e.g. "5.7.1") and the text of all lines.</summary>
public sealed record SmtpReply(int Code, string? EnhancedStatus, string Text)
{
    public bool IsPositive => Code is >= 200 and < 400;

    public bool IsTransient => Code is >= 400 and < 500;

    public override string ToString() => EnhancedStatus is null ? $"{Code} {Text}" : $"{Code} {EnhancedStatus} {Text}";
}

/// <summary>Options for <see cref="SmtpSubmitter"/>; every default is documented where it is declared.</summary>
public sealed class SmtpSubmitterOptions
{
    /// <summary>The submission server (required).</summary>
    public required SmtpEndpoint Endpoint { get; init; }

    /// <summary>User name for AUTH; null to send without authenticating (a trusted relay).</summary>
    public string? UserName { get; init; }

    /// <summary>Password for AUTH PLAIN / LOGIN.</summary>
    public string? Password { get; init; }

    /// <summary>Creates the SASL exchange instead of PLAIN/LOGIN (e.g. XOAUTH2 with a fresh token). Default null.</summary>
    public Func<SaslMechanism>? Authenticator { get; init; }

    /// <summary>The name this client gives in EHLO. Default "localhost" (submission servers do not check it).</summary>
    public string ClientName { get; init; } = "localhost";

    /// <summary>TCP connect and TLS handshake timeout. Default 30 s.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest wait for one reply. Default 5 min (RFC 5321 suggests 5-10 min for the end of DATA).</summary>
    public TimeSpan ReplyTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Sends MAIL FROM and all RCPT TO at once when the server offers PIPELINING (RFC 2920). Default true.</summary>
    public bool UsePipelining { get; init; } = true;

    /// <summary>Longest reply accepted (all lines together); protects against endless replies. Default 64 KiB.</summary>
    public int MaxReplyLength { get; init; } = 64 * 1024;

    /// <summary>A kept connection older than this is closed and a new one opened before sending. Default 5 min.</summary>
    public TimeSpan MaxConnectionIdle { get; init; } = TimeSpan.FromMinutes(5);
}

/// <summary>A submission failed; <see cref="Reply"/> holds the server's words when it said any.</summary>
public abstract class SmtpException(string message, SmtpReply? reply, Exception? innerException)
    : Exception(message, innerException)
{
    public SmtpReply? Reply { get; } = reply;
}

/// <summary>A 4xx reply, a lost connection or a timeout: the same message may go through later.</summary>
public sealed class SmtpTransientException(string message, SmtpReply? reply = null, Exception? innerException = null)
    : SmtpException(message, reply, innerException);

/// <summary>A 5xx reply to MAIL, RCPT or DATA: this message will not be accepted as it is.</summary>
public sealed class SmtpPermanentException(string message, SmtpReply reply)
    : SmtpException(message, reply, null);

/// <summary>
/// AUTH was refused: the desk's credentials are wrong, not the message. Pause sending and tell an operator rather
/// than failing messages one by one.
/// </summary>
public sealed class SmtpAuthenticationException(string message, SmtpReply? reply)
    : SmtpException(message, reply, null);
