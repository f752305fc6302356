namespace Helpdesk.Mail.Authenticity;

/// <summary>Whether the From domain really sent the mail.</summary>
public enum SenderVerdict
{
    /// <summary>Nothing can be said: no signature, no DMARC record, or DNS did not answer.</summary>
    None,
    /// <summary>The From domain sent it (DMARC pass, or an aligned DKIM signature).</summary>
    Pass,
    /// <summary>The From domain did not send it, or the mail was changed after it was signed.</summary>
    Fail,
}

/// <summary>
/// The desk's verdict on one mail's sender, with the reason a lead can read and the domain it is about. Stored with the
/// message, shown as a badge, and in the parse JSON as <c>authentication</c>.
/// </summary>
/// <param name="Domain">The From domain the verdict is about (lower case), or null when the mail names none.</param>
/// <param name="ClaimsOwnDomain">The From domain is one of the company's own.</param>
/// <param name="Source">"authentication-results" (the desk's own receiving server said so) or "verified" (checked here).</param>
public sealed record SenderAuthenticity(SenderVerdict Verdict, string Reason, string? Domain, bool ClaimsOwnDomain, string Source)
{
    public const string FromReceivingServer = "authentication-results";
    public const string VerifiedHere = "verified";

    /// <summary>The verdict's lower-case name: "pass", "fail", "none".</summary>
    public string VerdictName => Name(Verdict);

    public static string Name(SenderVerdict verdict) => verdict switch
    {
        SenderVerdict.Pass => "pass",
        SenderVerdict.Fail => "fail",
        _ => "none",
    };

    public static SenderVerdict Parse(string? name) => name switch
    {
        "pass" => SenderVerdict.Pass,
        "fail" => SenderVerdict.Fail,
        _ => SenderVerdict.None,
    };
}

/// <summary>What the authenticity check needs to know about the desk.</summary>
public sealed record AuthenticitySettings
{
    /// <summary>
    /// The authserv-id the desk's own receiving server writes in Authentication-Results; null trusts none (every mail is
    /// verified here). Others' copies of the header are ignored: anyone can write one.
    /// </summary>
    public string? AuthServId { get; init; }

    /// <summary>The host name the desk's receiving server writes after "by" in Received, for the SPF client IP; null: no SPF.</summary>
    public string? ReceivingHost { get; init; }

    /// <summary>The company's own domains (a domain covers its subdomains).</summary>
    public IReadOnlyList<string> OwnDomains { get; init; } = [];

    /// <summary>All DNS work for one mail ends after this; the verdict is then "none (dns unavailable)". Default 5 s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);
}
