using System.ComponentModel.DataAnnotations;

namespace Helpdesk.Core.Security;

/// <summary>Bound from <c>Helpdesk:Security</c>: where the security team hears about a phishing wave.</summary>
public sealed class SecurityOptions : IValidatableObject
{
    public const string Section = "Helpdesk:Security";

    /// <summary>The security team's webhook (http or https). Default none: no alerts are raised or sent.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>Reports of one sender domain within one clock hour (UTC) that raise an alert. Default 25: a
    /// wave, not a handful of customers forwarding the same odd mail.</summary>
    [Range(1, 1_000_000, ErrorMessage = "Helpdesk:Security:WebhookThreshold must be between 1 and 1000000 reports.")]
    public int WebhookThreshold { get; set; } = 25;

    /// <summary>First retry after a failed delivery; doubled per attempt up to <see cref="WebhookMaxBackoff"/>. Default 2 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00", ErrorMessage = "Helpdesk:Security:WebhookBackoff must be between 00:00:00.010 and 01:00:00.")]
    public TimeSpan WebhookBackoff { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest wait between retries. Default 5 minutes: a team's endpoint that is down for an hour still hears within minutes of its return.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "06:00:00", ErrorMessage = "Helpdesk:Security:WebhookMaxBackoff must be between 00:00:00.010 and 06:00:00.")]
    public TimeSpan WebhookMaxBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long one POST may take. Default 10 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00", ErrorMessage = "Helpdesk:Security:WebhookTimeout must be between 00:00:00.100 and 00:05:00.")]
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the sender looks for alerts due when nobody nudged it. Default 5 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00", ErrorMessage = "Helpdesk:Security:WebhookPollInterval must be between 00:00:00.010 and 00:10:00.")]
    public TimeSpan WebhookPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    public Uri? WebhookUri => string.IsNullOrWhiteSpace(WebhookUrl) ? null : new Uri(WebhookUrl.Trim(), UriKind.Absolute);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(WebhookUrl)) yield break;
        if (!Uri.TryCreate(WebhookUrl.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            yield return new ValidationResult($"Helpdesk:Security:WebhookUrl must be an absolute http or https address; '{WebhookUrl}' is not.",
                [nameof(WebhookUrl)]);
    }
}
