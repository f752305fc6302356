using Helpdesk.Mail.Authenticity.Lookalikes;
using Helpdesk.Mail.CustomerWords;

namespace Helpdesk.Mail.Authenticity;

/// <summary>Whether a mail a customer forwarded ("is this real?") was the company's own.</summary>
public enum PhishingFinding
{
    /// <summary>The evidence does not decide (an inline forward of a mail from our domain, headers lost).</summary>
    Unknown,
    /// <summary>Our signature holds, or its Message-ID is one of our notices.</summary>
    Ours,
    /// <summary>A lookalike host, a signature that fails, or a sender that is not one of our domains.</summary>
    NotOurs,
}

/// <summary>
/// The finding with the evidence behind it, each a sentence a lead can read. <paramref name="ClaimsUs"/>: the forwarded
/// mail names one of our domains as its sender or imitates one (a lookalike host), whatever the finding.
/// </summary>
public sealed record PhishingJudgment(PhishingFinding Finding, IReadOnlyList<string> Evidence, bool ClaimsUs = false);

/// <summary>
/// Decides "this was ours" / "not ours" / "unknown" for a forwarded message by evidence only, never by what the
/// customer wrote: lookalike hosts in its sender or links, our DKIM signature on the forwarded headers where they
/// survived (an attached message), our domain in From, and the Message-IDs of notices we sent.
/// </summary>
public sealed class PhishingEvidence(SenderAuthenticityChecker checker, LookalikeDetector lookalikes)
{
    /// <param name="isOurMessageId">True for a Message-ID (no angle brackets) the desk or the company sent.</param>
    public async Task<PhishingJudgment> JudgeAsync(ForwardedMessage forwarded, Func<string, CancellationToken, Task<bool>> isOurMessageId,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(forwarded);
        var evidence = new List<string>();
        foreach (var hit in LookalikeScan.Of(forwarded, lookalikes))
            evidence.Add($"{hit.Where} {hit.Lookalike.Host} imitates {hit.Lookalike.LooksLike} ({hit.Lookalike.Why})");
        if (evidence.Count > 0) return new PhishingJudgment(PhishingFinding.NotOurs, evidence, ClaimsUs: true);

        var domain = LookalikeScan.DomainOf(forwarded.From?.Address);
        var ours = domain is not null && checker.IsOwnDomain(domain);
        if (forwarded.Message is { } original)
        {
            var sender = await checker.CheckAsync(original, cancellationToken).ConfigureAwait(false);
            if (sender.Verdict == SenderVerdict.Pass && ours)
                return new PhishingJudgment(PhishingFinding.Ours, [$"our signature holds: {sender.Reason}"], ClaimsUs: true);
            if (sender.Verdict == SenderVerdict.Fail)
                return new PhishingJudgment(PhishingFinding.NotOurs, [$"the sender check fails: {sender.Reason}"], ours);
            evidence.Add($"sender check: {sender.VerdictName} ({sender.Reason})");
        }
        var messageId = MessageIdOf(forwarded);
        if (ours && messageId is not null && await isOurMessageId(messageId, cancellationToken).ConfigureAwait(false))
            return new PhishingJudgment(PhishingFinding.Ours, [.. evidence, $"Message-ID {messageId} is one of our notices"], ClaimsUs: true);
        if (domain is not null && !ours)
            return new PhishingJudgment(PhishingFinding.NotOurs, [.. evidence, $"sent from {domain}, not one of our domains"]);
        if (domain is null) evidence.Add("the forward does not show the sender");
        else evidence.Add($"from our domain {domain}, but no signature or known Message-ID survived the forward");
        return new PhishingJudgment(PhishingFinding.Unknown, evidence, ours);
    }

    private static string? MessageIdOf(ForwardedMessage forwarded)
    {
        var value = forwarded.Message?.MessageId
            ?? forwarded.Headers.FirstOrDefault(h => h.Name.Replace("-", "", StringComparison.Ordinal).Equals("MessageID", StringComparison.OrdinalIgnoreCase))?.Value;
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim().Trim('<', '>');
    }
}
