using System.Security.Cryptography;
using System.Text.Json;

namespace Helpdesk.Mail.Transport.OAuth2;

/// <summary>How a mailbox or the outbox signs in to its server.</summary>
public enum MailAuth
{
    /// <summary>User and password (AUTH PLAIN/LOGIN): self-hosted servers such as Dovecot and Postfix.</summary>
    Password,

    /// <summary>Microsoft 365: an Entra app's client-credentials token, sent with XOAUTH2.</summary>
    OAuth2Microsoft,

    /// <summary>Google Workspace: a service account acting for the mailbox user (domain-wide delegation), sent with XOAUTH2.</summary>
    OAuth2Google,
}

/// <summary>
/// The sign-in settings of one mailbox or of the outbox. The property names are the setting names, flat beside
/// Host/Port/User (<c>Helpdesk:Mailboxes:0:TenantId</c>, <c>Helpdesk:Outbox:ClientId</c>), so one configuration
/// section binds both the connection options and these.
/// </summary>
public sealed class MailAuthOptions
{
    /// <summary>The scope an Exchange Online app token needs for IMAP and SMTP.</summary>
    public const string MicrosoftScope = "https://outlook.office365.com/.default";

    /// <summary>The only Google scope that grants IMAP and SMTP.</summary>
    public const string GoogleScope = "https://mail.google.com/";

    /// <summary>Password (default), OAuth2Microsoft or OAuth2Google.</summary>
    public MailAuth Auth { get; set; } = MailAuth.Password;

    /// <summary>The mailbox address the server signs in (for OAuth2 too: the token is the app's, the mailbox is this one).</summary>
    public string? User { get; set; }

    /// <summary>Only with Auth=Password. From the environment or a secrets file; never logged.</summary>
    public string? Password { get; set; }

    /// <summary>Microsoft: the directory (tenant) id or a verified domain of the organization.</summary>
    public string? TenantId { get; set; }

    /// <summary>Microsoft: the application (client) id of the Entra app registration.</summary>
    public string? ClientId { get; set; }

    /// <summary>Microsoft: a client secret of the app. Either this or <see cref="CertificateFile"/>.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Microsoft: a PFX/PKCS#12 file, or a PEM file holding certificate and private key, registered with the app.</summary>
    public string? CertificateFile { get; set; }

    /// <summary>Microsoft: the password of <see cref="CertificateFile"/> when it has one.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>
    /// Microsoft: the authority when it is not the public cloud's <c>https://login.microsoftonline.com/{TenantId}</c>
    /// (national clouds, or a test endpoint). Must be https.
    /// </summary>
    public string? Authority { get; set; }

    /// <summary>Google: the service account's JSON key file (type "service_account").</summary>
    public string? ServiceAccountKeyFile { get; set; }

    /// <summary>Google: the Workspace user the service account acts for. Default: <see cref="User"/>.</summary>
    public string? ImpersonateUser { get; set; }

    /// <summary>Google: the token endpoint. Default: the key file's token_uri, else https://oauth2.googleapis.com/token.</summary>
    public string? TokenEndpoint { get; set; }

    /// <summary>
    /// Fills <see cref="User"/> and <see cref="Password"/> from the owning section's own settings where the flat binding
    /// left them out (a mailbox or the outbox built in code rather than bound), and returns these options.
    /// </summary>
    public MailAuthOptions WithAccount(string? user, string? password)
    {
        User ??= user;
        Password ??= password;
        return this;
    }

    /// <summary>The user the Google token is issued for.</summary>
    public string? GoogleSubject => string.IsNullOrWhiteSpace(ImpersonateUser) ? User : ImpersonateUser;

    /// <summary>The Microsoft authority in use (the override or the public cloud's for the tenant).</summary>
    public string MicrosoftAuthority =>
        string.IsNullOrWhiteSpace(Authority)
            ? $"https://login.microsoftonline.com/{TenantId}"
            : Authority.TrimEnd('/');

    /// <summary>
    /// Problems, each a sentence naming the setting under <paramref name="prefix"/> (for example
    /// "Helpdesk:Mailboxes:0:TenantId is required when Auth is OAuth2Microsoft."); empty when all is well.
    /// </summary>
    public IReadOnlyList<string> Validate(string prefix)
    {
        var errors = new List<string>();
        var env = prefix.Replace(":", "__", StringComparison.Ordinal);
        if (!Enum.IsDefined(Auth))
        {
            errors.Add($"{prefix}:Auth must be Password, OAuth2Microsoft or OAuth2Google.");
            return errors;
        }

        if (string.IsNullOrWhiteSpace(User)) errors.Add($"{prefix}:User is required.");
        switch (Auth)
        {
            case MailAuth.Password:
                if (string.IsNullOrEmpty(Password))
                    errors.Add($"{prefix}:Password is required when Auth is Password (set it in the environment, {env}__Password, or a secrets file).");
                break;
            case MailAuth.OAuth2Microsoft:
                ValidateMicrosoft(prefix, env, errors);
                break;
            case MailAuth.OAuth2Google:
                ValidateGoogle(prefix, errors);
                break;
        }

        if (Auth != MailAuth.Password && !string.IsNullOrEmpty(Password))
            errors.Add($"{prefix}:Password is set but Auth is {Auth}: {Auth} signs in with a token; remove the password or set Auth to Password.");
        return errors;
    }

    private void ValidateMicrosoft(string prefix, string env, List<string> errors)
    {
        const string when = "when Auth is OAuth2Microsoft";
        if (string.IsNullOrWhiteSpace(TenantId) && string.IsNullOrWhiteSpace(Authority))
            errors.Add($"{prefix}:TenantId is required {when} (the directory id of the organization, or its domain).");
        if (string.IsNullOrWhiteSpace(ClientId))
            errors.Add($"{prefix}:ClientId is required {when} (the application id of the Entra app registration).");
        var hasSecret = !string.IsNullOrEmpty(ClientSecret);
        var hasCertificate = !string.IsNullOrWhiteSpace(CertificateFile);
        if (hasSecret == hasCertificate)
            errors.Add(hasSecret
                ? $"{prefix}:ClientSecret and {prefix}:CertificateFile are both set; {when} set exactly one."
                : $"{prefix}:ClientSecret or {prefix}:CertificateFile is required {when} (the secret from the environment, {env}__ClientSecret).");
        if (hasCertificate)
        {
            try
            {
                using var certificate = MicrosoftTokenSource.LoadCertificate(CertificateFile!, CertificatePassword);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
            {
                errors.Add($"{prefix}:CertificateFile '{CertificateFile}' could not be read as a certificate with its private key: {e.Message}");
            }
        }

        if (!string.IsNullOrWhiteSpace(Authority)
            && (!Uri.TryCreate(Authority, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps))
            errors.Add($"{prefix}:Authority must be an https URL such as https://login.microsoftonline.us/<tenant>, not '{Authority}'.");
    }

    private void ValidateGoogle(string prefix, List<string> errors)
    {
        const string when = "when Auth is OAuth2Google";
        if (string.IsNullOrWhiteSpace(ServiceAccountKeyFile))
        {
            errors.Add($"{prefix}:ServiceAccountKeyFile is required {when} (the service account's JSON key file).");
        }
        else
        {
            try
            {
                _ = GoogleServiceAccountKey.Load(ServiceAccountKeyFile);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or FormatException or CryptographicException or ArgumentException)
            {
                errors.Add($"{prefix}:ServiceAccountKeyFile '{ServiceAccountKeyFile}' is not a usable service account key: {e.Message}");
            }
        }

        if (string.IsNullOrWhiteSpace(GoogleSubject))
            errors.Add($"{prefix}:ImpersonateUser or {prefix}:User is required {when} (the Workspace user the service account acts for).");
        if (!string.IsNullOrWhiteSpace(TokenEndpoint) && !Uri.TryCreate(TokenEndpoint, UriKind.Absolute, out _))
            errors.Add($"{prefix}:TokenEndpoint must be an absolute URL, not '{TokenEndpoint}'.");
    }

    // Secrets must never reach a log, even through string interpolation of the options object.
    public override string ToString() => Auth switch
    {
        MailAuth.OAuth2Microsoft => $"{User} (OAuth2Microsoft, tenant {TenantId}, client {ClientId})",
        MailAuth.OAuth2Google => $"{User} (OAuth2Google, acting as {GoogleSubject})",
        _ => $"{User} (Password)",
    };
}
