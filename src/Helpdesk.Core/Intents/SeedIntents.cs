namespace Helpdesk.Core.Intents;

/// <summary>The intents the desk starts with for this incident; trainers add, rename and merge them later.</summary>
public static class SeedIntents
{
    /// <summary>"Is this really you?": the intent a forwarded mail that claims to be from us is about.</summary>
    public const string PhishingCheck = "phishing_check";

    public static IReadOnlyList<(string Id, string Name, string Description)> All { get; } =
    [
        ("reset_help", "Password reset help", "Trouble creating the new password: link missing or expired, reset email not received, new password rejected, error on the reset page."),
        ("login_problem", "Cannot sign in", "Cannot sign in after resetting, account locked, wrong email on file."),
        ("exposure_question", "What was exposed", "Asks what was taken, whether they were affected, when it happened, why they were told so late."),
        ("card_safety", "Card safety", "Asks whether the credit card is safe, whether to cancel it, reports strange charges."),
        ("phishing_check", "Is this really you?", "Asks whether an email, call or text is really from the company, or forwards a suspicious one."),
        ("intl_access", "Access from abroad", "Cannot reach the site from outside the US, asks about VPNs."),
        ("close_account", "Close account", "Wants the account or data deleted, or to be removed from everything."),
        ("identity_protection", "Identity protection", "Asks whether the company will pay for credit monitoring or identity theft protection."),
        ("complaint", "Complaint", "Angry, losing trust, threatens to sue or stop buying, demands compensation, with no other concrete request."),
        ("order_other", "Order or other", "Asks about an order, a return, shipping or a product: not about the incident."),
        ("thanks", "Thanks", "Thanks the company for telling them, asks nothing."),
    ];
}
