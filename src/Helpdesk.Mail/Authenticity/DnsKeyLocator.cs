using System.Collections.Concurrent;
using MimeKit.Cryptography;
using Org.BouncyCastle.Crypto;

namespace Helpdesk.Mail.Authenticity;

/// <summary>
/// Finds a DKIM public key in DNS (<c>selector._domainkey.domain</c> TXT, RFC 6376 3.6.2) for MimeKit's
/// <see cref="DkimVerifier"/> and <see cref="ArcVerifier"/>. A missing key is a failed signature (the verifier
/// throws); a DNS outage surfaces as <see cref="DnsUnavailableException"/>.
/// Parsed keys are kept by their record's text: BouncyCastle checks an RSA modulus with probable-prime tests when the
/// key is made, about 20 ms of CPU for a 2048-bit key, while the signature check itself costs well under one
/// (docs/benchmarks.md, "DKIM keys parsed once"). A changed record is a new text and is parsed afresh.
/// </summary>
internal sealed class DnsKeyLocator(IDnsRecords dns) : DkimPublicKeyLocatorBase
{
    public override AsymmetricKeyParameter LocatePublicKey(string methods, string domain, string selector, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The desk verifies signatures asynchronously only.");

    public override async Task<AsymmetricKeyParameter> LocatePublicKeyAsync(string methods, string domain, string selector, CancellationToken cancellationToken = default)
    {
        if (!methods.Split(':').Any(m => m.Trim().Equals("dns/txt", StringComparison.OrdinalIgnoreCase)))
            throw new NotSupportedException($"Key query method '{methods}' is not dns/txt.");
        var records = await dns.TxtAsync($"{selector}._domainkey.{domain}", cancellationToken).ConfigureAwait(false);
        var record = records.FirstOrDefault(r => r.Contains("p=", StringComparison.Ordinal))
            ?? throw new FormatException($"No DKIM key published at {selector}._domainkey.{domain}.");
        if (_parsed.TryGetValue(record, out var key)) return key;
        key = GetPublicKey(record);
        if (_parsed.Count >= MaxKeys) _parsed.Clear(); // a bound, not a policy: real mail uses a few hundred keys
        _parsed[record] = key;
        return key;
    }

    private const int MaxKeys = 10_000;

    private readonly ConcurrentDictionary<string, AsymmetricKeyParameter> _parsed = new(StringComparer.Ordinal);
}
