namespace Helpdesk.Mail.Imap;

/// <summary>Timeouts, batch sizes and the limits that protect the client from a hostile or broken server.</summary>
public sealed class ImapClientOptions
{
    /// <summary>The defaults, suitable for a poller talking to Dovecot, Gmail or Exchange.</summary>
    public static ImapClientOptions Default { get; } = new();

    /// <summary>TCP connect and TLS handshake timeout. Default 30 s.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Longest silence tolerated while a command's response is awaited; after it the connection is declared broken
    /// (<see cref="ImapProtocolException"/>). Default 2 min: a big FETCH batch on a slow server still fits.
    /// </summary>
    public TimeSpan ReadTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long one IDLE command runs before it is ended with DONE and issued again. RFC 2177 lets servers drop an
    /// IDLE after 30 minutes of inactivity (and NAT boxes drop quieter connections), so it must stay below 29
    /// minutes. Default 25 min.
    /// </summary>
    public TimeSpan IdleRefreshInterval { get; init; } = TimeSpan.FromMinutes(25);

    /// <summary>Interval between NOOPs when waiting for new mail on a server without IDLE. Default 30 s.</summary>
    public TimeSpan NoopInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>UIDs per UID FETCH command. Default 500 (a batch of ordinary mail is a few MB).</summary>
    public int FetchBatchSize { get; init; } = 500;

    /// <summary>
    /// UID FETCH commands kept in flight at once, so the server never waits for the client's next request.
    /// Default 2 (one being read, one queued behind it).
    /// </summary>
    public int FetchPipelineDepth { get; init; } = 2;

    /// <summary>
    /// Largest literal (one message body) accepted; a bigger one ends the connection with a protocol exception
    /// before any memory is reserved for it. Default 64 MiB (Gmail caps messages at 35 MB, Exchange at 150 MB
    /// with attachments encoded; raise it for the latter).
    /// </summary>
    public long MaxLiteralSize { get; init; } = 64L * 1024 * 1024;

    /// <summary>
    /// Longest response line, not counting literals. Guards against a server that never ends a line. A UID SEARCH
    /// answer for a million messages is about 8 MB, hence the default of 16 MiB.
    /// </summary>
    public int MaxLineLength { get; init; } = 16 * 1024 * 1024;

    /// <summary>Longest single atom or quoted string (e.g. one flag, one date). Default 64 KiB.</summary>
    public int MaxTokenLength { get; init; } = 64 * 1024;

    /// <summary>Checks that the values make sense; throws <see cref="ArgumentOutOfRangeException"/> otherwise.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ConnectTimeout, TimeSpan.Zero, nameof(ConnectTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ReadTimeout, TimeSpan.Zero, nameof(ReadTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(IdleRefreshInterval, TimeSpan.Zero, nameof(IdleRefreshInterval));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(IdleRefreshInterval, TimeSpan.FromMinutes(29), nameof(IdleRefreshInterval));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(NoopInterval, TimeSpan.Zero, nameof(NoopInterval));
        ArgumentOutOfRangeException.ThrowIfLessThan(FetchBatchSize, 1, nameof(FetchBatchSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(FetchPipelineDepth, 1, nameof(FetchPipelineDepth));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxLiteralSize, 1, nameof(MaxLiteralSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxLiteralSize, (long)Array.MaxLength, nameof(MaxLiteralSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxTokenLength, 1024, nameof(MaxTokenLength));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxLineLength, MaxTokenLength, nameof(MaxLineLength));
    }
}
