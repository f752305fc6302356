using System.Security.Cryptography;
using System.Text.Json;
using Helpdesk.Mail.Transport.OAuth2;
using Helpdesk.Testing.Mail;
using Microsoft.Extensions.Time.Testing;

namespace Helpdesk.Mail.Tests.OAuth2;

/// <summary>The service account's JWT-bearer request against a local stand-in for Google's token endpoint.</summary>
[TestClass]
public sealed class GoogleTokenSourceTests
{
    private const string ServiceAccount = "helpdesk-mail@helpdesk-test.iam.gserviceaccount.com";
    private const string Mailbox = "support@workspace.test";

    private readonly RSA _key = RSA.Create(2048);
    private readonly List<string> _files = [];
    private int _issued;

    public TestContext TestContext { get; set; } = null!;

    [TestCleanup]
    public void Cleanup()
    {
        _key.Dispose();
        _files.ForEach(File.Delete);
    }

    [TestMethod]
    public async Task RequestTokenAsync_ServiceAccount_PostsJwtBearerAssertionForTheMailboxUser()
    {
        await using var endpoint = new LoopbackHttpEndpoint(IssueTokens(expiresIn: 3600));
        var options = Options(KeyFile(tokenUri: endpoint.BaseUrl + "/token"));
        Assert.IsEmpty(options.Validate("Helpdesk:Mailboxes:0"));

        var token = await new GoogleTokenSource(options).RequestTokenAsync(TestContext.CancellationToken);

        Assert.AreEqual("google-token-1", token.Value);
        Assert.AreEqual(TimeSpan.FromHours(1), token.Lifetime);
        var request = endpoint.Requests.Single();
        Assert.AreEqual("POST", request.Method);
        Assert.AreEqual("/token", request.Path);
        Assert.AreEqual("urn:ietf:params:oauth:grant-type:jwt-bearer", request.Form["grant_type"]);
        var assertion = TestJwt.Parse(request.Form["assertion"]);
        Assert.AreEqual("RS256", assertion.Header.GetProperty("alg").GetString());
        Assert.AreEqual("key-id-1", assertion.Header.GetProperty("kid").GetString());
        Assert.AreEqual(ServiceAccount, assertion.Claim("iss"));
        Assert.AreEqual(Mailbox, assertion.Claim("sub"), "domain-wide delegation: the token acts for the mailbox user");
        Assert.AreEqual("https://mail.google.com/", assertion.Claim("scope"));
        // The library names Google's token endpoint as audience whatever URL it posts to: the audience Google checks.
        Assert.AreEqual("https://oauth2.googleapis.com/token", assertion.Claim("aud"));
        Assert.AreEqual(3600, assertion.NumericClaim("exp") - assertion.NumericClaim("iat"));
        Assert.IsTrue(assertion.IsSignedBy(_key), "signed with the service account's private key");
        using var other = RSA.Create(2048);
        Assert.IsFalse(assertion.IsSignedBy(other));
    }

    [TestMethod]
    public async Task RequestTokenAsync_TokenEndpointSetting_OverridesTheKeyFilesTokenUri()
    {
        await using var endpoint = new LoopbackHttpEndpoint(IssueTokens(expiresIn: 3600));
        var options = Options(KeyFile(tokenUri: "https://oauth2.googleapis.invalid/token"));
        options.TokenEndpoint = endpoint.BaseUrl + "/override";
        options.ImpersonateUser = "helpdesk@workspace.test";

        await new GoogleTokenSource(options).RequestTokenAsync(TestContext.CancellationToken);

        var request = endpoint.Requests.Single();
        Assert.AreEqual("/override", request.Path);
        var assertion = TestJwt.Parse(request.Form["assertion"]);
        Assert.AreEqual("helpdesk@workspace.test", assertion.Claim("sub"), "ImpersonateUser wins over User");
    }

    [TestMethod]
    public async Task GetAccessTokenAsync_ShortLivedToken_CachedThenRefreshedHalfwayBeforeExpiry()
    {
        await using var endpoint = new LoopbackHttpEndpoint(IssueTokens(expiresIn: 120));
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var tokens = new CachedMailTokenProvider(new GoogleTokenSource(Options(KeyFile(endpoint.BaseUrl + "/token"))), time);
        var ct = TestContext.CancellationToken;

        var first = await tokens.GetAccessTokenAsync(ct);
        time.Advance(TimeSpan.FromSeconds(59));
        var cached = await tokens.GetAccessTokenAsync(ct);
        Assert.HasCount(1, endpoint.Requests, "second call within the lifetime makes no request");
        time.Advance(TimeSpan.FromSeconds(2));   // 61 s of a 120 s token: past half its life, 59 s before expiry
        var refreshed = await tokens.GetAccessTokenAsync(ct);

        Assert.AreEqual("google-token-1", first);
        Assert.AreEqual(first, cached);
        Assert.AreEqual("google-token-2", refreshed);
        Assert.HasCount(2, endpoint.Requests);
    }

    [TestMethod]
    public async Task GetAccessTokenAsync_ConcurrentCallers_ShareOneRequest()
    {
        await using var endpoint = new LoopbackHttpEndpoint(IssueTokens(expiresIn: 3600));
        using var tokens = new CachedMailTokenProvider(new GoogleTokenSource(Options(KeyFile(endpoint.BaseUrl + "/token"))));

        var all = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => tokens.GetAccessTokenAsync(TestContext.CancellationToken)));

        Assert.IsTrue(all.All(t => t == "google-token-1"), string.Join(",", all));
        Assert.HasCount(1, endpoint.Requests);
    }

    [TestMethod]
    public async Task RequestTokenAsync_DelegationMissing_MailLoginExceptionCarriesGoogleWords()
    {
        await using var endpoint = new LoopbackHttpEndpoint(_ => LoopbackHttpEndpoint.Response.Json(
            """{"error":"unauthorized_client","error_description":"Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested."}""",
            401));
        using var tokens = new CachedMailTokenProvider(new GoogleTokenSource(Options(KeyFile(endpoint.BaseUrl + "/token"))));

        var error = await Assert.ThrowsExactlyAsync<MailLoginException>(() => tokens.GetAccessTokenAsync(TestContext.CancellationToken));

        StringAssert.Contains(error.Message, "unauthorized_client: Client is unauthorized to retrieve access tokens");
        StringAssert.Contains(error.Message, Mailbox);
        Assert.IsTrue(error.RefusedByIdentityProvider);
    }

    private static MailAuthOptions Options(string keyFile) => new()
    {
        Auth = MailAuth.OAuth2Google,
        User = Mailbox,
        ServiceAccountKeyFile = keyFile,
    };

    /// <summary>A service account key file as the Google console writes it, with a fresh RSA key.</summary>
    private string KeyFile(string tokenUri)
    {
        var json = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["type"] = "service_account",
            ["project_id"] = "helpdesk-test",
            ["private_key_id"] = "key-id-1",
            ["private_key"] = _key.ExportPkcs8PrivateKeyPem(),
            ["client_email"] = ServiceAccount,
            ["client_id"] = "104200000000000000001",
            ["token_uri"] = tokenUri,
        });
        var path = Path.Combine(Path.GetTempPath(), $"helpdesk-sa-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        _files.Add(path);
        return path;
    }

    private Func<LoopbackHttpEndpoint.Request, LoopbackHttpEndpoint.Response> IssueTokens(int expiresIn) => _ =>
    {
        var n = Interlocked.Increment(ref _issued);
        return LoopbackHttpEndpoint.Response.Json($$"""{"access_token":"google-token-{{n}}","expires_in":{{expiresIn}},"token_type":"Bearer"}""");
    };
}
