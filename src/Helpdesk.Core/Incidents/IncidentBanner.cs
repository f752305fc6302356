namespace Helpdesk.Core.Incidents;

/// <summary>
/// The incident banner's words are a template like any reply: trainers write and version it in the template editor
/// (intent "incident"), seeded from data/templates/incident.banner.en.md. It is shown on /help and put above every
/// acknowledgment while incident mode is on.
/// </summary>
public static class IncidentBanner
{
    public const string TemplateId = "incident.banner.en";

    /// <summary>The special intent that keeps the banner out of agents' suggestions and bulk answers.</summary>
    public const string Intent = "incident";

    /// <summary>Used while no version of the banner template is live (a desk seeded before it existed).</summary>
    public const string BuiltIn = """
        Important: criminals are sending emails that pretend to come from {{company.name}}. We will never ask for your password, card number or personal information by email. If in doubt, forward the email to us and do not click its links.
        """;

    /// <summary>While incident mode is on, these intents enter the queue at high priority.</summary>
    public static IReadOnlySet<string> RaisedIntents { get; } = new HashSet<string>(StringComparer.Ordinal) { "phishing_check", "identity_protection" };
}
