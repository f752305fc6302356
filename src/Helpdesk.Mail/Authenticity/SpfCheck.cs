using System.Net;
using System.Net.Sockets;

namespace Helpdesk.Mail.Authenticity;

/// <summary>SPF's answer for one sending IP and envelope domain, with the reason a lead can read.</summary>
public sealed record SpfResult(string Domain, CheckResult Result, string Reason);

/// <summary>
/// SPF (RFC 7208) for the IP the desk's own receiving server saw and the envelope sender's domain: ip4, ip6, a, mx,
/// include, all and redirect, with qualifiers, the limit of 10 DNS-querying terms, and CIDR lengths. Not supported
/// (the record then gives no answer rather than a wrong one): macros, exists, ptr (deprecated by the RFC).
/// "softfail" counts as fail, "neutral" and errors as none: DMARC needs a pass, nothing else.
/// </summary>
internal sealed class SpfCheck(IDnsRecords dns)
{
    private const int MaxLookups = 10;

    public async Task<SpfResult> EvaluateAsync(IPAddress ip, string domain, CancellationToken cancellationToken)
    {
        try
        {
            var lookups = 0;
            var (result, reason) = await CheckHostAsync(ip, domain, () => ++lookups <= MaxLookups, 0, cancellationToken).ConfigureAwait(false);
            return new SpfResult(domain, result, reason);
        }
        catch (DnsUnavailableException)
        {
            return new SpfResult(domain, CheckResult.TempError, "dns unavailable");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new SpfResult(domain, CheckResult.TempError, "dns timed out");
        }
    }

    private async Task<(CheckResult, string)> CheckHostAsync(IPAddress ip, string domain, Func<bool> countLookup, int depth, CancellationToken ct)
    {
        if (depth > MaxLookups) return (CheckResult.None, "spf include loop");
        var records = (await dns.TxtAsync(domain, ct).ConfigureAwait(false))
            .Where(r => r.Equals("v=spf1", StringComparison.OrdinalIgnoreCase) || r.StartsWith("v=spf1 ", StringComparison.OrdinalIgnoreCase)).ToList();
        if (records.Count == 0) return (CheckResult.None, $"no spf record for {domain}");
        if (records.Count > 1) return (CheckResult.None, $"more than one spf record for {domain}");

        string? redirect = null;
        foreach (var term in records[0].Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1))
        {
            if (term.Contains('%')) return (CheckResult.None, "spf macros are not supported");
            if (term.StartsWith("redirect=", StringComparison.OrdinalIgnoreCase)) { redirect = term[9..]; continue; }
            if (term.Contains('=')) continue; // other modifiers (exp=) do not decide
            var qualifier = term[0] is '+' or '-' or '~' or '?' ? term[0] : '+';
            var mechanism = qualifier == term[0] ? term[1..] : term;
            var matched = await MatchesAsync(ip, domain, mechanism, countLookup, depth, ct).ConfigureAwait(false);
            if (matched is null) return (CheckResult.None, $"spf term '{term}' is not supported or over the lookup limit");
            if (matched.Value)
                return qualifier switch
                {
                    '+' => (CheckResult.Pass, $"spf pass for {domain} ({ip})"),
                    '-' => (CheckResult.Fail, $"spf fail for {domain} ({ip})"),
                    '~' => (CheckResult.Fail, $"spf softfail for {domain} ({ip})"),
                    _ => (CheckResult.None, $"spf neutral for {domain}"),
                };
        }
        if (redirect is not null)
        {
            if (!countLookup()) return (CheckResult.None, "spf lookup limit");
            return await CheckHostAsync(ip, redirect, countLookup, depth + 1, ct).ConfigureAwait(false);
        }
        return (CheckResult.None, $"spf neutral for {domain} (no term matched)");
    }

    /// <summary>True/false for a match; null when the term cannot be evaluated here.</summary>
    private async Task<bool?> MatchesAsync(IPAddress ip, string domain, string mechanism, Func<bool> countLookup, int depth, CancellationToken ct)
    {
        var colon = mechanism.IndexOf(':', StringComparison.Ordinal);
        var name = (colon < 0 ? mechanism : mechanism[..colon]).ToLowerInvariant();
        var argument = colon < 0 ? null : mechanism[(colon + 1)..];
        switch (name)
        {
            case "all":
                return true;
            case "ip4":
            case "ip6":
                return argument is not null && Cidr.TryParse(argument, out var net) ? net.Contains(ip) : null;
            case "include":
                if (argument is null || !countLookup()) return null;
                var (inner, _) = await CheckHostAsync(ip, argument, countLookup, depth + 1, ct).ConfigureAwait(false);
                return inner == CheckResult.Pass;
            default:
                var slash = name.IndexOf('/', StringComparison.Ordinal);
                var bare = slash < 0 ? name : name[..slash];
                if (bare is not ("a" or "mx")) return null;
                if (!countLookup()) return null;
                var (target, v4, v6) = Lengths(argument ?? domain, slash < 0 ? "" : name[slash..]);
                var hosts = bare == "a" ? [target] : await dns.MailExchangersAsync(target, ct).ConfigureAwait(false);
                foreach (var host in hosts.Take(MaxLookups))
                    foreach (var address in await dns.AddressesAsync(host, ct).ConfigureAwait(false))
                        if (new Cidr(address, address.AddressFamily == AddressFamily.InterNetwork ? v4 : v6).Contains(ip))
                            return true;
                return false;
        }
    }

    // "example.com/24//64" -> (example.com, 24, 64)
    private static (string Host, int V4, int V6) Lengths(string target, string suffixOnName)
    {
        var text = target + suffixOnName;
        var parts = text.Split('/');
        var v4 = parts.Length > 1 && int.TryParse(parts[1], out var a) ? a : 32;
        var v6 = parts.Length > 3 && int.TryParse(parts[3], out var b) ? b : 128;
        return (parts[0], v4, v6);
    }
}

/// <summary>An address range "192.0.2.0/24" or "2001:db8::/32".</summary>
internal readonly record struct Cidr(IPAddress Network, int Length)
{
    public static bool TryParse(string text, out Cidr cidr)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? text : text[..slash];
        if (!IPAddress.TryParse(addressText, out var address)) { cidr = default; return false; }
        var max = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var length = max;
        if (slash >= 0 && (!int.TryParse(text[(slash + 1)..], out length) || length < 0 || length > max)) { cidr = default; return false; }
        cidr = new Cidr(address, length);
        return true;
    }

    public bool Contains(IPAddress ip)
    {
        if (ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
        if (ip.AddressFamily != Network.AddressFamily) return false;
        var a = Network.GetAddressBytes();
        var b = ip.GetAddressBytes();
        var bits = Length;
        for (var i = 0; i < a.Length && bits > 0; i++, bits -= 8)
        {
            var mask = bits >= 8 ? 0xFF : (byte)(0xFF << (8 - bits));
            if ((a[i] & mask) != (b[i] & mask)) return false;
        }
        return true;
    }
}
