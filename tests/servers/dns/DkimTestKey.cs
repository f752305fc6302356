using System.Security.Cryptography;
using MimeKit;
using MimeKit.Cryptography;

namespace Helpdesk.Testing.Dns;

/// <summary>
/// A fresh RSA key for one test run: the PEM file MimeKit's <see cref="DkimSigner"/> signs with, and the TXT record
/// (v=DKIM1; k=rsa; p=...) the loopback DNS publishes at selector._domainkey.domain.
/// </summary>
public sealed class DkimTestKey : IDisposable
{
    public DkimTestKey(string domain, string selector)
    {
        Domain = domain;
        Selector = selector;
        using var rsa = RSA.Create(2048);
        KeyFile = Path.Combine(Path.GetTempPath(), $"helpdesk-dkim-{Guid.NewGuid():N}.pem");
        File.WriteAllText(KeyFile, rsa.ExportPkcs8PrivateKeyPem());
        Record = "v=DKIM1; k=rsa; p=" + Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo());
    }

    public string Domain { get; }

    public string Selector { get; }

    public string KeyFile { get; }

    /// <summary>Where the record lives in DNS.</summary>
    public string RecordName => $"{Selector}._domainkey.{Domain}";

    public string Record { get; }

    /// <summary>Signs From, To, Subject, Date, Message-ID (relaxed/relaxed) and returns the message's bytes.</summary>
    public byte[] Sign(MimeMessage message)
    {
        var signer = new DkimSigner(KeyFile, Domain, Selector, DkimSignatureAlgorithm.RsaSha256)
        {
            HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
            BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
        };
        message.Prepare(EncodingConstraint.SevenBit);
        signer.Sign(message, [HeaderId.From, HeaderId.To, HeaderId.Subject, HeaderId.Date, HeaderId.MessageId]);
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        return stream.ToArray();
    }

    public void Dispose() => File.Delete(KeyFile);
}
