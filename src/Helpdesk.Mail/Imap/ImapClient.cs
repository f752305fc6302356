using System.Globalization;
using System.Security.Authentication;
using Helpdesk.Mail.Net;

namespace Helpdesk.Mail.Imap;

/// <summary>
/// An IMAP4rev1 client (RFC 3501) for taking mail in: connect, authenticate, select, fetch in pipelined batches,
/// flag, move, and wait for new mail with IDLE (or NOOP). One command at a time; not thread-safe.
/// An <see cref="ImapProtocolException"/> leaves the client unusable (connect a new one); an
/// <see cref="ImapCommandException"/> does not.
/// </summary>
public sealed partial class ImapClient : IAsyncDisposable
{
    private readonly ImapClientOptions _options;
    private Stream? _stream;
    private ImapTokenReader? _reader;
    private int _tagCounter;
    private int _busy;
    private string? _brokenReason;
    private bool _loggingOut;
    private SelectedMailbox? _selected;

    public ImapClient(ImapClientOptions? options = null)
    {
        _options = options ?? ImapClientOptions.Default;
        _options.Validate();
    }

    /// <summary>What the server offers, refreshed after STARTTLS and after authentication.</summary>
    public ImapCapabilities Capabilities { get; private set; } = ImapCapabilities.None;

    /// <summary>True once the connection is open and not known to be broken.</summary>
    public bool IsConnected => _stream is not null && _brokenReason is null;

    public bool IsAuthenticated { get; private set; }

    /// <summary>True when the connection is protected by TLS (implicit or after STARTTLS).</summary>
    public bool IsEncrypted { get; private set; }

    /// <summary>
    /// Raised with the text of a server's [ALERT] (RFC 3501 7.1: it must reach a person): Gmail uses it for
    /// "application-specific password required" and web-login demands, others for quota and maintenance notices.
    /// </summary>
    public event EventHandler<ImapAlertEventArgs>? Alert;

    /// <summary>The selected mailbox as of the latest server news (EXISTS, EXPUNGE...), or null.</summary>
    public ImapMailboxState? Mailbox => _selected?.Snapshot();

    /// <summary>Connects, negotiates TLS as the endpoint says (never falling back to plain text) and reads capabilities.</summary>
    public async Task ConnectAsync(ImapEndpoint endpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (_stream is not null)
        {
            throw new InvalidOperationException("The client is already connected; use a new ImapClient per connection.");
        }

        Stream stream;
        try
        {
            stream = await MailTransport.ConnectAsync(endpoint.Host, endpoint.Port, _options.ConnectTimeout, cancellationToken)
                .ConfigureAwait(false);
            if (endpoint.Security == MailSecurity.Tls)
            {
                stream = await MailTransport.StartTlsAsync(stream, endpoint.Host, endpoint.PinnedCertificate,
                    _options.ConnectTimeout, cancellationToken).ConfigureAwait(false);
                IsEncrypted = true;
            }
        }
        catch (Exception e) when (e is IOException or AuthenticationException)
        {
            throw new ImapProtocolException($"{endpoint}: {e.Message}", e);
        }

        await ConnectAsync(stream, cancellationToken).ConfigureAwait(false);
        if (endpoint.Security == MailSecurity.StartTls)
        {
            await StartTlsAsync(endpoint, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Speaks IMAP over a stream the caller already opened (and protected): reads the greeting and capabilities.
    /// The client owns the stream from now on.
    /// </summary>
    public async Task ConnectAsync(Stream transport, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transport);
        if (_stream is not null)
        {
            throw new InvalidOperationException("The client is already connected; use a new ImapClient per connection.");
        }

        Attach(transport);
        using var busy = EnterCommand();
        var greeting = await ReadResponseAsync(cancellationToken).ConfigureAwait(false);
        if (greeting is not ImapStatusResponse { Tag: null } status || status.Status is not (ImapStatus.Ok or ImapStatus.PreAuth))
        {
            var text = (greeting as ImapStatusResponse)?.Text;
            throw Break(new ImapProtocolException("server refused the connection: " + (text ?? greeting.ToString()))
                { ServerText = text });
        }

        IsAuthenticated = status.Status == ImapStatus.PreAuth;
        ApplyResponseCode(status);
        busy.Dispose();
        await EnsureCapabilitiesAsync(status, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Signs in with user name and password: AUTHENTICATE PLAIN when offered, else LOGIN.</summary>
    public Task AuthenticateAsync(ImapCredentials credentials, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        if (Capabilities.SupportsAuthentication("PLAIN"))
        {
            return AuthenticateAsync(new SaslPlain(credentials.UserName, credentials.Password), cancellationToken);
        }

        return Capabilities.LoginDisabled
            ? throw new ImapAuthenticationException("LOGIN", ImapStatus.No, null,
                "the server offers neither AUTH=PLAIN nor LOGIN on this connection")
            : LoginAsync(credentials.UserName, credentials.Password, cancellationToken);
    }

    /// <summary>AUTHENTICATE with any SASL mechanism (PLAIN, XOAUTH2...); SASL-IR is used when offered.</summary>
    public async Task AuthenticateAsync(SaslMechanism mechanism, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mechanism);
        var builder = NewCommand("AUTHENTICATE").Space().Ascii(mechanism.Name);
        var initial = Capabilities.SaslInitialResponse ? mechanism.InitialResponse() : null;
        if (initial is not null)
        {
            builder.Space().Ascii(initial.Length == 0 ? "=" : Convert.ToBase64String(initial));
        }

        var command = builder.Build();
        var tagged = await RunAsync(command, null, async (challenge, ct) =>
        {
            byte[] answer;
            try
            {
                answer = mechanism.Respond(Convert.FromBase64String(challenge.Text.Trim()));
            }
            catch (FormatException)
            {
                answer = mechanism.Respond([]); // not base64 (some servers send "+ Ready"): an empty challenge
            }

            await WriteLineAsync(Convert.ToBase64String(answer), ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        await CompleteAuthenticationAsync(command, tagged, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>LOGIN with user name and password (the password goes as a literal when it has 8-bit characters).</summary>
    public async Task LoginAsync(string userName, string password, CancellationToken cancellationToken = default)
    {
        var command = NewCommand("LOGIN").Space().String(userName).Space().String(password).Build();
        var tagged = await RunAsync(command, null, null, cancellationToken).ConfigureAwait(false);
        await CompleteAuthenticationAsync(command, tagged, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Asks the server for its capabilities again.</summary>
    public async Task<ImapCapabilities> RefreshCapabilitiesAsync(CancellationToken cancellationToken = default)
    {
        var command = NewCommand("CAPABILITY").Build();
        EnsureOk(command, await RunAsync(command, null, null, cancellationToken).ConfigureAwait(false));
        return Capabilities;
    }

    /// <summary>Says LOGOUT and closes the connection. Never throws for a connection that is already gone.</summary>
    public async Task LogoutAsync(CancellationToken cancellationToken = default)
    {
        if (IsConnected)
        {
            _loggingOut = true;
            try
            {
                await RunAsync(NewCommand("LOGOUT").Build(), null, null, cancellationToken).ConfigureAwait(false);
            }
            catch (ImapProtocolException)
            {
                // The server may close right after its BYE: the goal, closing, is reached either way.
            }
        }

        await CloseAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync() => await CloseAsync().ConfigureAwait(false);

    private async Task StartTlsAsync(ImapEndpoint endpoint, CancellationToken cancellationToken)
    {
        if (!Capabilities.StartTls)
        {
            throw Break(new ImapProtocolException($"{endpoint}: the server does not offer STARTTLS; refusing to continue in plain text"));
        }

        var command = NewCommand("STARTTLS").Build();
        EnsureOk(command, await RunAsync(command, null, null, cancellationToken).ConfigureAwait(false));
        if (_reader!.HasBufferedData)
        {
            // Bytes sent before the handshake could be injected by a man in the middle (CVE-2011-0411 and kin).
            throw Break(new ImapProtocolException("the server sent data after STARTTLS before the TLS handshake"));
        }

        try
        {
            var ssl = await MailTransport.StartTlsAsync(_stream!, endpoint.Host, endpoint.PinnedCertificate,
                _options.ConnectTimeout, cancellationToken).ConfigureAwait(false);
            _reader.Dispose();
            Attach(ssl);
            IsEncrypted = true;
        }
        catch (Exception e) when (e is IOException or AuthenticationException)
        {
            throw Break(new ImapProtocolException($"{endpoint}: {e.Message}", e));
        }

        // Capabilities learned before TLS may have been forged: forget them and ask again.
        Capabilities = ImapCapabilities.None;
        await RefreshCapabilitiesAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task CompleteAuthenticationAsync(ImapCommand command, ImapStatusResponse tagged, CancellationToken cancellationToken)
    {
        if (tagged.Status != ImapStatus.Ok)
        {
            throw tagged.Status == ImapStatus.No
                ? new ImapAuthenticationException(command.Name, tagged.Status, tagged.CodeWithArgs, tagged.Text)
                : new ImapCommandException(command.Name, tagged.Status, tagged.CodeWithArgs, tagged.Text);
        }

        IsAuthenticated = true;
        if (tagged.Code != "CAPABILITY")
        {
            // Servers announce more after login (MOVE, IDLE...); ask unless the OK already told us.
            await RefreshCapabilitiesAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task EnsureCapabilitiesAsync(ImapStatusResponse greeting, CancellationToken cancellationToken)
    {
        if (greeting.Code != "CAPABILITY")
        {
            await RefreshCapabilitiesAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private void Attach(Stream stream)
    {
        _stream = stream;
        _reader = new ImapTokenReader(stream, _options);
    }

    private async Task CloseAsync()
    {
        _brokenReason ??= "the client was closed";
        _reader?.Dispose();
        if (_stream is not null)
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    private ImapCommandBuilder NewCommand(string name)
    {
        var tag = "A" + (++_tagCounter).ToString("D4", CultureInfo.InvariantCulture);
        return new ImapCommandBuilder(tag, name, Capabilities);
    }

    private static void EnsureOk(ImapCommand command, ImapStatusResponse tagged)
    {
        if (tagged.Status != ImapStatus.Ok)
        {
            throw new ImapCommandException(command.Name, tagged.Status, tagged.CodeWithArgs, tagged.Text);
        }
    }

    /// <summary>Marks the connection unusable; every later call fails fast with the same reason.</summary>
    private ImapProtocolException Break(ImapProtocolException exception)
    {
        _brokenReason ??= exception.Message;
        return exception;
    }

    private BusyScope EnterCommand()
    {
        if (_stream is null)
        {
            throw new InvalidOperationException("Connect first.");
        }

        if (_brokenReason is not null)
        {
            throw new ImapProtocolException("the connection is no longer usable: " + _brokenReason);
        }

        if (Interlocked.Exchange(ref _busy, 1) == 1)
        {
            throw new InvalidOperationException("ImapClient runs one command at a time; another is in progress.");
        }

        return new BusyScope(this);
    }

    private sealed class BusyScope(ImapClient client) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (!_disposed)
            {
                _disposed = true;
                Volatile.Write(ref client._busy, 0);
            }
        }
    }

    /// <summary>The selected mailbox, updated by the server's untagged news.</summary>
    private sealed class SelectedMailbox(string name)
    {
        public string Name { get; } = name;

        public uint UidValidity { get; set; }

        public uint? UidNext { get; set; }

        public int Exists { get; set; }

        /// <summary>EXPUNGEs seen since SELECT: an EXISTS back at the old count after one of them is still new mail.</summary>
        public long Expunged { get; set; }

        public bool ReadOnly { get; set; }

        /// <summary>Set when the server announces a UIDVALIDITY different from the one SELECT reported.</summary>
        public bool UidValidityChanged { get; set; }

        public ImapMailboxState Snapshot() => new(Name, UidValidity, UidNext, Exists, ReadOnly);
    }
}
