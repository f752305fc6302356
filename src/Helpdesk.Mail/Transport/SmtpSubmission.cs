namespace Helpdesk.Mail.Transport;

/// <summary>Hands finished messages to a mail server. The outbox depends on this, not on SMTP.</summary>
public interface IMailSubmitter
{
    /// <summary>
    /// Submits one message (RFC 5322 bytes, CRLF line ends) to the envelope's recipients. Returns once the server
    /// has taken responsibility for it (250 after DATA). Throws <see cref="SmtpTransientException"/> when trying
    /// again later may work, <see cref="SmtpPermanentException"/> when it will not, and
    /// <see cref="SmtpAuthenticationException"/> when the server refuses the desk's own login.
    /// </summary>
    Task SendAsync(SubmissionEnvelope envelope, ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default);
}

/// <summary>
/// Envelope sender (bounces go there) and recipients, independent of the message's From/To headers.
/// <see cref="EnvelopeId"/>, when set, is sent as the DSN envelope id (RFC 3461 ENVID) with NOTIFY=FAILURE, so a
/// bounce names the outbox item it returns.
/// </summary>
public sealed record SubmissionEnvelope(string From, IReadOnlyList<string> Recipients, string? EnvelopeId = null)
{
    public SubmissionEnvelope(string from, params string[] recipients)
        : this(from, (IReadOnlyList<string>)recipients)
    {
    }
}

/// <summary>A server reply: code, optional enhanced status (RFC 3463, e.g. "5.7.1") and the text of all lines.</summary>
public sealed record SmtpReply(int Code, string? EnhancedStatus, string Text)
{
    public bool IsPositive => Code is >= 200 and < 400;

    public bool IsTransient => Code is >= 400 and < 500;

    /// <summary>Splits a leading enhanced status code ("5.1.1 User unknown") off the server's text when there is one.</summary>
    public static SmtpReply Parse(int code, string text)
    {
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        var first = space < 0 ? text : text[..space];
        var parts = first.Split('.');
        var enhanced = parts.Length == 3 && parts[0].Length == 1 && parts[0][0] == (char)('0' + code / 100)
                       && parts.All(p => p.Length is > 0 and <= 3 && p.All(char.IsAsciiDigit));
        return enhanced ? new SmtpReply(code, first, space < 0 ? "" : text[(space + 1)..]) : new SmtpReply(code, null, text);
    }

    public override string ToString() => EnhancedStatus is null ? $"{Code} {Text}" : $"{Code} {EnhancedStatus} {Text}";
}

/// <summary>A submission failed; <see cref="Reply"/> holds the server's words when it said any.</summary>
public abstract class SmtpException(string message, SmtpReply? reply, Exception? innerException)
    : Exception(message, innerException)
{
    public SmtpReply? Reply { get; } = reply;
}

/// <summary>
/// A 4xx reply, a lost connection or a timeout: the same message may go through later. Without a
/// <see cref="SmtpException.Reply"/> the connection itself failed (the server is down or went away).
/// </summary>
public sealed class SmtpTransientException(string message, SmtpReply? reply = null, Exception? innerException = null)
    : SmtpException(message, reply, innerException);

/// <summary>A 5xx reply to MAIL, RCPT or DATA: this message will not be accepted as it is.</summary>
public sealed class SmtpPermanentException(string message, SmtpReply reply, Exception? innerException = null)
    : SmtpException(message, reply, innerException);

/// <summary>
/// AUTH was refused: the desk's credentials are wrong, not the message. Pause sending and tell an operator rather
/// than failing messages one by one.
/// </summary>
public sealed class SmtpAuthenticationException(string message, SmtpReply? reply, Exception? innerException = null)
    : SmtpException(message, reply, innerException);
