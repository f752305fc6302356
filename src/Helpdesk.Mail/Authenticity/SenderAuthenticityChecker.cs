using MimeKit;
using MimeKit.Cryptography;

namespace Helpdesk.Mail.Authenticity;

/// <summary>
/// The sender verdict for one inbound mail. The desk's own receiving server's Authentication-Results decide when it
/// wrote one; otherwise DKIM (MimeKit's <see cref="DkimVerifier"/>), SPF for the IP our server saw, and DMARC
/// alignment for the From domain are checked here against DNS, all within <see cref="AuthenticitySettings.Timeout"/>.
/// A DNS outage gives "none (dns unavailable)", never an exception or a wait beyond the timeout.
/// </summary>
public sealed class SenderAuthenticityChecker
{
    private readonly AuthenticitySettings _settings;
    private readonly DkimCheck _dkim;
    private readonly SpfCheck _spf;
    private readonly DmarcCheck _dmarc;
    private readonly ArcVerifier _arc;

    public SenderAuthenticityChecker(IDnsRecords dns, AuthenticitySettings settings)
    {
        _settings = settings;
        _dkim = new DkimCheck(dns);
        _spf = new SpfCheck(dns);
        _dmarc = new DmarcCheck(dns);
        _arc = new ArcVerifier(new DnsKeyLocator(dns));
    }

    public AuthenticitySettings Settings => _settings;

    /// <summary>The From domain is the company's own (or a subdomain of it).</summary>
    public bool IsOwnDomain(string domain) =>
        _settings.OwnDomains.Any(d => domain.Equals(d, StringComparison.OrdinalIgnoreCase) || domain.EndsWith("." + d, StringComparison.OrdinalIgnoreCase));

    public async Task<SenderAuthenticity> CheckAsync(MimeMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var from = message.From.Mailboxes.FirstOrDefault()?.Domain?.Trim().TrimEnd('.').ToLowerInvariant();
        if (string.IsNullOrEmpty(from))
            return new SenderAuthenticity(SenderVerdict.None, "no From domain", null, false, SenderAuthenticity.VerifiedHere);
        var own = IsOwnDomain(from);
        if (_settings.AuthServId is { Length: > 0 } id && TrustedAuthenticationResults.Read(message.Headers, id, from, own) is { } trusted)
            return trusted;

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_settings.Timeout);
        try
        {
            return await VerifyAsync(message, from, own, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Verdict(SenderVerdict.None, "dns unavailable (timed out)", from, own);
        }
        catch (DnsUnavailableException)
        {
            return Verdict(SenderVerdict.None, "dns unavailable", from, own);
        }
    }

    private async Task<SenderAuthenticity> VerifyAsync(MimeMessage message, string from, bool own, CancellationToken ct)
    {
        var dkim = await _dkim.VerifyAsync(message, ct).ConfigureAwait(false);
        var spf = await SpfAsync(message, ct).ConfigureAwait(false);
        var dmarc = await _dmarc.EvaluateAsync(from, dkim, spf, ct).ConfigureAwait(false);
        if (dmarc.Result == CheckResult.Pass)
            return Verdict(SenderVerdict.Pass, dmarc.Reason, from, own);

        var aligned = dkim.Where(d => OrganizationalDomain.Aligned(from, d.Domain, strict: false)).ToList();
        if (dmarc.Result == CheckResult.TempError || aligned.Any(d => d.Result == CheckResult.TempError) || spf?.Result == CheckResult.TempError)
            return Verdict(SenderVerdict.None, "dns unavailable", from, own);
        var broken = aligned.FirstOrDefault(d => d.Result == CheckResult.Fail);
        var arc = await ArcNoteAsync(message, ct).ConfigureAwait(false);
        if (broken is not null)
            return Verdict(SenderVerdict.Fail, $"dkim signature of {broken.Domain} does not hold ({broken.Problem}){arc}", from, own);
        if (dmarc.Result == CheckResult.Fail)
            return Verdict(SenderVerdict.Fail, dmarc.Reason + arc, from, own);
        if (own)
            return Verdict(SenderVerdict.Fail, $"claims {from} without its signature{arc}", from, own);
        var why = dkim.Count == 0 ? "no dkim signature" : $"no dkim signature of {from}";
        return Verdict(SenderVerdict.None, $"{why}, {dmarc.Reason}{arc}", from, own);
    }

    private async Task<SpfResult?> SpfAsync(MimeMessage message, CancellationToken ct)
    {
        if (_settings.ReceivingHost is not { Length: > 0 } host) return null;
        var ip = ReceivedHop.ClientAddress(message.Headers, host);
        var envelope = MailboxAddress.TryParse(message.Headers[HeaderId.ReturnPath] ?? "", out var rp) && rp.Domain is { Length: > 0 } d
            ? d.ToLowerInvariant()
            : null;
        return ip is null || envelope is null ? null : await _spf.EvaluateAsync(ip, envelope, ct).ConfigureAwait(false);
    }

    /// <summary>A forwarder that keeps an ARC chain (RFC 8617) says what it saw; noted for the reader, never trusted blindly.</summary>
    private async Task<string> ArcNoteAsync(MimeMessage message, CancellationToken ct)
    {
        if (!message.Headers.Contains(HeaderId.ArcSeal)) return "";
        try
        {
            var result = await _arc.VerifyAsync(message, ct).ConfigureAwait(false);
            return result.Chain == ArcSignatureValidationResult.Pass ? "; arc chain holds" : "; arc chain broken";
        }
        catch (Exception e) when (e is DnsUnavailableException or FormatException or ParseException or NotSupportedException)
        {
            return "; arc chain not checked";
        }
    }

    private static SenderAuthenticity Verdict(SenderVerdict verdict, string reason, string from, bool own) =>
        new(verdict, reason, from, own, SenderAuthenticity.VerifiedHere);
}
