using System.Text;
using System.Text.RegularExpressions;
using Helpdesk.Core.Abstractions;

namespace Helpdesk.Core.Templates;

/// <summary>The ticket, customer and agent a reply is rendered for; null when not known.</summary>
public sealed record MergeContext(
    string? CustomerFirstName = null,
    string? CustomerName = null,
    string? CustomerEmail = null,
    long? TicketNumber = null,
    string? TicketSubject = null,
    string? AgentFirstName = null);

/// <summary>
/// The merge fields a template may use, checking bodies for unknown ones (trainers' saves are rejected with them) and
/// filling them in. Rendered text never shows a "{{...}}": a value that is not known leaves nothing behind.
/// </summary>
public static partial class MergeFields
{
    public const string CustomerFirstName = "customer.first_name";

    /// <summary>Every allowed field, without braces, in the order the trainer's help lists them.</summary>
    public static IReadOnlyList<string> Allowed { get; } =
    [
        CustomerFirstName, "customer.name", "customer.email", "ticket.number", "ticket.subject", "agent.first_name",
        "company.name", "site.url", "site.reset_url", "site.help_url", "site.protection_url",
    ];

    private static readonly HashSet<string> AllowedSet = new(Allowed, StringComparer.Ordinal);

    [GeneratedRegex(@"\{\{\s*([^{}]*?)\s*\}\}")]
    private static partial Regex FieldPattern();

    // The greeting without a name: "Hello {{customer.first_name}}," -> "Hello,", "Hola, {{customer.first_name}}:" -> "Hola:".
    [GeneratedRegex(@",?[ \t]*\{\{\s*customer\.first_name\s*\}\}")]
    private static partial Regex FirstNameWithLeadIn();

    /// <summary>The unknown fields in <paramref name="body"/>, as written (with braces), each once, in order.</summary>
    public static IReadOnlyList<string> Validate(string body)
    {
        var unknown = new List<string>();
        foreach (Match m in FieldPattern().Matches(body))
            if (!AllowedSet.Contains(m.Groups[1].Value) && !unknown.Contains(m.Value)) unknown.Add(m.Value);
        // A lone "{{" or "}}" would reach the customer as typed; it is a typo in a field.
        var stripped = FieldPattern().Replace(body, "");
        if ((stripped.Contains("{{", StringComparison.Ordinal) || stripped.Contains("}}", StringComparison.Ordinal)) && !unknown.Contains("{{"))
            unknown.Add("{{");
        return unknown;
    }

    /// <summary>Fills the fields. A missing first name drops the name and its lead-in comma or space from the greeting.</summary>
    public static string Render(string body, MergeContext context, CompanyOptions company)
    {
        ArgumentNullException.ThrowIfNull(body);
        var first = context.CustomerFirstName?.Trim();
        if (string.IsNullOrEmpty(first)) body = FirstNameWithLeadIn().Replace(body, "");
        var text = FieldPattern().Replace(body, m => Value(m.Groups[1].Value, context, company, first) ?? "");
        return text.Replace("{{", "", StringComparison.Ordinal).Replace("}}", "", StringComparison.Ordinal);
    }

    private static string? Value(string field, MergeContext c, CompanyOptions company, string? first) => field switch
    {
        CustomerFirstName => first,
        "customer.name" => c.CustomerName?.Trim() is { Length: > 0 } n ? n : first,
        "customer.email" => c.CustomerEmail,
        // As the customer sees it in the subject line ("[#10234]"), so "keep it in the subject" makes sense.
        "ticket.number" => c.TicketNumber is { } n ? "#" + n.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
        "ticket.subject" => c.TicketSubject,
        "agent.first_name" => c.AgentFirstName,
        "company.name" => company.Name,
        "site.url" => company.SiteUrl,
        "site.reset_url" => company.ResetUrl,
        "site.help_url" => company.HelpUrl,
        "site.protection_url" => company.ProtectionUrl,
        _ => null,
    };
}
