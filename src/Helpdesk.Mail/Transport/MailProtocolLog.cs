using System.Text;
using MailKit;

namespace Helpdesk.Mail.Transport;

/// <summary>
/// MailKit's protocol log, turned into short lines for the desk's logging ("C: A0003 UID FETCH ...", "S: * 5 EXISTS").
/// Credentials never get through: from a LOGIN or AUTHENTICATE command until the server's tagged answer to it, every
/// client write (the command's arguments, a password sent as a literal, each SASL response) is logged as the command
/// word and "********" only. This does not depend on MailKit's own secret detector, which only marks what it knows.
/// Server writes are cut to <see cref="MaxLineLength"/> characters: message bodies are customers' words and have no
/// place in a debug log.
/// </summary>
public sealed class MailProtocolLog(Action<string> write) : IProtocolLogger
{
    public const int MaxLineLength = 160;

    public const string Redacted = "********";

    private string? _secretsUntilTag;

    /// <summary>Set by MailKit; kept because the interface asks for it, not relied on (see the class comment).</summary>
    public IAuthenticationSecretDetector? AuthenticationSecretDetector { get; set; }

    public void LogConnect(Uri uri) => write($"connected to {uri}");

    public void LogClient(byte[] buffer, int offset, int count)
    {
        var text = Encoding.UTF8.GetString(buffer, offset, count);
        if (_secretsUntilTag is not null)
        {
            write("C: " + Redacted);
            return;
        }
        var parts = text.Split(' ', 3);
        if (parts.Length >= 2 && (parts[1].Equals("LOGIN", StringComparison.OrdinalIgnoreCase) || parts[1].Equals("AUTHENTICATE", StringComparison.OrdinalIgnoreCase)))
        {
            _secretsUntilTag = parts[0] + " ";
            write($"C: {parts[0]} {parts[1].ToUpperInvariant()} {Redacted}");
            return;
        }
        write("C: " + Shorten(text));
    }

    public void LogServer(byte[] buffer, int offset, int count)
    {
        var text = Encoding.UTF8.GetString(buffer, offset, count);
        if (_secretsUntilTag is { } tag && ContainsLineStartingWith(text, tag)) _secretsUntilTag = null;
        write("S: " + Shorten(text));
    }

    private static bool ContainsLineStartingWith(string text, string start) =>
        text.StartsWith(start, StringComparison.Ordinal) || text.Contains("\n" + start, StringComparison.Ordinal);

    private static string Shorten(string text)
    {
        var line = text.AsSpan().TrimEnd("\r\n");
        var end = line.IndexOfAny('\r', '\n');
        var first = end < 0 ? line : line[..end];
        var more = text.Length - first.Length;
        if (first.Length > MaxLineLength) { more += first.Length - MaxLineLength; first = first[..MaxLineLength]; }
        return more > 2 ? $"{first} (+{more} chars)" : first.ToString();
    }

    public void Dispose() { }
}
