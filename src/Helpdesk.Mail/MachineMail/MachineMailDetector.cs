using System.Text.RegularExpressions;
using Helpdesk.Mail.CustomerWords;
using Helpdesk.Mail.Mime;
using MimeKit;

namespace Helpdesk.Mail.Reading;

/// <summary>
/// Decides whether a machine wrote a mail, in order of certainty: delivery reports (RFC 3464) and receipts
/// (RFC 8098) by structure; auto-replies by RFC 3834 Auto-Submitted and the vendor headers; challenge-response
/// filters and list mail by their headers; and when no header says anything, bounces and out-of-office notes
/// by their subject and (short) body in several languages.
/// </summary>
public static partial class MachineMailDetector
{
    /// <summary>
    /// Classifies a parsed message; <paramref name="text"/> is its body as text and <paramref name="visible"/> what
    /// <see cref="VisibleTextExtractor"/> made of it (used only by the body-only auto-reply rule).
    /// </summary>
    public static MachineMail Detect(MimeMessage message, EmailAddress? from, string subject, string text, VisibleTextResult? visible = null, MimeParserOptions? options = null)
    {
        var headers = message.Headers;
        var root = message.Body;
        var report = FindReport(root);
        if (report.DeliveryStatus is not null)
        {
            var recipients = DeliveryStatusParser.ParseDeliveryStatus(report.DeliveryStatus);
            var originalId = FindOriginalMessageId(root, text);
            var envelopeId = DeliveryStatusParser.OriginalEnvelopeId(report.DeliveryStatus) ?? DeliveryStatusParser.EnvelopeIdInText(text);
            var anyProblem = recipients.Count == 0 || recipients.Any(r => r.Action is null or "failed" or "delayed");
            if (!anyProblem)
                return new MachineMail(MachineMailKind.Receipt, "delivery-status report: delivered", null);
            return new MachineMail(MachineMailKind.Bounce, "delivery-status report", new BounceReport(recipients, originalId, envelopeId));
        }
        if (report.Disposition)
            return new MachineMail(MachineMailKind.Receipt, "disposition-notification report", null);
        if (ServiceNotification.Read(text) is { } notification)
            return notification;

        var fromAddress = from?.Address ?? "";
        var fromName = from?.Name ?? "";
        var isDaemon = DaemonSender().IsMatch(fromAddress) || DaemonName().IsMatch(fromName);
        var returnPathEmpty = headers["Return-Path"]?.Trim() is "<>" or "";
        var head = Prefix(text, 3000);
        var ownWords = visible?.VisibleText ?? text;
        var bounceSubject = BounceSubject().IsMatch(subject);
        if (bounceSubject || isDaemon)
        {
            var bounceBody = BounceBody().IsMatch(head);
            // A person's "my parcel could not be delivered" has a bounce-like subject and body too; a report names
            // an address or an SMTP status and asks nothing.
            var reportLike = bounceBody && !HeaderlessMachineMail.AsksAQuestion(ownWords) && (text.Contains('@') || SmtpStatus().IsMatch(head));
            if (bounceSubject && (isDaemon || returnPathEmpty || reportLike))
                return TextBounce(root, subject, text, head, $"Delivery report (subject '{Clip(subject)}'{(isDaemon ? " from " + fromAddress : "")})");
            if (isDaemon && bounceBody)
                return TextBounce(root, subject, text, head, $"Delivery report from {fromAddress}: '{HeaderlessMachineMail.Sentence(head, BounceBody().Match(head))}'");
        }
        // Servers that write their report as the first words of a plain mail (qmail, old Sendmail, Exchange and
        // Yahoo text reports), from any sender. A person forwarding one has it cut as a forward, and a person
        // writing "your message could not be delivered" to us asks something.
        var top = Prefix(text, 800);
        if (visible?.Forwarded is null && (returnPathEmpty || (!HeaderlessMachineMail.AsksAQuestion(ownWords) && !ForwardSubject().IsMatch(subject) && text.Contains('@')))
            && ReportHints.In(top, HintWords.HasNonAscii(top)) && BounceOpening().Match(top) is { Success: true } opening)
            return TextBounce(root, subject, text, head, $"Delivery report in the text: '{HeaderlessMachineMail.Sentence(text, opening)}'");

        if (ReadReceiptSubject().IsMatch(subject) || (ReceiptSubject().IsMatch(subject) && ReceiptBody().IsMatch(Prefix(text, 1500))))
            return new MachineMail(MachineMailKind.Receipt, "receipt subject: " + Clip(subject), null);

        // Challenge-response filters: by their headers or sender, or by text that names the mechanism (approved
        // senders, guest list, "verify you are a real person") and what happens to our mail (held, delivered once
        // confirmed). A customer quoting such a text has it cut from the visible words, so only those are read.
        var own = visible?.VisibleText ?? text;
        var ownPrefix = Prefix(own, 3000);
        if (headers.Contains("X-Challenge") || headers.Contains("X-Challenge-ID") || headers.Contains("X-Boxbe-Challenge")
            || headers["X-Delivery-Agent"]?.Contains("TMDA", StringComparison.OrdinalIgnoreCase) == true
            || ChallengeSender().IsMatch(fromAddress)
            || (ChallengeSubject().IsMatch(subject) && ChallengeBody().IsMatch(ownPrefix))
            || (MayNameChallengeMechanism(ownPrefix) && ChallengeMechanism().IsMatch(ownPrefix) && ChallengeDelivery().IsMatch(ownPrefix)))
            return new MachineMail(MachineMailKind.Challenge, ChallengeReason(headers, fromAddress, ownPrefix), null);

        if (AutoReplyHeader(headers) is { } headerReason)
        {
            // Lists and bulk senders also say Precedence: bulk; a List-Id makes it list mail.
            if (headerReason.StartsWith("Precedence", StringComparison.Ordinal) && IsList(headers) is { } listReason0)
                return new MachineMail(MachineMailKind.MailingList, listReason0, null);
            return new MachineMail(MachineMailKind.AutoReply, headerReason, null);
        }
        if (AutoReplySubject().IsMatch(subject))
            return new MachineMail(MachineMailKind.AutoReply, "auto-reply subject: " + Clip(subject), null);
        // "We have received your message" is also the desk's own acknowledgment subject, which customers answer:
        // only a subject that is not a reply counts.
        if (!ReplyPrefix().IsMatch(subject) && ReceivedSubject().IsMatch(subject))
            return new MachineMail(MachineMailKind.AutomaticReceipt, "receipt subject: " + Clip(subject), null);
        if (IsList(headers) is { } listReason)
            return new MachineMail(MachineMailKind.MailingList, listReason, null);
        // No header and no subject says so: the words decide, with a score (see HeaderlessMachineMail).
        if (HeaderlessMachineMail.Judge(subject, fromAddress, visible, text) is { } byWords)
            return byWords;
        return MachineMail.Person;
    }

    // Words every BounceOpening alternative contains, found in one vectorized pass before the regex runs.
    private static readonly HintWords ReportHints = new(
        "deliver", "qmail", "mail system", "fatal errors", "intended recipients", "mail delivery software", "mailbox is full", "original message was received", "zugestellt", "remis",
         "délivré", "entregar", "recapitato", "entregue", "bezorgd", "afgeleverd", "dostarczona", "levereras", "配信", "投递", "送达");

    /// <summary>"Re:", "AW:", "SV:", "回复:" ...: the subject answers another mail.</summary>
    internal static bool IsReplySubject(string subject) => ReplyPrefix().IsMatch(subject);

    private static MachineMail TextBounce(MimeEntity? root, string subject, string text, string head, string reason)
    {
        // Delays and full mailboxes are temporary unless the report also says permanent or gives a 5xx.
        var delayed = DelaySubject().IsMatch(subject) || WarningOnly().IsMatch(head) || (DelayBody().IsMatch(head) && !PermanentBody().IsMatch(head));
        var recipients = DeliveryStatusParser.ParseTextBounce(text, delayed ? "delayed" : "failed");
        var envelopeId = DeliveryStatusParser.EnvelopeIdInText(text);
        var kind = delayed ? "temporary" : recipients.Count > 0 && recipients.All(r => !r.Permanent) ? "temporary" : "permanent";
        if (recipients.Count > 0)
            reason += $"; {kind} for {string.Join(", ", recipients.Select(r => r.Address).Take(3))}";
        return new MachineMail(MachineMailKind.Bounce, reason, new BounceReport(recipients, FindOriginalMessageId(root, text), envelopeId));
    }

    private static string? AutoReplyHeader(HeaderList headers)
    {
        var autoSubmitted = headers["Auto-Submitted"]?.Trim();
        if (!string.IsNullOrEmpty(autoSubmitted) && !autoSubmitted.StartsWith("no", StringComparison.OrdinalIgnoreCase))
            return "Auto-Submitted: " + autoSubmitted.ToLowerInvariant();
        foreach (var name in (string[])["X-Autoreply", "X-Autorespond", "X-Autoresponder", "X-AutoReply-From", "X-Mail-Autoreply", "X-Autoresponse", "X-Vacation", "X-FC-MachineGenerated"])
        {
            var v = headers[name];
            if (v is not null && !v.Trim().Equals("no", StringComparison.OrdinalIgnoreCase) && !v.Trim().Equals("false", StringComparison.OrdinalIgnoreCase))
                return name + ": " + Clip(v.Trim());
        }
        if (headers["X-Autogenerated"]?.Contains("reply", StringComparison.OrdinalIgnoreCase) == true)
            return "X-Autogenerated: " + headers["X-Autogenerated"]!.Trim();
        if (headers["X-POST-MessageClass"]?.Contains("autoresponder", StringComparison.OrdinalIgnoreCase) == true)
            return "X-POST-MessageClass: " + headers["X-POST-MessageClass"]!.Trim();
        if (headers["Delivered-To"]?.Contains("autoresponder", StringComparison.OrdinalIgnoreCase) == true)
            return "Delivered-To: Autoresponder";
        // X-Auto-Response-Suppress is not among these: it asks others not to auto-reply and Outlook puts it on
        // ordinary mail too.
        var precedence = (headers["Precedence"] ?? headers["X-Precedence"])?.Trim().ToLowerInvariant();
        if (precedence is "auto_reply" or "auto-reply" or "bulk" or "junk")
            return "Precedence: " + precedence;
        return null;
    }

    private static string? IsList(HeaderList headers)
    {
        if (headers["List-Id"] is { } id)
            return "List-Id: " + Clip(id.Trim());
        if (headers.Contains("Mailing-List") || headers.Contains("X-Mailing-List"))
            return "Mailing-List";
        var precedence = headers["Precedence"]?.Trim().ToLowerInvariant();
        if (precedence == "list")
            return "Precedence: list";
        if (headers.Contains("List-Unsubscribe") && precedence is "bulk" or "junk")
            return "List-Unsubscribe";
        return null;
    }

    private static string ChallengeReason(HeaderList headers, string fromAddress, string own)
    {
        foreach (var name in (string[])["X-Challenge", "X-Challenge-ID", "X-Boxbe-Challenge", "X-Delivery-Agent"])
            if (headers.Contains(name))
                return "Challenge-response filter (header " + name + ")";
        if (ChallengeSender().IsMatch(fromAddress))
            return "Challenge-response filter: sender " + fromAddress;
        var m = ChallengeMechanism().Match(own);
        if (!m.Success)
            m = ChallengeBody().Match(own);
        return m.Success ? $"Challenge-response filter: '{HeaderlessMachineMail.Sentence(own, m)}'" : "Challenge-response filter text";
    }

    private readonly record struct Report(MimeEntity? DeliveryStatus, bool Disposition);

    private static Report FindReport(MimeEntity? root)
    {
        MimeEntity? status = null;
        var disposition = false;
        // Only this message's own parts (four levels down): a bounce or receipt inside an attached (forwarded)
        // message is not ours. Recursion without a collection: almost every message has a handful of parts.
        if (root is not null)
            Visit(root, 0, ref status, ref disposition);
        return new Report(status, disposition);

        static void Visit(MimeEntity e, int depth, ref MimeEntity? status, ref bool disposition)
        {
            var t = e.ContentType;
            var subtype = t.MediaSubtype;
            if (t.MediaType.Equals("message", StringComparison.OrdinalIgnoreCase))
            {
                if (subtype.Equals("delivery-status", StringComparison.OrdinalIgnoreCase) || subtype.Equals("global-delivery-status", StringComparison.OrdinalIgnoreCase))
                    status ??= e;
                else if (subtype.Equals("disposition-notification", StringComparison.OrdinalIgnoreCase) || subtype.Equals("global-disposition-notification", StringComparison.OrdinalIgnoreCase))
                    disposition = true;
            }
            else if (e is Multipart && subtype.Equals("report", StringComparison.OrdinalIgnoreCase)
                && t.Parameters["report-type"]?.Equals("disposition-notification", StringComparison.OrdinalIgnoreCase) == true)
            {
                disposition = true;
            }
            // Last part first: the order the desk has always searched in (the first status found is kept).
            if (depth < 4 && e is Multipart multipart)
                for (var i = multipart.Count - 1; i >= 0; i--)
                    Visit(multipart[i], depth + 1, ref status, ref disposition);
        }
    }

    /// <summary>The Message-ID of the returned mail: from the attached message or headers, else from the text.</summary>
    internal static string? FindOriginalMessageId(MimeEntity? root, string text)
    {
        if (root is null)
            return null;
        foreach (var e in Parts.DescendantsAndSelf(root))
        {
            if (e != root && e is MessagePart { Message: { } attached } && attached.Headers[HeaderId.MessageId] is { } id)
                return MessageIds.One(id);
        }
        foreach (var e in Parts.DescendantsAndSelf(root))
        {
            if (e is TextPart part && e.ContentType.MediaType.Equals("text", StringComparison.OrdinalIgnoreCase))
            {
                // Latin-1, not TextPart.Text: a Message-ID is ASCII, which every charset but UTF-16 keeps, and Text on an
                // HTML part without a charset sniffs it with MimeKit's HTML tokenizer (whose entity table took 290 ms to
                // build on the first bounce a process read: the fuzz run's slowest mutant).
                var m = MessageIdLine().Match(e == root ? text : part.GetText(System.Text.Encoding.Latin1) ?? "");
                if (m.Success)
                    return MessageIds.One(m.Groups[1].Value);
            }
        }
        return null;
    }

    // A word every alternative of ChallengeMechanism holds, found by one vectorized search: a person's mail rarely
    // has one, and the regex (no literal prefix, run over 3,000 characters of every mail) costs far more. Compared
    // without case the search finds every place the regex can match (none of these words has a "k", the one
    // letter whose case the two compare differently, through the Kelvin sign).
    private static readonly System.Buffers.SearchValues<string> ChallengeMechanismWords = System.Buffers.SearchValues.Create(
        ["approv", "guest", "verif", "prove", "confirm", "challenge", "white", "allow", "captcha"], StringComparison.OrdinalIgnoreCase);

    internal static bool MayNameChallengeMechanism(string text) => text.AsSpan().IndexOfAny(ChallengeMechanismWords) >= 0;

    private static string Prefix(string s, int n) => s.Length <= n ? s : s[..n];

    private static string Clip(string s) => s.Length <= 120 ? s : s[..120];

    [GeneratedRegex(@"^(mailer-daemon|postmaster|mail-daemon|maildaemon|mailerdaemon|mdaemon|bounce|bounces|bounce[-+.][^@]*|mail\.delivery|mail-delivery|maildelivery|microsoftexchange[0-9a-f]*|mailer|nobody|root|smtp|mail-system)(@|$)", RegexOptions.IgnoreCase)]
    private static partial Regex DaemonSender();

    [GeneratedRegex(@"^(mail delivery (subsystem|system|service)|mailer[- ]daemon|postmaster|microsoft outlook|mail administrator|system administrator|mail system|yahoo! ?mail|postmaster-?service|e-?mail delivery (system|service))$", RegexOptions.IgnoreCase)]
    private static partial Regex DaemonName();

    // Built at run time with RegexOptions.Compiled: on real subjects this long unanchored alternation ran 4-6x slower
    // source-generated than compiled (docs/benchmarks.md, "Reading real mail: where the desk's time goes").
    private static readonly Regex BounceSubjectRegex = new(@"(undeliver|undelivered mail|delivery status notification|mail delivery failed|delivery failure|failure delivery|returned mail|returned to sender|failure notice|delivery has failed|message not delivered|not delivered:|could not be delivered|couldn't be delivered|delivery problem|delivery incomplete|delivery notification|non[- ]?delivery|nondeliverable|mail system error|delivery error|nicht zustellbar|unzustellbar|non remis|non distribuable|échec de (la )?remise|no se puede entregar|no entregado|onbestelbaar|niet afgeleverd|non recapitabile|mancata consegna|não entregue|não foi possível entregar|niedostarczon|nie dostarczono|kunde inte levereras|ej levererat|olevererbart|配信(不能|エラー|失敗)|送信エラー|退信|无法投递|投递失败|delayed mail|delivery delayed|delivery (status notification )?\(delay|warning: could not send|warning: message .{0,80} delayed|mailbox (is )?full|over quota|quota exceeded)", RegexOptions.IgnoreCase | RegexOptions.Compiled);
    private static Regex BounceSubject() => BounceSubjectRegex;

    [GeneratedRegex(@"(delay|verzögert|retard|retrasad|vertraagd|ritard|opóźnion|försenad|遅延|延迟)", RegexOptions.IgnoreCase)]
    private static partial Regex DelaySubject();

    [GeneratedRegex(@"(could not be delivered|couldn't be delivered|wasn't delivered|was not delivered|delivery to the following recipient|permanent (fatal )?error|user unknown|unknown user|mailbox (unavailable|not found|full|does not exist|is full)|over quota|quota exceeded|no such user|unable to deliver|recipient address rejected|address rejected|i'm sorry to have to inform you|i'm afraid i wasn't able to deliver|this is the qmail-send program|has not yet been delivered|delivery (has been |is )?delayed|delivery attempts will continue|will (continue to )?retry|host or domain name not found|konnte nicht zugestellt werden|n'a pas pu être (remis|délivré)|no se pudo entregar|kon niet worden (bezorgd|afgeleverd)|non è stato possibile recapitare|não pôde ser entregue|nie mogła zostać dostarczona|kunde inte levereras|配信できませんでした|无法投递|无法送达)", RegexOptions.IgnoreCase)]
    private static partial Regex BounceBody();

    // First words of a server's text report; only used near the top of a body.
    [GeneratedRegex(@"(hi\. this is the qmail-send program|the following addresses had permanent fatal errors|the following addresses had transient non-fatal errors|this message was created automatically by mail delivery software|delivery has failed to these recipients or groups|delivery to the following recipients? (failed|has been delayed|was delayed)|sorry, we were unable to deliver your message to the following address|this is an automatically generated delivery status notification|i'm sorry to have to inform you that your message could not|your message did not reach some or all of the intended recipients|this is the mail system at host|the original message was received at .{0,80}\bfrom\b|message delivery to .{1,100}? (failed|was delayed|has been delayed)|there was a (temporary )?problem delivering your message|your message (to .{1,100}? )?(couldn't|could not|wasn't|was not|cannot|can't) be delivered|your message (to .{1,100}? )?has not (yet )?been delivered|delivery of your message (to .{1,100}? )?has been delayed|the recipient's mailbox is full|message you sent .{0,100}? (couldn't|could not|wasn't) be delivered|ihre nachricht (an .{1,100}? )?konnte nicht zugestellt werden|votre message (à .{1,100}? )?n'a pas pu être (remis|délivré)|no se (ha )?pudo entregar (su|tu|el) mensaje|il (tuo |suo )?messaggio (a .{1,100}? )?non è stato recapitato|a (sua )?mensagem (para .{1,100}? )?não (pôde ser|foi) entregue|uw bericht (aan .{1,100}? )?kon niet worden (bezorgd|afgeleverd)|wiadomość (do .{1,100}? )?nie (mogła zostać|została) dostarczona|ditt meddelande (till .{1,100}? )?kunde inte levereras|メッセージを配信できませんでした|邮件无法(投递|送达))", RegexOptions.IgnoreCase)]
    private static partial Regex BounceOpening();

    [GeneratedRegex(@"(has not (yet )?been delivered|not yet delivered|delivery (has been |is )?delayed|was delayed|delivery attempts will continue|will (continue to )?(retry|try)|still (trying|retrying)|temporar(y|ily) (failure|problem|error|unavailable)|try again later|transient non-fatal|mailbox (is )?full|over quota|quota exceeded|insufficient (storage|space)|\b4\.\d{1,3}\.\d{1,3}\b|\b4[25]\d[ -])", RegexOptions.IgnoreCase)]
    private static partial Regex DelayBody();

    [GeneratedRegex(@"(permanent|(?<!non-)fatal error|gave up|giving up|could not be delivered|couldn't be delivered|wasn't delivered|unable to deliver|user unknown|no such user|does not exist|doesn't exist|couldn't be found|not found|\b5\.\d{1,3}\.\d{1,3}\b|\b55\d[ -])", RegexOptions.IgnoreCase)]
    private static partial Regex PermanentBody();

    [GeneratedRegex(@"(this is a warning (message )?only|you do not need to resend|no action is required on your part|will (continue to )?(retry|try|be retried)|delivery will continue to be attempted)", RegexOptions.IgnoreCase)]
    private static partial Regex WarningOnly();

    [GeneratedRegex(@"^\s*(fwd?|fw|wg|tr|rv|enc|i|doorst|vs|vb|转发|転送)\s*:", RegexOptions.IgnoreCase)]
    private static partial Regex ForwardSubject();

    // Built at run time with RegexOptions.Compiled: on real subjects this long unanchored alternation ran 4-6x slower
    // source-generated than compiled (docs/benchmarks.md, "Reading real mail: where the desk's time goes").
    private static readonly Regex ReceiptSubjectRegex = new(@"^\s*(read|gelesen|lu|leído|leido|gelezen|letto|lido|läst|læst)\s*:|read receipt|return receipt|lesebestätigung|accusé de lecture|confirmación de lectura|leesbevestiging|conferma di lettura|confirmação de leitura|^\s*(delivered|zugestellt|remis|entregado|bezorgd|recapitato|entregue)\s*:", RegexOptions.IgnoreCase | RegexOptions.Compiled);
    private static Regex ReceiptSubject() => ReceiptSubjectRegex;

    [GeneratedRegex(@"(was read|has been read|has been displayed|been delivered to|was delivered|wurde gelesen|wurde .{0,40}gelesen|a été lu|été remis|fue leído|ha sido leído|fue entregado|is gelezen|è stato letto|foi lida|foi lido|foi entregue|delivery to these recipients|delivered to the following)", RegexOptions.IgnoreCase)]
    private static partial Regex ReceiptBody();

    [GeneratedRegex(@"^\s*(read|gelesen|lu|leído|leido|gelezen|letto|lido|läst|læst|luettu)\s*:", RegexOptions.IgnoreCase)]
    private static partial Regex ReadReceiptSubject();

    [GeneratedRegex(@"(approved senders|list of approved|approved list|guest ?list|waiting for (your )?approval|pending approval|verify(ing)? (that )?you are (a )?(real person|human)|prove (that )?you are|confirm your (message|e-?mail)|sender verification|challenge[- ]response|white-?list|allow-?list|captcha)", RegexOptions.IgnoreCase)]
    internal static partial Regex ChallengeMechanism();

    [GeneratedRegex(@"((will|to) be delivered|is delivered|gets delivered|delivered to (my|his|her|their) inbox|waiting area|is waiting|original message will|deleted after|you (only )?need to do this once|need to send it again|held until|make sure it is delivered)", RegexOptions.IgnoreCase)]
    private static partial Regex ChallengeDelivery();

    [GeneratedRegex(@"(confirm|verif|validat|approv|prove|authenticat|bestätig|vérif|confirmer|confirmar|verifica|bevestig|conferm|human|captcha|spam)", RegexOptions.IgnoreCase)]
    private static partial Regex ChallengeSubject();

    [GeneratedRegex(@"(prove (that )?you are (a )?(human|real person|not a (robot|spammer))|verify (that )?you are (a )?(human|real person|not a)|challenge[- ]response|sender verification|(spam|junk)[- ]?(filter|protection|arrest|blocker)|is protected by|awaiting (your )?(verification|confirmation)|(click|visit) (on )?(the|this) (link|button) (below )?to (confirm|verify|have your (message|email) delivered|deliver)|to have your (message|email) delivered|(message|email) (is|has been) (held|quarantined|on hold) (until|pending))", RegexOptions.IgnoreCase)]
    private static partial Regex ChallengeBody();

    [GeneratedRegex(@"@(spamarrest\.com|boxbe\.com|sendio\.com|mailcleaner\.|choicemail\.|mailwasher\.|bluebottle\.com|cleanmymailbox\.com)|^(challenge|verify|verification|confirm)([-.+][^@]*)?@", RegexOptions.IgnoreCase)]
    private static partial Regex ChallengeSender();

    // Built at run time with RegexOptions.Compiled: on real subjects this long unanchored alternation ran 4-6x slower
    // source-generated than compiled (docs/benchmarks.md, "Reading real mail: where the desk's time goes").
    private static readonly Regex AutoReplySubjectRegex = new(@"(^\s*(auto(matic|matische|matisch)?[- ]?(reply|response|antwort|antwoord|answer)|auto:|autoreply|réponse automatique|reponse automatique|respuesta automática|respuesta automatica|risposta automatica|resposta automática|resposta automatica|automatisch antwoord|automatisk svar)|out of (the )?office|abwesenheitsnotiz|abwesenheit|nicht im büro|ausser haus|außer haus|absent du bureau|absence du bureau|^\s*absence|fuera de (la )?oficina|ausente|afwezig|niet op kantoor|fuori (sede|ufficio)|assente|fora do escritório|fora do escritorio|ausência|vacation reply|out-of-office|\bOOO\b|^\s*abwesend\s*:)", RegexOptions.IgnoreCase | RegexOptions.Compiled);
    private static Regex AutoReplySubject() => AutoReplySubjectRegex;

    [GeneratedRegex(@"(we (have )?received your (message|email|request)|your (request|ticket|case) (has been|was) (received|created|opened)|wir haben ihre (nachricht|anfrage|e-mail) erhalten|nous avons (bien )?reçu votre|hemos recibido su|wij hebben uw .{0,20}ontvangen|abbiamo ricevuto la sua|recebemos (a sua|o seu|sua|seu))", RegexOptions.IgnoreCase)]
    private static partial Regex ReceivedSubject();

    [GeneratedRegex(@"^\s*((re|aw|sv|vs|r|rv|res|antw|odp|ynt|回复|回覆|答复)\s*(\[\d+\])?\s*[:：]\s*)+", RegexOptions.IgnoreCase)]
    private static partial Regex ReplyPrefix();

    [GeneratedRegex(@"\b[245]\.\d{1,3}\.\d{1,3}\b|\b[45]\d\d[ -]")]
    private static partial Regex SmtpStatus();

    [GeneratedRegex(@"(i am (currently )?out of (the )?office|i'm (currently )?out of (the )?office|i am (currently )?away from|i will be out of the office|i'm away until|i am on (annual )?leave|i am on (vacation|holiday)|i have limited access to (my )?e-?mail|ich bin (bis|vom|ab|zur zeit|derzeit|momentan|nicht).{0,60}?(abwesend|nicht im büro|im urlaub|außer haus|nicht erreichbar)|vielen dank für ihre (nachricht|e-mail)\. ich bin|je suis (actuellement )?absent|je serai absent|estaré fuera|me encuentro fuera|estoy fuera de la oficina|ik ben (momenteel |tot en met |afwezig|niet).{0,60}?(afwezig|op kantoor|vakantie)|sono (attualmente )?(fuori|assente)|sarò assente|estou (ausente|fora do escritório|de férias)|this is an automated (reply|response|message)|this is an automatic (reply|response)|automatic reply|do not reply to this (email|message))", RegexOptions.IgnoreCase)]
    private static partial Regex AutoReplyBody();

    [GeneratedRegex(@"^\s*Message-ID\s*:\s*(\S.*)$", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex MessageIdLine();
}
