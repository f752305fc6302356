using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;

namespace Helpdesk.Mail.Net;

/// <summary>Opens TCP connections and wraps them in TLS with validation always on. Shared by IMAP and SMTP.</summary>
internal static class MailTransport
{
    /// <summary>Connects to host:port; throws <see cref="IOException"/> (with the socket error inside) on failure.</summary>
    public static async Task<Stream> ConnectAsync(string host, int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            await socket.ConnectAsync(host, port, timeoutSource.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new IOException($"Connecting to {host}:{port} timed out after {timeout.TotalSeconds:0.#} s.");
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new IOException($"Connecting to {host}:{port} failed: {e.Message}", e);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new NetworkStream(socket, ownsSocket: true);
    }

    /// <summary>
    /// Negotiates TLS over <paramref name="inner"/>. The certificate must pass the system's validation (which honours
    /// SSL_CERT_FILE on Linux) or be exactly the pinned one; there is no other way in.
    /// </summary>
    public static async Task<SslStream> StartTlsAsync(Stream inner, string host, CertificatePin? pin, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        string? rejection = null;
        var ssl = new SslStream(inner, leaveInnerStreamOpen: false, (_, certificate, _, errors) =>
        {
            if (errors == SslPolicyErrors.None || (pin is not null && pin.Matches(certificate)))
            {
                return true;
            }

            rejection = pin is null
                ? $"certificate not trusted ({errors})"
                : $"certificate not trusted ({errors}) and not the pinned one ({pin})";
            return false;
        });
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = host,
            }, timeoutSource.Token).ConfigureAwait(false);
            return ssl;
        }
        catch (Exception e) when (e is AuthenticationException or IOException
                                      || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            var reason = rejection ?? (e is OperationCanceledException ? "handshake timed out" : e.Message);
            throw new AuthenticationException($"TLS with {host} failed: {reason}", e);
        }
        catch
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
