using Helpdesk.Mail.Net;

namespace Helpdesk.Mail.Imap;

/// <summary>Where an IMAP server listens: host, port, security and an optional pinned certificate.</summary>
public sealed record ImapEndpoint(string Host, int Port, MailSecurity Security, CertificatePin? PinnedCertificate = null)
{
    public override string ToString() => $"imap://{Host}:{Port} ({Security})";
}

/// <summary>User name and password. <see cref="ImapClient.AuthenticateAsync(ImapCredentials, CancellationToken)"/>
/// prefers AUTHENTICATE PLAIN and falls back to LOGIN.</summary>
public sealed record ImapCredentials(string UserName, string Password)
{
    // Records print their members; a password must never reach a log.
    public override string ToString() => $"{UserName} (password hidden)";
}

/// <summary>
/// A mailbox as SELECT/EXAMINE reported it. A different <see cref="UidValidity"/> than the one stored with a UID
/// cursor means every stored UID is meaningless for this mailbox now.
/// </summary>
/// <param name="Name">The mailbox name as the caller gave it.</param>
/// <param name="UidValidity">UIDVALIDITY; 0 if the server did not send one (then UIDs cannot be trusted across sessions).</param>
/// <param name="UidNext">UIDNEXT, the UID the next message will get at least; null if the server did not send it.</param>
/// <param name="Exists">Number of messages in the mailbox.</param>
/// <param name="ReadOnly">True after EXAMINE or when the server granted read-only access.</param>
public sealed record ImapMailboxState(string Name, uint UidValidity, uint? UidNext, int Exists, bool ReadOnly);

/// <summary>One message from UID FETCH: the raw RFC 5322 bytes exactly as stored on the server.</summary>
/// <param name="Uid">The message's UID.</param>
/// <param name="Size">RFC822.SIZE as the server reported it (Exchange estimates it: trust <see cref="Raw"/>'s length).</param>
/// <param name="Flags">System flags (\Seen...) and keywords.</param>
/// <param name="InternalDate">When the server received the message; null if not sent.</param>
/// <param name="Raw">The whole message. The array behind it belongs to the caller; empty when the server sent NIL.</param>
public sealed record ImapFetchedMessage(uint Uid, long Size, IReadOnlyList<string> Flags, DateTimeOffset? InternalDate,
    ReadOnlyMemory<byte> Raw)
{
    /// <summary>True when the flags contain <paramref name="flag"/> (case-insensitive, e.g. "\Seen").</summary>
    public bool HasFlag(string flag) => Flags.Any(f => string.Equals(f, flag, StringComparison.OrdinalIgnoreCase));
}

/// <summary>Why <see cref="ImapClient.WaitForNewMailAsync"/> returned.</summary>
public enum ImapWakeReason
{
    /// <summary>The mailbox has more messages than before (an untagged EXISTS grew the count).</summary>
    NewMail,

    /// <summary>The wait ran out without new mail (messages may have been expunged meanwhile).</summary>
    TimedOut,
}

/// <summary>The outcome of waiting for new mail, with the mailbox's message count afterwards.</summary>
public sealed record ImapWaitResult(ImapWakeReason Reason, int Exists);

/// <summary>Well-known flag names.</summary>
public static class ImapFlags
{
    public const string Seen = "\\Seen";
    public const string Answered = "\\Answered";
    public const string Flagged = "\\Flagged";
    public const string Deleted = "\\Deleted";
    public const string Draft = "\\Draft";
    public const string Recent = "\\Recent";
}

/// <summary>A server [ALERT]: the status it came with (OK, NO, BAD...) and the words meant for a person.</summary>
public sealed class ImapAlertEventArgs(ImapStatus status, string text) : EventArgs
{
    public ImapStatus Status { get; } = status;

    public string Text { get; } = text;
}
