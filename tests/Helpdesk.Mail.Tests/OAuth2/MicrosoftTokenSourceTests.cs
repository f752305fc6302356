using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Helpdesk.Mail.Transport.OAuth2;
using Helpdesk.Testing.Mail;
using Microsoft.Extensions.Time.Testing;

namespace Helpdesk.Mail.Tests.OAuth2;

/// <summary>MSAL's client-credentials request against a local stand-in for the Entra token endpoint.</summary>
[TestClass]
public sealed class MicrosoftTokenSourceTests
{
    private const string Tenant = "7f3c1a52-0000-4000-8000-00000000c0de";
    private const string ClientId = "2b5e9d41-1111-4111-8111-00000000a11d";

    // MSAL accepts only https authorities; the test names one and sends its requests to the loopback endpoint.
    private const string Authority = "https://login.test.example/" + Tenant;

    private int _issued;

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task RequestTokenAsync_ClientSecret_PostsClientCredentialsGrantForExchangeScope()
    {
        await using var endpoint = new LoopbackHttpEndpoint(IssueTokens);
        var source = new MicrosoftTokenSource(Options(secret: "s3cret~value"), endpoint.RedirectingClient());

        var token = await source.RequestTokenAsync(TestContext.CancellationToken);

        Assert.AreEqual("entra-token-1", token.Value);
        Assert.IsTrue(token.Lifetime > TimeSpan.FromMinutes(59) && token.Lifetime <= TimeSpan.FromHours(1), token.Lifetime.ToString());
        var request = endpoint.Requests.Single(r => r.Path.EndsWith("/token", StringComparison.Ordinal));
        Assert.AreEqual("POST", request.Method);
        Assert.AreEqual($"/{Tenant}/oauth2/v2.0/token", request.Path);
        var form = request.Form;
        Assert.AreEqual("client_credentials", form["grant_type"]);
        Assert.AreEqual(ClientId, form["client_id"]);
        Assert.AreEqual("https://outlook.office365.com/.default", form["scope"]);
        Assert.AreEqual("s3cret~value", form["client_secret"]);
        Assert.IsFalse(form.ContainsKey("client_assertion"));
    }

    [TestMethod]
    public async Task RequestTokenAsync_Certificate_SendsAssertionSignedByTheCertificateKey()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=helpdesk-test-app", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var pfx = Path.Combine(Path.GetTempPath(), $"helpdesk-app-{Guid.NewGuid():N}.pfx");
        await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "pfx-pass"), TestContext.CancellationToken);
        await using var endpoint = new LoopbackHttpEndpoint(IssueTokens);
        var options = Options(secret: null);
        options.CertificateFile = pfx;
        options.CertificatePassword = "pfx-pass";
        Assert.IsEmpty(options.Validate("Helpdesk:Outbox"));
        var source = new MicrosoftTokenSource(options, endpoint.RedirectingClient());
        File.Delete(pfx);   // read once, at construction

        await source.RequestTokenAsync(TestContext.CancellationToken);

        var form = endpoint.Requests.Single().Form;
        Assert.AreEqual("client_credentials", form["grant_type"]);
        Assert.AreEqual("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", form["client_assertion_type"]);
        Assert.IsFalse(form.ContainsKey("client_secret"));
        var assertion = TestJwt.Parse(form["client_assertion"]);
        Assert.AreEqual(ClientId, assertion.Claim("iss"));
        Assert.AreEqual(ClientId, assertion.Claim("sub"));
        Assert.AreEqual($"{Authority}/oauth2/v2.0/token", assertion.Claim("aud"));
        Assert.IsTrue(assertion.IsSignedBy(certificate.GetRSAPublicKey()!), "the assertion is signed with the certificate's key");
        using var other = RSA.Create(2048);
        Assert.IsFalse(assertion.IsSignedBy(other), "a different key does not verify it");
    }

    [TestMethod]
    public async Task GetAccessTokenAsync_SecondCallWithinLifetime_MakesNoRequestAndRefreshesFiveMinutesEarly()
    {
        await using var endpoint = new LoopbackHttpEndpoint(IssueTokens);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var tokens = new CachedMailTokenProvider(
            new MicrosoftTokenSource(Options(secret: "s3cret"), endpoint.RedirectingClient()), time);
        var ct = TestContext.CancellationToken;

        var first = await tokens.GetAccessTokenAsync(ct);
        var second = await tokens.GetAccessTokenAsync(ct);
        time.Advance(TimeSpan.FromMinutes(54));
        var beforeMargin = await tokens.GetAccessTokenAsync(ct);
        Assert.HasCount(1, endpoint.Requests, "within the lifetime the cached token is used");
        time.Advance(TimeSpan.FromMinutes(2));   // 56 min of a 60 min token: inside the 5 min margin
        var refreshed = await tokens.GetAccessTokenAsync(ct);

        Assert.AreEqual("entra-token-1", first);
        Assert.AreEqual(first, second);
        Assert.AreEqual(first, beforeMargin);
        Assert.AreEqual("entra-token-2", refreshed, "MSAL's own cache is bypassed: the endpoint is asked again");
        Assert.HasCount(2, endpoint.Requests);
    }

    [TestMethod]
    public async Task GetAccessTokenAsync_Invalidated_AsksTheEndpointAgain()
    {
        await using var endpoint = new LoopbackHttpEndpoint(IssueTokens);
        using var tokens = new CachedMailTokenProvider(new MicrosoftTokenSource(Options(secret: "s3cret"), endpoint.RedirectingClient()));
        var ct = TestContext.CancellationToken;
        var first = await tokens.GetAccessTokenAsync(ct);

        tokens.Invalidate("some-older-token");
        Assert.AreEqual(first, await tokens.GetAccessTokenAsync(ct), "forgetting another token keeps the cached one");
        tokens.Invalidate(first);
        var second = await tokens.GetAccessTokenAsync(ct);

        Assert.AreEqual("entra-token-2", second);
        Assert.HasCount(2, endpoint.Requests);
    }

    [TestMethod]
    public async Task RequestTokenAsync_EndpointRefuses_MailLoginExceptionCarriesEntraWords()
    {
        await using var endpoint = new LoopbackHttpEndpoint(_ => LoopbackHttpEndpoint.Response.Json(
            """
            {"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.","error_codes":[7000215]}
            """, 401));
        const string secret = "Zq8~not-the-secret";
        var source = new MicrosoftTokenSource(Options(secret), endpoint.RedirectingClient());

        var error = await Assert.ThrowsExactlyAsync<MailLoginException>(() => source.RequestTokenAsync(TestContext.CancellationToken));

        StringAssert.Contains(error.Message, "invalid_client: AADSTS7000215: Invalid client secret provided. Ensure the secret");
        StringAssert.Contains(error.Message, ClientId);
        Assert.IsTrue(error.RefusedByIdentityProvider);
        Assert.IsFalse(error.Message.Contains(secret, StringComparison.Ordinal), "the secret itself is never in the message");
    }

    private static MailAuthOptions Options(string? secret) => new()
    {
        Auth = MailAuth.OAuth2Microsoft,
        User = "support@contoso.test",
        TenantId = Tenant,
        ClientId = ClientId,
        ClientSecret = secret,
        Authority = Authority,
    };

    private LoopbackHttpEndpoint.Response IssueTokens(LoopbackHttpEndpoint.Request request)
    {
        if (!request.Path.EndsWith("/oauth2/v2.0/token", StringComparison.Ordinal))
            return LoopbackHttpEndpoint.Response.Json("""{"error":"not_found"}""", 404);
        var n = Interlocked.Increment(ref _issued);
        return LoopbackHttpEndpoint.Response.Json($$"""{"token_type":"Bearer","expires_in":3600,"ext_expires_in":3600,"access_token":"entra-token-{{n}}"}""");
    }
}
