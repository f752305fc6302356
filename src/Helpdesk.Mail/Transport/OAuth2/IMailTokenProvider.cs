namespace Helpdesk.Mail.Transport.OAuth2;

/// <summary>Gives the access token a mailbox or the outbox signs in with (XOAUTH2).</summary>
public interface IMailTokenProvider
{
    /// <summary>
    /// A token valid for a few minutes at least. Cached: a new one is asked for only when the cached one nears its
    /// expiry. Throws <see cref="MailLoginException"/> with the provider's words when the provider refuses.
    /// </summary>
    Task<string> GetAccessTokenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Forgets <paramref name="token"/> because the server refused it (revoked, permissions changed): the next call
    /// asks the provider again. A newer token fetched meanwhile by another caller is kept.
    /// </summary>
    void Invalidate(string token);
}

/// <summary>
/// An access token and how long it stays valid from the moment it was received. A lifetime rather than an instant,
/// so the cache measures it with its own clock (which tests move) and not with the library's.
/// </summary>
public sealed record MailAccessToken(string Value, TimeSpan Lifetime)
{
    // The token is a bearer secret: never print it.
    public override string ToString() => $"access token valid for {Lifetime}";
}

/// <summary>Asks an identity provider for a fresh token; caching is <see cref="CachedMailTokenProvider"/>'s job.</summary>
public interface IMailTokenSource
{
    /// <summary>Who issues the tokens, for messages ("Microsoft Entra", "Google").</summary>
    string Issuer { get; }

    /// <summary>Always asks the provider (never a cache). Throws <see cref="MailLoginException"/> on refusal.</summary>
    Task<MailAccessToken> RequestTokenAsync(CancellationToken cancellationToken);
}
