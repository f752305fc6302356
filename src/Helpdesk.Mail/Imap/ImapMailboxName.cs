using System.Text;

namespace Helpdesk.Mail.Imap;

/// <summary>Mailbox names on the wire: modified UTF-7 (RFC 3501 section 5.1.3) for anything beyond ASCII.</summary>
internal static class ImapMailboxName
{
    public static string Encode(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var encoded = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length;)
        {
            var c = name[i];
            if (c is >= ' ' and <= '~')
            {
                encoded.Append(c == '&' ? "&-" : c);
                i++;
                continue;
            }

            // A run of other characters: UTF-16BE, base64 with ',' for '/', no padding, between '&' and '-'.
            var start = i;
            while (i < name.Length && name[i] is < ' ' or > '~')
            {
                i++;
            }

            var utf16 = Encoding.BigEndianUnicode.GetBytes(name, start, i - start);
            encoded.Append('&').Append(Convert.ToBase64String(utf16).TrimEnd('=').Replace('/', ',')).Append('-');
        }

        return encoded.ToString();
    }
}
