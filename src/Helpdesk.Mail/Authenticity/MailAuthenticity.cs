using Helpdesk.Mail.Authenticity.Lookalikes;
using Helpdesk.Mail.CustomerWords;
using Helpdesk.Mail.Reading;

namespace Helpdesk.Mail.Authenticity;

/// <summary>A lookalike host found in a mail, and where: "from", "reply-to" or "link".</summary>
public sealed record LookalikeHit(string Where, Lookalike Lookalike);

/// <summary>What the desk knows about who really sent one mail: the sender verdict and any lookalike hosts.</summary>
public sealed record MailAuthenticity(SenderAuthenticity Sender, IReadOnlyList<LookalikeHit> Lookalikes)
{
    /// <summary>The first lookalike, in the order From, Reply-To, links: the one a badge names.</summary>
    public LookalikeHit? FirstLookalike => Lookalikes.Count == 0 ? null : Lookalikes[0];
}

/// <summary>Looks for lookalike hosts in a mail's From, Reply-To and links (text and HTML hrefs).</summary>
public static class LookalikeScan
{
    /// <summary>Enough for any honest mail; a page of thousands of links is not read to the end.</summary>
    private const int MaxLinks = 200;

    public static IReadOnlyList<LookalikeHit> Of(ParsedEmail email, LookalikeDetector detector)
    {
        var hits = new List<LookalikeHit>();
        void Add(string where, string? host)
        {
            if (detector.Check(host) is { } l && !hits.Any(h => h.Lookalike.Host == l.Host)) hits.Add(new LookalikeHit(where, l));
        }
        Add("from", DomainOf(email.From?.Address));
        foreach (var r in email.ReplyTo) Add("reply-to", DomainOf(r.Address));
        var text = email.RawHtml is { } html ? email.Text + "\n" + AttachedForwards.HrefValues(html) : email.Text;
        foreach (var link in Forwards.Links(text).Take(MaxLinks)) Add("link", HostOf(link));
        return hits;
    }

    /// <summary>Lookalikes among a forwarded message's sender and links.</summary>
    public static IReadOnlyList<LookalikeHit> Of(ForwardedMessage forwarded, LookalikeDetector detector)
    {
        var hits = new List<LookalikeHit>();
        if (detector.Check(DomainOf(forwarded.From?.Address)) is { } from) hits.Add(new LookalikeHit("from", from));
        foreach (var link in forwarded.Links.Take(MaxLinks))
            if (detector.Check(HostOf(link)) is { } l && !hits.Any(h => h.Lookalike.Host == l.Host)) hits.Add(new LookalikeHit("link", l));
        return hits;
    }

    public static string? DomainOf(string? address) =>
        address is { } a && a.LastIndexOf('@') is var at and >= 0 && at < a.Length - 1 ? a[(at + 1)..].Trim().TrimEnd('.', '>').ToLowerInvariant() : null;

    /// <summary>The host of a link ("https://x.example/a", "www.x.example"), lower case, or null.</summary>
    public static string? HostOf(string link)
    {
        var candidate = link.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? "https://" + link : link;
        return Uri.TryCreate(candidate.TrimEnd('.', ',', ';', ':', '!', '?', ')'), UriKind.Absolute, out var uri) && uri.Host.Length > 0
            ? uri.Host.ToLowerInvariant()
            : null;
    }
}
