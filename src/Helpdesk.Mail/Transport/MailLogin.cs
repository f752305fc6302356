using MailKit;

namespace Helpdesk.Mail.Transport;

/// <summary>Who the desk signs in as. The password comes from the environment or a secrets file and is never logged.</summary>
public sealed record MailCredentials(string User, string Password)
{
    public override string ToString() => User;
}

/// <summary>
/// The one place a mail connection signs in (IMAP and SMTP alike). Today a password, through the best mechanism the
/// server offers (MailKit picks SCRAM or PLAIN before LOGIN); OAuth2 (a bearer token through SaslMechanismOAuth2)
/// belongs here too, so no caller needs to change when it comes.
/// </summary>
public static class MailLogin
{
    public static async Task AuthenticateAsync(IMailService client, MailCredentials credentials, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(credentials);
        // NTLM and GSSAPI would try the machine's Kerberos/NTLM setup first; the desk only ever has a user and a secret.
        client.AuthenticationMechanisms.Remove("NTLM");
        client.AuthenticationMechanisms.Remove("GSSAPI");
        await client.AuthenticateAsync(new System.Net.NetworkCredential(credentials.User, credentials.Password), cancellationToken).ConfigureAwait(false);
    }
}
