using System.Text.RegularExpressions;
using Helpdesk.Core.Abstractions;

namespace Helpdesk.Core.Templates;

/// <summary>How serious a guardrail finding is.</summary>
public enum GuardrailSeverity
{
    /// <summary>Goes out only after the agent ticks that they checked it.</summary>
    Warning = 0,
    /// <summary>Never goes out; the text must change.</summary>
    Block = 1,
}

/// <summary>
/// One thing wrong with a reply. <see cref="Key"/> names the finding and what it is about ("link:evil.example"), so an
/// acknowledgement covers exactly what the agent saw: a link added after the tick needs its own tick.
/// </summary>
public sealed record GuardrailFinding(string Key, GuardrailSeverity Severity, string Message);

/// <summary>Bound from <c>Helpdesk:Guardrails</c>.</summary>
public sealed class GuardrailOptions
{
    public const string Section = "Helpdesk:Guardrails";

    /// <summary>
    /// Domains a reply may link to besides the company's own (the hosts of the <c>Helpdesk:Company</c> URLs and the desk
    /// address's domain, always allowed). A domain allows its subdomains. Default empty: this week customers are being
    /// phished, so every other link needs an agent's second look.
    /// </summary>
    public List<string> AllowedLinkDomains { get; set; } = [];
}

/// <summary>Refused because a guardrail blocks the text or a warning was not acknowledged.</summary>
public sealed class GuardrailException(IReadOnlyList<GuardrailFinding> findings)
    : Exception(findings.Any(f => f.Severity == GuardrailSeverity.Block)
        ? "The reply was not sent: " + string.Join(" ", findings.Where(f => f.Severity == GuardrailSeverity.Block).Select(f => f.Message))
        : "The reply was not sent: tick that you checked each warning. " + string.Join(" ", findings.Select(f => f.Message)))
{
    public IReadOnlyList<GuardrailFinding> Findings { get; } = findings;
}

/// <summary>
/// Checks what an agent is about to send: a payment card number (Luhn-valid), a request for the customer's password or
/// full card number, links outside the company's domains, an empty reply, a placeholder nobody filled in. The console
/// shows the findings as the agent types; <see cref="ReplyService"/> checks again before anything is queued.
/// </summary>
public sealed partial class ReplyGuardrails
{
    private readonly string[] _allowedDomains;
    private readonly Helpdesk.Mail.Authenticity.Lookalikes.LookalikeDetector _lookalikes;

    public ReplyGuardrails(CompanyOptions company, GuardrailOptions options)
        : this(company, options, Microsoft.Extensions.Options.Options.Create(new Authenticity.AuthenticityOptions()))
    {
    }

    /// <param name="authenticity">Its own and protected domains are what lookalike links are measured against.</param>
    public ReplyGuardrails(CompanyOptions company, GuardrailOptions options, Microsoft.Extensions.Options.IOptions<Authenticity.AuthenticityOptions> authenticity)
    {
        ArgumentNullException.ThrowIfNull(authenticity);
        // The company's own domains come from the sender checks' list (one source of truth), then the extra link domains.
        var domains = new List<string>(Authenticity.SenderChecks.OwnDomainsOf(company, authenticity.Value));
        domains.AddRange(options.AllowedLinkDomains.Select(d => d.Trim().TrimStart('.').ToLowerInvariant()).Where(d => d.Length > 0));
        _allowedDomains = [.. domains.Distinct(StringComparer.Ordinal)];
        _lookalikes = new Helpdesk.Mail.Authenticity.Lookalikes.LookalikeDetector(
            _allowedDomains.Concat(authenticity.Value.ProtectedDomains));
    }

    /// <summary>A link to a host that imitates ours: never sent, by an agent or in a template.</summary>
    public GuardrailFinding? LookalikeLink(string host) =>
        _lookalikes.Check(host) is { } l
            ? new("lookalike:" + l.Host, GuardrailSeverity.Block,
                $"The link to {l.Host} imitates {l.LooksLike} ({l.Why}): a reply never links to a lookalike of our domain. Remove the link; the draft is kept.")
            : null;

    /// <summary>The domains links may point to (and their subdomains).</summary>
    public IReadOnlyList<string> AllowedDomains => _allowedDomains;

    /// <summary>The lookalike links of a text (a template body): each a blocking finding.</summary>
    public IReadOnlyList<GuardrailFinding> LookalikeLinks(string? text) =>
        string.IsNullOrEmpty(text) ? [] : Check(text).Where(f => f.Key.StartsWith("lookalike:", StringComparison.Ordinal)).ToList();

    public IReadOnlyList<GuardrailFinding> Check(string? text)
    {
        var findings = new List<GuardrailFinding>();
        if (string.IsNullOrWhiteSpace(text))
        {
            findings.Add(new("empty", GuardrailSeverity.Block, "The reply is empty."));
            return findings;
        }
        foreach (Match m in Placeholder().Matches(text))
            Add(findings, new("placeholder:" + m.Value, GuardrailSeverity.Block,
                $"\"{m.Value}\" is a placeholder: replace it with the real words before sending."));
        foreach (Match m in DigitRun().Matches(text))
        {
            var digits = new string([.. m.Value.Where(char.IsAsciiDigit)]);
            if (digits.Length is >= 13 and <= 19 && PassesLuhn(digits))
                Add(findings, new("card:" + digits[^4..], GuardrailSeverity.Block,
                    $"The reply contains a payment card number (ending {digits[^4..]}): never write a card number in an email."));
        }
        foreach (var sentence in Sentences().Split(text))
        {
            if (Negation().IsMatch(sentence)) continue;
            if (PasswordRequest().IsMatch(sentence))
                Add(findings, new("asks:password", GuardrailSeverity.Warning,
                    "The reply seems to ask for the customer's password. Meridian never asks for a password by email."));
            if (CardRequest().IsMatch(sentence))
                Add(findings, new("asks:card", GuardrailSeverity.Warning,
                    "The reply seems to ask for a card number or security code. Meridian never asks for card details by email."));
        }
        foreach (Match m in Link().Matches(text))
        {
            var host = HostOf(m.Value);
            if (host is null || IsAllowed(host)) continue;
            if (LookalikeLink(host) is { } lookalike)
            {
                Add(findings, lookalike);
                continue;
            }
            Add(findings, new("link:" + host, GuardrailSeverity.Warning,
                $"The link to {host} is not one of the company's sites. Customers are being phished this week: link only to our own pages unless you are sure."));
        }
        return findings;
    }

    /// <summary>
    /// Throws <see cref="GuardrailException"/> when a finding blocks the text or a warning is not in
    /// <paramref name="acknowledged"/> (finding keys).
    /// </summary>
    public void Enforce(string? text, IReadOnlyCollection<string>? acknowledged)
    {
        var findings = Check(text);
        var open = findings.Where(f => f.Severity == GuardrailSeverity.Block || acknowledged is null || !acknowledged.Contains(f.Key)).ToList();
        if (open.Count > 0) throw new GuardrailException(open);
    }

    public static bool PassesLuhn(string digits)
    {
        var sum = 0;
        var doubleIt = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i] - '0';
            if (d is < 0 or > 9) return false;
            if (doubleIt && (d *= 2) > 9) d -= 9;
            sum += d;
            doubleIt = !doubleIt;
        }
        return sum % 10 == 0;
    }

    private bool IsAllowed(string host) =>
        _allowedDomains.Any(d => host == d || host.EndsWith("." + d, StringComparison.Ordinal));

    private static string? HostOf(string link)
    {
        var candidate = link.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? "https://" + link : link;
        return Uri.TryCreate(candidate.TrimEnd('.', ',', ';', ':', '!', '?'), UriKind.Absolute, out var uri) && uri.Host.Length > 0
            ? uri.IdnHost.ToLowerInvariant()
            : null;
    }

    // "www.meridian.example" -> "meridian.example": the company's site allows its sibling hosts (help., account.).
    private static void Add(List<GuardrailFinding> findings, GuardrailFinding finding)
    {
        if (!findings.Any(f => f.Key == finding.Key)) findings.Add(finding);
    }

    // Runs of digits with single spaces or dashes between groups, as people write card numbers.
    [GeneratedRegex(@"(?<!\d)\d(?:[ \-]?\d){12,18}(?!\d)")]
    private static partial Regex DigitRun();

    // A merge field left over, a bracketed capitalised word ("[ORDER NUMBER]", "<<name>>"), or a row of X's.
    [GeneratedRegex(@"\{\{[^{}]*\}\}|\{\{|\}\}|\[\s*[A-Z][A-Z0-9 _\-/]{1,40}\s*\]|<<[^<>]{1,40}>>|\b[Xx]{4,}\b")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"(?<=[.!?])\s+|\n+")]
    private static partial Regex Sentences();

    // Sentences that warn rather than ask ("we will never ask for your password", "ignore any email asking for ...").
    [GeneratedRegex(@"\b(never|not|don't|dont|do not|won't|no need|ignore|nunca|no)\b|n't\b", RegexOptions.IgnoreCase)]
    private static partial Regex Negation();

    [GeneratedRegex(@"\b(send|provide|give|tell|share|email|e-mail|include|let us know|reply with|what is|what's)\b(\W+\w+){0,5}?\W+(password|passcode|passwort|contraseña|mot de passe)\b|\b(envíe|envíenos|indique|indíquenos|díganos|comparta|proporcione|escriba)\b(\W+\w+){0,5}?\W+(contraseña|clave)\b",
        RegexOptions.IgnoreCase)]
    private static partial Regex PasswordRequest();

    [GeneratedRegex(@"\b(send|provide|give|tell|share|email|e-mail|include|let us know|reply with|what is|what's|confirm|read out)\b(\W+\w+){0,5}?\W+(card number|full card|long number on|cvv|cvc|security code|pin|expiry date|expiration date)\b|\b(envíe|envíenos|indique|indíquenos|díganos|comparta|proporcione|escriba)\b(\W+\w+){0,5}?\W+(número de (la )?tarjeta|cvv|código de seguridad)\b",
        RegexOptions.IgnoreCase)]
    private static partial Regex CardRequest();

    [GeneratedRegex(@"\b(?:https?://|www\.)[^\s<>""'()\[\]]+", RegexOptions.IgnoreCase)]
    private static partial Regex Link();
}
