using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.Identity.Client;

namespace Helpdesk.Mail.Transport.OAuth2;

/// <summary>
/// Microsoft 365 app-only tokens by the client-credentials grant through MSAL, with a client secret or a
/// certificate (MSAL signs the client assertion). The token is the app's; Exchange lets it open the mailboxes the
/// app was granted (IMAP.AccessAsApp, SMTP.SendAsApp and the mailbox permission).
/// </summary>
public sealed class MicrosoftTokenSource : IMailTokenSource
{
    private static readonly string[] Scopes = [MailAuthOptions.MicrosoftScope];
    private readonly IConfidentialClientApplication _application;
    private readonly string _description;

    /// <param name="options">Validated settings with Auth=OAuth2Microsoft.</param>
    /// <param name="httpClient">The client MSAL sends its requests with (a proxy, or a test endpoint); null for MSAL's own.</param>
    public MicrosoftTokenSource(MailAuthOptions options, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = ConfidentialClientApplicationBuilder.Create(options.ClientId);
        if (string.IsNullOrWhiteSpace(options.Authority))
        {
            builder = builder.WithAuthority(options.MicrosoftAuthority);
        }
        else
        {
            // A national cloud or a test endpoint: Microsoft's instance discovery does not know it and would refuse it.
            builder = builder.WithAuthority(options.MicrosoftAuthority, validateAuthority: false).WithInstanceDiscovery(false);
        }

        builder = string.IsNullOrWhiteSpace(options.CertificateFile)
            ? builder.WithClientSecret(options.ClientSecret)
            : builder.WithCertificate(LoadCertificate(options.CertificateFile, options.CertificatePassword), sendX5C: true);
        if (httpClient is not null) builder = builder.WithHttpClientFactory(new FixedHttpClient(httpClient));
        _application = builder.Build();
        _description = $"client {options.ClientId} at {options.MicrosoftAuthority}";
    }

    public string Issuer => "Microsoft Entra";

    public async Task<MailAccessToken> RequestTokenAsync(CancellationToken cancellationToken)
    {
        try
        {
            // MSAL keeps its own cache and hands back a cached token until 5 minutes before expiry; the desk's cache
            // decides when a new one is due (with a clock tests can move), so here MSAL always asks the endpoint.
            var result = await _application.AcquireTokenForClient(Scopes)
                .WithForceRefresh(true)
                .ExecuteAsync(cancellationToken)
                .ConfigureAwait(false);
            return new MailAccessToken(result.AccessToken, result.ExpiresOn - DateTimeOffset.UtcNow);
        }
        catch (MsalServiceException e)
        {
            // Entra's own words (AADSTS code and description) name the cause; MSAL's message wraps them in advice.
            throw new MailLoginException($"{Issuer} refused the token request for {_description}: {EntraWords(e)}", e)
            {
                RefusedByIdentityProvider = true,
            };
        }
        catch (MsalException e)
        {
            throw new MailLoginException($"{Issuer} could not be asked for a token for {_description}: {e.Message}", e);
        }
    }

    /// <summary>"error: error_description" from Entra's answer, else MSAL's message.</summary>
    private static string EntraWords(MsalServiceException e)
    {
        try
        {
            using var body = JsonDocument.Parse(e.ResponseBody ?? "");
            var root = body.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("error_description", out var description) && description.ValueKind == JsonValueKind.String)
            {
                return $"{e.ErrorCode}: {description.GetString()}";
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page, an empty body): MSAL's message is the best there is.
        }

        return e.Message;
    }

    /// <summary>A PFX/PKCS#12 file, or a PEM file with the certificate and its (optionally encrypted) private key.</summary>
    public static X509Certificate2 LoadCertificate(string path, string? password)
    {
        var head = new char[64];
        int read;
        using (var reader = new StreamReader(path))
        {
            read = reader.Read(head, 0, head.Length);
        }

        X509Certificate2 certificate;
        if (new string(head, 0, read).Contains("-----BEGIN", StringComparison.Ordinal))
        {
            certificate = string.IsNullOrEmpty(password)
                ? X509Certificate2.CreateFromPemFile(path)
                : X509Certificate2.CreateFromEncryptedPemFile(path, password);
        }
        else
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
        }

        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new CryptographicException("the file holds no private key (MSAL signs the client assertion with it)");
        }

        return certificate;
    }

    public override string ToString() => $"{Issuer} {_description}";

    private sealed class FixedHttpClient(HttpClient client) : IMsalHttpClientFactory
    {
        public HttpClient GetHttpClient() => client;
    }
}
