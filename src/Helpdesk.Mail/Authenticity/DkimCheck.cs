using MimeKit;
using MimeKit.Cryptography;

namespace Helpdesk.Mail.Authenticity;

/// <summary>The outcome of one check (a DKIM signature, SPF, DMARC), in RFC 8601's words.</summary>
public enum CheckResult
{
    None,
    Pass,
    Fail,
    /// <summary>DNS did not answer: nothing can be said (RFC 8601 "temperror").</summary>
    TempError,
}

/// <summary>One DKIM-Signature header checked: the signing domain (d=) and whether it holds.</summary>
public sealed record DkimResult(string Domain, CheckResult Result, string? Problem);

/// <summary>Every DKIM signature of a message verified with MimeKit's <see cref="DkimVerifier"/> against DNS.</summary>
internal sealed class DkimCheck(IDnsRecords dns)
{
    /// <summary>Most mail carries one or two signatures; a flood of them is an attack on the verifier.</summary>
    private const int MaxSignatures = 5;

    private readonly DkimVerifier _verifier = new(new DnsKeyLocator(dns));

    public async Task<IReadOnlyList<DkimResult>> VerifyAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var results = new List<DkimResult>();
        foreach (var header in message.Headers.Where(h => h.Id == HeaderId.DkimSignature).Take(MaxSignatures))
        {
            var domain = TagValue(header.Value, "d") ?? "";
            try
            {
                var valid = await _verifier.VerifyAsync(message, header, cancellationToken).ConfigureAwait(false);
                results.Add(new DkimResult(domain, valid ? CheckResult.Pass : CheckResult.Fail, valid ? null : "signature does not match the message"));
            }
            catch (DnsUnavailableException)
            {
                results.Add(new DkimResult(domain, CheckResult.TempError, "dns unavailable"));
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                results.Add(new DkimResult(domain, CheckResult.TempError, "dns timed out"));
            }
            catch (Exception e) when (e is FormatException or NotSupportedException or ParseException or ArgumentException or InvalidOperationException)
            {
                results.Add(new DkimResult(domain, CheckResult.Fail, e.Message));
            }
        }
        return results;
    }

    /// <summary>A tag's value from a tag=value; list (DKIM-Signature, DMARC records), whitespace removed.</summary>
    internal static string? TagValue(string list, string tag)
    {
        foreach (var part in list.Split(';'))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0) continue;
            if (part[..eq].Trim().Equals(tag, StringComparison.OrdinalIgnoreCase))
                return new string([.. part[(eq + 1)..].Where(c => !char.IsWhiteSpace(c))]);
        }
        return null;
    }
}
