using Helpdesk.Core.Tickets;

namespace Helpdesk.Web.Answer;

/// <summary>One plain badge on a customer's message: its words, its tone (success, danger, secondary) and the reason behind it.</summary>
public sealed record SenderBadge(string Kind, string Text, string Tone, string? Title);

/// <summary>
/// The words of the sender badges, from what intake stored on the message: whether the From domain really sent it, a
/// lookalike host, and for a forwarded mail whether it was ours. Plain sentences an agent needs no training for.
/// </summary>
public static class SenderBadges
{
    public static IReadOnlyList<SenderBadge> For(TicketMessage message)
    {
        var badges = new List<SenderBadge>();
        if (message.Direction != MessageDirection.Inbound || message.SenderVerdict is null) return badges;
        var domain = message.SenderDomain ?? "the sender's domain";
        badges.Add(message.SenderVerdict switch
        {
            "pass" => new SenderBadge("sender", $"Sent by {domain}, verified", "success", message.SenderReason),
            "fail" when message.SenderClaimsOwnDomain => new SenderBadge("sender", "Claims to be from us but is not", "danger", message.SenderReason),
            "fail" => new SenderBadge("sender", $"Claims to be from {domain} but is not", "danger", message.SenderReason),
            _ when message.SenderReason?.Contains("dns unavailable", StringComparison.Ordinal) == true =>
                new SenderBadge("sender", "Sender not checked (DNS unavailable)", "secondary", message.SenderReason),
            _ => new SenderBadge("sender", $"Sender {domain} not verified", "secondary", message.SenderReason),
        });
        if (message.LookalikeHost is { } host)
            badges.Add(new SenderBadge("lookalike", $"Lookalike domain: {host} imitates {LooksLike(message.LookalikeOf)}", "danger", message.LookalikeOf));
        switch (message.ForwardedFinding)
        {
            case "not_ours": badges.Add(new SenderBadge("forwarded", "Forwarded mail was not sent by us", "danger", null)); break;
            case "ours": badges.Add(new SenderBadge("forwarded", "Forwarded mail was our own notice", "success", null)); break;
            case "unknown": badges.Add(new SenderBadge("forwarded", "Forwarded mail: cannot tell if it was ours", "secondary", null)); break;
        }
        return badges;
    }

    // "meridian.example: added word 'support' (from)" -> "meridian.example"
    private static string LooksLike(string? lookalikeOf) =>
        lookalikeOf is { } s && s.IndexOf(':', StringComparison.Ordinal) is var colon and > 0 ? s[..colon] : "our domain";
}
