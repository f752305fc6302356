using Helpdesk.Mail.Transport.OAuth2;

namespace Helpdesk.Mail.Transport;

/// <summary>Who the desk signs in as with a password. The password comes from the environment or a secrets file and is never logged.</summary>
public sealed record MailCredentials(string User, string Password)
{
    /// <summary>The same sign-in as settings for <see cref="MailLogin"/>.</summary>
    public MailAuthOptions ToAuthOptions() => new() { Auth = MailAuth.Password, User = User, Password = Password };

    public override string ToString() => User;
}
