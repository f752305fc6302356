using System.Diagnostics;
using System.Security.Authentication;
using System.Text;
using Helpdesk.Mail.Net;

namespace Helpdesk.Mail.Smtp;

/// <summary>
/// SMTP submission (RFC 5321, 6409): EHLO, STARTTLS or implicit TLS, AUTH PLAIN/LOGIN, MAIL/RCPT/DATA. The
/// connection is kept and reused for the next message; calls are serialized. A recipient refused means the whole
/// message is refused (RSET), so a message never reaches only some of its recipients.
/// </summary>
public sealed class SmtpSubmitter : IMailSubmitter, IAsyncDisposable
{
    private readonly SmtpSubmitterOptions _options;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SmtpConnection? _connection;
    private HashSet<string> _extensions = new(StringComparer.OrdinalIgnoreCase);
    private HashSet<string> _authMechanisms = new(StringComparer.OrdinalIgnoreCase);
    private long _lastUsed;

    private readonly Func<CancellationToken, Task<Stream>>? _openTransport;

    public SmtpSubmitter(SmtpSubmitterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Endpoint);
        _options = options;
    }

    /// <summary>For tests: every connection is opened by <paramref name="openTransport"/> instead of TCP.</summary>
    internal SmtpSubmitter(SmtpSubmitterOptions options, Func<CancellationToken, Task<Stream>> openTransport)
        : this(options) => _openTransport = openTransport;

    /// <summary>The EHLO keywords of the current connection (upper case, e.g. "PIPELINING", "AUTH").</summary>
    public IReadOnlyCollection<string> Extensions => _extensions;

    public async Task SendAsync(SubmissionEnvelope envelope, ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (envelope.Recipients.Count == 0)
        {
            throw new ArgumentException("A message needs at least one recipient.", nameof(envelope));
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var reused = _connection is not null && Stopwatch.GetElapsedTime(_lastUsed) < _options.MaxConnectionIdle;
            if (!reused)
            {
                await CloseAsync().ConfigureAwait(false);
                await ConnectAsync(cancellationToken).ConfigureAwait(false);
            }


            try
            {
                await TransactAsync(envelope, message, cancellationToken).ConfigureAwait(false);
            }
            catch (RetryOnFreshConnection) when (reused)
            {
                // The kept connection had died (server idle timeout) before the server accepted anything.
                await CloseAsync().ConfigureAwait(false);
                await ConnectAsync(cancellationToken).ConfigureAwait(false);
                await TransactAsync(envelope, message, cancellationToken).ConfigureAwait(false);
            }

        }
        catch (Exception e) when (e is SmtpTransientException { Reply: null } or SmtpAuthenticationException
                                      or OperationCanceledException or RetryOnFreshConnection)
        {
            await CloseAsync().ConfigureAwait(false); // the conversation is in an unknown state
            throw e is RetryOnFreshConnection retry ? retry.Inner : e;
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
            if (_connection is not null)
            {
                try
                {
                    using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                    await _connection.WriteLineAsync("QUIT", quick.Token).ConfigureAwait(false);
                    await _connection.ReadReplyAsync(quick.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is SmtpException or OperationCanceledException)
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

    private async Task TransactAsync(SubmissionEnvelope envelope, ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        var connection = _connection!;
        var mail = "MAIL FROM:<" + CheckAddress(envelope.From, allowEmpty: true) + ">";
        if (_extensions.Contains("8BITMIME") && message.Span.IndexOfAnyInRange((byte)0x80, (byte)0xFF) >= 0)
        {
            mail += " BODY=8BITMIME";
        }

        if (_extensions.Contains("SMTPUTF8") && (!Ascii.IsValid(envelope.From) || envelope.Recipients.Any(r => !Ascii.IsValid(r))))
        {
            mail += " SMTPUTF8";
        }

        if (_extensions.Contains("SIZE"))
        {
            mail += " SIZE=" + message.Length;
        }

        var commands = new List<string> { mail };
        commands.AddRange(envelope.Recipients.Select(r => "RCPT TO:<" + CheckAddress(r, allowEmpty: false) + ">"));
        var replies = new List<SmtpReply>();
        try
        {
            if (_options.UsePipelining && _extensions.Contains("PIPELINING"))
            {
                await connection.WriteLineAsync(string.Join("\r\n", commands), cancellationToken).ConfigureAwait(false);
                foreach (var _ in commands)
                {
                    var reply = await connection.ReadReplyAsync(cancellationToken).ConfigureAwait(false);
                    replies.Add(reply);
                    if (reply.Code == 421)
                    {
                        break; // the server is closing the connection: no further replies will come
                    }
                }
            }
            else
            {
                foreach (var command in commands)
                {
                    await connection.WriteLineAsync(command, cancellationToken).ConfigureAwait(false);
                    var reply = await connection.ReadReplyAsync(cancellationToken).ConfigureAwait(false);
                    replies.Add(reply);
                    if (!reply.IsPositive)
                    {
                        break;
                    }
                }
            }
        }
        catch (SmtpTransientException e) when (e.Reply is null && replies.Count == 0)
        {
            throw new RetryOnFreshConnection(e);
        }

        if (replies[0].Code == 421)
        {
            // Typically a kept connection that hit the server's idle timeout; nothing was accepted yet.
            throw new RetryOnFreshConnection(new SmtpTransientException("server closing the connection: " + replies[0], replies[0]));
        }

        var refused = replies.FindIndex(r => !r.IsPositive);
        if (refused >= 0)
        {
            await ResetAsync(cancellationToken).ConfigureAwait(false);
            var what = refused == 0 ? "sender " + envelope.From : "recipient " + envelope.Recipients[refused - 1];
            throw Refused(what, replies[refused]);
        }

        await connection.WriteLineAsync("DATA", cancellationToken).ConfigureAwait(false);
        var go = await connection.ReadReplyAsync(cancellationToken).ConfigureAwait(false);
        if (go.Code != 354)
        {
            await ResetAsync(cancellationToken).ConfigureAwait(false);
            throw Refused("DATA", go);
        }

        await connection.WriteDataAsync(message, cancellationToken).ConfigureAwait(false);
        var accepted = await connection.ReadReplyAsync(cancellationToken).ConfigureAwait(false);
        if (!accepted.IsPositive)
        {
            if (accepted.Code == 421)
            {
                await CloseAsync().ConfigureAwait(false);
            }

            throw Refused("message", accepted); // the transaction is over; the connection stays usable
        }
    }

    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        try
        {
            await OpenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await CloseAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task OpenAsync(CancellationToken cancellationToken)
    {
        var endpoint = _options.Endpoint;
        Stream stream;
        try
        {
            stream = _openTransport is not null
                ? await _openTransport(cancellationToken).ConfigureAwait(false)
                : await MailTransport.ConnectAsync(endpoint.Host, endpoint.Port, _options.ConnectTimeout, cancellationToken)
                    .ConfigureAwait(false);
            if (endpoint.Security == MailSecurity.Tls)
            {
                stream = await MailTransport.StartTlsAsync(stream, endpoint.Host, endpoint.PinnedCertificate,
                    _options.ConnectTimeout, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or AuthenticationException)
        {
            throw new SmtpTransientException($"{endpoint}: {e.Message}", null, e);
        }

        _connection = new SmtpConnection(stream, _options);
        var greeting = await _connection.ReadReplyAsync(cancellationToken).ConfigureAwait(false);
        if (greeting.Code != 220)
        {
            throw new SmtpTransientException($"{endpoint} refused the connection: {greeting}", greeting);
        }

        await HelloAsync(cancellationToken).ConfigureAwait(false);
        if (endpoint.Security == MailSecurity.StartTls)
        {
            if (!_extensions.Contains("STARTTLS"))
            {
                throw new SmtpTransientException($"{endpoint} does not offer STARTTLS; refusing to continue in plain text");
            }

            await ExpectAsync("STARTTLS", 220, cancellationToken).ConfigureAwait(false);
            if (_connection.HasBufferedData)
            {
                throw new SmtpTransientException("the server sent data after STARTTLS before the TLS handshake");
            }

            try
            {
                _connection.Replace(await MailTransport.StartTlsAsync(_connection.Stream, endpoint.Host,
                    endpoint.PinnedCertificate, _options.ConnectTimeout, cancellationToken).ConfigureAwait(false));
            }
            catch (Exception e) when (e is IOException or AuthenticationException)
            {
                throw new SmtpTransientException($"{endpoint}: {e.Message}", null, e);
            }

            await HelloAsync(cancellationToken).ConfigureAwait(false);
        }

        if (_options.Authenticator is not null || _options.UserName is not null)
        {
            await AuthenticateAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task HelloAsync(CancellationToken cancellationToken)
    {
        await _connection!.WriteLineAsync("EHLO " + _options.ClientName, cancellationToken).ConfigureAwait(false);
        var reply = await _connection.ReadReplyAsync(cancellationToken).ConfigureAwait(false);
        if (!reply.IsPositive)
        {
            throw reply.IsTransient
                ? new SmtpTransientException("EHLO refused: " + reply, reply)
                : new SmtpTransientException("EHLO refused (the server may not speak ESMTP): " + reply, reply);
        }

        // The first line is the greeting; each further line one extension keyword with arguments.
        _extensions = new HashSet<string>(reply.Text.Split('\n').Skip(1)
            .Select(line => line.Split(' ', 2)[0].ToUpperInvariant()), StringComparer.OrdinalIgnoreCase);
        _authMechanisms = reply.Text.Split('\n').Skip(1)
            .Where(line => line.StartsWith("AUTH ", StringComparison.OrdinalIgnoreCase) || line.StartsWith("AUTH=", StringComparison.OrdinalIgnoreCase))
            .SelectMany(line => line[5..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    private async Task AuthenticateAsync(CancellationToken cancellationToken)
    {
        var mechanism = _options.Authenticator?.Invoke()
                        ?? (_authMechanisms.Contains("PLAIN") || !_authMechanisms.Contains("LOGIN")
                            ? new SaslPlain(_options.UserName!, _options.Password ?? "")
                            : new SaslLogin(_options.UserName!, _options.Password ?? ""));
        var initial = mechanism.InitialResponse();
        var command = "AUTH " + mechanism.Name + (initial is null ? "" : " " + (initial.Length == 0 ? "=" : Convert.ToBase64String(initial)));
        await _connection!.WriteLineAsync(command, cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var reply = await _connection.ReadReplyAsync(cancellationToken).ConfigureAwait(false);
            if (reply.Code == 334)
            {
                byte[] challenge;
                try
                {
                    challenge = Convert.FromBase64String(reply.Text.Trim());
                }
                catch (FormatException)
                {
                    challenge = [];
                }

                await _connection.WriteLineAsync(Convert.ToBase64String(mechanism.Respond(challenge)), cancellationToken)
                    .ConfigureAwait(false);
                continue;
            }

            if (reply.Code == 235)
            {
                return;
            }

            if (reply.IsTransient)
            {
                throw new SmtpTransientException($"AUTH {mechanism.Name} for {mechanism.UserName} failed for now: {reply}", reply);
            }

            throw new SmtpAuthenticationException($"AUTH {mechanism.Name} for {mechanism.UserName} refused: {reply}", reply);
        }
    }

    private async Task ExpectAsync(string command, int code, CancellationToken cancellationToken)
    {
        await _connection!.WriteLineAsync(command, cancellationToken).ConfigureAwait(false);
        var reply = await _connection.ReadReplyAsync(cancellationToken).ConfigureAwait(false);
        if (reply.Code != code)
        {
            throw new SmtpTransientException($"{command} refused: {reply}", reply);
        }
    }

    /// <summary>RSET after a refusal, so the kept connection is clean; a failing RSET just drops the connection.</summary>
    private async Task ResetAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _connection!.WriteLineAsync("RSET", cancellationToken).ConfigureAwait(false);
            if ((await _connection.ReadReplyAsync(cancellationToken).ConfigureAwait(false)).IsPositive)
            {
                return;
            }
        }
        catch (SmtpTransientException)
        {
        }

        await CloseAsync().ConfigureAwait(false);
    }

    private async Task CloseAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
            _connection = null;
        }
    }

    private static SmtpException Refused(string what, SmtpReply reply) => reply.IsTransient
        ? new SmtpTransientException($"{what} deferred: {reply}", reply)
        : new SmtpPermanentException($"{what} refused: {reply}", reply);

    private static string CheckAddress(string address, bool allowEmpty)
    {
        ArgumentNullException.ThrowIfNull(address);
        if ((!allowEmpty && address.Length == 0) || address.AsSpan().IndexOfAny("<>\r\n \t") >= 0)
        {
            throw new ArgumentException($"'{address}' is not a bare envelope address.", nameof(address));
        }

        return address;
    }

    /// <summary>A reused connection turned out dead before the server accepted anything: safe to start over.</summary>
    private sealed class RetryOnFreshConnection(SmtpTransientException inner) : Exception(inner.Message, inner)
    {
        public SmtpTransientException Inner { get; } = inner;
    }
}
