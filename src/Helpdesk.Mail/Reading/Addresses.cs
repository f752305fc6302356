using Helpdesk.Mail.Mime;
using MimeKit;

namespace Helpdesk.Mail.Reading;

/// <summary>MimeKit's address lists as the desk's <see cref="EmailAddress"/>: groups flattened to their members.</summary>
internal static class Addresses
{
    public static IReadOnlyList<EmailAddress> All(InternetAddressList list)
    {
        if (list.Count == 0)
            return [];
        var result = new List<EmailAddress>(list.Count);
        foreach (var mailbox in list.Mailboxes)
        {
            var address = mailbox.Address?.Trim();
            if (string.IsNullOrEmpty(address))
                continue;
            var name = mailbox.Name?.Trim();
            result.Add(new EmailAddress(string.IsNullOrEmpty(name) ? null : name, address));
        }
        return result;
    }

    public static EmailAddress? First(InternetAddressList list) => All(list) is { Count: > 0 } all ? all[0] : null;

    public static EmailAddress? First(MailboxAddress? mailbox) =>
        mailbox is null || string.IsNullOrWhiteSpace(mailbox.Address) ? null
            : new EmailAddress(string.IsNullOrWhiteSpace(mailbox.Name) ? null : mailbox.Name.Trim(), mailbox.Address.Trim());

    /// <summary>The first mailbox of a field; a field that has words but no mailbox is an <see cref="MimeDefects.InvalidAddress"/>.</summary>
    public static EmailAddress? First(InternetAddressList list, HeaderList headers, string field, List<string> defects)
    {
        var first = First(list);
        if (first is null && !string.IsNullOrWhiteSpace(headers[field]))
            defects.Add(MimeDefects.InvalidAddress);
        return first;
    }

    /// <summary>Mailboxes in a header value written as text (a forwarded message's "From:" line).</summary>
    public static IReadOnlyList<EmailAddress> Parse(string? value) =>
        !string.IsNullOrWhiteSpace(value) && InternetAddressList.TryParse(Lenient, value, out var list) ? All(list) : [];

    private static readonly ParserOptions Lenient = MimeParserOptions.Default.ToParserOptions();
}
