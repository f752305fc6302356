using Helpdesk.Mail.CustomerWords;

namespace Helpdesk.Mail.Tests;

/// <summary>
/// Reply trimming as a person would do it, language by language and client by client: quote headers, Outlook
/// blocks, separators, footers, disclaimers, bottom posting, inline answers, quote-only mail.
/// </summary>
[TestClass]
public sealed class ReplyTrimmingTests
{
    private const string Quote = "> Dear Customer,\n>\n> As a precaution we have expired all passwords.\n>\n> Meridian Outfitters";
    private const string Unquoted = "Dear Customer,\n\nAs a precaution we have expired all passwords.\n\nMeridian Outfitters";

    [TestMethod]
    [DataRow("en", "On Fri, Nov 20, 2026 at 10:15\u202fAM Meridian Outfitters <passwordchange@meridian.example> wrote:")]
    [DataRow("de", "Am 20.11.2026 um 10:15 schrieb Meridian Outfitters <passwordchange@meridian.example>:")]
    [DataRow("fr", "Le 20/11/2026 à 10:15, Meridian Outfitters a écrit\u00a0:")]
    [DataRow("es", "El 20/11/26 a las 10:15, Meridian Outfitters escribió:")]
    [DataRow("nl", "Op 20 nov. 2026 om 10:15 heeft Meridian Outfitters <passwordchange@meridian.example> het volgende geschreven:")]
    [DataRow("it", "Il 20/11/2026 10:15, Meridian Outfitters ha scritto:")]
    [DataRow("pt", "Às 10:15 de 20/11/2026, Meridian Outfitters escreveu:")]
    [DataRow("pl", "pt., 20 lis 2026 o 10:15 Meridian Outfitters <passwordchange@meridian.example> napisał(a):")]
    [DataRow("pl apple", "Wiadomość napisana przez Meridian Outfitters <passwordchange@meridian.example> w dniu 20.11.2026, o godz. 10:15:")]
    [DataRow("sv", "Den 2026-11-20 kl. 10:15, skrev Meridian Outfitters:")]
    [DataRow("fi", "Meridian Outfitters <passwordchange@meridian.example> kirjoitti 20.11.2026 kello 10.15:")]
    [DataRow("no", "fre. 20. nov. 2026 kl. 10:15 skrev Meridian Outfitters <passwordchange@meridian.example>:")]
    [DataRow("da", "Den 20. nov. 2026 kl. 10.15 skrev Meridian Outfitters <passwordchange@meridian.example>:")]
    [DataRow("ru", "20.11.2026 10:15, Meridian Outfitters пишет:")]
    [DataRow("ru gmail, no verb", "пт, 20 нояб. 2026\u202fг. в 10:15, Meridian Outfitters <passwordchange@meridian.example>:")]
    [DataRow("ja", "2026/11/20 10:15、Meridian Outfitters <passwordchange@meridian.example>のメール:")]
    [DataRow("ja gmail, no verb", "2026年11月20日(金) 10:15 Meridian Outfitters <passwordchange@meridian.example>:")]
    [DataRow("zh", "Meridian Outfitters <passwordchange@meridian.example> 于2026年11月20日周五 10:15写道：")]
    [DataRow("iso date with zone", "On 2026-11-20T10:15:42+01:00, Meridian Outfitters <passwordchange@meridian.example> wrote:")]
    [DataRow("date first, zone", "2026-11-20 10:15 GMT+01:00 Meridian Outfitters <passwordchange@meridian.example>:")]
    [DataRow("mutt", "* Meridian Outfitters <passwordchange@meridian.example> [2026-11-20 10:15 +0100]:")]
    [DataRow("horde", "Quoting Meridian Outfitters <passwordchange@meridian.example>:")]
    public void Extract_AttributionByLanguageAndClient_CutsQuote(string language, string attribution)
    {
        var text = $"Is my card safe?\n\nKaren\n\n{attribution}\n{Quote}";

        Assert.AreEqual("Is my card safe?\n\nKaren", VisibleTextExtractor.Extract(text), language);
    }

    [TestMethod]
    [DataRow("On Fri, Nov 20, 2026 at 10:15 AM Meridian\nOutfitters <passwordchange@meridian.example> wrote:")]
    [DataRow("Am Fr., 20. Nov. 2026 um 10:15 Uhr schrieb Meridian Outfitters <\npasswordchange@meridian.example>:")]
    [DataRow("Le ven. 20 nov. 2026 à 10:15, Meridian Outfitters <passwordchange@meridian.example>\na écrit :")]
    [DataRow("пт, 20 нояб. 2026 г. в 10:15, Meridian Outfitters <\npasswordchange@meridian.example>:")]
    public void Extract_AttributionWrappedOrNameBroken_CutsQuote(string attribution)
    {
        Assert.AreEqual("Help please.", VisibleTextExtractor.Extract($"Help please.\n\n{attribution}\n\n{Quote}"));
    }

    [TestMethod]
    public void Extract_SentenceAboveAttributionWithoutBlankLine_KeepsSentence()
    {
        var text = "Thanks, the new password works.\nOn 20/11/2026 10:15, Meridian Outfitters wrote:\n" + Quote;

        Assert.AreEqual("Thanks, the new password works.", VisibleTextExtractor.Extract(text));
    }

    [TestMethod]
    public void Extract_VerblessHeaderWithoutQuoteBelow_IsNotAQuoteHeader()
    {
        // "date, name <addr>:" is only a Gmail attribution when a quote follows it; here the customer goes on.
        var text = "Please call me back:\n20.11.2026 10:15, Karen <karen@example.org>:\nI am home all afternoon.";

        Assert.AreEqual(text, VisibleTextExtractor.Extract(text));
    }

    [TestMethod]
    [DataRow("en", "From:", "Sent:", "To:", "Subject:")]
    [DataRow("de", "Von:", "Gesendet:", "An:", "Betreff:")]
    [DataRow("fr", "De :", "Envoyé :", "À :", "Objet :")]
    [DataRow("es", "De:", "Enviado el:", "Para:", "Asunto:")]
    [DataRow("nl", "Van:", "Verzonden:", "Aan:", "Onderwerp:")]
    [DataRow("it", "Da:", "Inviato:", "A:", "Oggetto:")]
    [DataRow("pt", "De:", "Enviado:", "Para:", "Assunto:")]
    [DataRow("pl", "Od:", "Wysłano:", "Do:", "Temat:")]
    [DataRow("sv", "Från:", "Skickat:", "Till:", "Ämne:")]
    [DataRow("fi", "Lähettäjä:", "Lähetetty:", "Vastaanottaja:", "Aihe:")]
    [DataRow("no/da", "Fra:", "Sendt:", "Til:", "Emne:")]
    [DataRow("ru", "От:", "Отправлено:", "Кому:", "Тема:")]
    [DataRow("ja", "差出人:", "送信日時:", "宛先:", "件名:")]
    [DataRow("zh", "发件人:", "发送时间:", "收件人:", "主题:")]
    [DataRow("Outlook for Mac", "*From:*", "*Date:*", "*To:*", "*Subject:*")]
    public void Extract_OutlookHeaderBlockInEachLanguage_CutsRest(string language, string from, string sent, string to, string subject)
    {
        var text = $"Please close my account.\n\n{from} Meridian Outfitters <passwordchange@meridian.example>\n{sent} 20.11.2026 10:15\n"
            + $"{to} karen@example.org\n{subject} Important: please create a new password\n\n{Unquoted}";

        Assert.AreEqual("Please close my account.", VisibleTextExtractor.Extract(text), language);
    }

    [TestMethod]
    [DataRow("-----Original Message-----")]
    [DataRow("-------- Original Message --------")]
    [DataRow("-------- Original message --------")]
    [DataRow("-----Ursprüngliche Nachricht-----")]
    [DataRow("-------- Message d'origine --------")]
    [DataRow("-----Mensaje original-----")]
    [DataRow("-----Oorspronkelijk bericht-----")]
    [DataRow("-----Messaggio originale-----")]
    [DataRow("-----Mensagem original-----")]
    [DataRow("-----Oryginalna wiadomość-----")]
    [DataRow("-----Ursprungligt meddelande-----")]
    [DataRow("-----Alkuperäinen viesti-----")]
    [DataRow("-----Opprinnelig melding-----")]
    [DataRow("-----Oprindelig meddelelse-----")]
    [DataRow("-----Исходное сообщение-----")]
    [DataRow("------------------ 原始邮件 ------------------")]
    public void Extract_OriginalMessageSeparator_CutsRest(string separator)
    {
        Assert.AreEqual("Is my card safe?", VisibleTextExtractor.Extract($"Is my card safe?\n\n{separator}\n{Unquoted}"));
    }

    [TestMethod]
    public void Analyze_NoticeUnderBareRuleInReply_CutsNotice()
    {
        var result = VisibleTextExtractor.Analyze("Why now?\n\n- - - - - - - - - - - - - -\n" + Unquoted, "Re: Important: please create a new password");

        Assert.AreEqual("Why now?", result.VisibleText);
        Assert.IsTrue(result.QuoteRemoved);
    }

    [TestMethod]
    public void Analyze_RuleInNewMail_KeepsEverything()
    {
        var text = "Order 1:\n----------\nboots\nsocks\nhat";

        Assert.AreEqual(text, VisibleTextExtractor.Analyze(text, "Two orders").VisibleText);
    }

    [TestMethod]
    public void Extract_BottomPosting_KeepsWordsBelowQuote()
    {
        var text = "On 20/11/2026 10:15, Meridian Outfitters wrote:\n" + Quote + "\n\nWhy did it take three days?\n\n-- \nPaul";

        Assert.AreEqual("Why did it take three days?", VisibleTextExtractor.Extract(text));
    }

    [TestMethod]
    public void Extract_InlineAnswers_KeepsEveryAnswer()
    {
        var text = "Meridian Support wrote:\n> Which browser?\n\nFirefox.\n\n> Did you get our mail?\n\nYes.\n\n> Kind regards,\n> Meridian Support";

        Assert.AreEqual("Firefox.\n\nYes.", VisibleTextExtractor.Extract(text));
    }

    [TestMethod]
    public void Analyze_OnlyAQuote_ShowsTheWholeTextAndSaysSo()
    {
        var text = "Sent from my iPhone\n\n> On Nov 20, 2026, at 10:15, Meridian Outfitters <passwordchange@meridian.example> wrote:\n>\n" + Quote;

        var result = VisibleTextExtractor.Analyze(text);

        Assert.IsTrue(result.OnlyQuoted);
        Assert.AreEqual(text, result.VisibleText);
    }

    [TestMethod]
    public void Analyze_NewWords_AreNotQuoteOnly() =>
        Assert.IsFalse(VisibleTextExtractor.Analyze("Thanks!\n\nOn Fri, Nov 20, 2026, Meridian wrote:\n" + Quote).OnlyQuoted);

    [TestMethod]
    public void Extract_OneGreaterThanLineWithoutQuoteHeader_IsTheCustomers()
    {
        var text = "I tried 3 times.\n> 5 minutes later it still said expired.\nWhat now?";

        Assert.AreEqual(text, VisibleTextExtractor.Extract(text));
    }

    [TestMethod]
    [DataRow("Can I cancel my card?\n\n> Your payment card information was not affected.")]
    [DataRow("Can I cancel my card?\n> Your payment card information was not affected.")]
    public void Extract_OneQuotedLineOfOurMailAtTheEnd_Cut(string text)
    {
        Assert.AreEqual("Can I cancel my card?", VisibleTextExtractor.Extract(text));
    }

    [TestMethod]
    [DataRow("Sent from my iPhone")]
    [DataRow("Envoyé de mon iPhone")]
    [DataRow("Von meinem iPhone gesendet")]
    [DataRow("Enviado desde mi iPhone")]
    [DataRow("Verstuurd vanaf mijn iPhone")]
    [DataRow("Inviato da iPhone")]
    [DataRow("Enviado do meu iPhone")]
    [DataRow("Wysłane z iPhone'a")]
    [DataRow("Skickat från min iPhone")]
    [DataRow("Lähetetty iPhonesta")]
    [DataRow("Sendt fra min iPhone")]
    [DataRow("Отправлено с iPhone")]
    [DataRow("iPhoneから送信")]
    [DataRow("发自我的iPhone")]
    [DataRow("Get Outlook for Android<https://aka.ms/AAb9ysg>")]
    [DataRow("Get Outlook for iOS")]
    [DataRow("Outlook für Android herunterladen")]
    [DataRow("Obtenir Outlook pour Android")]
    [DataRow("Sent from Yahoo Mail on Android")]
    [DataRow("Von meinem Samsung Galaxy Smartphone gesendet.")]
    [DataRow("Sent with Proton Mail secure email.")]
    public void Extract_FooterInEachLanguage_Removed(string footer)
    {
        Assert.AreEqual("Can I still log in?\n\nMaria", VisibleTextExtractor.Extract($"Can I still log in?\n\nMaria\n\n{footer}"));
    }

    [TestMethod]
    [DataRow("CONFIDENTIALITY NOTICE: This e-mail message, including any attachments, is for the sole use of the intended recipient(s) and may contain confidential and privileged information.")]
    [DataRow("Diese E-Mail enthält vertrauliche und/oder rechtlich geschützte Informationen. Wenn Sie nicht der richtige Adressat sind, informieren Sie bitte sofort den Absender.")]
    [DataRow("Ce message et toutes les pièces jointes sont confidentiels et établis à l'intention exclusive de ses destinataires. Si vous avez reçu ce message par erreur, merci de le détruire.")]
    public void Analyze_LegalDisclaimer_Removed(string disclaimer)
    {
        var result = VisibleTextExtractor.Analyze($"Is my card safe?\n\nBest regards\nAnna\n\n{disclaimer}");

        Assert.AreEqual("Is my card safe?\n\nBest regards\nAnna", result.VisibleText);
        Assert.IsTrue(result.SignatureRemoved);
    }

    [TestMethod]
    public void Extract_CustomerAsksAboutConfidentialData_Kept()
    {
        var text = "Is my confidential data safe? I am not the intended recipient of your marketing, and I never agreed to any disclaimer or unauthorized sharing of my address.";

        Assert.AreEqual(text, VisibleTextExtractor.Extract(text));
    }

    [TestMethod]
    public void Analyze_FinnishVsReplyWithOutlookBlock_IsNotAForward()
    {
        var text = "Hei, miksi?\n\nLähettäjä: Meridian Outfitters <passwordchange@meridian.example>\nLähetetty: 20.11.2026 10.15\nVastaanottaja: mikko@example.fi\nAihe: Important\n\n" + Unquoted;

        var result = VisibleTextExtractor.Analyze(text, "VS: Important");

        Assert.AreEqual("Hei, miksi?", result.VisibleText);
        Assert.IsNull(result.Forwarded);
    }

    [TestMethod]
    public void Analyze_NorwegianVsWithOutlookBlock_IsAForward()
    {
        var text = "Er denne fra dere?\n\nFra: Meridian Security <security@meridian-verify.example>\nSendt: 21.11.2026 08:02\nTil: ola@example.no\nEmne: Verify your account\n\nClick https://meridian-verify.example/login now.";

        var result = VisibleTextExtractor.Analyze(text, "VS: Verify your account");

        Assert.AreEqual("Er denne fra dere?", result.VisibleText);
        Assert.AreEqual("security@meridian-verify.example", result.Forwarded?.From?.Address);
        Assert.AreEqual("Verify your account", result.Forwarded?.Subject);
        CollectionAssert.AreEqual(new[] { "https://meridian-verify.example/login" }, result.Forwarded!.Links.ToArray());
    }

    [TestMethod]
    [DataRow("---------- Forwarded message ---------")]
    [DataRow("---------- Weitergeleitete Nachricht ---------")]
    [DataRow("-------- Message transféré --------")]
    [DataRow("---------- Mensaje reenviado ---------")]
    [DataRow("---------- Doorgestuurd bericht ---------")]
    [DataRow("---------- Messaggio inoltrato ---------")]
    [DataRow("---------- Przekazana wiadomość ---------")]
    [DataRow("---------- Vidarebefordrat meddelande ---------")]
    [DataRow("---------- Välitetty viesti ---------")]
    [DataRow("---------- Пересылаемое сообщение ---------")]
    [DataRow("Begin forwarded message:")]
    [DataRow("Anfang der weitergeleiteten Nachricht:")]
    [DataRow("Début du message réexpédié :")]
    [DataRow("> Begin forwarded message:")]
    public void Analyze_ForwardMarkerInEachLanguage_ReadsForwardedHeaders(string marker)
    {
        var text = $"Is this you?\n\n{marker}\n\nFrom: Meridian Security <security@meridian-verify.example>\nSubject: Verify your account\nDate: Sat, 21 Nov 2026 08:02:11 +0000\nTo: me@example.org\n\nVerify now.";

        var result = VisibleTextExtractor.Analyze(text);

        Assert.AreEqual("Is this you?", result.VisibleText);
        Assert.AreEqual("security@meridian-verify.example", result.Forwarded?.From?.Address);
        Assert.AreEqual("Verify your account", result.Forwarded?.Subject);
        Assert.AreEqual(new DateTimeOffset(2026, 11, 21, 8, 2, 11, TimeSpan.Zero), result.Forwarded?.Date);
        Assert.AreEqual("Verify now.", result.Forwarded?.Text);
        Assert.HasCount(4, result.Forwarded!.Headers);
    }

    [TestMethod]
    public void Analyze_ThunderbirdForwardWithTabbedLabels_ReadsHeaders()
    {
        var text = "FYI\n\n-------- Weitergeleitete Nachricht --------\nBetreff: \tIhr Konto\nDatum: \tSat, 21 Nov 2026 08:02:11 +0100\nVon: \tMeridian <x@meridian-verify.example>\nAn: \tme@example.org\n\n\n\nText";

        var f = VisibleTextExtractor.Analyze(text).Forwarded;

        Assert.AreEqual("x@meridian-verify.example", f?.From?.Address);
        Assert.AreEqual("Ihr Konto", f?.Subject);
        Assert.AreEqual("Text", f?.Text);
    }

    [TestMethod]
    public void Analyze_GmailForwardDate_KeepsTheTime()
    {
        var text = "?\n\n---------- Forwarded message ---------\nFrom: A <a@b.example>\nDate: Sat, Nov 21, 2026 at 7:02\u202fPM\nSubject: S\nTo: <me@example.org>\n\nx";

        Assert.AreEqual(new DateTimeOffset(2026, 11, 21, 19, 2, 0, TimeSpan.Zero), VisibleTextExtractor.Analyze(text).Forwarded?.Date);
    }
}
