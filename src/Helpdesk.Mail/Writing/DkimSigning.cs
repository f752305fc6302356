using MimeKit;
using MimeKit.Cryptography;

namespace Helpdesk.Mail.Writing;

/// <summary>
/// DKIM for the desk's mail (RFC 6376) with MimeKit's <see cref="DkimSigner"/>: the headers that make a reply what it
/// is (who, what, when, which thread) are signed, over the 7-bit form the message is sent in, so no relay needs to
/// re-encode it and break the signature.
/// </summary>
public static class DkimSigning
{
    /// <summary>Signed when present; From always is (RFC 6376 5.4).</summary>
    private static readonly HeaderId[] SignedHeaders =
    [
        HeaderId.From, HeaderId.To, HeaderId.Subject, HeaderId.Date, HeaderId.MessageId, HeaderId.InReplyTo,
        HeaderId.References, HeaderId.ReplyTo, HeaderId.MimeVersion, HeaderId.ContentType,
    ];

    /// <summary>A signer for the key in a PEM file (RSA, PKCS#1 or PKCS#8), relaxed/relaxed canonicalization.</summary>
    public static DkimSigner CreateSigner(string keyFile, string domain, string selector) =>
        new(keyFile, domain, selector, DkimSignatureAlgorithm.RsaSha256)
        {
            HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
            BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
        };

    /// <summary>Adds the DKIM-Signature header; call it last, just before the message is written out.</summary>
    public static void Sign(MimeMessage message, DkimSigner signer)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(signer);
        message.Prepare(EncodingConstraint.SevenBit);
        var present = SignedHeaders.Where(h => h == HeaderId.From || message.Headers.Contains(h)).ToArray();
        signer.Sign(message, present);
    }
}
