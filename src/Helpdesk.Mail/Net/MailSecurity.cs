namespace Helpdesk.Mail.Net;

/// <summary>How a mail connection is protected. The names match the configuration values operators write.</summary>
public enum MailSecurity
{
    /// <summary>Plain text. Only for loopback test servers: credentials travel unencrypted.</summary>
    None,

    /// <summary>Connect in plain text, then upgrade with STARTTLS before anything else is said (ports 143, 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte (ports 993, 465).</summary>
    Tls,
}
