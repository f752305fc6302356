using System.Text.RegularExpressions;
using Helpdesk.Mail.CustomerWords;

namespace Helpdesk.Mail.Reading;

/// <summary>
/// Machine mail that no header gives away, judged by what it says: out-of-office and "no longer here" notes,
/// other systems' receipts (a ticket opened in their help desk, an order acknowledged), "this mailbox is not
/// monitored" notices and challenge-response filters, in en, de, fr, es, it, pt, nl, pl, sv, ja and zh.
/// <para>
/// Precision first: a phrase alone never decides. Each kind needs its telling sentence (worth 3) and at least
/// one more sign (a return date, "for urgent matters", a no-reply sender, a reference number, an instruction
/// only a robot gives ...), and loses points for what people write and robots do not: a request about their own
/// account or order, "I"/"my" in a receipt, a long text. A question to us ends the judgment: a person wrote it. Only the customer's own words
/// (<see cref="VisibleTextResult.VisibleText"/>) are read, so a robot's text quoted under a person's reply
/// does not count.
/// </para>
/// </summary>
internal static partial class HeaderlessMachineMail
{
    /// <summary>Texts longer than this are letters, not notes; they are not read at all (and cost no time).</summary>
    private const int MaxNoteLength = 3000;

    private const int Telling = 3;

    private const int Threshold = 4;

    public static MachineMail? Judge(string subject, string fromAddress, VisibleTextResult? visible, string text)
    {
        if (visible?.Forwarded is not null)
            return null;
        var own = (visible?.VisibleText ?? text).Trim();
        if (own.Length == 0 || own.Length > MaxNoteLength)
            return null;

        // A question to us is the surest sign of a person (robots ask only "Questions?" in a footer): such a mail
        // is not judged by its words at all, unless a no-reply address sent it.
        var noReplySender = NoReplySender().IsMatch(fromAddress);
        var asks = AsksAQuestion(own);
        if (asks && !noReplySender)
            return null;

        // Words any of the telling sentences needs, found in one vectorized pass: most people's mail has none of
        // them and costs no regex at all.
        var span = own.AsSpan();
        var nonAscii = HintWords.HasNonAscii(span);
        var subjectNonAscii = HintWords.HasNonAscii(subject);
        var firstHint = AnyHints.IndexIn(span, nonAscii);
        if (firstHint < 0 && !ReceiptHints.In(subject, subjectNonAscii))
            return null;
        var (hintAway, hintGone, hintReceipt, hintUnread, hintChallenge) = nonAscii
            ? (AbsenceHints.In(span, true), GoneHints.In(span, true), ReceiptHints.In(span, true), UnreadHints.In(span, true), ChallengeHints.In(span, true))
            : FamiliesInAscii(span, firstHint);
        var hintReceiptSubject = ReceiptHints.In(subject, subjectNonAscii);

        var penalty = asks ? 3 : 0;
        if (own.Length > 1500)
            penalty += 2;
        var requestChecked = false;

        var best = (MachineMail?)null;
        var bestScore = 0;

        // Out of office, leave, "no longer with the company".
        var away = hintAway ? Near(Absence(), own, AbsenceHints, nonAscii) : Match.Empty;
        var gone = away.Success || !hintGone ? Match.Empty : Near(NoLongerHere(), own, GoneHints, nonAscii);
        if (away.Success || gone.Success)
        {
            var m = away.Success ? away : gone;
            CheckRequest();
            var score = Telling - penalty;
            var signs = new List<string>(4);
            Add(ReturnDate().IsMatch(own), 1, "a return date");
            Add(UrgentContact().IsMatch(own), 1, "a contact for urgent matters");
            Add(LimitedAccess().IsMatch(own), 1, "limited access to mail");
            Add(ThanksForYourMail().IsMatch(own), 1, "thanks for your mail");
            Add(NotForwarded().IsMatch(own), 1, "mail not forwarded / read later");
            Add(AwaySubject().IsMatch(subject), 1, "subject says away");
            Add(noReplySender, 1, "no-reply sender");
            Add(InMyAbsence().IsMatch(own) || Redirect().IsMatch(own), 1, "names a stand-in or another address");
            if (CustomerMatter().IsMatch(own))
                score -= 2;
            var label = away.Success ? "Out-of-office note" : "No-longer-here note";
            Consider(MachineMailKind.AutoReply, label, m, own, score, signs);

            void Add(bool sign, int weight, string what)
            {
                if (!sign)
                    return;
                score += weight;
                signs.Add(what);
            }
        }

        // Another help desk's or shop's receipt.
        var receiptSource = own;
        var receipt = hintReceipt ? Near(ReceiptSentence(), own, ReceiptHints, nonAscii) : Match.Empty;
        // The subject counts only when it is not a reply: "Re: We have received your message" answers the desk's own acknowledgment.
        if (!receipt.Success && hintReceiptSubject && !MachineMailDetector.IsReplySubject(subject))
            receipt = ReceiptSentence().Match(receiptSource = subject);
        if (receipt.Success)
        {
            CheckRequest();
            var score = Telling - penalty;
            var signs = new List<string>(4);
            if (FirstPersonSingular().IsMatch(own))
                score -= 2;
            Add(ReferenceNumber().IsMatch(subject) || ReferenceNumber().IsMatch(own), 1, "a reference number");
            Add(ResponseTime().IsMatch(own), 1, "a promised response time");
            Add(RobotInstruction().IsMatch(own), 1, "instructions for replying or tracking");
            Add(noReplySender || SystemSender().IsMatch(fromAddress), 1, "a system sender");
            Add(ThanksForYourMail().IsMatch(own), 1, "thanks for contacting");
            Consider(MachineMailKind.AutomaticReceipt, "Automatic receipt", receipt, receiptSource, score, signs);

            void Add(bool sign, int weight, string what)
            {
                if (!sign)
                    return;
                score += weight;
                signs.Add(what);
            }
        }

        // "This mailbox is not monitored."
        var unread = hintUnread ? Near(NotMonitored(), own, UnreadHints, nonAscii) : Match.Empty;
        if (unread.Success)
        {
            CheckRequest();
            var score = Telling - penalty;
            var signs = new List<string>(3);
            if (FirstPersonSingular().IsMatch(own))
                score -= 2;
            Add(noReplySender, 2, "a no-reply sender");
            Add(OtherChannel().IsMatch(own), 1, "points to another channel");
            Add(WillNotBeRead().IsMatch(own), 1, "says the mail will not be read");
            Add(own.Length < 800, 1, "a short note");
            Consider(MachineMailKind.NoReplyNotice, "No-reply notice", unread, own, score, signs);

            void Add(bool sign, int weight, string what)
            {
                if (!sign)
                    return;
                score += weight;
                signs.Add(what);
            }
        }

        // Challenge-response and guest-list filters.
        var challenge = hintChallenge ? Near(ChallengeSentence(), own, ChallengeHints, nonAscii) : Match.Empty;
        if (challenge.Success)
        {
            CheckRequest();
            var score = Telling - penalty;
            var signs = new List<string>(3);
            Add(ChallengeAction().IsMatch(own), 1, "a link or reply to confirm");
            Add(HeldMail().IsMatch(own), 1, "our mail is held");
            Add(ChallengeSubjectWords().IsMatch(subject), 1, "subject asks for verification");
            Consider(MachineMailKind.Challenge, "Challenge-response filter", challenge, own, score, signs);

            void Add(bool sign, int weight, string what)
            {
                if (!sign)
                    return;
                score += weight;
                signs.Add(what);
            }
        }
        return best;

        // A request about their own account or order: checked once, and only when a telling sentence was found.
        void CheckRequest()
        {
            if (requestChecked)
                return;
            requestChecked = true;
            if (CustomerRequest().IsMatch(own))
                penalty += 3;
        }

        void Consider(MachineMailKind kind, string label, Match m, string source, int score, List<string> signs)
        {
            if (score < Threshold || score <= bestScore)
                return;
            bestScore = score;
            var language = LanguageOf(m);
            var reason = $"{label}{(language is null ? "" : " in " + language)}: '{Sentence(source, m)}'";
            if (signs.Count > 0)
                reason += " with " + string.Join(", ", signs);
            best = new MachineMail(kind, reason, null);
        }
    }

    /// <summary>
    /// Which rules' words an ASCII text holds, in one pass: each place where any hint word starts (from
    /// <paramref name="first"/>, found by <see cref="AnyHints"/>; a person's mail has few) is checked against each
    /// rule's words, instead of one search of the whole text per rule. Same answers as each rule's
    /// <see cref="HintWords.In"/> (tested in ReadingPrefilterTests).
    /// </summary>
    internal static (bool Away, bool Gone, bool Receipt, bool Unread, bool Challenge) FamiliesInAscii(ReadOnlySpan<char> text, int first)
    {
        bool away = false, gone = false, receipt = false, unread = false, challenge = false;
        for (var i = first; i >= 0 && !(away && gone && receipt && unread && challenge);)
        {
            var at = text[i..];
            away = away || AbsenceHints.AsciiWordAt(at);
            gone = gone || GoneHints.AsciiWordAt(at);
            receipt = receipt || ReceiptHints.AsciiWordAt(at);
            unread = unread || UnreadHints.AsciiWordAt(at);
            challenge = challenge || ChallengeHints.AsciiWordAt(at);
            var next = AnyHints.IndexIn(text[(i + 1)..], nonAscii: false);
            i = next < 0 ? -1 : i + 1 + next;
        }
        return (away, gone, receipt, unread, challenge);
    }

    /// <summary>Whether an ASCII text holds words of each rule, one search per rule (what FamiliesInAscii must agree with).</summary>
    internal static (bool Away, bool Gone, bool Receipt, bool Unread, bool Challenge) FamiliesBySearch(ReadOnlySpan<char> text, bool nonAscii) =>
        (AbsenceHints.In(text, nonAscii), GoneHints.In(text, nonAscii), ReceiptHints.In(text, nonAscii), UnreadHints.In(text, nonAscii), ChallengeHints.In(text, nonAscii));

    internal static int FirstHint(ReadOnlySpan<char> text, bool nonAscii) => AnyHints.IndexIn(text, nonAscii);

    /// <summary>
    /// The first match of a telling-sentence regex, looked for only around the words it needs (a telling sentence
    /// holds one of its hints and is shorter than the window): these alternations of many languages have no
    /// literal prefix to skip ahead by, so scanning a whole letter with them costs a hundred times more.
    /// </summary>
    private static Match Near(Regex regex, string text, HintWords hints, bool nonAscii)
    {
        const int Before = 160, After = 240, MaxWindows = 16;
        var from = 0;
        var scannedTo = -1;
        for (var windows = 0; windows < MaxWindows && from < text.Length;)
        {
            var i = hints.IndexIn(text.AsSpan(from), nonAscii);
            if (i < 0)
                break;
            i += from;
            from = i + 1;
            var start = Math.Max(0, i - Before);
            var end = Math.Min(text.Length, i + After);
            // A window inside the one already read holds nothing new (hints close together, or a short text).
            if (end <= scannedTo)
                continue;
            windows++;
            var m = regex.Match(text, start, end - start);
            if (m.Success)
                return m;
            scannedTo = end;
            if (end == text.Length)
                break;
        }
        return Match.Empty;
    }

    private static readonly string[] AbsenceWords =
    [
        "office", "vacation", "holiday", "leave", "away", "sabbatical", "travel", "conference", "be back", "ooo", "limited access",
        "büro", "buero", "abwesend", "urlaub", "haus", "elternzeit", "mutterschutz", "erreichbar", "geschäftsreise", "dienstreise", "arbeitsplatz", "nicht im hause", "wieder",
        "absent", "congé", "conge", "vacances", "déplacement", "bureau",
        "oficina", "vacaciones", "ausente", "viaje", "baja", "permiso", "fuera",
        "ufficio", "sede", "assente", "ferie", "vacanza", "congedo", "maternità", "trasferta",
        "escritório", "escritorio", "férias", "ferias", "licença", "viagem",
        "afwezig", "kantoor", "aanwezig", "vakantie", "verlof",
        "biurem", "urlop", "nieobecn", "zwolnieni",
        "ledig", "semester", "borta", "kontoret", "frånvarande", "tjänsteresa",
        "不在", "休暇", "休業", "出張", "産休", "外出", "休假", "办公室", "出差", "产假", "育儿假"];

    private static readonly HintWords AbsenceHints = new(AbsenceWords);

    private static readonly string[] GoneWords =
    [
        "no longer", "left the", "left our", "nicht mehr", "verlassen", "plus partie", "quitté", "ne travaille plus", "ya no", "dejado", "più", "lasciato",
        "já não", "não trabalha", "não faz parte", "deixou", "niet meer", "verlaten", "już", "odszedł", "odeszła", "slutat", "inte längre", "退職", "異動", "离职", "不再任职"];

    private static readonly HintWords GoneHints = new(GoneWords);

    private static readonly string[] ReceiptWords =
    [
        "received your", "have received", "been received", "was received", "is received", "been created", "been logged", "been opened", "been registered", "been submitted",
        "been confirmed", "been placed", "was created", "was opened", "was logged", "your order", "your purchase", "shopping with us", "automated confirmation",
        "automatic confirmation", "automated receipt", "automatic receipt", "automated acknowledg", "automatic acknowledg",
        "erhalten", "eingegangen", "angelegt", "aufgenommen", "ihre bestellung", "ticket wurde",
        "bien reçu", "avons reçu", "été reçu", "été enregistr", "été créé", "prise en compte", "votre commande",
        "hemos recibido", "sido recibid", "sido registrad", "sido cread", "sido confirmad", "fue recibid", "fue registrad", "fue cread", "fue confirmad", "su pedido", "su compra", "tu pedido", "tu compra",
        "abbiamo ricevuto", "stata ricevuta", "stata registrata", "presa in carico", "tuo ordine", "suo ordine",
        "recebemos", "foi recebid", "foi registrad", "foi criad", "foi aberto", "sua compra", "sua encomenda", "seu pedido", "pelo pedido",
        "ontvangen", "geregistreerd", "aangemaakt", "je bestelling", "uw bestelling",
        "otrzymaliśmy", "zostało przyjęte", "zostało zarejestrowane", "za zamówienie", "za złożenie",
        "tagit emot", "mottagit", "har fått", "registrerats", "skapats", "din beställning",
        "受け付け", "受付", "ご注文", "收到", "订购", "创建", "受理"];

    private static readonly HintWords ReceiptHints = new(ReceiptWords);

    private static readonly string[] UnreadWords =
    [
        "monitored", "unattended", "not attended", "not checked", "not read", "not staffed", "send-only", "no-reply", "noreply", "outgoing-only", "outgoing only",
        "replies to this", "accept incoming", "accept replies", "accept inbound", "accept e", "accept messages", "receive incoming", "receive replies", "receive e", "receive messages",
        "process incoming", "process replies", "unable to respond", "not able to respond", "unable to reply", "not able to reply",
        "überwacht", "gelesen", "betreut", "bearbeitet", "keine", "surveillée", "consultée", "lue", "relevée", "réponses",
        "monitoreado", "supervisado", "atendido", "revisado", "respuestas", "monitorat", "controllat", "presidiat", "abilitato", "risposte",
        "monitorada", "monitorado", "verificad", "respostas", "gelezen", "gecontroleerd", "bewaakt", "beheerd", "reacties",
        "monitorowan", "obsługiwan", "sprawdzan", "odpowiedzi", "bevakas", "övervakas", "läses", "hanteras", "svar på",
        "送信専用", "返信", "受信", "邮箱", "请勿"];

    private static readonly HintWords UnreadHints = new(UnreadWords);

    private static readonly string[] ChallengeWords =
    [
        "human", "real person", "robot", "spammer", "a person", "approved", "safe sender", "allowed sender", "whitelist", "allow list", "allowlist", "guest list", "guestlist", "challenge", "verification", "authentication", "contacts",
        "mensch", "roboter", "zugelassenen", "bestätigten", "humain", "personne", "autorisés", "approuvés", "humano", "persona", "aprobados", "autorizados", "umano", "approvati", "autorizzati",
        "pessoa", "aprovados", "mens bent", "persoon", "goedgekeurde"];

    private static readonly HintWords ChallengeHints = new(ChallengeWords);

    /// <summary>
    /// A question mark that ends a question: followed by a space, a line end or closing punctuation (not "?id=" in a
    /// link), and not the footer's "Questions?" / "Need help?" in the languages of the rules.
    /// </summary>
    internal static bool AsksAQuestion(string text)
    {
        var from = 0;
        while (from < text.Length)
        {
            var i = text.AsSpan(from).IndexOfAny('?', '？');
            if (i < 0)
                return false;
            i += from;
            from = i + 1;
            if (text[i] == '?' && i + 1 < text.Length && !char.IsWhiteSpace(text[i + 1]) && text[i + 1] is not (')' or '"' or '\'' or '»' or '”' or '’' or '.' or '!'))
                continue;
            var before = text.AsSpan(Math.Max(0, i - 24), Math.Min(i, 24)).TrimEnd();
            if (FooterQuestion().IsMatch(before.ToString()))
                continue;
            return true;
        }
        return false;
    }

    [GeneratedRegex(@"(questions|any questions|need help|need assistance|fragen|noch fragen|des questions|preguntas|¿dudas|domande|dúvidas|duvidas|vragen|pytania|frågor|ご不明な点|有疑问|有问题)\s*$", Options)]
    private static partial Regex FooterQuestion();

    // One pass over a person's mail usually finds none of the words of any rule, and the mail costs nothing more.
    private static readonly HintWords AnyHints = new([.. AbsenceWords, .. GoneWords, .. ReceiptWords, .. UnreadWords, .. ChallengeWords]);

    private static readonly (string Group, string Name)[] Languages =
    [
        ("en", "English"), ("de", "German"), ("fr", "French"), ("es", "Spanish"), ("it", "Italian"), ("pt", "Portuguese"),
        ("nl", "Dutch"), ("pl", "Polish"), ("sv", "Swedish"), ("ja", "Japanese"), ("zh", "Chinese"),
    ];

    private static string? LanguageOf(Match m)
    {
        foreach (var (group, name) in Languages)
            if (m.Groups[group] is { Success: true })
                return name;
        return null;
    }

    /// <summary>The sentence the telling phrase stands in, for a lead to read (at most 100 characters).</summary>
    internal static string Sentence(string full, Match m)
    {
        var start = m.Index;
        while (start > 0 && start > m.Index - 80 && !IsSentenceEnd(full[start - 1]))
            start--;
        var end = m.Index + m.Length;
        while (end < full.Length && end < m.Index + m.Length + 80 && !IsSentenceEnd(full[end]))
            end++;
        if (end < full.Length && full[end] is '.' or '!' or '。' or '！')
            end++;
        var sentence = Regex.Replace(full[start..end].Trim(), @"\s+", " ");
        return sentence.Length <= 100 ? sentence : sentence[..99] + "…";
    }

    private static bool IsSentenceEnd(char c) => c is '.' or '!' or '\n' or '。' or '！' or '?';

    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    // The telling sentence of an out-of-office note: the writer (or the person the mailbox belongs to) is away now.
    [GeneratedRegex(@"(?<en>\b(i am|i'm|i’m|i will be|i'll be|i’ll be)\s+(currently\s+|now\s+)?(out of (the )?office|ooo\b|away from (my|the) (e-?mail|office|desk|computer)|out on (leave|vacation|holiday)|on (annual |parental |maternity |paternity |sick |medical |study |extended )?leave|on (vacation|holiday|holidays|sabbatical|a business trip|business travel)|away (until|till|from|on (vacation|holiday|leave))|travell?ing (on business )?(until|with limited)|at an? (conference|trade fair|training|offsite|event) (until|till|through|from))|\bi('ll| will) be back (in the office |at my desk )?(on|from|after)\b|\b(is|are) (currently )?(out of the office|on (parental|maternity|paternity) leave)|\bi (currently )?have limited access to (my )?e-?mail|\bthank you for your (e-?mail|message)\.? i am (currently )?(away|out))"
        + @"|(?<de>\bich bin\b.{0,60}?\b(nicht im büro|nicht im hause|abwesend|im urlaub|außer haus|ausser haus|in elternzeit|in mutterschutz|nicht erreichbar|auf geschäftsreise|nicht am arbeitsplatz)|\bich befinde mich\b.{0,60}?\b(im urlaub|in elternzeit|auf (einer )?(dienst|geschäfts)reise|außer haus)|\b(bin ich|befinde ich mich)\b.{0,40}?\b(nicht im büro|abwesend|im urlaub|außer haus|nicht erreichbar)|\bich bin (ab|am) (dem )?\d{1,2}\..{0,30}?\bwieder (im büro|erreichbar|im hause|da)\b)"
        + @"|(?<fr>\bje (suis|serai)\b.{0,40}?\b(absente?s?|en (congés?|vacances|déplacement|congé (maternité|paternité|parental))|hors du bureau|en dehors du bureau)\b|\bje suis actuellement (absente?|en congés?))"
        + @"|(?<es>\b(estaré|estoy|me encuentro|permaneceré)\b.{0,40}?\b(fuera de (la )?oficina|de vacaciones|ausente|de viaje|de baja( por (maternidad|paternidad))?|de permiso|fuera)\b)"
        + @"|(?<it>\b(sono|sarò|saro)\b.{0,30}?\b(fuori (ufficio|sede)|assente|in ferie|in vacanza|in congedo|in maternità|in trasferta)\b)"
        + @"|(?<pt>\b(estou|estarei|encontro-me|vou estar)\b.{0,30}?\b(ausente|fora do escritório|fora do escritorio|de férias|de ferias|de licença|em licença|em viagem)\b)"
        + @"|(?<nl>\bik ben\b.{0,60}?\b(afwezig|niet op kantoor|niet aanwezig|met vakantie|op vakantie|met verlof|met ouderschapsverlof|met zwangerschapsverlof)\b|\bben ik\b.{0,40}?\b(afwezig|niet op kantoor|met vakantie|met verlof)\b)"
        + @"|(?<pl>\b(jestem|będę|przebywam)\b.{0,40}?\b(poza biurem|na urlopie|nieobecn[ya]|na zwolnieniu|na urlopie (macierzyńskim|rodzicielskim|ojcowskim))\b)"
        + @"|(?<sv>\bjag (är|kommer att vara)\b.{0,40}?\b(ledig|på semester|tjänstledig|föräldraledig|borta|inte på kontoret|frånvarande|på tjänsteresa)\b)"
        + @"|(?<ja>(不在にしております|不在にしています|不在です|休暇を(取得|いただいて)|休暇中|出張中|育児休業|産休|外出しております))"
        + @"|(?<zh>(我(目前|现在|正在)?(不在办公室|正在休假|在休假|休假中|出差)|休假中|不在办公室|(产假|育儿假)期间))", Options)]
    private static partial Regex Absence();

    [GeneratedRegex(@"(?<en>\b(is|am|are) no longer (with|employed|working (at|for)|at)\b|\b(has|have) (now )?left (the company|the organi[sz]ation|the firm|our company)\b|\bno longer works? (at|for|here)\b|\bthis (e-?mail )?(address|mailbox) is no longer (active|in use|valid))"
        + @"|(?<de>\b(ist|bin) nicht mehr\b.{0,40}?\b(im unternehmen|bei uns|für (uns|die)|tätig|beschäftigt)|\bhat das unternehmen verlassen|\bhabe das unternehmen verlassen)"
        + @"|(?<fr>\bne (fait|fais) plus partie\b|\b(a|ai) quitté (la société|l'entreprise|l’entreprise|notre société)\b|\bne travaille plus\b)"
        + @"|(?<es>\bya no (trabaja|forma parte|está en|pertenece)\b|\bha dejado (la empresa|la compañía)\b)"
        + @"|(?<it>\bnon (fa|lavora) più\b|\bha lasciato (l'azienda|la società|l’azienda)\b)"
        + @"|(?<pt>\bjá não (trabalha|faz parte)\b|\bnão (trabalha|faz parte) mais\b|\bdeixou (a empresa|a companhia)\b)"
        + @"|(?<nl>\b(werkt|is) niet meer (bij|werkzaam|in dienst)\b|\bheeft (het bedrijf|de organisatie) verlaten\b)"
        + @"|(?<pl>\bnie pracuje już\b|\bjuż nie pracuje\b|\bodszedł z firmy|\bodeszła z firmy)"
        + @"|(?<sv>\b(har slutat|slutade) (på|hos)\b|\barbetar inte längre (på|hos|för)\b)"
        + @"|(?<ja>(退職いたしました|退職しました|異動いたしました))"
        + @"|(?<zh>(已离职|已经离职|不再任职))", Options)]
    private static partial Regex NoLongerHere();

    [GeneratedRegex(@"\b(until|till|through|returning|return(ing)? on|back (in the office |at my desk |in office )?on|upon my return|on my return|when i return|when i'm back|after my return|bis (zum|einschließlich|inkl)?|ab dem|zurück am|nach meiner rückkehr|ab \d|jusqu'?au|jusqu’au|de retour (le|au bureau)|à mon retour|dès mon retour|hasta (el)?|a mi regreso|regresaré|fino al|al mio rientro|rientrerò|até (o dia|dia)?|no meu regresso|quando (eu )?(retornar|voltar)|ao retornar|tot en met|t/m|tot \d|na mijn terugkeer|terug op|do \d|po moim powrocie|wracam|till och med|t\.o\.m\.|åter (den|på|\d)|tillbaka)\b|まで|に戻|以降|回来后|返回办公室|日返回|月返回", Options)]
    private static partial Regex ReturnDate();

    [GeneratedRegex(@"\b(for (urgent|immediate|time[- ]sensitive)|if (this is|it is|your (matter|request) is) urgent|in (case of )?(an )?urgent|urgent (matters|requests|issues)|in dringenden fällen|dringende (anliegen|fälle)|en cas d'urgence|en cas d’urgence|pour toute urgence|para (asuntos|temas|casos) urgentes|en caso de urgencia|per (urgenze|questioni urgenti|casi urgenti)|em caso de urgência|para assuntos urgentes|voor dringende (zaken|vragen)|in dringende gevallen|w pilnych sprawach|w sprawach pilnych|i brådskande (ärenden|fall)|vid brådskande)|お急ぎの|緊急の|紧急|急事", Options)]
    private static partial Regex UrgentContact();

    [GeneratedRegex(@"limited (access to|ability to (check|read|respond to)) (my )?e-?mails?|eingeschränkte[nm]? (zugriff|zugang)|accès limité|acceso limitado|accesso limitato|acesso limitado|beperkte toegang|ograniczonym dostępem|begränsad tillgång|メールを確認できません|无法及时回复", Options)]
    private static partial Regex LimitedAccess();

    [GeneratedRegex(@"\b(thank you for (your (e-?mail|message|note|inquiry|enquiry|request)|contacting)|thanks for (your (e-?mail|message)|contacting|reaching out)|vielen dank für ihre (nachricht|e-?mail|anfrage)|danke für ihre (nachricht|e-?mail)|merci (pour|de) votre (message|e-?mail|courriel|demande)|gracias por (su|tu) (mensaje|correo|consulta|solicitud)|grazie per (la (sua|tua) (e-?mail|mail|richiesta)|il (suo|tuo) messaggio|averci contattato)|obrigad[oa] (pela (sua )?(mensagem|e-?mail)|por entrar em contato)|bedankt voor (uw|je) (e-?mail|bericht)|dank voor uw bericht|dziękuję za (wiadomość|e-?mail)|dziękujemy za (wiadomość|kontakt)|tack för (ditt|din) (e-?post|mejl|meddelande|mail)|tack för att du kontaktade)|(メール|ご連絡|お問い合わせ)(いただき)?(ありがとう|誠にありがとう)|感谢您的(来信|邮件|联系)", Options)]
    private static partial Regex ThanksForYourMail();

    [GeneratedRegex(@"\b(will (not )?be (forwarded|read|answered)|(has|have|was|were|is) not (been )?(forwarded|read)|won't be (checking|reading)|not be (reading|checking) (my )?e-?mail|(wurde|wird) nicht (weitergeleitet|gelesen)|n'a pas été transféré|ne sera pas lu|no ha sido reenviado|non (sarà|è stato) inoltrat|não será (reencaminhad|lid)|is niet doorgestuurd|nie została przekazana|har inte vidarebefordrats|will (respond|reply|get back to you|answer)( to (your|you))?.{0,30}\b(return|when i'm back|when i am back|as soon as (possible|i can))|(wird|werden) (nicht )?weitergeleitet|nach meiner rückkehr|ne sera pas transféré|ne seront pas transférés|je (vous )?répondrai|no será reenviado|responderé|non sarà inoltrat|risponderò|não será reencaminhad|responderei|wordt niet doorgestuurd|zal (uw|je) (e-?mail|bericht) .{0,30}beantwoorden|nie będzie przekazywana|odpowiem|vidarebefordras inte|besvarar|återkommer)\b|返信いたします|回复您|不会被转发|転送されません", Options)]
    private static partial Regex NotForwarded();

    [GeneratedRegex(@"(out of (the )?office|\baway\b|vacation|holiday|on leave|\booo\b|urlaub|abwesen|congés?|absence|absent|vacaciones|ausencia|ferie|assenza|férias|ausência|vakantie|afwezig|urlop|nieobecn|semester|ledig|frånvaro|不在|休暇|休假|外出)", Options)]
    private static partial Regex AwaySubject();

    // A receipt's telling sentence: we (they) received your request / order, or a ticket was opened for it.
    [GeneratedRegex(@"(?<en>\b(we('ve| have)|we) (successfully )?received your (request|message|e-?mail|enquiry|inquiry|ticket|order|submission)\b|\byour (support )?(request|ticket|case|enquiry|inquiry|message|order)( \(?#?\s?[\w-]{3,}\)?)? (has been|was|is|have been) (successfully )?(received|created|logged|opened|registered|submitted|confirmed|placed)\b|\ba (new )?(support )?(ticket|case|request) (has been|was) (created|opened|logged)\b|\bthank you for (your order|shopping with us|your purchase)\b|\bthis is an (automated|automatic) (confirmation|receipt|acknowledge?ment)\b)"
        + @"|(?<de>\bwir haben ihre (anfrage|nachricht|e-?mail|bestellung)\b.{0,20}?\berhalten\b|\bihre (anfrage|nachricht|bestellung)\b.{0,30}?\b(ist|wurde)\b.{0,30}?\b(eingegangen|erhalten|angelegt|aufgenommen)\b|\bvielen dank für ihre bestellung\b|\bein ticket wurde (erstellt|angelegt|eröffnet)\b)"
        + @"|(?<fr>\bnous avons (bien )?reçu votre (demande|message|e-?mail|courriel|commande)\b|\bvotre (demande|commande|ticket)\b.{0,30}?\ba (bien )?été (reçue?|enregistrée?|créée?|prise en compte)\b|\bmerci pour votre commande\b)"
        + @"|(?<es>\bhemos recibido (su|tu) (solicitud|mensaje|consulta|correo|pedido)\b|\b(su|tu) (solicitud|caso|ticket|pedido|consulta)\b.{0,30}?\b(ha sido|fue) (recibid[oa]|registrad[oa]|cread[oa]|confirmad[oa])\b|\bgracias por (su|tu) (pedido|compra)\b)"
        + @"|(?<it>\babbiamo ricevuto (la (sua|tua) (richiesta|e-?mail|mail)|il (suo|tuo) (messaggio|ordine))\b|\bla (sua|tua) richiesta\b.{0,30}?\bè stata (ricevuta|registrata|presa in carico)\b|\bgrazie per il (suo|tuo) ordine\b)"
        + @"|(?<pt>\brecebemos (a )?(sua|seu) (solicitação|solicitacao|pedido|mensagem|e-?mail|encomenda)\b|\b(sua|seu) (solicitação|pedido|chamado|ticket)\b.{0,30}?\bfoi (recebid[oa]|registrad[oa]|criad[oa]|aberto)\b|\bobrigad[oa] pel[ao] (sua )?(compra|encomenda|pedido)\b)"
        + @"|(?<nl>\bwij hebben (uw|je) (aanvraag|bericht|verzoek|e-?mail|vraag|bestelling)\b.{0,25}?\bontvangen\b|\b(uw|je) (aanvraag|verzoek|melding|bestelling)\b.{0,30}?\bis\b.{0,20}?\b(ontvangen|geregistreerd|aangemaakt)\b|\bbedankt voor (je|uw) bestelling\b)"
        + @"|(?<pl>\botrzymaliśmy (twoje|państwa|pana|pani)? ?(zgłoszenie|wiadomość|zamówienie)\b|\b(twoje|państwa) zgłoszenie\b.{0,30}?\bzostało (przyjęte|zarejestrowane)\b|\bdziękujemy za (złożenie )?zamówienie\b)"
        + @"|(?<sv>\bvi har (tagit emot|mottagit|fått) (ditt|din|er) (ärende|meddelande|förfrågan|beställning|mejl)\b|\b(ditt|ert) ärende\b.{0,30}?\bhar (registrerats|skapats|mottagits)\b|\btack för din beställning\b)"
        + @"|(?<ja>(お問い合わせを受け付けました|お問い合わせを受付いたしました|受け付けいたしました|受付いたしました|ご注文ありがとうございます|ご注文を承りました))"
        + @"|(?<zh>(我们已(经)?收到您的(请求|邮件|来信|工单|订单)|您的(请求|工单)已(被)?(创建|受理|收到)|感谢您的订购))", Options)]
    private static partial Regex ReceiptSentence();

    [GeneratedRegex(@"\[\s*(#|ticket|case|request|req|incident|ref|sr|cas|caso|fall|zaak|ärende)?[\s#:-]*[A-Z]{0,6}-?\d{3,}\s*\]|\b(ticket|case|request|reference|ref\.?|incident|order|bestellung|commande|pedido|ordine|encomenda|bestelling|zamówieni[ea]|beställning|vorgang|anfrage|demande|solicitud|richiesta|solicitação|aanvraag|zgłoszeni[ea]|ärende|referenz|référence|referencia|riferimento|referência|referentie|numer|nummer)\s*(no\.?|nr\.?|number|num(ber|éro|ero)?|#|id|n[°º])?\s*[:#]?\s*#?[A-Z]{0,6}-?\d{3,}\b|(受付番号|注文番号|工单号|订单号)", Options)]
    private static partial Regex ReferenceNumber();

    [GeneratedRegex(@"\b(within \d+|in the next \d+|as soon as possible|shortly|innerhalb (von )?\d+|schnellstmöglich|so schnell wie möglich|dans les (plus brefs délais|\d+)|sous \d+|dans un délai|en (un plazo de )?(las próximas )?\d+ (horas|días)|lo antes posible|entro (\d+|breve)|il prima possibile|em até \d+|dentro de \d+|o mais breve|binnen \d+|zo snel mogelijk|w ciągu \d+|jak najszybciej|inom \d+|så snart som möjligt)\b|営業日以内|以内に|小时内|工作日内", Options)]
    private static partial Regex ResponseTime();

    [GeneratedRegex(@"\b(reply (to|above) this (e-?mail|message|line)|do not (change|modify|remove|alter) the subject|keep (the|this) (ticket|reference|case) (number|id)|(please )?(include|quote) (the|this|your) (ticket|reference|case|order) (number|id)|(view|track|check) (the status of )?your (order|request|ticket|case|shipment)|log ?in to (your account|the portal)|this (is an automated|is an automatic|e-?mail was (automatically )?(generated|sent automatically))|automatically generated|automatisch (erstellt|generiert)|générée? automatiquement|generado automáticamente|generata automaticamente|gerada automaticamente|automatisch gegenereerd|wygenerowana automatycznie|automatiskt genererat|betreff nicht ändern|ne (modifiez|changez) pas l'objet|no modifique el asunto|non modificare l'oggetto|não altere o assunto|wijzig het onderwerp niet|nie zmieniaj tematu|ändra inte ämnesraden)|自動(送信|返信|配信)|自动(回复|发送)|系统自动", Options)]
    private static partial Regex RobotInstruction();

    // "This mailbox is not monitored" and its relatives.
    [GeneratedRegex(@"(?<en>\b(this|the|our) (e-?mail )?(address|mailbox|inbox|account)( you (have )?(written|sent your (e-?mail|message)) to)? (is|are) (not|no longer|un)(\s)?(monitored|attended|checked|read|staffed)\b|\b(is|are) not (being )?monitored\b|\bunmonitored (mailbox|address|inbox)\b|\bunattended (mailbox|inbox)\b|\bthis is an? (send-only|no-?reply|outgoing[- ]only) (e-?mail )?(address|mailbox)\b|\breplies to this (e-?mail|message|address) (are|will) not (be )?(read|monitored|answered|received|processed)\b|\b(cannot|can't|can not|does not|doesn't) (accept|receive|process) (incoming|replies|inbound|e-?mails?|messages)\b|\bwe (are )?(unable|not able) to (respond|reply) to (e-?mails|messages|replies) (sent|received) (to|at) this address\b)"
        + @"|(?<de>\bdiese[sr]? (postfach|e-?mail-adresse|adresse)\b.{0,30}?\bwird nicht (überwacht|gelesen|betreut|bearbeitet)\b|\bantworten auf diese (e-?mail|nachricht)\b.{0,30}?\b(nicht|keine)\b.{0,30}?\b(gelesen|bearbeitet)\b|\bdiese adresse (kann|nimmt) keine (e-?mails|nachrichten)\b)"
        + @"|(?<fr>\bcette (adresse|boîte)( e-?mail| de messagerie| aux lettres)? n'est pas (surveillée|consultée|lue|relevée)\b|\bcette adresse n’est pas (surveillée|consultée|lue)\b|\bles réponses à (ce|cet) (message|e-?mail|courriel) ne (seront|sont) pas (lues|traitées)\b)"
        + @"|(?<es>\beste (buzón|correo|email|e-mail|dirección)\b.{0,20}?\bno (es|está) (monitoreado|supervisado|atendido|revisado)\b|\blas respuestas a este (correo|mensaje) no (serán|son) (leídas|atendidas)\b|\bno (se )?(admite|acepta) respuestas\b)"
        + @"|(?<it>\bquesta (casella|e-?mail|mail|indirizzo)\b.{0,20}?\bnon è (monitorat|controllat|presidiat)[ao]\b|\bquesto indirizzo non è (monitorato|abilitato a ricevere)\b|\ble risposte a questa (e-?mail|mail) non (saranno|vengono) (lette|gestite)\b)"
        + @"|(?<pt>\besta caixa (de (correio|e-?mail) )?não é (monitorada|verificada)\b|\beste (endereço|e-?mail) não é (monitorado|verificado)\b|\brespostas a (este|esta) (e-?mail|mensagem) não (serão|são) (lidas|respondidas)\b)"
        + @"|(?<nl>\bdit (adres|e-?mailadres|postvak|mailadres)\b.{0,20}?\bwordt niet (gelezen|gecontroleerd|bewaakt|beheerd)\b|\breacties op deze (e-?mail|mail) worden niet (gelezen|behandeld)\b)"
        + @"|(?<pl>\bta skrzynka\b.{0,20}?\bnie jest (monitorowana|obsługiwana|sprawdzana)\b|\bten adres\b.{0,20}?\bnie jest (monitorowany|obsługiwany)\b|\bodpowiedzi na (tę|tą) wiadomość nie (będą|są) (czytane|odczytywane)\b)"
        + @"|(?<sv>\bden här (adressen|brevlådan|e-postadressen|inkorgen)\b.{0,20}?\b(bevakas|övervakas|läses|hanteras) inte\b|\bsvar på (detta|det här) (mejl|meddelande) (läses|hanteras) inte\b)"
        + @"|(?<ja>(送信専用(のメールアドレス|アドレス)|返信(されても|いただいても)(お答え|回答|対応)(でき|いたしかね)|このアドレスは受信(できません|しておりません)))"
        + @"|(?<zh>(此邮箱(不|无人)(接收|监控|查看)|本邮箱(为|是)?(系统)?(发信|发送)专用|请勿(直接)?回复(此|本)邮件))", Options)]
    private static partial Regex NotMonitored();

    [GeneratedRegex(@"\b(contact form|support (portal|page|centre|center|site)|help ?(center|centre)|contact us (at|via|through|on)|please (write|send your (e-?mail|message)) to|kontaktformular|hilfe-?center|formulaire de contact|centre d'aide|formulario de contacto|centro de ayuda|modulo di contatto|centro assistenza|formulário de contato|central de ajuda|contactformulier|klantenservice via|formularz kontaktowy|kontaktformulär|kundtjänst via)\b|お問い合わせフォーム|联系表单|客服中心", Options)]
    private static partial Regex OtherChannel();

    [GeneratedRegex(@"\b(will not be (read|answered|delivered|processed|seen)|has been (deleted|discarded)|(was|has) not been (read|delivered|received)|wird nicht gelesen|wurde gelöscht|ne sera pas lu|no será leído|non sarà lett|não será lid|wordt niet gelezen|nie zostanie przeczytana|kommer inte att läsas)\b", Options)]
    private static partial Regex WillNotBeRead();

    [GeneratedRegex(@"(?<en>\b(verify|prove|confirm) (that )?you('re| are) (a )?(human|real person|not a (robot|spammer|machine)|a person)\b|\b(to be |be |get )?added to (my|our|the) (approved senders|safe senders|allowed senders|whitelist|allow ?list|guest ?list|contacts)\b|\b(approved|safe) senders? list\b|\bguest ?list\b|\bchallenge[- ]response\b|\bsender (verification|authentication) (request|required)\b)"
        + @"|(?<de>\bbestätigen sie, dass sie (ein mensch|kein (roboter|spammer))\b|\bliste (der )?(zugelassenen|bestätigten) absender\b)"
        + @"|(?<fr>\bconfirmer que vous (êtes|n'êtes pas) (un humain|une personne|un robot)\b|\bliste (des|d')( )?expéditeurs (autorisés|approuvés)\b)"
        + @"|(?<es>\bverificar que (usted )?es (humano|una persona)\b|\blista de remitentes (aprobados|autorizados)\b)"
        + @"|(?<it>\bverificare che (lei )?sei (umano|una persona)\b|\belenco (dei )?mittenti (approvati|autorizzati)\b)"
        + @"|(?<pt>\bconfirmar que (você )?é (humano|uma pessoa)\b|\blista de remetentes (aprovados|autorizados)\b)"
        + @"|(?<nl>\bbevestigen dat u een (mens|persoon) bent\b|\blijst (met|van) goedgekeurde afzenders\b)", Options)]
    private static partial Regex ChallengeSentence();

    [GeneratedRegex(@"\b(click|follow|visit|open|use) (on )?(the|this) (link|button|page|url)|reply to this (e-?mail|message)|(simply|just) reply|klicken sie auf|cliquez sur|haga clic|clicca|clique no|klik op|https?://", Options)]
    private static partial Regex ChallengeAction();

    [GeneratedRegex(@"\b(held|on hold|waiting|pending|quarantined|will (then )?be delivered|not (yet )?been delivered|deliver(ed)? (it|your (message|e-?mail)))\b|\b(zurückgehalten|wird zugestellt|sera (remis|délivré)|será entregado|verrà consegnat|será entregue|wordt afgeleverd)\b", Options)]
    private static partial Regex HeldMail();

    [GeneratedRegex(@"(verif|confirm|approv|human|authenticat|spam|bestätig|vérif|verific|bevestig)", Options)]
    private static partial Regex ChallengeSubjectWords();

    // What a person writes to a help desk and a robot's note never does: a request about their own things.
    [GeneratedRegex(@"\b((please|kindly|can you|could you|would you|i need (you )?to|i want (you )?to|i'd like (you )?to|help me) (to )?(cancel|refund|reset|unlock|close|delete|change|update|check|fix|restore|send me|call me|look into|stop|remove|explain)|\bmy (account|password|order|subscription|invoice|bill|card|payment|refund|booking|reservation|parcel|package|delivery|money|login|data)\b|\bi (never|did not|didn't|have not|haven't) (received|got|ordered)|bitte (stornieren|erstatten|löschen|ändern|prüfen|helfen)|mein(e|en)? (konto|passwort|bestellung|abo|rechnung|karte|zahlung)|mon (compte|mot de passe|abonnement|colis|remboursement)|ma (commande|facture|carte)|mi (cuenta|contraseña|pedido|suscripción|factura|tarjeta|reembolso)|il mio (account|ordine|abbonamento|rimborso)|la mia (password|carta|fattura)|minha (conta|senha|encomenda|fatura|assinatura)|meu (pedido|reembolso|cartão)|mijn (account|wachtwoord|bestelling|abonnement|factuur|pakket)|moje (konto|hasło|zamówienie)|mój (rachunek|abonament)|mitt (konto|lösenord|abonnemang)|min (beställning|faktura))|请(把|将)(我|我们|账户|账号|订单|密码)|请(帮我|给我|取消|退款|更改|修改|删除)|(账户|账号|密码|订单|退款)|(アカウント|パスワード|ご注文の取り消し|返金)|(変更|削除|取り消し)(して|を)(いただけ|ください|お願い)", Options)]
    private static partial Regex CustomerRequest();

    // The things a customer writes about (a card, an order, a parcel); an absence note names none of them.
    [GeneratedRegex(@"\b(the|my|our|this|that|a|new|replacement|your) (card|order|parcel|package|invoice|bill|refund|payment|subscription|account|password|booking|reservation|delivery|shipment|technician|appointment|contract|loan|transfer)s?\b|\b(die|meine|unsere|ihre|eine) (karte|bestellung|rechnung|lieferung|zahlung)\b|\b(la|ma|une|votre) (carte|commande|facture|livraison)\b|\b(la|mi|su|una) (tarjeta|factura|entrega)\b|\b(il|la) (pacco|carta|fattura)\b|\b(o|a|meu|minha) (cartão|encomenda|fatura)\b|\b(de|mijn|uw) (kaart|bestelling|factuur|levering)\b", Options)]
    private static partial Regex CustomerMatter();

    [GeneratedRegex(@"\b(please (send|write|direct|address|forward|resend)\b.{0,60}?\bto\b|(send|write|direct) (any|all|your|future) .{0,40}?\bto\b|bitte (senden|schicken|richten) sie|wenden sie sich|merci d'adresser|merci d’adresser|veuillez (adresser|écrire)|escriba a|diríjase a|scrivere a|la preghiamo di scrivere|escreva para|por favor escreva|stuur uw|stuur je|prosimy pisać|proszę pisać|vänligen skriv|skriv till)\b|までお願い|发送至|发至", Options)]
    private static partial Regex Redirect();

    [GeneratedRegex(@"\b(in my absence|while i am away|while i'm away|during my absence|my colleague|please contact|please (e-?mail|call|reach)|während meiner abwesenheit|meine kollegin|meinen kollegen|mein kollege|wenden sie sich|pendant mon absence|mon collègue|ma collègue|veuillez contacter|durante mi ausencia|mi compañer[oa]|póngase en contacto|contacte con|durante la mia assenza|il mio collega|la mia collega|contattare|durante a minha ausência|meu colega|minha colega|entre em contato|tijdens mijn afwezigheid|mijn collega|neem contact op|podczas mojej nieobecności|proszę o kontakt|mój współpracownik|under min frånvaro|min kollega|kontakta)\b|不在中|代わりに|担当者|期间请联系|请联系", Options)]
    private static partial Regex InMyAbsence();

    // Case-sensitive on purpose: "MA-2291" is an order number, not Spanish "ma".
    [GeneratedRegex(@"\b(I|I'm|I’m|I've|I’ve|[Mm]y|[Mm]e|[Ii]ch|[Mm]ein|[Mm]eine|[Mm]einen|[Jj]e|[Mm]on|[Mm]a|[Mm]es|[Yy]o|[Mm]i|[Ii]o|[Ee]u|[Mm]inha|[Mm]eu|[Ii]k|[Mm]ijn|[Jj]a|[Mm]ój|[Mm]oja|[Mm]oje|[Jj]ag|[Mm]in|[Mm]itt)\b", RegexOptions.CultureInvariant)]
    private static partial Regex FirstPersonSingular();

    [GeneratedRegex(@"^(no[-_.]?reply|do[-_.]?not[-_.]?reply|dont[-_.]?reply|noreply[-_.+][^@]*|no[-_.]?answer|unmonitored|notifications?|notify|auto[-_.]?(reply|confirm|responder)|mailer)(@|$)", Options)]
    private static partial Regex NoReplySender();

    [GeneratedRegex(@"^(support|help|helpdesk|service|customerservice|customer[-_.]?(service|care|support)|care|orders?|order[-_.]?confirm(ation)?|shop|store|sales|tickets?|ticketing|servicedesk|service[-_.]?desk|kundenservice|kundendienst|info|contact|system|jira|zendesk|freshdesk)([-_.+][^@]*)?@", Options)]
    private static partial Regex SystemSender();
}
