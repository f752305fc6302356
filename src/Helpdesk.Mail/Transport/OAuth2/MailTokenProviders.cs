using System.Collections.Concurrent;

namespace Helpdesk.Mail.Transport.OAuth2;

/// <summary>
/// The token providers of a process, one per mailbox and one for the outbox, each made on first use and kept (the
/// cache lives in it). Register one as a singleton; a worker asks it for its mailbox's provider at every connect.
/// </summary>
public sealed class MailTokenProviders(TimeProvider? time = null) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<CachedMailTokenProvider?>> _providers = new(StringComparer.Ordinal);

    /// <summary>
    /// The provider for the mailbox or outbox named <paramref name="name"/> (a stable name: the mailbox's display name,
    /// or "outbox"); null for Auth=Password. Expects validated options (<see cref="MailAuthOptions.Validate"/>).
    /// </summary>
    public IMailTokenProvider? For(string name, MailAuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return _providers.GetOrAdd(name, _ => new Lazy<CachedMailTokenProvider?>(() => Create(options, time))).Value;
    }

    /// <summary>A cached provider for Auth=OAuth2Microsoft or OAuth2Google; null for Auth=Password.</summary>
    public static CachedMailTokenProvider? Create(MailAuthOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        IMailTokenSource? source = options.Auth switch
        {
            MailAuth.OAuth2Microsoft => new MicrosoftTokenSource(options),
            MailAuth.OAuth2Google => new GoogleTokenSource(options),
            _ => null,
        };
        return source is null ? null : new CachedMailTokenProvider(source, time);
    }

    public void Dispose()
    {
        foreach (var provider in _providers.Values)
        {
            if (provider.IsValueCreated) provider.Value?.Dispose();
        }

        _providers.Clear();
    }
}
