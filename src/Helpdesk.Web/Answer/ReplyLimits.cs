namespace Helpdesk.Web.Answer;

/// <summary>
/// How long a reply typed in the console may be, and the connection size that follows from it. The editor sends its
/// whole text to the server on every input event, through SignalR, whose default message limit (32 KB) dropped the
/// circuit (and the reply with it) somewhere between 16,000 and 20,000 characters. The limit is stated in the README.
/// </summary>
public static class ReplyLimits
{
    /// <summary>
    /// The longest reply the desk sends: 60,000 characters, about 25 printed pages. Longer text stays in the browser
    /// (answer.js holds it back from the connection) and the page says why it cannot go.
    /// </summary>
    public const int MaxCharacters = 60_000;

    /// <summary>
    /// SignalR's limit on one message from the browser. A character costs at most 8 bytes in Blazor's event message
    /// (a quote is escaped twice: inside the event's JSON and again inside the hub message; a control character as
    /// \u00XX), plus room for the rest of the message.
    /// </summary>
    public const long MaxReceiveMessageBytes = MaxCharacters * 8L + 32 * 1024;

    /// <summary>The sentence shown when a reply is over the limit; nothing is sent and the text stays in the box.</summary>
    public static string TooLong(int length) =>
        $"Nothing was sent: this reply is {length:N0} characters long, and a reply can be at most {MaxCharacters:N0} characters "
        + "(about 25 printed pages). Your text is still in the box and kept in this browser: shorten it, then send again.";
}
