using Helpdesk.Mail.Transport.OAuth2;
using System.ComponentModel.DataAnnotations;
using Helpdesk.Mail.Transport;
using Helpdesk.Mail.Writing;
using MimeKit.Cryptography;

namespace Helpdesk.Core.Outbox;

/// <summary>Bound from <c>Helpdesk:Outbox</c>: where replies are submitted and how fast.</summary>
public sealed class OutboxOptions : IValidatableObject
{
    public const string Section = "Helpdesk:Outbox";

    /// <summary>Submission server host. Empty: replies queue and wait (the lead dashboard shows it); default empty.</summary>
    public string? Host { get; set; }

    /// <summary>Default 587 (submission with STARTTLS).</summary>
    [Range(1, 65535, ErrorMessage = "Helpdesk:Outbox:Port must be from 1 to 65535.")]
    public int Port { get; set; } = 587;

    /// <summary>None, StartTls (default) or Tls (implicit, usually port 465).</summary>
    public MailServerSecurity Security { get; set; } = MailServerSecurity.StartTls;

    public string? User { get; set; }

    /// <summary>From the environment or a secrets file; never logged.</summary>
    public string? Password { get; set; }

    /// <summary>
    /// OAuth2 sign-in (<c>Auth</c> = OAuth2Microsoft or OAuth2Google, with TenantId, ClientId, ...), bound from this same
    /// section with flat names; <c>Auth</c> Password (the default) uses <see cref="User"/> and <see cref="Password"/>.
    /// </summary>
    public MailAuthOptions Login { get; set; } = new();

    /// <summary>The sign-in settings with User and Password filled in where the flat binding left them out.</summary>
    public MailAuthOptions SignIn() => Login.WithAccount(User, Password);

    /// <summary>Trust exactly this certificate (a PEM file path or "sha256:HEX") for a self-signed server. Default none.</summary>
    public string? PinnedCertificate { get; set; }

    /// <summary>Envelope sender: where bounces go, which intake reads. Default the desk's address.</summary>
    public string EnvelopeFrom { get; set; } = "passwordchange@meridian.example";

    /// <summary>Sends per second across the desk; providers cap senders. Default 20.</summary>
    [Range(0.1, 10_000, ErrorMessage = "Helpdesk:Outbox:MaxPerSecond must be from 0.1 to 10000.")]
    public double MaxPerSecond { get; set; } = 20;

    /// <summary>Attempts before a reply that keeps failing temporarily is marked failed. Default 10 (about a day with the delays below).</summary>
    [Range(1, 100, ErrorMessage = "Helpdesk:Outbox:MaxAttempts must be from 1 to 100.")]
    public int MaxAttempts { get; set; } = 10;

    /// <summary>First retry delay, doubled per attempt with ±20 % jitter. Default 30 s.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest retry delay. Default 4 h.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(4);

    /// <summary>How long a dispatcher holds the items it is sending before another may take them. Default 2 min.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Items claimed per pass, and so the most replies a crash can send twice: the pass's Sent marks are committed
    /// together when it ends. Default 50.
    /// </summary>
    [Range(1, 10_000, ErrorMessage = "Helpdesk:Outbox:BatchSize must be from 1 to 10000.")]
    public int BatchSize { get; set; } = 50;

    /// <summary>
    /// Agents' replies go before due bulk replies; this share of each pass (at least one item when a pass holds two or
    /// more) stays for bulk replies while both wait, so a lead's batch still moves during a busy hour. Default 0.1.
    /// </summary>
    [Range(0.0, 0.9, ErrorMessage = "Helpdesk:Outbox:BulkShare must be from 0 to 0.9.")]
    public double BulkShare { get; set; } = 0.1;

    /// <summary>Start paused (a lead resumes from the dashboard). Default false.</summary>
    public bool StartPaused { get; set; }

    /// <summary>How long an instance trusts its copy of the shared pause state before reading it again. Default 3 s.</summary>
    public TimeSpan PauseCheckInterval { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Most SMTP connections one dispatcher sends on at once; a pass uses one per 10 replies it holds, so with the
    /// default MaxPerSecond (20) it is one or two. Default 4.
    /// </summary>
    [Range(1, 32, ErrorMessage = "Helpdesk:Outbox:Connections must be from 1 to 32.")]
    public int Connections { get; set; } = 4;

    /// <summary>DKIM signing of every reply; off unless Domain, Selector and KeyFile are all set.</summary>
    public OutboxDkimOptions Dkim { get; set; } = new();

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var login = IsConfigured && !string.IsNullOrWhiteSpace(User) && SignIn().Auth != MailAuth.Password
            ? SignIn().Validate(Section).Select(e => new ValidationResult(e))
            : [];
        return login.Concat(Dkim.Validate());
    }
}

/// <summary>Bound from <c>Helpdesk:Outbox:Dkim</c>: the key replies are signed with (RFC 6376, rsa-sha256, relaxed/relaxed).</summary>
public sealed class OutboxDkimOptions
{
    private const string Section = OutboxOptions.Section + ":Dkim";

    /// <summary>The signing domain (d=), usually the desk address's domain. Default none (no signing).</summary>
    public string? Domain { get; set; }

    /// <summary>The selector (s=): the public key is published at SELECTOR._domainkey.DOMAIN. Default none.</summary>
    public string? Selector { get; set; }

    /// <summary>PEM file with the RSA private key (PKCS#1 or PKCS#8). Default none.</summary>
    public string? KeyFile { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Domain) || !string.IsNullOrWhiteSpace(Selector) || !string.IsNullOrWhiteSpace(KeyFile);

    /// <summary>A signer over the configured key; each SMTP connection gets its own.</summary>
    public DkimSigner? CreateSigner() => IsConfigured ? DkimSigning.CreateSigner(KeyFile!, Domain!, Selector!) : null;

    internal IEnumerable<ValidationResult> Validate()
    {
        if (!IsConfigured) yield break;
        var missing = new[] { (nameof(Domain), Domain), (nameof(Selector), Selector), (nameof(KeyFile), KeyFile) }
            .Where(p => string.IsNullOrWhiteSpace(p.Item2)).Select(p => p.Item1).ToList();
        if (missing.Count > 0)
        {
            foreach (var name in missing)
                yield return new ValidationResult($"{Section}:{name} must be set: DKIM signing needs Domain, Selector and KeyFile together.", [name]);
            yield break;
        }
        if (!File.Exists(KeyFile))
        {
            yield return new ValidationResult($"{Section}:KeyFile names no readable file: '{KeyFile}'.", [nameof(KeyFile)]);
            yield break;
        }
        string? problem = null;
        try
        {
            CreateSigner();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ArgumentException
                                      or InvalidCastException or Org.BouncyCastle.Security.SecurityUtilityException or Org.BouncyCastle.Crypto.CryptoException
                                      or Org.BouncyCastle.OpenSsl.PemException or NotSupportedException)
        {
            problem = e.Message;
        }
        if (problem is not null)
            yield return new ValidationResult($"{Section}:KeyFile '{KeyFile}' holds no RSA private key in PEM form ({problem}).", [nameof(KeyFile)]);
    }
}
