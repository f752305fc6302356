using System.Text.Json;
using Helpdesk.Mail.CustomerWords;

namespace Helpdesk.Core.Security;

/// <summary>
/// A customer forwarded a mail they doubt: who reported it, who it claims to come from, where its links point and what
/// was attached (names and hashes only; nothing is ever opened). Written by intake with the ticket, never changed.
/// </summary>
public sealed class PhishingReport
{
    private PhishingReport() { ReporterAddress = ""; LinkHosts = ""; Attachments = "[]"; Source = ""; }

    private PhishingReport(DateTimeOffset reportedAt, long customerId, string reporterAddress, string? senderAddress, string? subject,
        IReadOnlyList<string> linkHosts, string attachments, string source)
    {
        ReportedAt = reportedAt;
        CustomerId = customerId;
        ReporterAddress = reporterAddress;
        SenderAddress = senderAddress;
        SenderDomain = DomainOf(senderAddress);
        Subject = subject;
        LinkHosts = string.Join(' ', linkHosts);
        Attachments = attachments;
        Source = source;
    }

    public long Id { get; private set; }

    /// <summary>When the desk received the customer's mail (its fetch time).</summary>
    public DateTimeOffset ReportedAt { get; private set; }

    public long CustomerId { get; private set; }

    public string ReporterAddress { get; private set; }

    public long TicketNumber { get; private set; }

    /// <summary>The customer's message (TicketMessage id) that carried the forward.</summary>
    public long MessageId { get; private set; }

    /// <summary>The stored raw email: its source is one click away on the ticket.</summary>
    public long? RawMessageId { get; private set; }

    /// <summary>The forwarded mail's From address as the customer's forward shows it, lower case; null when none survived.</summary>
    public string? SenderAddress { get; private set; }

    public string? SenderDomain { get; private set; }

    public string? Subject { get; private set; }

    /// <summary>The hosts the forwarded mail links to, lower case, space-separated, each once.</summary>
    public string LinkHosts { get; private set; }

    /// <summary>JSON array of {"name","sha256"} for the forwarded mail's attachments.</summary>
    public string Attachments { get; private set; }

    /// <summary>"inline" or "attached": how the customer forwarded it.</summary>
    public string Source { get; private set; }

    public IReadOnlyList<string> LinkHostList => LinkHosts.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The report for a forwarded mail found in a customer's message; its ticket and message ids come at <see cref="StoredWith"/>.</summary>
    public static PhishingReport From(ForwardedMessage forwarded, long customerId, string reporterAddress, DateTimeOffset reportedAt)
    {
        var sender = forwarded.From?.Address is { Length: > 0 } a ? Clip(a.Trim().ToLowerInvariant(), 320) : null;
        var hosts = forwarded.Links.Select(HostOf).OfType<string>().Distinct(StringComparer.Ordinal).Take(50).ToList();
        var attachments = JsonSerializer.Serialize(forwarded.Attachments.Select(f => new ReportedAttachment(f.FileName ?? "", f.Sha256)).ToList(),
            SecurityJson.Options);
        return new PhishingReport(reportedAt, customerId, reporterAddress, sender, forwarded.Subject is { } s ? Clip(s, 1000) : null, hosts,
            attachments, forwarded.Source == ForwardSource.Inline ? "inline" : "attached");
    }

    /// <summary>The ticket and message the report belongs to, once intake stored them.</summary>
    internal void StoredWith(long ticketNumber, long messageId, long? rawMessageId, long customerId)
    {
        TicketNumber = ticketNumber;
        MessageId = messageId;
        RawMessageId = rawMessageId;
        CustomerId = customerId;
    }

    internal void StoredAs(long id) => Id = id;

    public IReadOnlyList<ReportedAttachment> AttachmentList =>
        JsonSerializer.Deserialize<List<ReportedAttachment>>(Attachments, SecurityJson.Options) ?? [];

    /// <summary>What the security page counts this report under: its sender's domain, its sender, each link host.</summary>
    internal IEnumerable<ReportedIndicator> Indicators()
    {
        if (SenderDomain is { } domain) yield return new ReportedIndicator(Id, IndicatorKind.Domain, domain, CustomerId, ReportedAt);
        if (SenderAddress is { } sender) yield return new ReportedIndicator(Id, IndicatorKind.Sender, sender, CustomerId, ReportedAt);
        foreach (var host in LinkHostList) yield return new ReportedIndicator(Id, IndicatorKind.LinkHost, host, CustomerId, ReportedAt);
    }

    /// <summary>The host of an http(s) link, lower case without a trailing dot; null for anything else.</summary>
    public static string? HostOf(string link)
    {
        if (!Uri.TryCreate(link.Trim(), UriKind.Absolute, out var uri)) return null;
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) return null;
        var host = uri.IdnHost.TrimEnd('.').ToLowerInvariant();
        return host.Length is 0 or > 255 ? null : host;
    }

    private static string? DomainOf(string? address)
    {
        var at = address?.LastIndexOf('@') ?? -1;
        if (address is null || at < 0 || at == address.Length - 1) return null;
        return Clip(address[(at + 1)..].TrimEnd('.', '>'), 255);
    }

    private static string Clip(string s, int max) => s.Length <= max ? s : s[..max];
}

/// <summary>One attachment of a forwarded mail: its name and SHA-256 (hex), never its bytes.</summary>
public sealed record ReportedAttachment(string Name, string? Sha256);

internal static class SecurityJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
