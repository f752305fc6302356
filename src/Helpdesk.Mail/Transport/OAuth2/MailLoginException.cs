namespace Helpdesk.Mail.Transport.OAuth2;

/// <summary>
/// Sign-in failed: the identity provider refused the token request, or the mail server refused the credentials or
/// the token. <see cref="Exception.Message"/> carries the provider's or the server's own words so the dashboard can
/// show them on the mailbox row; it never contains a password, secret or token.
/// </summary>
public sealed class MailLoginException : Exception
{
    public MailLoginException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    public MailLoginException()
    {
    }

    public MailLoginException(string message)
        : base(message)
    {
    }

    /// <summary>True when the identity provider, not the mail server, said no (for instance a wrong client secret).</summary>
    public bool RefusedByIdentityProvider { get; init; }
}
