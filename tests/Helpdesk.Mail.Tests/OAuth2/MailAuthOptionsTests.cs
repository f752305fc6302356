using System.Security.Cryptography;
using Helpdesk.Mail.Transport.OAuth2;

namespace Helpdesk.Mail.Tests.OAuth2;

/// <summary>Start-up validation: each problem is one sentence naming the setting.</summary>
[TestClass]
public sealed class MailAuthOptionsTests
{
    private const string Prefix = "Helpdesk:Mailboxes:0";

    [TestMethod]
    public void Validate_PasswordWithPassword_NoProblems()
    {
        var options = new MailAuthOptions { User = "support@example.test", Password = "support-pass" };

        Assert.IsEmpty(options.Validate(Prefix));
        Assert.AreEqual(MailAuth.Password, options.Auth, "Password is the default");
    }

    [TestMethod]
    public void Validate_PasswordMissing_NamesTheSettingAndItsEnvironmentName()
    {
        var errors = new MailAuthOptions { User = "support@example.test" }.Validate(Prefix);

        Assert.AreEqual(
            "Helpdesk:Mailboxes:0:Password is required when Auth is Password (set it in the environment, Helpdesk__Mailboxes__0__Password, or a secrets file).",
            errors.Single());
    }

    [TestMethod]
    public void Validate_MicrosoftWithoutTenantClientOrSecret_OneSentencePerSetting()
    {
        var errors = new MailAuthOptions { Auth = MailAuth.OAuth2Microsoft, User = "support@contoso.test" }.Validate(Prefix);

        CollectionAssert.AreEqual(
            new[]
            {
                "Helpdesk:Mailboxes:0:TenantId is required when Auth is OAuth2Microsoft (the directory id of the organization, or its domain).",
                "Helpdesk:Mailboxes:0:ClientId is required when Auth is OAuth2Microsoft (the application id of the Entra app registration).",
                "Helpdesk:Mailboxes:0:ClientSecret or Helpdesk:Mailboxes:0:CertificateFile is required when Auth is OAuth2Microsoft (the secret from the environment, Helpdesk__Mailboxes__0__ClientSecret).",
            },
            errors.ToArray());
    }

    [TestMethod]
    public void Validate_MicrosoftSecretAndCertificateBoth_AsksForExactlyOne()
    {
        var options = Microsoft();
        options.CertificateFile = "/nonexistent/app.pfx";

        var errors = options.Validate("Helpdesk:Outbox");

        Assert.Contains("Helpdesk:Outbox:ClientSecret and Helpdesk:Outbox:CertificateFile are both set; when Auth is OAuth2Microsoft set exactly one.", errors);
        Assert.IsTrue(errors.Any(e => e.StartsWith("Helpdesk:Outbox:CertificateFile '/nonexistent/app.pfx' could not be read", StringComparison.Ordinal)), string.Join("\n", errors));
    }

    [TestMethod]
    public void Validate_MicrosoftPemCertificate_AcceptedWithItsKeyRefusedWithout()
    {
        using var rsa = RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest(
            "CN=helpdesk-test-app", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var withKey = Path.Combine(Path.GetTempPath(), $"helpdesk-app-{Guid.NewGuid():N}.pem");
        var withoutKey = Path.Combine(Path.GetTempPath(), $"helpdesk-app-{Guid.NewGuid():N}.pem");
        File.WriteAllText(withKey, certificate.ExportCertificatePem() + "\n" + rsa.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(withoutKey, certificate.ExportCertificatePem());
        try
        {
            var options = Microsoft();
            options.ClientSecret = null;
            options.CertificateFile = withKey;
            Assert.IsEmpty(options.Validate(Prefix));

            options.CertificateFile = withoutKey;
            StringAssert.StartsWith(options.Validate(Prefix).Single(), $"Helpdesk:Mailboxes:0:CertificateFile '{withoutKey}' could not be read as a certificate with its private key: ");
        }
        finally
        {
            File.Delete(withKey);
            File.Delete(withoutKey);
        }
    }

    [TestMethod]
    public void Validate_MicrosoftHttpAuthority_Refused()
    {
        var options = Microsoft();
        options.Authority = "http://login.example/tenant";

        Assert.AreEqual(
            "Helpdesk:Mailboxes:0:Authority must be an https URL such as https://login.microsoftonline.us/<tenant>, not 'http://login.example/tenant'.",
            options.Validate(Prefix).Single());
    }

    [TestMethod]
    public void Validate_OAuth2WithAPassword_SaysThePasswordIsNotUsed()
    {
        var options = Microsoft();
        options.Password = "left-over";

        StringAssert.StartsWith(options.Validate(Prefix).Single(), "Helpdesk:Mailboxes:0:Password is set but Auth is OAuth2Microsoft");
    }

    [TestMethod]
    public void Validate_MicrosoftComplete_NoProblemsAndDefaultAuthorityIsThePublicCloud()
    {
        var options = Microsoft();

        Assert.IsEmpty(options.Validate(Prefix));
        Assert.AreEqual("https://login.microsoftonline.com/contoso.onmicrosoft.com", options.MicrosoftAuthority);
        Assert.IsFalse(options.ToString().Contains("s3cret", StringComparison.Ordinal), "ToString never shows the secret");
    }

    [TestMethod]
    public void Validate_GoogleKeyFileMissingOrWrongType_NamesTheFileAndTheCause()
    {
        var missing = new MailAuthOptions { Auth = MailAuth.OAuth2Google, User = "support@workspace.test" }.Validate(Prefix);
        Assert.AreEqual(
            "Helpdesk:Mailboxes:0:ServiceAccountKeyFile is required when Auth is OAuth2Google (the service account's JSON key file).",
            missing.Single());

        var path = Path.Combine(Path.GetTempPath(), $"helpdesk-client-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{"installed":{"client_id":"x"}}""");
        try
        {
            var wrong = new MailAuthOptions { Auth = MailAuth.OAuth2Google, User = "support@workspace.test", ServiceAccountKeyFile = path }.Validate(Prefix);
            Assert.AreEqual(
                $"Helpdesk:Mailboxes:0:ServiceAccountKeyFile '{path}' is not a usable service account key: \"type\" is '', not 'service_account' (download a key of a service account, not an OAuth client)",
                wrong.Single());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void Validate_GoogleKeyWithBrokenPrivateKey_Refused()
    {
        using var rsa = RSA.Create(2048);
        var pem = rsa.ExportPkcs8PrivateKeyPem();
        var broken = pem[..40] + "!!" + pem[42..];
        var path = Path.Combine(Path.GetTempPath(), $"helpdesk-sa-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, System.Text.Json.JsonSerializer.Serialize(new { type = "service_account", client_email = "a@b.test", private_key = broken }));
        try
        {
            var errors = new MailAuthOptions { Auth = MailAuth.OAuth2Google, User = "support@workspace.test", ServiceAccountKeyFile = path }.Validate(Prefix);

            StringAssert.StartsWith(errors.Single(), $"Helpdesk:Mailboxes:0:ServiceAccountKeyFile '{path}' is not a usable service account key");
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static MailAuthOptions Microsoft() => new()
    {
        Auth = MailAuth.OAuth2Microsoft,
        User = "support@contoso.test",
        TenantId = "contoso.onmicrosoft.com",
        ClientId = "2b5e9d41-1111-4111-8111-00000000a11d",
        ClientSecret = "s3cret",
    };
}
