using MailKit;
using MailKit.Security;

namespace Helpdesk.Mail.Transport.OAuth2;


/// <summary>The one place a connected MailKit client (IMAP or SMTP) signs in, by password or by OAuth2 token.</summary>
public static class MailLogin
{
    /// <summary>Signs in with a user name and password (see the other overload for what is thrown).</summary>
    public static Task AuthenticateAsync(MailService client, MailCredentials credentials, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        return AuthenticateAsync(client, credentials.ToAuthOptions(), null, cancellationToken);
    }

    /// <summary>
    /// Signs <paramref name="client"/> in as <see cref="MailAuthOptions.User"/>. With OAuth2 a token the server
    /// refuses is forgotten and one fresh token is tried (it may have been revoked early); a second refusal, or a
    /// refused password, throws <see cref="MailLoginException"/> carrying the server's words. Connection errors
    /// (<see cref="ProtocolException"/>, <see cref="IOException"/>) pass through unchanged: they mean reconnect.
    /// </summary>
    public static async Task AuthenticateAsync(MailService client, MailAuthOptions options, IMailTokenProvider? tokens, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        var user = options.User ?? throw new ArgumentException("MailAuthOptions.User is required.", nameof(options));
        var server = ServerName(client);
        if (options.Auth == MailAuth.Password)
        {
            // NTLM and GSSAPI would try the machine's Kerberos/NTLM setup first; the desk only ever has a user and a secret.
            client.AuthenticationMechanisms.Remove("NTLM");
            client.AuthenticationMechanisms.Remove("GSSAPI");
            try
            {
                await client.AuthenticateAsync(user, options.Password ?? "", cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (AuthenticationException e)
            {
                throw new MailLoginException($"The {server} server refused the password for {user}: {e.Message}", e);
            }
        }

        if (tokens is null)
            throw new ArgumentException($"Auth is {options.Auth}: a token provider is required (MailTokenProviders.Create).", nameof(tokens));
        var token = await tokens.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await client.AuthenticateAsync(new SaslMechanismOAuth2(user, token), cancellationToken).ConfigureAwait(false);
            return;
        }
        catch (AuthenticationException)
        {
            tokens.Invalidate(token);
        }

        var fresh = await tokens.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await client.AuthenticateAsync(new SaslMechanismOAuth2(user, fresh), cancellationToken).ConfigureAwait(false);
        }
        catch (AuthenticationException e)
        {
            tokens.Invalidate(fresh);
            throw new MailLoginException(
                $"The {server} server refused the {options.Auth} token for {user} (twice, the second freshly issued): {e.Message}", e);
        }
    }

    private static string ServerName(MailService client) => client switch
    {
        MailKit.Net.Imap.IImapClient => "IMAP",
        MailKit.Net.Smtp.ISmtpClient => "SMTP",
        MailKit.Net.Pop3.IPop3Client => "POP3",
        _ => "mail",
    };
}
