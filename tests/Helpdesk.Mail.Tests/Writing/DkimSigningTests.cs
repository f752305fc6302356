using System.Security.Cryptography;
using System.Text;
using Helpdesk.Mail.Writing;
using MimeKit;
using MimeKit.Cryptography;

namespace Helpdesk.Mail.Tests.Writing;

[TestClass]
public sealed class DkimSigningTests
{
    /// <summary>Answers the DNS question "what is SELECTOR._domainkey.DOMAIN" with the test key, for one domain only.</summary>
    private sealed class TestKeyLocator(string domain, string selector, string publicKeyBase64) : DkimPublicKeyLocatorBase
    {
        public override Org.BouncyCastle.Crypto.AsymmetricKeyParameter LocatePublicKey(string methods, string d, string s, CancellationToken cancellationToken = default)
        {
            if (d != domain || s != selector) throw new InvalidOperationException($"no key published for {s}._domainkey.{d}");
            return GetPublicKey($"v=DKIM1; k=rsa; p={publicKeyBase64}");
        }

        public override Task<Org.BouncyCastle.Crypto.AsymmetricKeyParameter> LocatePublicKeyAsync(string methods, string d, string s, CancellationToken cancellationToken = default) =>
            Task.FromResult(LocatePublicKey(methods, d, s, cancellationToken));
    }

    private static (string KeyFile, TestKeyLocator Locator) NewKey(string directory)
    {
        using var rsa = RSA.Create(2048);
        var keyFile = Path.Combine(directory, "dkim.pem");
        File.WriteAllText(keyFile, rsa.ExportPkcs8PrivateKeyPem());
        return (keyFile, new TestKeyLocator("meridian.example", "desk2026", Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo())));
    }

    private static byte[] SignedReply(string keyFile)
    {
        var message = DeskComposer.Compose(new OutgoingMail
        {
            From = ("Meridian Outfitters Customer Care", "passwordchange@meridian.example"), To = ("José Núñez", "jose@example.com"),
            Subject = "Re: Contraseña nueva [#123]", MessageId = "reply-123-1@meridian.example", Date = DateTimeOffset.UtcNow,
            Text = "Hello José,\n\nUse https://www.meridian.example/account/new-password for a new link.\n\nMeridian", InReplyTo = "m1@example.com",
            References = ["m1@example.com"], ReplyTo = "passwordchange@meridian.example",
        });
        DkimSigning.Sign(message, DkimSigning.CreateSigner(keyFile, "meridian.example", "desk2026"));
        return DeskComposer.ToBytes(message);
    }

    private static bool Verifies(byte[] bytes, TestKeyLocator locator)
    {
        var message = MimeMessage.Load(new MemoryStream(bytes));
        var index = message.Headers.IndexOf(HeaderId.DkimSignature);
        Assert.IsTrue(index >= 0, "the message carries a DKIM-Signature");
        return new DkimVerifier(locator).Verify(message, message.Headers[index]);
    }

    [TestMethod]
    public void Sign_Reply_VerifiesAgainstThePublicKey()
    {
        var dir = Directory.CreateTempSubdirectory("helpdesk-dkim-").FullName;
        try
        {
            var (keyFile, locator) = NewKey(dir);

            var bytes = SignedReply(keyFile);

            Assert.IsTrue(Verifies(bytes, locator));
            var signature = MimeMessage.Load(new MemoryStream(bytes)).Headers[HeaderId.DkimSignature];
            StringAssert.Contains(signature, "d=meridian.example");
            StringAssert.Contains(signature, "s=desk2026");
            StringAssert.Contains(signature.Replace(" ", "", StringComparison.Ordinal), "c=relaxed/relaxed");
            foreach (var header in new[] { "from", "to", "subject", "date", "message-id", "in-reply-to", "references" })
                StringAssert.Contains(signature.ToLowerInvariant(), header, $"{header} is signed");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [TestMethod]
    public void Sign_OneByteOfTheBodyChangedAfterSigning_VerificationFails()
    {
        var dir = Directory.CreateTempSubdirectory("helpdesk-dkim-").FullName;
        try
        {
            var (keyFile, locator) = NewKey(dir);
            var bytes = SignedReply(keyFile);
            var text = Encoding.ASCII.GetString(bytes);
            var at = text.IndexOf("new link", StringComparison.Ordinal);
            Assert.IsTrue(at > 0, "the body is where the test expects it");

            var tampered = (byte[])bytes.Clone();
            tampered[at] = (byte)'m'; // "new link" -> "mew link": one byte

            Assert.IsTrue(Verifies(bytes, locator), "the untouched copy verifies");
            Assert.IsFalse(Verifies(tampered, locator), "one changed byte breaks the signature");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [TestMethod]
    public void Sign_SubjectChangedAfterSigning_VerificationFails()
    {
        var dir = Directory.CreateTempSubdirectory("helpdesk-dkim-").FullName;
        try
        {
            var (keyFile, locator) = NewKey(dir);
            var text = Encoding.ASCII.GetString(SignedReply(keyFile));

            var tampered = Encoding.ASCII.GetBytes(text.Replace("[#123]", "[#124]", StringComparison.Ordinal));

            Assert.IsFalse(Verifies(tampered, locator));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
