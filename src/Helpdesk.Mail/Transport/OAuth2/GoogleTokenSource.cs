using Google.Apis.Auth.OAuth2;
using Google.Apis.Auth.OAuth2.Responses;

namespace Helpdesk.Mail.Transport.OAuth2;

/// <summary>
/// Google Workspace tokens for one mailbox: the service account signs a JWT naming the mailbox user as subject
/// (domain-wide delegation) and trades it at the token endpoint for an access token with scope https://mail.google.com/.
/// </summary>
public sealed class GoogleTokenSource : IMailTokenSource
{
    private readonly ServiceAccountCredential _credential;
    private readonly string _description;

    /// <param name="options">Validated settings with Auth=OAuth2Google.</param>
    /// <param name="httpClientFactory">Google's HTTP hook (a proxy); null for its own client.</param>
    public GoogleTokenSource(MailAuthOptions options, Google.Apis.Http.IHttpClientFactory? httpClientFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var key = GoogleServiceAccountKey.Load(options.ServiceAccountKeyFile!);
        var endpoint = options.TokenEndpoint is { Length: > 0 } e ? e : key.TokenUri ?? GoogleServiceAccountKey.DefaultTokenUri;
        var initializer = new ServiceAccountCredential.Initializer(key.ClientEmail, endpoint)
        {
            User = options.GoogleSubject,
            Scopes = [MailAuthOptions.GoogleScope],
            KeyId = key.PrivateKeyId,
        };
        if (httpClientFactory is not null) initializer.HttpClientFactory = httpClientFactory;
        _credential = new ServiceAccountCredential(initializer.FromPrivateKey(key.PrivateKeyPem));
        _description = $"{key.ClientEmail} acting as {options.GoogleSubject} at {endpoint}";
    }

    public string Issuer => "Google";

    public async Task<MailAccessToken> RequestTokenAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Asks the endpoint every time (the credential's own cache is bypassed: the desk's cache decides).
            await _credential.RequestAccessTokenAsync(cancellationToken).ConfigureAwait(false);
            var token = _credential.Token;
            return new MailAccessToken(token.AccessToken, TimeSpan.FromSeconds(token.ExpiresInSeconds ?? 3600));
        }
        catch (TokenResponseException e)
        {
            // Google answers e.g. unauthorized_client "Client is unauthorized to retrieve access tokens using this
            // method" when domain-wide delegation is missing: its words are the diagnosis.
            var words = string.IsNullOrWhiteSpace(e.Error.ErrorDescription) ? e.Error.Error : $"{e.Error.Error}: {e.Error.ErrorDescription}";
            throw new MailLoginException($"{Issuer} refused the token request for {_description}: {words}", e)
            {
                RefusedByIdentityProvider = true,
            };
        }
        catch (HttpRequestException e)
        {
            throw new MailLoginException($"{Issuer}'s token endpoint could not be reached for {_description}: {e.Message}", e);
        }
    }

    public override string ToString() => $"{Issuer} {_description}";
}
