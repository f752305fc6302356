using Helpdesk.Mail.Tests.Replay;
using Helpdesk.Mail.Transport;

namespace Helpdesk.Mail.Tests.Transport;

/// <summary>The opening every scripted session shares: greeting, AUTHENTICATE PLAIN, MailKit's LISTs, SELECT INBOX.</summary>
internal static class ImapScripts
{
    public const string User = "support@example.test";
    public const string Password = "support-pass";

    /// <summary>base64 of "\0support@example.test\0support-pass".</summary>
    public const string PlainResponse = "AHN1cHBvcnRAZXhhbXBsZS50ZXN0AHN1cHBvcnQtcGFzcw==";

    public const string Dovecot = "IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE UIDPLUS MOVE LITERAL+";

    /// <summary>Microsoft Exchange 2013/2016: UIDPLUS but no MOVE.</summary>
    public const string Exchange2016 = "IMAP4 IMAP4rev1 AUTH=PLAIN UIDPLUS CHILDREN IDLE LITERAL+";

    /// <summary>Logged in, INBOX selected with the given EXISTS / UIDVALIDITY / UIDNEXT.</summary>
    public static string Open(string capabilities, int exists = 3, uint uidValidity = 17, uint uidNext = 4, string greeting = "Dovecot ready.", string? processed = null) => $$"""
        {{Login(capabilities, greeting)}}
        {{Namespaces}}
        {{(processed is null ? "" : $$"""
        C: LIST "" {{processed}}
        S: * LIST (\HasNoChildren) "/" {{processed}}
        S: {tag} OK List completed.
        """)}}
        {{Select(exists, uidValidity, uidNext)}}
        """;

    /// <summary>Greeting and AUTHENTICATE PLAIN with an initial response; the server then has <paramref name="capabilities"/>.</summary>
    public static string Login(string capabilities, string greeting = "Dovecot ready.") => $$"""
        S: * OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN] {{greeting}}
        C: AUTHENTICATE PLAIN {{PlainResponse}}
        S: {tag} OK [CAPABILITY {{capabilities}}] Logged in
        """;

    /// <summary>What MailKit asks right after signing in when NAMESPACE is missing: the personal namespace, then INBOX.</summary>
    public const string Namespaces = """
        C: LIST "" ""
        S: * LIST (\Noselect) "/" ""
        S: {tag} OK List completed.
        C: LIST "" "INBOX"
        S: * LIST (\HasNoChildren) "/" INBOX
        S: {tag} OK List completed.
        """;

    public static string Select(int exists = 3, uint uidValidity = 17, uint uidNext = 4) => $$"""
        C: SELECT INBOX
        S: * FLAGS (\Answered \Flagged \Deleted \Seen \Draft)
        S: * OK [PERMANENTFLAGS (\Answered \Flagged \Deleted \Seen \Draft \*)] Flags permitted.
        S: * {{exists}} EXISTS
        S: * 0 RECENT
        S: * OK [UIDVALIDITY {{uidValidity}}] UIDs valid
        S: * OK [UIDNEXT {{uidNext}}] Predicted next UID
        S: {tag} OK [READ-WRITE] Select completed.
        """;

    public static Task<ImapMailboxSession> OpenAsync(ImapScriptServer server, string? processed = null, Action<string>? alert = null, Action<string>? log = null) =>
        ImapMailboxSession.OpenAsync(new MailServerEndpoint("127.0.0.1", server.Port, MailServerSecurity.None) { Timeout = TimeSpan.FromSeconds(10) },
            new MailCredentials(User, Password), "INBOX", processed, alert, log);
}
