using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Helpdesk.Mail.Transport;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;
using Helpdesk.Mail.Writing;
using MimeKit.Cryptography;

namespace Helpdesk.Mail.Transport;

/// <summary>Where and how <see cref="SmtpSender"/> submits; every default is documented where it is declared.</summary>
public sealed class SmtpSenderOptions
{
    public required string Host { get; init; }

    public required int Port { get; init; }

    /// <summary>None (loopback tests only), StartTls (required, never optional) or Tls (implicit, port 465).</summary>
    public MailServerSecurity Security { get; init; } = MailServerSecurity.StartTls;

    /// <summary>Also trust exactly this certificate (self-signed servers); the chain is checked either way. Default none.</summary>
    public MailServerPin? PinnedCertificate { get; init; }

    /// <summary>User name for AUTH; null sends without logging in (a trusted relay). Default null.</summary>
    public string? UserName { get; init; }

    /// <summary>Password for AUTH; never logged.</summary>
    public string? Password { get; init; }

    /// <summary>
    /// OAuth2 sign-in (Microsoft 365, Google Workspace) instead of <see cref="UserName"/>/<see cref="Password"/>; with
    /// <see cref="Tokens"/> the token cache that outlives connections. Default null (password or no login).
    /// </summary>
    public OAuth2.MailAuthOptions? Login { get; init; }

    public OAuth2.IMailTokenProvider? Tokens { get; init; }

    /// <summary>The name given in EHLO. Default "localhost" (submission servers do not check it).</summary>
    public string ClientName { get; init; } = "localhost";

    /// <summary>Longest wait for connecting or for one reply. Default 2 min.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>A kept connection unused this long is closed and a new one opened. Default 5 min (servers drop idle ones).</summary>
    public TimeSpan MaxConnectionIdle { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>A kept connection unused this long is checked with NOOP before a message goes on it. Default 10 s.</summary>
    public TimeSpan CheckAfterIdle { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Signs each message just before it leaves (DKIM); null sends unsigned. Default null.</summary>
    public DkimSigner? Dkim { get; init; }
}

/// <summary>
/// Submits the outbox's stored messages with MailKit's <see cref="SmtpClient"/>: one connection kept across messages
/// (calls are serialized), TLS validated always (a pin adds one trusted certificate, it never switches checks off),
/// a DSN request per message (NOTIFY=FAILURE, RET=HDRS, ENVID from the envelope), DKIM signing when configured, and
/// MailKit's errors turned into the desk's three outcomes: transient, permanent, login refused.
/// </summary>
public sealed class SmtpSender : IMailSubmitter, IAsyncDisposable
{
    private readonly SmtpSenderOptions _options;
    private readonly ILogger _protocolLogger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private DeskSmtpClient? _client;
    private long _lastUsed;

    public SmtpSender(SmtpSenderOptions options, ILogger? protocolLogger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _protocolLogger = protocolLogger ?? NullLogger.Instance;
    }

    public async Task SendAsync(SubmissionEnvelope envelope, ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (envelope.Recipients.Count == 0) throw new ArgumentException("A message needs at least one recipient.", nameof(envelope));
        var from = Address(envelope.From, "sender");
        var recipients = envelope.Recipients.Select(r => Address(r, "recipient")).ToList();
        var mime = Parse(message);
        // Signed at send time, so a key change applies to retries too and the stored bytes stay the desk's own.
        if (_options.Dkim is { } signer) DkimSigning.Sign(mime, signer);

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var client = await ConnectedAsync(cancellationToken).ConfigureAwait(false);
            client.EnvelopeId = envelope.EnvelopeId;
            await client.SendAsync(mime, from, recipients, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (Translate(e) is { } translated)
        {
            if (translated is not SmtpException { Reply: not null } || _client is { IsConnected: false })
                await CloseAsync().ConfigureAwait(false); // the conversation is in an unknown state
            throw translated;
        }
        finally
        {
            _lastUsed = Stopwatch.GetTimestamp();
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_client is { IsConnected: true })
            {
                try
                {
                    using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                    await _client.DisconnectAsync(true, quick.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or MailKit.ProtocolException or CommandException)
                {
                    // Leaving anyway.
                }
            }
            await CloseAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
            _gate.Dispose();
        }
    }

    /// <summary>
    /// An envelope address MailKit can send to. One that is not (a customer's odd From) fails this message for good,
    /// in the words a server would use, instead of throwing something the outbox would not know how to file.
    /// </summary>
    private static MailboxAddress Address(string address, string role) =>
        MailboxAddress.TryParse(address, out var mailbox) && mailbox.Address.Contains('@', StringComparison.Ordinal)
            ? mailbox
            : throw new SmtpPermanentException($"{role} '{address}' is not an address mail can be sent to (not sent)",
                new SmtpReply(501, "5.1.3", $"Bad {role} address syntax: '{address}' (checked by the desk before sending)"));

    /// <summary>
    /// The stored bytes as a MimeMessage for MailKit. Persistent: the parts point into the stored bytes instead of
    /// copying them, and MailKit writes them back unchanged (so a signature over them still holds).
    /// </summary>
    private static MimeMessage Parse(ReadOnlyMemory<byte> message)
    {
        var stream = System.Runtime.InteropServices.MemoryMarshal.TryGetArray(message, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(message.ToArray(), writable: false);
        return MimeMessage.Load(stream, persistent: true);
    }

    private async Task<DeskSmtpClient> ConnectedAsync(CancellationToken cancellationToken)
    {
        var idle = Stopwatch.GetElapsedTime(_lastUsed);
        if (_client is { IsConnected: true } kept && idle < _options.MaxConnectionIdle)
        {
            if (idle < _options.CheckAfterIdle) return kept;
            try
            {
                // A server's idle timeout closes kept connections; find out before a message is half-way through.
                await kept.NoOpAsync(cancellationToken).ConfigureAwait(false);
                return kept;
            }
            catch (Exception e) when (e is IOException or SocketException or MailKit.ProtocolException or CommandException)
            {
            }
        }
        await CloseAsync().ConfigureAwait(false);
        var client = new DeskSmtpClient(new SmtpProtocolLog(_protocolLogger))
        {
            LocalDomain = _options.ClientName,
            Timeout = (int)_options.Timeout.TotalMilliseconds,
            DeliveryStatusNotificationType = DeliveryStatusNotificationType.HeadersOnly,
            // The same check as every mail connection: a chain the system trusts, or exactly the pinned certificate.
            ServerCertificateValidationCallback = new MailServerCertificateCheck(_options.PinnedCertificate).Validate,
        };
        _client = client;
        var security = _options.Security switch
        {
            MailServerSecurity.None => SecureSocketOptions.None,
            MailServerSecurity.Tls => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.StartTls, // STARTTLS required: plain text is refused, not fallen back to
        };
        await client.ConnectAsync(_options.Host, _options.Port, security, cancellationToken).ConfigureAwait(false);
        await LogInAsync(client, cancellationToken).ConfigureAwait(false);
        return client;
    }

    /// <summary>The one place the outbox logs in: through <see cref="OAuth2.MailLogin"/>, by password or OAuth2 token.</summary>
    private async Task LogInAsync(SmtpClient client, CancellationToken cancellationToken)
    {
        var login = _options.Login is { Auth: not OAuth2.MailAuth.Password } oauth ? oauth
            : _options.UserName is null ? null
            : new MailCredentials(_options.UserName, _options.Password ?? "").ToAuthOptions();
        if (login is null) return;
        await OAuth2.MailLogin.AuthenticateAsync(client, login, _options.Tokens, cancellationToken).ConfigureAwait(false);
    }

    private string Where => $"smtp://{_options.Host}:{_options.Port} ({_options.Security})";

    /// <summary>MailKit's exceptions in the desk's words; null for what the caller should see as it is (cancellation).</summary>
    private SmtpException? Translate(Exception e) => e switch
    {
        SmtpCommandException c => FromReply(c, SmtpReply.Parse((int)c.StatusCode, c.Message.Trim())),
        OAuth2.MailLoginException l when l.InnerException is AuthenticationException a => new SmtpAuthenticationException($"{Where}: {l.Message}",
            a.Message.Length >= 3 && int.TryParse(a.Message.AsSpan(0, 3), out var refused) ? SmtpReply.Parse(refused, a.Message[4..]) : new SmtpReply(535, null, a.Message), l),
        OAuth2.MailLoginException l => new SmtpAuthenticationException($"{Where}: {l.Message}", new SmtpReply(535, null, l.Message), l),
        AuthenticationException a => new SmtpAuthenticationException($"{Where} refused the login: {a.Message}",
            a.Message.Length >= 3 && int.TryParse(a.Message.AsSpan(0, 3), out var code) ? SmtpReply.Parse(code, a.Message[4..]) : new SmtpReply(535, null, a.Message), a),
        SslHandshakeException or IOException or SocketException or MailKit.ProtocolException or ServiceNotConnectedException or TimeoutException
            or NotSupportedException => new SmtpTransientException($"{Where}: {e.Message}", null, e),
        OperationCanceledException => null,
        _ => null,
    };

    private static SmtpException FromReply(SmtpCommandException e, SmtpReply reply)
    {
        var what = e.ErrorCode switch
        {
            SmtpErrorCode.SenderNotAccepted => "sender " + e.Mailbox,
            SmtpErrorCode.RecipientNotAccepted => "recipient " + e.Mailbox,
            SmtpErrorCode.MessageNotAccepted => "message",
            _ => "command",
        };
        return reply.IsTransient || reply.Code < 400
            ? new SmtpTransientException($"{what} deferred: {reply}", reply, e)
            : new SmtpPermanentException($"{what} refused: {reply}", reply, e);
    }

    private async Task CloseAsync()
    {
        if (_client is null) return;
        var client = _client;
        _client = null;
        try
        {
            if (client.IsConnected) await client.DisconnectAsync(false).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or MailKit.ProtocolException)
        {
        }
        client.Dispose();
    }
}
