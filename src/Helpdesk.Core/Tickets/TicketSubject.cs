using System.Text.RegularExpressions;

namespace Helpdesk.Core.Tickets;

/// <summary>The subject line of what the desk sends back on a ticket: "Re: &lt;the customer's subject&gt; [#N]".</summary>
public static partial class TicketSubject
{
    /// <summary>
    /// Drops earlier "[#N]" tokens and "Re:"/"AW:" prefixes so they do not pile up, then adds one of each.
    /// <paramref name="fallback"/> stands in for an empty subject.
    /// </summary>
    public static string ForReply(string subject, long ticketNumber, string fallback)
    {
        var s = TicketToken().Replace(subject, "").Trim();
        while (s.StartsWith("Re:", StringComparison.OrdinalIgnoreCase) || s.StartsWith("AW:", StringComparison.OrdinalIgnoreCase))
            s = s[3..].TrimStart();
        return $"Re: {(s.Length == 0 ? fallback : s)} [#{ticketNumber}]";
    }

    [GeneratedRegex(@"\s*\[#\d+\]")]
    private static partial Regex TicketToken();
}
