using Helpdesk.Core.Abstractions;
using Helpdesk.Core.Data;
using Helpdesk.Core.Tickets;
using Helpdesk.Mail.Authenticity;
using Helpdesk.Mail.Authenticity.Lookalikes;
using Helpdesk.Mail.Reading;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Helpdesk.Core.Authenticity;

/// <summary>What intake learns about who sent one mail: the sender verdict, lookalikes, and for a forward whether it was ours.</summary>
public sealed record SenderCheckResult(MailAuthenticity Authenticity, PhishingJudgment? Forwarded);

/// <summary>
/// The desk's sender checks, built once from <see cref="AuthenticityOptions"/> and <see cref="CompanyOptions"/>: the
/// sender verdict and lookalike hosts for every inbound mail a person wrote, and the "was this ours?" evidence for a
/// forwarded message. Own domains: the desk address's domain, the company URLs' domains, and the configured ones.
/// </summary>
public sealed class SenderChecks
{
    private readonly AuthenticityOptions _options;
    private readonly IDbContextFactory<HelpdeskDbContext> _factory;
    private readonly HashSet<string> _noticeIds;

    public SenderChecks(IOptions<AuthenticityOptions> options, CompanyOptions company, IDbContextFactory<HelpdeskDbContext> factory)
        : this(options.Value, company, factory, new DnsClientRecords(options.Value.DnsServers, options.Value.DnsTimeout))
    {
    }

    public SenderChecks(AuthenticityOptions options, CompanyOptions company, IDbContextFactory<HelpdeskDbContext> factory, IDnsRecords dns)
    {
        _options = options;
        _factory = factory;
        OwnDomains = OwnDomainsOf(company, options);
        Lookalikes = new LookalikeDetector(OwnDomains.Concat(options.ProtectedDomains));
        Checker = new SenderAuthenticityChecker(dns, new AuthenticitySettings
        {
            AuthServId = options.AuthServId,
            ReceivingHost = options.ReceivingHost,
            OwnDomains = OwnDomains,
            Timeout = options.CheckTimeout,
        });
        Evidence = new PhishingEvidence(Checker, Lookalikes);
        _noticeIds = new HashSet<string>(options.NoticeMessageIds.Select(i => i.Trim().Trim('<', '>')), StringComparer.Ordinal);
    }

    public bool Enabled => _options.CheckSenders;

    public IReadOnlyList<string> OwnDomains { get; }

    public LookalikeDetector Lookalikes { get; }

    public SenderAuthenticityChecker Checker { get; }

    public PhishingEvidence Evidence { get; }

    /// <summary>The checks for one mail; never throws for DNS trouble (the verdict says so).</summary>
    public async Task<SenderCheckResult> CheckAsync(ParsedEmail email, CancellationToken cancellationToken)
    {
        var sender = await Checker.CheckAsync(email.Message, cancellationToken).ConfigureAwait(false);
        var authenticity = new MailAuthenticity(sender, LookalikeScan.Of(email, Lookalikes));
        var forwarded = email.Forwarded is { } f
            ? await Evidence.JudgeAsync(f, IsOurMessageIdAsync, cancellationToken).ConfigureAwait(false)
            : null;
        return new SenderCheckResult(authenticity, forwarded);
    }

    /// <summary>A configured notice Message-ID, or one the desk's outbox sent.</summary>
    public async Task<bool> IsOurMessageIdAsync(string messageId, CancellationToken cancellationToken)
    {
        if (_noticeIds.Contains(messageId)) return true;
        await using var db = await _factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.Outbox.AsNoTracking().AnyAsync(o => o.MessageIdHeader == messageId, cancellationToken).ConfigureAwait(false)
            || await db.Messages.AsNoTracking().AnyAsync(m => m.MessageIdHeader == messageId && m.Direction == MessageDirection.Outbound, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The company's own domains, the one list every check measures against (sender verdicts, lookalikes, the links a
    /// reply may carry): the desk address's domain, the organizational domains of the company URLs, and
    /// <c>Helpdesk:Mail:OwnDomains</c>.
    /// </summary>
    public static IReadOnlyList<string> OwnDomainsOf(CompanyOptions company, AuthenticityOptions options)
    {
        ArgumentNullException.ThrowIfNull(company);
        ArgumentNullException.ThrowIfNull(options);
        var domains = new List<string> { company.DeskDomain };
        foreach (var url in new[] { company.SiteUrl, company.ResetUrl, company.HelpUrl, company.ProtectionUrl })
            if (Uri.TryCreate(url, UriKind.Absolute, out var uri)) domains.Add(OrganizationalDomain.Of(uri.Host));
        domains.AddRange(options.OwnDomains.Select(d => d.Trim().TrimEnd('.').ToLowerInvariant()));
        return [.. domains.Where(d => d.Length > 0).Distinct(StringComparer.Ordinal)];
    }
}
