using Helpdesk.Mail.Transport.OAuth2;
using System.Security.Authentication;
using MailKit;
using MailKit.Net.Imap;

namespace Helpdesk.Mail.Transport;

/// <summary>
/// Opens MailKit <see cref="ImapClient"/> sessions the desk's way: the endpoint's security (plain text for loopback
/// only), a certificate check that always validates (a trusted chain or the pinned certificate), the endpoint's
/// timeout, and the protocol log with credentials redacted when a sink is given.
/// </summary>
public static class ImapConnector
{
    /// <summary>A connected, not yet authenticated client. Throws <see cref="AuthenticationException"/> naming why a certificate was refused.</summary>
    public static async Task<ImapClient> ConnectAsync(MailServerEndpoint endpoint, Action<string>? protocolLog = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var socketOptions = endpoint.SocketOptions;
        var check = new MailServerCertificateCheck(endpoint.Pin);
        var client = protocolLog is null ? new ImapClient() : new ImapClient(new MailProtocolLog(protocolLog));
        client.Timeout = (int)Math.Clamp(endpoint.Timeout.TotalMilliseconds, 1, int.MaxValue);
        client.ServerCertificateValidationCallback = check.Validate;
        // Revocation lists are not reachable from many desk networks (and a pinned self-signed certificate has none);
        // the chain and host name are still checked, as the desk's own client did.
        client.CheckCertificateRevocation = false;
        try
        {
            await client.ConnectAsync(endpoint.Host, endpoint.Port, socketOptions, cancellationToken).ConfigureAwait(false);
            return client;
        }
        catch (Exception e) when (check.Rejection is { } why && e is AuthenticationException or MailKit.Security.SslHandshakeException)
        {
            client.Dispose();
            throw new AuthenticationException($"TLS with {endpoint.Host} failed: {why}", e);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>Connects and signs in (<see cref="MailLogin"/>).</summary>
    public static async Task<ImapClient> ConnectAndLoginAsync(MailServerEndpoint endpoint, MailCredentials credentials, Action<string>? protocolLog = null,
        CancellationToken cancellationToken = default)
    {
        var client = await ConnectAsync(endpoint, protocolLog, cancellationToken).ConfigureAwait(false);
        try
        {
            await MailLogin.AuthenticateAsync(client, credentials, cancellationToken).ConfigureAwait(false);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }
}
