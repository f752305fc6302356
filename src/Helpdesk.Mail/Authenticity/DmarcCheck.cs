namespace Helpdesk.Mail.Authenticity;

/// <summary>A domain's published DMARC policy (RFC 7489 6.3): what it asks for and how strictly it aligns.</summary>
public sealed record DmarcPolicy(string Domain, string Policy, bool StrictDkim, bool StrictSpf);

/// <summary>DMARC's answer for the From domain: pass when an aligned DKIM signature or an aligned SPF pass exists.</summary>
public sealed record DmarcResult(CheckResult Result, DmarcPolicy? Policy, string Reason);

/// <summary>DMARC record look-up (the From domain, else its organizational domain) and identifier alignment.</summary>
internal sealed class DmarcCheck(IDnsRecords dns)
{
    public async Task<DmarcResult> EvaluateAsync(string fromDomain, IReadOnlyList<DkimResult> dkim, SpfResult? spf, CancellationToken cancellationToken)
    {
        DmarcPolicy? policy;
        try
        {
            policy = await FindPolicyAsync(fromDomain, cancellationToken).ConfigureAwait(false);
        }
        catch (DnsUnavailableException)
        {
            return new DmarcResult(CheckResult.TempError, null, "dns unavailable");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new DmarcResult(CheckResult.TempError, null, "dns timed out");
        }
        var strictDkim = policy?.StrictDkim ?? false;
        var strictSpf = policy?.StrictSpf ?? false;
        var alignedDkim = dkim.FirstOrDefault(d => d.Result == CheckResult.Pass && OrganizationalDomain.Aligned(fromDomain, d.Domain, strictDkim));
        if (alignedDkim is not null)
            return new DmarcResult(CheckResult.Pass, policy, $"dkim pass aligned with {fromDomain} (d={alignedDkim.Domain})");
        if (spf is { Result: CheckResult.Pass } && OrganizationalDomain.Aligned(fromDomain, spf.Domain, strictSpf))
            return new DmarcResult(CheckResult.Pass, policy, $"spf pass aligned with {fromDomain} ({spf.Domain})");
        if (policy is null)
            return new DmarcResult(CheckResult.None, null, $"no dmarc record for {fromDomain}");
        return new DmarcResult(CheckResult.Fail, policy, $"dmarc fail for {fromDomain}: no aligned dkim signature or spf pass (p={policy.Policy})");
    }

    private async Task<DmarcPolicy?> FindPolicyAsync(string fromDomain, CancellationToken cancellationToken)
    {
        var organization = OrganizationalDomain.Of(fromDomain);
        foreach (var domain in organization == fromDomain ? [fromDomain] : new[] { fromDomain, organization })
        {
            var records = (await dns.TxtAsync("_dmarc." + domain, cancellationToken).ConfigureAwait(false))
                .Where(r => r.StartsWith("v=DMARC1", StringComparison.OrdinalIgnoreCase)).ToList();
            if (records.Count != 1) continue; // none, or ambiguous: RFC 7489 6.6.3 says go on as if none
            var r = records[0];
            var p = DkimCheck.TagValue(r, "p")?.ToLowerInvariant() ?? "none";
            // A subdomain found through its organization's record takes sp= when it is there.
            if (domain != fromDomain && DkimCheck.TagValue(r, "sp") is { Length: > 0 } sp) p = sp.ToLowerInvariant();
            return new DmarcPolicy(domain, p,
                StrictDkim: string.Equals(DkimCheck.TagValue(r, "adkim"), "s", StringComparison.OrdinalIgnoreCase),
                StrictSpf: string.Equals(DkimCheck.TagValue(r, "aspf"), "s", StringComparison.OrdinalIgnoreCase));
        }
        return null;
    }
}
