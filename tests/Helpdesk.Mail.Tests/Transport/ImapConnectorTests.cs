using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Helpdesk.Mail.Tests.Replay;
using Helpdesk.Mail.Transport;

namespace Helpdesk.Mail.Tests.Transport;

/// <summary>
/// Certificate validation is always on: a self-signed server gets in only as the pinned certificate, never because
/// validation was loosened; plain text goes to loopback only. TLS from the first byte against a scripted server.
/// </summary>
[TestClass]
public sealed class ImapConnectorTests
{
    private const string Greeting = "S: * OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready.";

    [TestMethod]
    public async Task ConnectAsync_SelfSignedCertificatePinned_Encrypts()
    {
        using var certificate = SelfSigned();
        await using var server = ImapScriptServer.Start(Greeting, Copy(certificate));

        using var client = await ImapConnector.ConnectAsync(Tls(server, MailServerPin.FromCertificate(certificate)));

        Assert.IsTrue(client.IsSecure);
        await client.DisconnectAsync(quit: true);
        await server.AssertCompleteAsync();
    }

    [TestMethod]
    public async Task ConnectAsync_SelfSignedCertificatePinnedByFingerprint_Encrypts()
    {
        using var certificate = SelfSigned();
        var fingerprint = string.Join(':', Convert.ToHexString(SHA256.HashData(certificate.RawData)).Chunk(2).Select(c => new string(c)));
        await using var server = ImapScriptServer.Start(Greeting, Copy(certificate));

        using var client = await ImapConnector.ConnectAsync(Tls(server, MailServerPin.Parse("sha256:" + fingerprint.ToLowerInvariant())));

        Assert.IsTrue(client.IsSecure);
        await client.DisconnectAsync(quit: true);
    }

    [TestMethod]
    public async Task ConnectAsync_SelfSignedCertificateNotPinned_RefusedWithTheReason()
    {
        using var certificate = SelfSigned();
        await using var server = ImapScriptServer.Start(Greeting, Copy(certificate));

        var error = await Assert.ThrowsExactlyAsync<System.Security.Authentication.AuthenticationException>(() =>
            ImapConnector.ConnectAsync(Tls(server, pin: null)));

        StringAssert.Contains(error.Message, "certificate not trusted");
    }

    [TestMethod]
    public async Task ConnectAsync_PinOfAnotherCertificate_RefusedWithTheReason()
    {
        using var certificate = SelfSigned();
        using var other = SelfSigned();
        await using var server = ImapScriptServer.Start(Greeting, Copy(certificate));

        var error = await Assert.ThrowsExactlyAsync<System.Security.Authentication.AuthenticationException>(() =>
            ImapConnector.ConnectAsync(Tls(server, MailServerPin.FromCertificate(other))));

        StringAssert.Contains(error.Message, "not the pinned one");
    }

    [TestMethod]
    public async Task ConnectAsync_PlainTextToAnotherHost_RefusedBeforeConnecting()
    {
        var error = await Assert.ThrowsExactlyAsync<InvalidOperationException>(() =>
            ImapConnector.ConnectAsync(new MailServerEndpoint("imap.example.com", 143, MailServerSecurity.None)));

        StringAssert.Contains(error.Message, "loopback");
    }

    [TestMethod]
    public void Parse_NotAFingerprint_ThrowsArgumentException()
    {
        Assert.ThrowsExactly<ArgumentException>(() => MailServerPin.Parse("AB:CD"));
        Assert.ThrowsExactly<ArgumentException>(() => MailServerPin.Parse(new string('Z', 64)));
    }

    private static MailServerEndpoint Tls(ImapScriptServer server, MailServerPin? pin) =>
        new("127.0.0.1", server.Port, MailServerSecurity.Tls, pin) { Timeout = TimeSpan.FromSeconds(10) };

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        // SslStream on Linux wants the private key in a form it can hand to OpenSSL: a round trip through PKCS#12.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }

    private static X509Certificate2 Copy(X509Certificate2 certificate) =>
        X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
}
