namespace Helpdesk.Mail.Authenticity;

/// <summary>
/// The organizational domain of a host name (DMARC, RFC 7489 3.2), approximated without the Public Suffix List: the
/// last two labels, or the last three when the last two are a known shared second level ("co.uk", "com.au" ...).
/// Wrong for private suffixes (github.io, herokuapp.com): there two customers' domains look like one organization,
/// which makes relaxed alignment too lenient for them, never too strict for a real sender.
/// </summary>
public static class OrganizationalDomain
{
    private static readonly HashSet<string> SharedSecondLevels = new(StringComparer.Ordinal)
    {
        "co.uk", "org.uk", "ac.uk", "gov.uk", "ltd.uk", "plc.uk", "me.uk",
        "com.au", "net.au", "org.au", "edu.au", "gov.au",
        "co.nz", "org.nz", "co.jp", "ne.jp", "or.jp", "ac.jp", "co.kr", "or.kr",
        "com.br", "net.br", "org.br", "com.mx", "com.ar", "com.tr", "com.cn", "net.cn", "org.cn",
        "co.in", "net.in", "org.in", "co.za", "org.za", "com.sg", "com.hk", "com.tw", "co.il", "com.pl", "co.id",
    };

    public static string Of(string host)
    {
        var h = host.Trim().TrimEnd('.').ToLowerInvariant();
        var labels = h.Split('.');
        if (labels.Length <= 2) return h;
        var lastTwo = labels[^2] + "." + labels[^1];
        return SharedSecondLevels.Contains(lastTwo) ? string.Join('.', labels[^3..]) : lastTwo;
    }

    /// <summary>DMARC identifier alignment: strict wants the same name, relaxed the same organizational domain.</summary>
    public static bool Aligned(string fromDomain, string authenticatedDomain, bool strict)
    {
        var a = fromDomain.TrimEnd('.').ToLowerInvariant();
        var b = authenticatedDomain.TrimEnd('.').ToLowerInvariant();
        return strict ? a == b : Of(a) == Of(b);
    }
}
