using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Helpdesk.Mail.Net;

/// <summary>
/// Trusts exactly one server certificate, identified by the SHA-256 of its DER bytes, in addition to the system's
/// trust store. It exists for self-signed test servers; there is deliberately no way to turn validation off.
/// </summary>
public sealed class CertificatePin
{
    private readonly byte[] _sha256;

    private CertificatePin(byte[] sha256) => _sha256 = sha256;

    /// <summary>The pinned fingerprint as upper-case hex without separators.</summary>
    public string Fingerprint => Convert.ToHexString(_sha256);

    /// <summary>Pins a fingerprint written as hex, with or without ':' or ' ' separators (as openssl prints it).</summary>
    public static CertificatePin FromSha256Fingerprint(string fingerprint)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fingerprint);
        var hex = fingerprint.Replace(":", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        byte[] bytes;
        try
        {
            bytes = Convert.FromHexString(hex);
        }
        catch (FormatException e)
        {
            throw new ArgumentException("A SHA-256 fingerprint is 64 hex digits.", nameof(fingerprint), e);
        }

        if (bytes.Length != SHA256.HashSizeInBytes)
        {
            throw new ArgumentException("A SHA-256 fingerprint is 64 hex digits.", nameof(fingerprint));
        }

        return new CertificatePin(bytes);
    }

    /// <summary>Pins the (first) certificate in a PEM file, e.g. the test server's cert.pem.</summary>
    public static CertificatePin FromPemFile(string path)
    {
        using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(path));
        return FromCertificate(certificate);
    }

    /// <summary>Pins the given certificate.</summary>
    public static CertificatePin FromCertificate(X509Certificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return new CertificatePin(SHA256.HashData(certificate.GetRawCertData()));
    }

    /// <summary>True when the certificate is exactly the pinned one.</summary>
    public bool Matches(X509Certificate? certificate) =>
        certificate is not null && CryptographicOperations.FixedTimeEquals(SHA256.HashData(certificate.GetRawCertData()), _sha256);

    public override string ToString() => "sha256:" + Fingerprint;
}
