using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Helpdesk.Mail.Transport;

/// <summary>
/// Trusts exactly one server certificate, by the SHA-256 of its DER bytes, in addition to the system's trust store.
/// It exists for self-signed servers; there is deliberately no way to turn certificate validation off.
/// </summary>
public sealed class MailServerPin
{
    private readonly byte[] _sha256;

    private MailServerPin(byte[] sha256) => _sha256 = sha256;

    /// <summary>The pinned fingerprint as upper-case hex without separators.</summary>
    public string Fingerprint => Convert.ToHexString(_sha256);

    /// <summary>A setting value: a PEM file path, or a fingerprint (hex, ':' or ' ' allowed, optional "sha256:").</summary>
    public static MailServerPin Parse(string setting)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(setting);
        if (File.Exists(setting)) return FromPemFile(setting);
        return FromSha256Fingerprint(setting.StartsWith("sha256:", StringComparison.OrdinalIgnoreCase) ? setting[7..] : setting);
    }

    public static MailServerPin FromSha256Fingerprint(string fingerprint)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fingerprint);
        var hex = fingerprint.Replace(":", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        byte[] bytes;
        try { bytes = Convert.FromHexString(hex); }
        catch (FormatException e) { throw new ArgumentException("A SHA-256 fingerprint is 64 hex digits.", nameof(fingerprint), e); }
        if (bytes.Length != SHA256.HashSizeInBytes) throw new ArgumentException("A SHA-256 fingerprint is 64 hex digits.", nameof(fingerprint));
        return new MailServerPin(bytes);
    }

    /// <summary>Pins the (first) certificate in a PEM file, e.g. a test server's cert.pem.</summary>
    public static MailServerPin FromPemFile(string path)
    {
        using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(path));
        return FromCertificate(certificate);
    }

    public static MailServerPin FromCertificate(X509Certificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return new MailServerPin(SHA256.HashData(certificate.GetRawCertData()));
    }

    /// <summary>True when the certificate is exactly the pinned one.</summary>
    public bool Matches(X509Certificate? certificate) =>
        certificate is not null && CryptographicOperations.FixedTimeEquals(SHA256.HashData(certificate.GetRawCertData()), _sha256);

    public override string ToString() => "sha256:" + Fingerprint;
}

/// <summary>
/// The certificate check every mail connection uses: a chain the system trusts (which honours SSL_CERT_FILE on
/// Linux) for the right host name, or exactly the pinned certificate. Nothing else gets in; the reason for a refusal
/// is kept so the error an operator reads says why.
/// </summary>
public sealed class MailServerCertificateCheck(MailServerPin? pin)
{
    /// <summary>Why the last certificate was refused; null when none was.</summary>
    public string? Rejection { get; private set; }

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None || (pin is not null && pin.Matches(certificate)))
        {
            Rejection = null;
            return true;
        }
        Rejection = pin is null
            ? $"certificate not trusted ({errors})"
            : $"certificate not trusted ({errors}) and not the pinned one ({pin})";
        return false;
    }
}
