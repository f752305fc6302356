using System.Security.Cryptography;
using Helpdesk.Core.Outbox;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Helpdesk.Core.Tests.Outbox;

[TestClass]
public sealed class OutboxDkimOptionsTests
{
    /// <summary>What the host does at start: every options class registered with ValidateOnStart is checked.</summary>
    private static void StartDesk(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration)
            .AddHelpdeskCore(configuration).BuildServiceProvider();
        services.GetRequiredService<IStartupValidator>().Validate();
    }

    private static Dictionary<string, string?> Dkim(string? domain, string? selector, string? keyFile) => new()
    {
        ["Helpdesk:Outbox:Dkim:Domain"] = domain,
        ["Helpdesk:Outbox:Dkim:Selector"] = selector,
        ["Helpdesk:Outbox:Dkim:KeyFile"] = keyFile,
    };

    [TestMethod]
    public void Start_KeyFileMissing_StopsWithASentenceNamingTheSetting()
    {
        var error = Assert.ThrowsExactly<OptionsValidationException>(() =>
            StartDesk(Dkim("meridian.example", "desk2026", "/nonexistent/dkim.pem")));

        StringAssert.Contains(error.Message, "Helpdesk:Outbox:Dkim:KeyFile");
        StringAssert.Contains(error.Message, "/nonexistent/dkim.pem");
    }

    [TestMethod]
    public void Start_KeyFileIsNotAKey_StopsWithASentenceNamingTheSetting()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "-----BEGIN CERTIFICATE-----\nnot a key at all\n-----END CERTIFICATE-----\n");

            var error = Assert.ThrowsExactly<OptionsValidationException>(() => StartDesk(Dkim("meridian.example", "desk2026", file)));

            StringAssert.Contains(error.Message, "Helpdesk:Outbox:Dkim:KeyFile");
            StringAssert.Contains(error.Message, "no RSA private key");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [TestMethod]
    public void Start_SelectorMissing_StopsNamingTheMissingSetting()
    {
        var error = Assert.ThrowsExactly<OptionsValidationException>(() => StartDesk(Dkim("meridian.example", null, "/tmp/x.pem")));

        StringAssert.Contains(error.Message, "Helpdesk:Outbox:Dkim:Selector must be set");
    }

    [TestMethod]
    public void Start_GoodKeyOrNoDkim_StartsAndSignsOnlyWhenConfigured()
    {
        var file = Path.GetTempFileName();
        try
        {
            using var rsa = RSA.Create(2048);
            File.WriteAllText(file, rsa.ExportRSAPrivateKeyPem()); // PKCS#1, as opendkim-genkey writes it

            StartDesk(Dkim("meridian.example", "desk2026", file));
            StartDesk([]);

            Assert.IsNotNull(new OutboxDkimOptions { Domain = "meridian.example", Selector = "desk2026", KeyFile = file }.CreateSigner());
            Assert.IsNull(new OutboxDkimOptions().CreateSigner());
        }
        finally
        {
            File.Delete(file);
        }
    }
}
