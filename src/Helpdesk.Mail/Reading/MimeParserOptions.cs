using System.Text;
using MimeKit;

namespace Helpdesk.Mail.Reading;

/// <summary>
/// Limits and fallbacks for reading mail. Every limit protects the desk from hostile or broken input:
/// when one is reached the parser keeps going in a degraded way and lists a defect, except
/// <see cref="MaxMessageSize"/>, which throws <see cref="MessageTooLargeException"/>.
/// </summary>
public sealed class MimeParserOptions
{
    /// <summary>The defaults, used when no options are given.</summary>
    public static MimeParserOptions Default { get; } = new();

    /// <summary>
    /// How deep multiparts and attached messages may nest. Default 32: real clients rarely go past 6
    /// (a forward of a reply with a signed, related, alternative body); deeper parts are kept as opaque leaves.
    /// </summary>
    public int MaxDepth { get; init; } = 32;

    /// <summary>
    /// Header fields of the message read. Default 1,000: a message that has crossed many relays carries a few
    /// hundred Received fields at most; the rest are dropped before MimeKit parses (each field costs parsing and
    /// every header look-up), with the <see cref="MimeDefects.TooManyHeaders"/> defect.
    /// </summary>
    public int MaxHeaderCount { get; init; } = 1_000;

    /// <summary>Entities the reader looks at in one message, all levels counted. Default 1,000; past it the rest are skipped.</summary>
    public int MaxPartCount { get; init; } = 1_000;

    /// <summary>
    /// Bytes in one raw message. Default 64 MiB, above what common providers accept (25-50 MB after encoding).
    /// Larger input throws <see cref="MessageTooLargeException"/>: the caller decides what to do with it.
    /// </summary>
    public long MaxMessageSize { get; init; } = 64L * 1024 * 1024;

    /// <summary>
    /// Characters of body text given to the visible-text and machine-mail heuristics. Default 256 Ki chars:
    /// a customer's new words fit many times over, and the line scans stay bounded on huge text parts.
    /// </summary>
    public int MaxTextLength { get; init; } = 256 * 1024;

    /// <summary>
    /// Characters of text decoded from one body part. Default 1 Mi (about 500 printed pages): a customer's message
    /// with a pasted log still fits; a longer part is cut at a line break and the message gets the
    /// <see cref="MimeDefects.TextTruncated"/> defect. Attachments are not affected.
    /// </summary>
    public int MaxPartTextLength { get; init; } = 1024 * 1024;

    /// <summary>
    /// Charset for 8-bit text that declares none (or declares one that is unknown) and is not valid UTF-8.
    /// Default windows-1252, which is what such mail almost always turns out to be.
    /// </summary>
    public string FallbackCharset { get; init; } = "windows-1252";

    internal Encoding FallbackEncoding => TextCharsets.Find(FallbackCharset) ?? TextCharsets.Windows1252;

    /// <summary>MimeKit's parser options for these limits (built once per reader).</summary>
    internal ParserOptions ToParserOptions()
    {
        var options = ParserOptions.Default.Clone();
        options.MaxMimeDepth = MaxDepth;
        // Mail in the wild breaks the RFCs; the desk reads what a mail client would show.
        options.AddressParserComplianceMode = RfcComplianceMode.Looser;
        options.ParameterComplianceMode = RfcComplianceMode.Looser;
        options.Rfc2047ComplianceMode = RfcComplianceMode.Loose; // Loose decodes words glued to text; Looser does not
        options.AllowAddressesWithoutDomain = true;
        return options;
    }
}

/// <summary>The raw message is larger than <see cref="MimeParserOptions.MaxMessageSize"/>.</summary>
public sealed class MessageTooLargeException(long limit)
    : Exception($"The message is larger than the limit of {limit} bytes.")
{
    /// <summary>The limit that was exceeded, in bytes.</summary>
    public long Limit { get; } = limit;
}
