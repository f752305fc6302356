namespace Helpdesk.Mail.CustomerWords;

/// <summary>What a separator line above old text announces.</summary>
internal enum SeparatorKind
{
    None,

    /// <summary>"-----Original Message-----", "-------- Ursprüngliche Nachricht --------", "原始邮件" ...: a reply's quote (or a forward when the subject says so).</summary>
    Original,

    /// <summary>"---------- Forwarded message ---------", "Begin forwarded message:" ...: a forward, whatever the subject.</summary>
    Forward,
}

/// <summary>
/// Separator lines clients write above quoted or forwarded mail, in each language the corpus covers:
/// dashed titles (Outlook, Thunderbird, Samsung, Gmail, Foxmail) and Apple's "Begin forwarded message:".
/// </summary>
internal static class Separators
{
    private static readonly string[] OriginalTitles =
    [
        "original message", "ursprüngliche nachricht", "originalnachricht", "message d'origine", "message d’origine",
        "message original", "mensaje original", "oorspronkelijk bericht", "origineel bericht", "messaggio originale",
        "mensagem original", "oryginalna wiadomość", "wiadomość oryginalna", "ursprungligt meddelande", "originalmeddelande",
        "alkuperäinen viesti", "opprinnelig melding", "oprindelig meddelelse", "original meddelelse", "исходное сообщение",
        "オリジナルメッセージ", "元のメッセージ", "原始邮件", "原始郵件", "原始信件", "reply message", "original email",
    ];

    private static readonly string[] ForwardTitles =
    [
        "forwarded message", "forwarded email", "forwarded e-mail", "weitergeleitete nachricht", "message transféré",
        "message réexpédié", "mensaje reenviado", "doorgestuurd bericht", "messaggio inoltrato", "mensagem encaminhada",
        "mensagem reencaminhada", "przekazana wiadomość", "vidarebefordrat meddelande", "välitetty viesti",
        "videresendt melding", "videresendt besked", "videresendt meddelelse", "пересылаемое сообщение",
        "пересланное сообщение", "転送されたメッセージ", "転送メッセージ", "转发的邮件", "转发的消息", "轉寄的郵件", "转发邮件",
    ];

    // Apple Mail and others: a plain line ending in a colon, no dashes.
    private static readonly string[] BeginForward =
    [
        "begin forwarded message", "anfang der weitergeleiteten nachricht", "début du message réexpédié", "début du message transféré",
        "inicio del mensaje reenviado", "begin doorgestuurd bericht", "inizio messaggio inoltrato", "início da mensagem reencaminhada",
        "início da mensagem encaminhada", "początek przekazywanej wiadomości", "vidarebefordrat brev", "välitetty viesti alkaa",
        "videresendt melding", "start på videresendt besked", "начало переадресованного сообщения", "転送されたメッセージ",
        "以下是转发的邮件", "转发的邮件", "original message follows",
    ];

    /// <summary>The kind of separator <paramref name="line"/> is (leading "&gt;" quote marks ignored).</summary>
    public static SeparatorKind Kind(string line)
    {
        var t = line.AsSpan().TrimStart(" \t>").TrimEnd();
        if (t.Length is < 8 or > 120)
            return SeparatorKind.None;
        if (t[0] is '-' or '_' or '=' or '*')
        {
            var title = t.Trim(" \t-_=*\u00a0").ToString().Replace("&nbsp;", " ", StringComparison.Ordinal).Trim().TrimEnd(':').Trim().ToLowerInvariant();
            if (title.Length == 0 || t.Length - title.Length < 4)
                return SeparatorKind.None;
            if (Array.IndexOf(ForwardTitles, title) >= 0)
                return SeparatorKind.Forward;
            if (Array.IndexOf(OriginalTitles, title) >= 0)
                return SeparatorKind.Original;
            return SeparatorKind.None;
        }
        if (t[^1] is ':' or '：')
        {
            var title = t[..^1].Trim().ToString().ToLowerInvariant();
            if (Array.IndexOf(BeginForward, title) >= 0)
                return SeparatorKind.Forward;
        }
        return SeparatorKind.None;
    }

    /// <summary>A line that is only a rule: dashes, underscores, equals signs (spaced or not), at least eight of them.</summary>
    public static bool IsRule(string line)
    {
        var t = line.AsSpan().Trim();
        if (t.Length < 8)
            return false;
        var marks = 0;
        foreach (var c in t)
        {
            if (c is '-' or '_' or '=' or '*' or '~' or '—' or '–')
                marks++;
            else if (c != ' ')
                return false;
        }
        return marks >= 8;
    }
}
