using System.Text;
using System.Text.RegularExpressions;
using MimeKit;
using MimeKit.Utils;

namespace Helpdesk.Mail.Reading;

/// <summary>
/// Header text as a mail client shows it. MimeKit decodes encoded words (RFC 2047) where the RFC allows them;
/// senders also glue them to other text ("Re:=?UTF-8?Q?...?=") or to each other, and put them inside
/// parentheses and quotes. What MimeKit left encoded is decoded here, adjacent words together so a character
/// split across two of them is joined.
/// </summary>
internal static partial class HeaderText
{
    public static string Decode(string? value, ParserOptions options)
    {
        if (string.IsNullOrEmpty(value) || !value.Contains("=?", StringComparison.Ordinal))
            return value ?? "";
        return EncodedRun().Replace(value, m =>
        {
            // One space between the words: MimeKit then drops it and joins the words' bytes before decoding.
            var words = EncodedWord().Matches(m.Value).Select(w => w.Value);
            var text = string.Join(' ', words);
            return Rfc2047.DecodeText(options, Encoding.ASCII.GetBytes(text));
        });
    }

    [GeneratedRegex(@"=\?[^?\s]+\?[bBqQ]\?[^?\s]*\?=")]
    private static partial Regex EncodedWord();

    [GeneratedRegex(@"=\?[^?\s]+\?[bBqQ]\?[^?\s]*\?=(?:\s*=\?[^?\s]+\?[bBqQ]\?[^?\s]*\?=)*")]
    private static partial Regex EncodedRun();
}
