namespace Helpdesk.Mail.Mime;

/// <summary>
/// The defects a message can carry, as stable snake_case codes (they appear in `helpdesk parse` output and in
/// stored tickets, so a code never changes meaning). A message with defects was still read as well as possible.
/// </summary>
public static class MimeDefects
{
    public const string MboxFromLine = "mbox_from_line";
    public const string MissingHeaderBodySeparator = "missing_header_body_separator";
    public const string InvalidHeaderLine = "invalid_header_line";
    public const string TooManyHeaders = "too_many_headers";
    public const string HeaderTooLong = "header_too_long";
    public const string NoHeaders = "no_headers";
    public const string InvalidContentType = "invalid_content_type";
    public const string MissingParameterSeparator = "missing_parameter_separator";
    public const string InvalidParameter = "invalid_parameter";
    public const string UnterminatedQuotedString = "unterminated_quoted_string";
    public const string MissingBoundaryParameter = "missing_boundary_parameter";
    public const string BoundaryNotFound = "boundary_not_found";
    public const string MissingCloseBoundary = "missing_close_boundary";
    public const string TruncatedHeaders = "truncated_headers";
    public const string TooDeep = "too_deep";
    public const string TooManyParts = "too_many_parts";
    public const string InvalidBase64 = "invalid_base64";
    public const string InvalidQuotedPrintable = "invalid_quoted_printable";
    public const string UnknownTransferEncoding = "unknown_transfer_encoding";
    public const string UnknownCharset = "unknown_charset";
    public const string InvalidDate = "invalid_date";
    public const string InvalidAddress = "invalid_address";
    public const string InvalidMessageId = "invalid_message_id";
    public const string EmptyMessage = "empty_message";
    public const string NulBytes = "nul_bytes";
}
