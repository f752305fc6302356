using Helpdesk.Mail.Transport.OAuth2;
using Helpdesk.Mail.Transport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Helpdesk.Core.Intake;

/// <summary>One mailbox the desk takes mail from. Bound from <c>Helpdesk:Mailboxes:N</c> (env <c>Helpdesk__Mailboxes__0__Host</c> ...).</summary>
public sealed class MailboxOptions
{
    /// <summary>The name intake uses for the cursor and in stats. Default "User@Host/Folder".</summary>
    public string? Name { get; set; }

    public string? Host { get; set; }

    /// <summary>Default 993 with Tls, 143 otherwise.</summary>
    public int? Port { get; set; }

    /// <summary>None (loopback hosts only), StartTls or Tls. Default Tls.</summary>
    public MailServerSecurity Security { get; set; } = MailServerSecurity.Tls;

    public string? User { get; set; }

    /// <summary>From the environment or a secrets file; never logged.</summary>
    public string? Password { get; set; }

    public string Folder { get; set; } = "INBOX";

    /// <summary>Where a message is moved once it is stored; when empty it is flagged \Seen and stays.</summary>
    public string? ProcessedFolder { get; set; }

    /// <summary>Messages fetched, stored and processed together. Default 500.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>A PEM file, or a SHA-256 fingerprint (hex, colons allowed), of a certificate trusted for this server only.</summary>
    public string? PinnedCertificate { get; set; }

    /// <summary>How long one network read or write may take before the session is given up and opened again. Default 1 minute.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(1);

    public string DisplayName => Name is { Length: > 0 } n ? n : $"{User}@{Host}/{Folder}";

    public MailServerEndpoint Endpoint() =>
        new(Host!, Port ?? (Security == MailServerSecurity.Tls ? 993 : 143), Security, Pin()) { Timeout = Timeout };

    public MailCredentials Credentials() => new(User!, Password ?? "");

    /// <summary>
    /// How the mailbox signs in (<c>Auth</c> = Password, OAuth2Microsoft or OAuth2Google, with TenantId, ClientId, ClientSecret,
    /// CertificateFile, ServiceAccountKeyFile...), bound from the same section as the other settings.
    /// </summary>
    public MailAuthOptions Login { get; set; } = new();

    /// <summary>The sign-in settings with this mailbox's User and Password filled in where the Login section left them out.</summary>
    public MailAuthOptions SignIn() => Login.WithAccount(User, Password);

    private MailServerPin? Pin() => string.IsNullOrWhiteSpace(PinnedCertificate) ? null : MailServerPin.Parse(PinnedCertificate);

    // The password must never reach a log, even through string interpolation of the options object.
    public override string ToString() => $"{DisplayName} ({Host}:{Port}, {Security})";
}

/// <summary>Every configured mailbox, in configuration order (<c>Helpdesk:Mailboxes</c>).</summary>
public sealed class MailboxList
{
    public const string Section = "Helpdesk:Mailboxes";

    public List<MailboxOptions> Mailboxes { get; } = [];

    public static MailboxList From(IConfiguration configuration)
    {
        var list = new MailboxList();
        foreach (var child in configuration.GetSection(Section).GetChildren().OrderBy(c => int.TryParse(c.Key, out var n) ? n : int.MaxValue))
        {
            var options = new MailboxOptions();
            child.Bind(options);
            child.Bind(options.Login); // flat names: Auth, TenantId, ClientId... sit beside Host and Port
            list.Mailboxes.Add(options);
        }
        return list;
    }

    /// <summary>Problems, each naming the setting ("Helpdesk:Mailboxes:0:Host is required."); empty when all is well.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Mailboxes.Count; i++)
        {
            var m = Mailboxes[i];
            var p = $"{Section}:{i}";
            if (string.IsNullOrWhiteSpace(m.Host)) errors.Add($"{p}:Host is required.");
            if (string.IsNullOrWhiteSpace(m.User)) errors.Add($"{p}:User is required.");
            else if (m.SignIn().Auth == MailAuth.Password)
            {
                if (string.IsNullOrEmpty(m.Password)) errors.Add($"{p}:Password is required (set it in the environment, {p.Replace(":", "__")}__Password, or a secrets file).");
            }
            else errors.AddRange(m.SignIn().Validate(p));
            if (m.Port is { } port && port is < 1 or > 65535) errors.Add($"{p}:Port must be between 1 and 65535, not {port}.");
            if (!Enum.IsDefined(m.Security)) errors.Add($"{p}:Security must be None, StartTls or Tls.");
            if (m.Security == MailServerSecurity.None && !string.IsNullOrWhiteSpace(m.Host) && !new MailServerEndpoint(m.Host, 143, m.Security).IsLoopback)
                errors.Add($"{p}:Security None sends the password in plain text; use StartTls or Tls for {m.Host} (None is for loopback test servers only).");
            if (m.Timeout < TimeSpan.FromSeconds(1) || m.Timeout > TimeSpan.FromMinutes(30))
                errors.Add($"{p}:Timeout must be between 00:00:01 and 00:30:00, not {m.Timeout}.");
            if (string.IsNullOrWhiteSpace(m.Folder)) errors.Add($"{p}:Folder must name a folder (default INBOX).");
            if (m.BatchSize is < 1 or > 10_000) errors.Add($"{p}:BatchSize must be between 1 and 10000, not {m.BatchSize}.");
            if (!string.IsNullOrWhiteSpace(m.ProcessedFolder) && string.Equals(m.ProcessedFolder, m.Folder, StringComparison.OrdinalIgnoreCase))
                errors.Add($"{p}:ProcessedFolder must differ from Folder.");
            if (!string.IsNullOrWhiteSpace(m.PinnedCertificate))
            {
                try { _ = m.Endpoint(); }
                catch (Exception e) when (e is ArgumentException or FormatException or IOException or System.Security.Cryptography.CryptographicException)
                {
                    errors.Add($"{p}:PinnedCertificate is neither a readable PEM file nor a SHA-256 fingerprint: {e.Message}");
                }
            }
            if (!names.Add(m.DisplayName)) errors.Add($"{p}:Name '{m.DisplayName}' is used by another mailbox; give each a distinct Name.");
        }
        return errors;
    }
}

/// <summary>Fails start-up with every mailbox problem listed, each naming its setting.</summary>
internal sealed class MailboxListValidation(MailboxList list) : IValidateOptions<IntakeOptions>
{
    public ValidateOptionsResult Validate(string? name, IntakeOptions options)
    {
        var errors = list.Validate();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
