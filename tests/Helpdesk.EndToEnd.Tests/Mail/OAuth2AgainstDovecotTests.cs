using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Helpdesk.Mail.Transport.OAuth2;
using Helpdesk.Testing.Mail;
using MailKit;
using MailKit.Security;
using MimeKit;
using ImapClient = MailKit.Net.Imap.ImapClient;
using SmtpClient = MailKit.Net.Smtp.SmtpClient;

namespace Helpdesk.EndToEnd.Tests.Mail;

/// <summary>
/// OAuth2 sign-in end to end: the Google token source signs a service-account JWT (or MSAL asks by client
/// credentials), the test's identity provider issues a token, MailKit sends it with XOAUTH2 through
/// <see cref="MailLogin"/>, and the real Dovecot (IMAP, and Postfix's AUTH through Dovecot) asks the same identity
/// provider whether the token is active.
/// </summary>
[TestClass]
public sealed class OAuth2AgainstDovecotTests
{
    /// <summary>Its own server pair (IMAP 32143, SMTP 32025) in OAuth2 mode, beside the assembly's password-only one.</summary>
    private const int BasePort = 32000;
    private const string Mailbox = "support@example.test";
    private const string Tenant = "e2e-tenant";
    private const string AppSecret = "e2e-app-secret";

    private static LoopbackHttpEndpoint? _endpoint;
    private static LoopbackMailServers? _servers;
    private static readonly IdentityProvider Provider = new();
    private static string _keyFile = "";
    private static string _certificateHash = "";

    public TestContext TestContext { get; set; } = null!;

    private static LoopbackMailServers Servers => _servers ?? throw new InvalidOperationException("the OAuth2 mail servers did not start");

    [ClassInitialize]
    public static void Start(TestContext context)
    {
        _endpoint = new LoopbackHttpEndpoint(Provider.Handle);
        _keyFile = Provider.WriteServiceAccountKey(_endpoint.BaseUrl + "/token");
        _servers = LoopbackMailServers.Start(BasePort, _endpoint.BaseUrl + "/introspect");
        using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(_servers.CertificatePath));
        _certificateHash = certificate.GetCertHashString(HashAlgorithmName.SHA256);
    }

    [ClassCleanup]
    public static async Task Stop()
    {
        _servers?.Stop();
        if (_endpoint is not null) await _endpoint.DisposeAsync();
        File.Delete(_keyFile);
    }

    [TestInitialize]
    public void Reset() => Provider.Reset();

    [TestMethod]
    public async Task AuthenticateAsync_ImapWithServiceAccountToken_LogsInAndSelectsInbox()
    {
        using var tokens = Tokens();
        using var client = await ConnectImapAsync();
        Assert.IsTrue(client.AuthenticationMechanisms.Contains("XOAUTH2"), "the OAuth2 instance offers XOAUTH2");

        await MailLogin.AuthenticateAsync(client, Options(), tokens, TestContext.CancellationToken);
        var inbox = await client.Inbox.OpenAsync(FolderAccess.ReadOnly, TestContext.CancellationToken);

        Assert.IsTrue(client.IsAuthenticated);
        Assert.AreEqual(FolderAccess.ReadOnly, inbox);
        Assert.AreNotEqual(0u, client.Inbox.UidValidity);
        Assert.AreEqual(1, Provider.TokensIssued, "one token request");
        Assert.AreEqual(1, Provider.Introspections, "Dovecot checked the token at the introspection URL once");
        await client.DisconnectAsync(quit: true, TestContext.CancellationToken);
    }

    [TestMethod]
    public async Task AuthenticateAsync_ImapExpiredToken_MailLoginExceptionWithTheServersWords()
    {
        Provider.IssueExpired = true;
        using var tokens = Tokens();
        using var client = await ConnectImapAsync();

        var error = await Assert.ThrowsExactlyAsync<MailLoginException>(() =>
            MailLogin.AuthenticateAsync(client, Options(), tokens, TestContext.CancellationToken));
        TestContext.WriteLine(error.Message);

        Assert.AreEqual(
            "The IMAP server refused the OAuth2Google token for support@example.test (twice, the second freshly issued): Authentication failed.",
            error.Message);
        Assert.IsFalse(error.RefusedByIdentityProvider);
        Assert.IsInstanceOfType<AuthenticationException>(error.InnerException);
        Assert.AreEqual(2, Provider.TokensIssued, "the refused token was forgotten and a fresh one tried once");
        Assert.AreEqual(2, Provider.Introspections);
        Assert.IsTrue(client.IsConnected && !client.IsAuthenticated, "a refused login leaves the connection usable");
    }

    [TestMethod]
    public async Task AuthenticateAsync_ImapCachedTokenRevoked_FreshTokenLogsIn()
    {
        using var tokens = Tokens();
        var cached = await tokens.GetAccessTokenAsync(TestContext.CancellationToken);
        Provider.Revoke(cached);
        using var client = await ConnectImapAsync();

        await MailLogin.AuthenticateAsync(client, Options(), tokens, TestContext.CancellationToken);

        Assert.IsTrue(client.IsAuthenticated);
        Assert.AreEqual(2, Provider.TokensIssued);
        Assert.AreNotEqual(cached, await tokens.GetAccessTokenAsync(TestContext.CancellationToken), "the revoked token left the cache");
    }

    [TestMethod]
    public async Task AuthenticateAsync_ImapWithEntraAppToken_LogsInAndSelectsInbox()
    {
        using var tokens = new CachedMailTokenProvider(new MicrosoftTokenSource(MicrosoftOptions(AppSecret), _endpoint!.RedirectingClient()));
        using var client = await ConnectImapAsync();

        await MailLogin.AuthenticateAsync(client, MicrosoftOptions(AppSecret), tokens, TestContext.CancellationToken);
        await client.Inbox.OpenAsync(FolderAccess.ReadWrite, TestContext.CancellationToken);

        Assert.IsTrue(client.IsAuthenticated);
        Assert.AreEqual(FolderAccess.ReadWrite, client.Inbox.Access);
        Assert.AreEqual(1, Provider.TokensIssued);
        Assert.AreEqual(1, Provider.Introspections);
    }

    [TestMethod]
    public async Task AuthenticateAsync_ImapWrongClientSecret_MailLoginExceptionWithEntraWordsAndNoServerLogin()
    {
        using var tokens = new CachedMailTokenProvider(new MicrosoftTokenSource(MicrosoftOptions("expired-secret"), _endpoint!.RedirectingClient()));
        using var client = await ConnectImapAsync();

        var error = await Assert.ThrowsExactlyAsync<MailLoginException>(() =>
            MailLogin.AuthenticateAsync(client, MicrosoftOptions("expired-secret"), tokens, TestContext.CancellationToken));
        TestContext.WriteLine(error.Message);

        Assert.AreEqual(
            "Microsoft Entra refused the token request for client e2e-app at https://login.test.example/e2e-tenant: "
            + "invalid_client: AADSTS7000222: The provided client secret keys for app 'e2e-app' are expired.",
            error.Message);
        Assert.IsTrue(error.RefusedByIdentityProvider);
        Assert.AreEqual(0, Provider.Introspections, "no token, so the server was never asked");
        Assert.IsTrue(client.IsConnected);
    }

    [TestMethod]
    public async Task AuthenticateAsync_ImapPassword_StillWorksOnTheSameServer()
    {
        using var client = await ConnectImapAsync();

        await MailLogin.AuthenticateAsync(client, new MailAuthOptions { User = Mailbox, Password = "support-pass" }, null, TestContext.CancellationToken);

        Assert.IsTrue(client.IsAuthenticated);
        Assert.AreEqual(0, Provider.Introspections, "a password login does not ask the identity provider");
    }

    [TestMethod]
    public async Task AuthenticateAsync_ImapWrongPassword_MailLoginExceptionWithTheServersWords()
    {
        using var client = await ConnectImapAsync();

        var error = await Assert.ThrowsExactlyAsync<MailLoginException>(() => MailLogin.AuthenticateAsync(
            client, new MailAuthOptions { User = Mailbox, Password = "not-the-password" }, null, TestContext.CancellationToken));

        Assert.AreEqual("The IMAP server refused the password for support@example.test: Authentication failed.", error.Message);
        Assert.IsTrue(client.IsConnected);
    }

    [TestMethod]
    public async Task AuthenticateAsync_SmtpWithToken_PostfixAcceptsAndSends()
    {
        using var tokens = Tokens();
        using var client = new SmtpClient { ServerCertificateValidationCallback = Pinned };
        await client.ConnectAsync("127.0.0.1", Servers.SmtpPort, SecureSocketOptions.StartTls, TestContext.CancellationToken);

        await MailLogin.AuthenticateAsync(client, Options(), tokens, TestContext.CancellationToken);
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(Mailbox));
        message.To.Add(MailboxAddress.Parse("customer@example.test"));
        message.Subject = "Signed in with a token";
        message.Body = new TextPart("plain") { Text = "Sent after XOAUTH2." };
        var answer = await client.SendAsync(message, TestContext.CancellationToken);

        Assert.IsTrue(client.IsAuthenticated);
        StringAssert.Contains(answer, "queued as");
        Assert.AreEqual(1, Provider.Introspections, "Postfix asked Dovecot, Dovecot asked the identity provider");
        await client.DisconnectAsync(quit: true, TestContext.CancellationToken);
    }

    [TestMethod]
    public async Task AuthenticateAsync_SmtpExpiredToken_MailLoginExceptionWithPostfixWords()
    {
        Provider.IssueExpired = true;
        using var tokens = Tokens();
        using var client = new SmtpClient { ServerCertificateValidationCallback = Pinned };
        await client.ConnectAsync("127.0.0.1", Servers.SmtpPort, SecureSocketOptions.StartTls, TestContext.CancellationToken);

        var error = await Assert.ThrowsExactlyAsync<MailLoginException>(() =>
            MailLogin.AuthenticateAsync(client, Options(), tokens, TestContext.CancellationToken));
        TestContext.WriteLine(error.Message);

        StringAssert.StartsWith(error.Message, "The SMTP server refused the OAuth2Google token for support@example.test (twice, the second freshly issued): ");
        StringAssert.Contains(error.Message, "authentication failed");
        Assert.IsTrue(client.IsConnected);
    }

    private MailAuthOptions Options() => new()
    {
        Auth = MailAuth.OAuth2Google,
        User = Mailbox,
        ServiceAccountKeyFile = _keyFile,
    };

    private static MailAuthOptions MicrosoftOptions(string secret) => new()
    {
        Auth = MailAuth.OAuth2Microsoft,
        User = Mailbox,
        TenantId = Tenant,
        ClientId = "e2e-app",
        ClientSecret = secret,
        Authority = "https://login.test.example/" + Tenant,   // MSAL's requests go to the loopback endpoint
    };

    private static CachedMailTokenProvider Tokens()
    {
        var options = new MailAuthOptions { Auth = MailAuth.OAuth2Google, User = Mailbox, ServiceAccountKeyFile = _keyFile };
        Assert.IsEmpty(options.Validate("Helpdesk:Mailboxes:0"));
        return MailTokenProviders.Create(options)!;
    }

    private async Task<ImapClient> ConnectImapAsync()
    {
        var client = new ImapClient { ServerCertificateValidationCallback = Pinned };
        await client.ConnectAsync("127.0.0.1", Servers.ImapPort, SecureSocketOptions.StartTls, TestContext.CancellationToken);
        return client;
    }

    // The run's self-signed certificate and nothing else.
    private static bool Pinned(object sender, X509Certificate? certificate, X509Chain? chain, System.Net.Security.SslPolicyErrors errors) =>
        certificate is not null && string.Equals(certificate.GetCertHashString(HashAlgorithmName.SHA256), _certificateHash, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The identity provider's two ends: /token trades a service-account JWT for a token for its subject,
    /// /introspect answers Dovecot (RFC 7662) whether a token is active and whose it is.
    /// </summary>
    private sealed class IdentityProvider
    {
        private readonly ConcurrentDictionary<string, (string User, DateTimeOffset Expires)> _issued = new();
        private readonly RSA _key = RSA.Create(2048);
        private int _tokensIssued;
        private int _introspections;

        public bool IssueExpired { get; set; }

        public int TokensIssued => _tokensIssued;

        public int Introspections => _introspections;

        public void Reset()
        {
            IssueExpired = false;
            _issued.Clear();
            _tokensIssued = 0;
            _introspections = 0;
        }

        public void Revoke(string token) => _issued.TryRemove(token, out _);

        public string WriteServiceAccountKey(string tokenUri)
        {
            var path = Path.Combine(Path.GetTempPath(), $"helpdesk-e2e-sa-{Guid.NewGuid():N}.json");
            File.WriteAllText(path, JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["type"] = "service_account",
                ["private_key_id"] = "e2e-key",
                ["private_key"] = _key.ExportPkcs8PrivateKeyPem(),
                ["client_email"] = "helpdesk-e2e@helpdesk-test.iam.gserviceaccount.com",
                ["token_uri"] = tokenUri,
            }));
            return path;
        }

        public LoopbackHttpEndpoint.Response Handle(LoopbackHttpEndpoint.Request request) => request.Path switch
        {
            "/token" => Issue(request),
            $"/{Tenant}/oauth2/v2.0/token" => IssueToApp(request),
            "/introspect" => Introspect(request),
            _ => LoopbackHttpEndpoint.Response.Json("""{"error":"not_found"}""", 404),
        };

        private LoopbackHttpEndpoint.Response Issue(LoopbackHttpEndpoint.Request request)
        {
            var parts = request.Form["assertion"].Split('.');
            var signed = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
            if (!_key.VerifyData(signed, Base64Url.DecodeFromChars(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
                return LoopbackHttpEndpoint.Response.Json("""{"error":"invalid_grant","error_description":"Invalid JWT Signature."}""", 400);
            return Token(JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1])).RootElement.GetProperty("sub").GetString()!);
        }

        private LoopbackHttpEndpoint.Response Token(string subject)
        {
            var token = $"ya29.e2e-{Interlocked.Increment(ref _tokensIssued)}-{Guid.NewGuid():N}";
            _issued[token] = (subject, DateTimeOffset.UtcNow + (IssueExpired ? TimeSpan.FromMinutes(-1) : TimeSpan.FromHours(1)));
            return LoopbackHttpEndpoint.Response.Json($$"""{"access_token":"{{token}}","expires_in":3599,"token_type":"Bearer"}""");
        }

        /// <summary>Entra's client credentials; the app was granted the support mailbox (Add-MailboxPermission).</summary>
        private LoopbackHttpEndpoint.Response IssueToApp(LoopbackHttpEndpoint.Request request)
        {
            var form = request.Form;
            if (form.GetValueOrDefault("grant_type") != "client_credentials" || form.GetValueOrDefault("scope") != MailAuthOptions.MicrosoftScope)
                return LoopbackHttpEndpoint.Response.Json("""{"error":"invalid_request","error_description":"AADSTS900144: wrong grant or scope."}""", 400);
            if (form.GetValueOrDefault("client_secret") != AppSecret)
                return LoopbackHttpEndpoint.Response.Json(
                    """{"error":"invalid_client","error_description":"AADSTS7000222: The provided client secret keys for app 'e2e-app' are expired.","error_codes":[7000222]}""", 401);
            return Token(Mailbox);
        }

        private LoopbackHttpEndpoint.Response Introspect(LoopbackHttpEndpoint.Request request)
        {
            Interlocked.Increment(ref _introspections);
            var token = request.Form.GetValueOrDefault("token", "");
            if (!_issued.TryGetValue(token, out var issued) || issued.Expires <= DateTimeOffset.UtcNow)
                return LoopbackHttpEndpoint.Response.Json("""{"active":false}""");
            return LoopbackHttpEndpoint.Response.Json(
                $$"""{"active":true,"username":"{{issued.User}}","scope":"https://mail.google.com/","exp":{{issued.Expires.ToUnixTimeSeconds()}}}""");
        }
    }
}
