using MailKit.Security;

namespace Helpdesk.Mail.Transport;

/// <summary>How a connection to a mail server is protected. The names are the configuration values operators write.</summary>
public enum MailServerSecurity
{
    /// <summary>Plain text: credentials travel unencrypted, so it is refused for any host but loopback.</summary>
    None,

    /// <summary>Connect in plain text, then upgrade with STARTTLS before anything else is said (ports 143, 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte (ports 993, 465).</summary>
    Tls,
}

/// <summary>Where a mail server is and how to reach it. <see cref="Timeout"/> bounds each network read or write.</summary>
public sealed record MailServerEndpoint(string Host, int Port, MailServerSecurity Security, MailServerPin? Pin = null)
{
    /// <summary>MailKit's own default is two minutes; a mailbox worker wants to notice a dead server sooner.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>True for 127.0.0.0/8, ::1 and "localhost": the only hosts a plain-text connection may go to.</summary>
    public bool IsLoopback =>
        string.Equals(Host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (System.Net.IPAddress.TryParse(Host, out var address) && System.Net.IPAddress.IsLoopback(address));

    /// <summary>MailKit's name for <see cref="Security"/>. StartTls is required, never "when available".</summary>
    public SecureSocketOptions SocketOptions => Security switch
    {
        MailServerSecurity.None when IsLoopback => SecureSocketOptions.None,
        MailServerSecurity.None => throw new InvalidOperationException(
            $"Security None sends the password in plain text; it is allowed for a loopback host only, not {Host}."),
        MailServerSecurity.StartTls => SecureSocketOptions.StartTls,
        MailServerSecurity.Tls => SecureSocketOptions.SslOnConnect,
        _ => throw new InvalidOperationException($"Unknown security {Security}."),
    };

    public override string ToString() => $"{Host}:{Port} ({Security})";
}
