namespace Helpdesk.Mail.Transport.OAuth2;

/// <summary>Builds the token provider a mailbox's or the outbox's settings call for.</summary>
public static class MailTokenProviders
{
    /// <summary>
    /// A cached provider for Auth=OAuth2Microsoft or OAuth2Google; null for Auth=Password. Expects validated
    /// options (<see cref="MailAuthOptions.Validate"/>). Make one per mailbox and keep it for the process's life:
    /// the cache lives in it.
    /// </summary>
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
}
