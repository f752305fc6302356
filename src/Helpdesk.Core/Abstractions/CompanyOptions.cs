using System.ComponentModel.DataAnnotations;

namespace Helpdesk.Core.Abstractions;

/// <summary>Bound from <c>Helpdesk:Company</c>: what the <c>company.*</c> and <c>site.*</c> merge fields say.</summary>
public sealed class CompanyOptions : IValidatableObject
{
    public const string Section = "Helpdesk:Company";

    /// <summary>The company's name in replies. Default "Meridian Outfitters".</summary>
    [Required, MinLength(1)]
    public string Name { get; set; } = "Meridian Outfitters";

    /// <summary>The public site. Default https://www.meridian.example.</summary>
    public string SiteUrl { get; set; } = "https://www.meridian.example";

    /// <summary>The "Create a New Password" page. Default https://www.meridian.example/account/new-password.</summary>
    public string ResetUrl { get; set; } = "https://www.meridian.example/account/new-password";

    /// <summary>The public FAQ page. Default https://www.meridian.example/help.</summary>
    public string HelpUrl { get; set; } = "https://www.meridian.example/help";

    /// <summary>What the 12 months of identity monitoring include. Default https://www.meridian.example/account/identity-protection.</summary>
    public string ProtectionUrl { get; set; } = "https://www.meridian.example/account/identity-protection";

    /// <summary>The address customers write to and replies come from. Default passwordchange@meridian.example.</summary>
    [Required, EmailAddress]
    public string DeskAddress { get; set; } = "passwordchange@meridian.example";

    /// <summary>The display name on the desk's outgoing mail. Default "Meridian Outfitters Customer Care".</summary>
    [Required, MinLength(1)]
    public string DeskDisplayName { get; set; } = "Meridian Outfitters Customer Care";

    /// <summary>More addresses that are the desk's own (aliases); never acknowledged, never treated as customers.</summary>
    public List<string> OtherDeskAddresses { get; set; } = [];

    /// <summary>The domain of <see cref="DeskAddress"/>, used in the desk's Message-IDs.</summary>
    public string DeskDomain => DeskAddress.Contains('@') ? DeskAddress[(DeskAddress.LastIndexOf('@') + 1)..].ToLowerInvariant() : "helpdesk.local";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // Replies carry only our own links this week (customers are being phished): each must be an absolute https/http URL.
        foreach (var (name, value) in new[] { (nameof(SiteUrl), SiteUrl), (nameof(ResetUrl), ResetUrl), (nameof(HelpUrl), HelpUrl), (nameof(ProtectionUrl), ProtectionUrl) })
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
                yield return new ValidationResult($"{Section}:{name} must be an absolute http(s) address, not '{value}'.", [name]);
    }
}
