using System.Text;
using MimeKit;
using MimeKit.Cryptography;

namespace Helpdesk.Mail.Authenticity;

/// <summary>
/// Reads Authentication-Results (RFC 8601) written by the desk's own receiving server, named by its authserv-id; any
/// other copy of the header (written by the sender or a server on the way) is ignored, since anyone can write one.
/// </summary>
internal static class TrustedAuthenticationResults
{
    /// <summary>The verdict the desk's server gave, or null when it wrote no usable header.</summary>
    public static SenderAuthenticity? Read(HeaderList headers, string authServId, string fromDomain, bool ownDomain)
    {
        foreach (var header in headers.Where(h => h.Id == HeaderId.AuthenticationResults))
        {
            if (!AuthenticationResults.TryParse(Encoding.UTF8.GetBytes(header.Value), out var parsed)) continue;
            if (!string.Equals(parsed.AuthenticationServiceIdentifier, authServId, StringComparison.OrdinalIgnoreCase)) continue;
            return Verdict(parsed, fromDomain, ownDomain);
        }
        return null;
    }

    private static SenderAuthenticity? Verdict(AuthenticationResults results, string fromDomain, bool ownDomain)
    {
        SenderAuthenticity Make(SenderVerdict v, string reason) => new(v, reason, fromDomain, ownDomain, SenderAuthenticity.FromReceivingServer);
        var dmarc = results.Results.FirstOrDefault(r => r.Method.Equals("dmarc", StringComparison.OrdinalIgnoreCase));
        switch (dmarc?.Result?.ToLowerInvariant())
        {
            case "pass": return Make(SenderVerdict.Pass, $"dmarc pass for {fromDomain} ({results.AuthenticationServiceIdentifier})");
            case "fail": return Make(SenderVerdict.Fail, $"dmarc fail for {fromDomain} ({results.AuthenticationServiceIdentifier})");
            case "temperror": return Make(SenderVerdict.None, "dns unavailable at the receiving server");
        }
        var dkim = results.Results.Where(r => r.Method.Equals("dkim", StringComparison.OrdinalIgnoreCase)).ToList();
        var alignedPass = dkim.FirstOrDefault(r => string.Equals(r.Result, "pass", StringComparison.OrdinalIgnoreCase)
            && Property(r, "header", "d") is { } d && OrganizationalDomain.Aligned(fromDomain, d, strict: false));
        if (alignedPass is not null)
            return Make(SenderVerdict.Pass, $"dkim pass aligned with {fromDomain} ({results.AuthenticationServiceIdentifier})");
        if (dkim.Any(r => string.Equals(r.Result, "fail", StringComparison.OrdinalIgnoreCase)))
            return Make(SenderVerdict.Fail, $"dkim signature does not match the message ({results.AuthenticationServiceIdentifier})");
        if (ownDomain)
            return Make(SenderVerdict.Fail, $"claims {fromDomain} without its signature ({results.AuthenticationServiceIdentifier})");
        return results.Results.Count == 0 ? null : Make(SenderVerdict.None, $"no aligned result for {fromDomain} ({results.AuthenticationServiceIdentifier})");
    }

    private static string? Property(AuthenticationMethodResult result, string type, string name) =>
        result.Properties.FirstOrDefault(p => p.PropertyType.Equals(type, StringComparison.OrdinalIgnoreCase)
            && p.Property.Equals(name, StringComparison.OrdinalIgnoreCase))?.Value;
}
