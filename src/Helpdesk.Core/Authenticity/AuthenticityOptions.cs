using System.ComponentModel.DataAnnotations;
using Helpdesk.Mail.Authenticity;

namespace Helpdesk.Core.Authenticity;

/// <summary>Bound from <c>Helpdesk:Mail</c>: how the desk decides who really sent a mail.</summary>
public sealed class AuthenticityOptions : IValidatableObject
{
    public const string Section = "Helpdesk:Mail";

    /// <summary>Check every inbound mail's sender and look for lookalike domains. Default true.</summary>
    public bool CheckSenders { get; set; } = true;

    /// <summary>
    /// The authserv-id the desk's own receiving server writes in Authentication-Results (RFC 8601). Default none: no
    /// copy of the header is trusted and every mail is verified here.
    /// </summary>
    public string? AuthServId { get; set; }

    /// <summary>The desk's receiving server as it names itself after "by" in Received, for the SPF client IP. Default none: no SPF.</summary>
    public string? ReceivingHost { get; set; }

    /// <summary>Name servers ("127.0.0.1:5353", "10.0.0.2"); default empty: the machine's resolvers.</summary>
    public List<string> DnsServers { get; set; } = [];

    /// <summary>Per DNS question. Default 2 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:00:30")]
    public TimeSpan DnsTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>All checks of one mail together; after it the verdict is "none (dns unavailable)". Default 5 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan CheckTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The company's own domains besides the desk address's and the company URLs' (always included).</summary>
    public List<string> OwnDomains { get; set; } = [];

    /// <summary>Other domains whose lookalikes are flagged too (the payment provider, the parent company).</summary>
    public List<string> ProtectedDomains { get; set; } = [];

    /// <summary>Message-IDs (without angle brackets) of notices the company sent outside the desk (the breach notice).</summary>
    public List<string> NoticeMessageIds { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < DnsServers.Count; i++)
        {
            string? problem = null;
            try { DnsClientRecords.ParseServer(DnsServers[i]); }
            catch (FormatException e) { problem = e.Message; }
            if (problem is not null)
                yield return new ValidationResult($"{Section}:DnsServers:{i}: {problem}", [nameof(DnsServers)]);
        }
        foreach (var d in OwnDomains.Concat(ProtectedDomains))
            if (!d.Contains('.', StringComparison.Ordinal))
                yield return new ValidationResult($"{Section}:OwnDomains / ProtectedDomains: '{d}' is not a domain name.", [nameof(OwnDomains)]);
    }
}
