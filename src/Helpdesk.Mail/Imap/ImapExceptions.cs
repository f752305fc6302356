namespace Helpdesk.Mail.Imap;

/// <summary>
/// The connection or the conversation is broken (I/O error, timeout, BYE, unparsable or oversized response, TLS
/// failure). The client cannot be used any more: dispose it and connect again.
/// </summary>
public class ImapProtocolException : Exception
{
    public ImapProtocolException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>The server's own words when it said them (the text of a BYE), else null.</summary>
    public string? ServerText { get; init; }
}

/// <summary>
/// The server answered a command with NO or BAD. The session is intact and the next command may be sent.
/// </summary>
public class ImapCommandException : Exception
{
    public ImapCommandException(string command, ImapStatus status, string? responseCode, string serverText)
        : base($"{command} failed: {status}{(responseCode is null ? "" : " [" + responseCode + "]")} {serverText}")
    {
        Command = command;
        Status = status;
        ResponseCode = responseCode;
        ServerText = serverText;
    }

    /// <summary>The command name (never its arguments, which may hold a password).</summary>
    public string Command { get; }

    /// <summary>NO or BAD.</summary>
    public ImapStatus Status { get; }

    /// <summary>The response code without brackets, e.g. "TRYCREATE", "AUTHENTICATIONFAILED", or null.</summary>
    public string? ResponseCode { get; }

    /// <summary>The human-readable text the server sent.</summary>
    public string ServerText { get; }
}

/// <summary>LOGIN or AUTHENTICATE was refused: the credentials (or the account) are wrong; retrying will not help.</summary>
public sealed class ImapAuthenticationException(string command, ImapStatus status, string? responseCode, string serverText)
    : ImapCommandException(command, status, responseCode, serverText);

/// <summary>Status of a completed command or an untagged status response.</summary>
public enum ImapStatus
{
    Ok,
    No,
    Bad,
    PreAuth,
    Bye,
}
