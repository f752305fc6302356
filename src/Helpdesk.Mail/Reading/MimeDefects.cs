namespace Helpdesk.Mail.Reading;

/// <summary>
/// The defects a message can carry, as stable kebab-case codes (they appear in `helpdesk parse` output and in
/// stored tickets, so a code never changes meaning). A message with defects was still read as well as possible.
/// </summary>
public static class MimeDefects
{
    public const string MboxFromLine = "mbox-from-line";
    public const string MissingHeaderBodySeparator = "missing-header-body-separator";
    public const string InvalidHeaderLine = "invalid-header-line";
    public const string TooManyHeaders = "too-many-headers";
    public const string HeaderTooLong = "header-too-long";
    public const string NoHeaders = "no-headers";
    public const string InvalidContentType = "invalid-content-type";
    public const string MissingParameterSeparator = "missing-parameter-separator";
    public const string InvalidParameter = "invalid-parameter";
    public const string UnterminatedQuotedString = "unterminated-quoted-string";
    public const string MissingBoundaryParameter = "missing-boundary-parameter";
    public const string BoundaryNotFound = "boundary-not-found";
    public const string BoundaryMismatch = "boundary-mismatch";
    public const string MissingCloseBoundary = "missing-final-boundary";
    public const string TruncatedHeaders = "truncated-headers";
    public const string TooDeep = "too-deep";
    public const string TooManyParts = "too-many-parts";
    public const string InvalidBase64 = "base64-garbage";
    public const string InvalidQuotedPrintable = "invalid-quoted-printable";
    public const string UnknownTransferEncoding = "unknown-transfer-encoding";
    public const string UnknownCharset = "unknown-charset";
    public const string InvalidDate = "invalid-date";
    public const string InvalidAddress = "invalid-address";
    public const string InvalidMessageId = "invalid-message-id";
    public const string EmptyMessage = "empty-message";
    public const string NulBytes = "nul-bytes";
    public const string TextTruncated = "text-truncated";
    public const string TnefNotDecoded = "tnef-not-decoded";
}
