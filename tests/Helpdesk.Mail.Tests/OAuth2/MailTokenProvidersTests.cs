using Helpdesk.Mail.Transport.OAuth2;

namespace Helpdesk.Mail.Tests.OAuth2;

/// <summary>One provider (and so one token cache) per mailbox for the life of the process.</summary>
[TestClass]
public sealed class MailTokenProvidersTests
{
    [TestMethod]
    public void For_SameNameTwice_SameProviderSoTheCacheIsShared()
    {
        using var providers = new MailTokenProviders();

        var first = providers.For("support@contoso.test/INBOX", Microsoft());
        var again = providers.For("support@contoso.test/INBOX", Microsoft());
        var outbox = providers.For("outbox", Microsoft());

        Assert.IsNotNull(first);
        Assert.AreSame(first, again);
        Assert.AreNotSame(first, outbox, "each mailbox and the outbox keep their own token");
        StringAssert.Contains(first.ToString(), "Microsoft Entra client 2b5e9d41");
    }

    [TestMethod]
    public void For_Password_NoProvider()
    {
        using var providers = new MailTokenProviders();

        Assert.IsNull(providers.For("local", new MailAuthOptions { User = "support@example.test", Password = "support-pass" }));
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
