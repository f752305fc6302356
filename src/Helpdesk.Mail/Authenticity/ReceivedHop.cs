using System.Net;
using System.Text.RegularExpressions;
using MimeKit;

namespace Helpdesk.Mail.Authenticity;

/// <summary>
/// The connecting IP as the desk's own receiving server wrote it: the topmost Received header whose "by" names that
/// server. Received headers below it were written by whoever sent the mail and can say anything.
/// </summary>
internal static partial class ReceivedHop
{
    public static IPAddress? ClientAddress(HeaderList headers, string receivingHost)
    {
        foreach (var header in headers.Where(h => h.Id == HeaderId.Received))
        {
            var value = header.Value;
            var by = By().Match(value);
            if (!by.Success || !by.Groups[1].Value.Equals(receivingHost, StringComparison.OrdinalIgnoreCase)) continue;
            var from = FromClause().Match(value);
            if (!from.Success) return null;
            var ip = Bracketed().Match(from.Value);
            var text = ip.Success ? ip.Groups[1].Value : null;
            if (text is not null && text.StartsWith("IPv6:", StringComparison.OrdinalIgnoreCase)) text = text[5..];
            return text is not null && IPAddress.TryParse(text, out var address) ? address : null;
        }
        return null;
    }

    [GeneratedRegex(@"\bby\s+([^\s;()]+)", RegexOptions.IgnoreCase)]
    private static partial Regex By();

    [GeneratedRegex(@"^\s*from\s+.*?(?=\bby\s)", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex FromClause();

    [GeneratedRegex(@"\[((?:IPv6:)?[0-9A-Fa-f:.]+)\]")]
    private static partial Regex Bracketed();
}
