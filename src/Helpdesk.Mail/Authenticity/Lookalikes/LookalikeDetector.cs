using System.Globalization;

namespace Helpdesk.Mail.Authenticity.Lookalikes;

/// <summary>A host that imitates one of the protected domains, and how.</summary>
/// <param name="Host">The host as written (punycode decoded when it was punycode).</param>
/// <param name="LooksLike">The protected domain it imitates.</param>
/// <param name="Why">"confusable characters", "punycode homoglyph", "added word 'support'", "one letter off", "other ending (.com)", "our name as a subdomain".</param>
public sealed record Lookalike(string Host, string LooksLike, string Why);

/// <summary>
/// Tells hosts that imitate the company's domains (and a configured list of others worth protecting) from genuine
/// ones: same confusable skeleton (<see cref="ConfusableSkeleton"/>, also after punycode is decoded), the name with a
/// word added ("-support", "secure-"), a small edit distance relative to the name's length, the same name under another
/// ending, or the name used as a subdomain of someone else's domain. The protected domains and their subdomains are
/// never lookalikes.
/// </summary>
public sealed class LookalikeDetector
{
    /// <summary>Words phishing domains add to a brand name.</summary>
    private static readonly string[] AddedWords =
    [
        "support", "secure", "security", "login", "signin", "account", "accounts", "help", "helpdesk", "verify",
        "verification", "service", "services", "update", "billing", "pay", "payment", "payments", "customer", "care",
        "online", "web", "mail", "team", "info", "notice", "alert", "alerts", "reset", "password", "auth", "id", "my",
        "portal", "access", "confirm", "refund", "claim", "official", "center", "centre", "app", "safe", "protect",
        "protection", "recovery", "unlock", "store", "shop", "outlet", "client", "user", "member", "members", "desk",
    ];

    private readonly Protected[] _protected;

    public LookalikeDetector(IEnumerable<string> protectedDomains)
    {
        _protected = [.. protectedDomains
            .Select(d => d.Trim().TrimEnd('.').ToLowerInvariant())
            .Where(d => d.Contains('.', StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .Select(d => new Protected(d))];
    }

    /// <summary>The lookalike finding for a host, or null when it is genuine (or unrelated).</summary>
    public Lookalike? Check(string? host)
    {
        if (string.IsNullOrWhiteSpace(host) || _protected.Length == 0) return null;
        var ascii = host.Trim().TrimEnd('.').ToLowerInvariant();
        var unicode = Decode(ascii);
        var wasPunycode = unicode != ascii;
        if (_protected.Any(p => IsSameOrSubdomain(unicode, p.Domain) || IsSameOrSubdomain(ascii, p.Domain))) return null;

        var registrable = OrganizationalDomain.Of(unicode);
        var (label, ending) = Split(registrable);
        if (label.Length == 0) return null;
        var skeleton = ConfusableSkeleton.Of(label);
        foreach (var p in _protected)
        {
            var why = Compare(label, skeleton, ending, p, wasPunycode || !IsAscii(label));
            if (why is not null) return new Lookalike(unicode, p.Domain, why);
            // "meridian.example.evil.test", "meridian-secure.evil.test": the name on the left of someone else's domain.
            if (unicode.Length > registrable.Length)
            {
                var left = unicode[..^(registrable.Length + 1)];
                foreach (var part in left.Split('.', '-'))
                    if (ConfusableSkeleton.Of(part) == p.Skeleton && p.Label.Length >= 4)
                        return new Lookalike(unicode, p.Domain, "our name as a subdomain of " + registrable);
            }
        }
        return null;
    }

    private static string? Compare(string label, string skeleton, string ending, Protected p, bool nonAscii)
    {
        if (label == p.Label)
            return ending == p.Ending ? null : $"other ending (.{ending})";
        if (skeleton == p.Skeleton)
            return nonAscii ? "punycode homoglyph" : "confusable characters";
        if (AddedWord(skeleton, p.Skeleton) is { } word)
            return $"added word '{word}'";
        var distance = EditDistance.Between(skeleton, p.Skeleton);
        if (distance <= EditDistance.Allowed(p.Skeleton.Length))
            return distance == 1 ? "one letter off" : $"{distance} letters off";
        return null;
    }

    /// <summary>The word added before or after the name ("meridian-support", "securemeridian"), or null.</summary>
    private static string? AddedWord(string skeleton, string name)
    {
        if (name.Length < 4) return null;
        var at = skeleton.IndexOf(name, StringComparison.Ordinal);
        if (at < 0) return null;
        var rest = (skeleton[..at] + "-" + skeleton[(at + name.Length)..]).Split('-', StringSplitOptions.RemoveEmptyEntries);
        if (rest.Length == 0) return "-";
        foreach (var word in rest)
            if (AddedWords.Any(w => ConfusableSkeleton.Of(w) == word || Plural(w, word))) return word;
        // Any hyphenated addition to the full name still reads as the company ("meridian-outfitters-uk").
        return skeleton.Contains(name + "-", StringComparison.Ordinal) || skeleton.Contains("-" + name, StringComparison.Ordinal) ? rest[0] : null;
    }

    private static bool Plural(string word, string candidate) => ConfusableSkeleton.Of(word) + "s" == candidate;

    private static string Decode(string ascii)
    {
        if (!ascii.Contains("xn--", StringComparison.Ordinal)) return ascii;
        try
        {
            return new IdnMapping().GetUnicode(ascii).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return ascii; // not valid punycode: compared as written
        }
    }

    private static bool IsSameOrSubdomain(string host, string domain) =>
        host == domain || host.EndsWith("." + domain, StringComparison.Ordinal);

    private static bool IsAscii(string s) => s.All(char.IsAscii);

    private static (string Label, string Ending) Split(string registrable)
    {
        var dot = registrable.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? (registrable, "") : (registrable[..dot], registrable[(dot + 1)..]);
    }

    private sealed class Protected
    {
        public Protected(string domain)
        {
            Domain = domain;
            (Label, Ending) = Split(OrganizationalDomain.Of(domain));
            Skeleton = ConfusableSkeleton.Of(Label);
        }

        public string Domain { get; }
        public string Label { get; }
        public string Ending { get; }
        public string Skeleton { get; }
    }
}
