namespace Helpdesk.Mail.Transport.OAuth2;

/// <summary>
/// Keeps one token per mailbox and asks the provider again shortly before it expires (by default 5 minutes early,
/// or halfway through a token's life when that is shorter), so a long IMAP session or a sending pass never starts
/// with a token about to run out. Concurrent callers share one request.
/// </summary>
public sealed class CachedMailTokenProvider : IMailTokenProvider, IDisposable
{
    /// <summary>How early a token is replaced by default: the margin MSAL itself uses.</summary>
    public static readonly TimeSpan DefaultRefreshMargin = TimeSpan.FromMinutes(5);

    private readonly IMailTokenSource _source;
    private readonly TimeProvider _time;
    private readonly TimeSpan _refreshMargin;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile Cached? _cached;

    public CachedMailTokenProvider(IMailTokenSource source, TimeProvider? time = null, TimeSpan? refreshMargin = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        _source = source;
        _time = time ?? TimeProvider.System;
        _refreshMargin = refreshMargin ?? DefaultRefreshMargin;
        ArgumentOutOfRangeException.ThrowIfLessThan(_refreshMargin, TimeSpan.Zero, nameof(refreshMargin));
    }

    public string Issuer => _source.Issuer;

    public async Task<string> GetAccessTokenAsync(CancellationToken cancellationToken)
    {
        if (_cached is { } fresh && _time.GetUtcNow() < fresh.RefreshAt) return fresh.Value;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another caller may have fetched one while this one waited.
            if (_cached is { } other && _time.GetUtcNow() < other.RefreshAt) return other.Value;
            var received = _time.GetUtcNow();
            var token = await _source.RequestTokenAsync(cancellationToken).ConfigureAwait(false);
            var margin = token.Lifetime / 2 < _refreshMargin ? token.Lifetime / 2 : _refreshMargin;
            _cached = new Cached(token.Value, received + token.Lifetime - margin);
            return token.Value;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Invalidate(string token)
    {
        var cached = _cached;
        if (cached is not null && cached.Value == token) Interlocked.CompareExchange(ref _cached, null, cached);
    }

    public void Dispose() => _gate.Dispose();

    public override string ToString() => $"cached tokens from {_source}";

    private sealed record Cached(string Value, DateTimeOffset RefreshAt);
}
