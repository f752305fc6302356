using Helpdesk.Mail.CustomerWords;
using Helpdesk.Mail.Mime;
using Helpdesk.Mail.Reading;
using Helpdesk.Mail.Tests.Support;

namespace Helpdesk.Mail.Tests;

[TestClass]
public sealed class MachineMailTests
{
    private static ParsedEmail Read(params string[] lines) => new EmailReader().Read(TestFiles.Crlf(lines));

    private static ParsedEmail Simple(string subject, string body, params string[] extraHeaders) =>
        Read([.. extraHeaders, "From: Someone <someone@example.org>", "To: passwordchange@meridian.example", $"Subject: {subject}", "", body]);

    [TestMethod]
    [DataRow("Auto-Submitted: auto-replied")]
    [DataRow("Auto-Submitted: auto-generated")]
    [DataRow("X-Autoreply: yes")]
    [DataRow("X-Autorespond: Out of office")]
    [DataRow("Precedence: auto_reply")]
    [DataRow("Precedence: junk")]
    [DataRow("Precedence: bulk")]
    public void Detect_AutoReplyHeader_IsAutoReply(string header)
    {
        Assert.AreEqual(MachineMailKind.AutoReply, Simple("Re: hello", "Thanks.", header).Machine.Kind);
    }

    [TestMethod]
    [DataRow("Auto-Submitted: no")]
    [DataRow("X-Auto-Response-Suppress: All")]
    public void Detect_HeadersThatMeanNothing_IsPerson(string header)
    {
        Assert.AreEqual(MachineMailKind.None, Simple("Re: Important", "My password is rejected, why?", header).Machine.Kind);
    }

    [TestMethod]
    [DataRow("Automatic reply: Important: please create a new password")]
    [DataRow("Out of Office AutoReply: Important")]
    [DataRow("Abwesenheitsnotiz: Important")]
    [DataRow("Automatische Antwort: Important")]
    [DataRow("Réponse automatique : Important")]
    [DataRow("Respuesta automática: Important")]
    [DataRow("Automatisch antwoord: Important")]
    [DataRow("Risposta automatica: Important")]
    [DataRow("Resposta automática: Important")]
    public void Detect_AutoReplySubjectWithoutHeaders_IsAutoReply(string subject)
    {
        Assert.AreEqual(MachineMailKind.AutoReply, Simple(subject, "I am away.").Machine.Kind);
    }

    [TestMethod]
    [DataRow("I am currently out of the office with limited access to email. I will return on December 1.")]
    [DataRow("Ich bin bis zum 30. November nicht im Büro. In dringenden Fällen wenden Sie sich bitte an meine Kollegin.")]
    [DataRow("Je suis actuellement absent du bureau jusqu'au 30 novembre.")]
    [DataRow("Estoy fuera de la oficina hasta el 30 de noviembre.")]
    [DataRow("Ik ben momenteel afwezig tot en met 30 november.")]
    [DataRow("Sono attualmente fuori ufficio fino al 30 novembre.")]
    [DataRow("Estou ausente até 30 de novembro.")]
    public void Detect_OutOfOfficeTextOnly_IsAutoReply(string body)
    {
        Assert.AreEqual(MachineMailKind.AutoReply, Simple("Important: please create a new password", body).Machine.Kind);
    }

    [TestMethod]
    public void Detect_PersonMentioningOutOfOfficeWithQuestion_IsPerson()
    {
        Assert.AreEqual(MachineMailKind.None, Simple("Re: Important", "I'm out of the office until December. Can I reset my password later?").Machine.Kind);
    }

    [TestMethod]
    public void Detect_ThankYouSubject_IsPerson()
    {
        Assert.AreEqual(MachineMailKind.None, Simple("Thank you for your email", "Thanks for telling us so quickly.").Machine.Kind);
    }

    [TestMethod]
    public void Detect_ListId_IsMailingListEvenWithPrecedenceBulk()
    {
        var email = Simple("[isac] breach alert", "FYI", "List-Id: <alerts.isac.example>", "Precedence: bulk");

        Assert.AreEqual(MachineMailKind.MailingList, email.Machine.Kind);
    }

    [TestMethod]
    public void Detect_DispositionNotification_IsReceipt()
    {
        var email = Read(
            "From: jo@example.org", "Subject: Read: Important", "Content-Type: multipart/report; report-type=disposition-notification; boundary=r", "",
            "--r", "", "Your message was read.",
            "--r", "Content-Type: message/disposition-notification", "", "Final-Recipient: rfc822;jo@example.org", "Disposition: manual-action/MDN-sent-manually; displayed",
            "--r--");

        Assert.AreEqual(MachineMailKind.Receipt, email.Machine.Kind);
    }

    [TestMethod]
    public void Detect_ChallengeText_IsChallenge()
    {
        var email = Simple("Please confirm your message", "I use SenderCheck to keep junk out. Please confirm your message by verifying that you are a real person. Your original message will be delivered as soon as you confirm.");

        Assert.AreEqual(MachineMailKind.Challenge, email.Machine.Kind);
    }

    [TestMethod]
    public void Detect_DsnWithRfc822Headers_ReadsRecipientAndOriginalId()
    {
        var email = Read(
            "From: MAILER-DAEMON@mx.example.org (Mail Delivery System)", "Subject: Undelivered Mail Returned to Sender",
            "Content-Type: multipart/report; report-type=delivery-status; boundary=d", "",
            "--d", "", "Your message could not be delivered.",
            "--d", "Content-Type: message/delivery-status", "", "Reporting-MTA: dns; mx.example.org", "",
            "Final-Recipient: RFC822; <jo@example.org>", "Action: failed", "Status: 5.1.1 (user unknown)", "Diagnostic-Code: X-Postfix; host said: 550 5.1.1",
            "    User unknown",
            "--d", "Content-Type: text/rfc822-headers", "", "From: passwordchange@meridian.example", "Message-ID: <reply-1234.5@meridian.example>", "Subject: Re: help",
            "--d--");

        Assert.AreEqual(MachineMailKind.Bounce, email.Machine.Kind);
        Assert.AreEqual(new BounceRecipient("jo@example.org", "failed", "5.1.1", "host said: 550 5.1.1 User unknown"), email.Machine.Bounce!.Recipients.Single());
        Assert.AreEqual("reply-1234.5@meridian.example", email.Machine.Bounce.OriginalMessageId);
    }

    [TestMethod]
    public void Detect_TextBounceWithTheOriginalInAnHtmlPartWithoutCharset_FindsItsMessageId()
    {
        // The Message-ID is read from each part's bytes as Latin-1 (MimeKit's TextPart.Text would sniff the HTML).
        var email = Read(
            "From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>", "Subject: Delivery Status Notification (Failure)", "Return-Path: <>",
            "Content-Type: multipart/alternative; boundary=a", "",
            "--a", "Content-Type: text/plain", "", "** Address not found **", "Your message wasn't delivered to jo@example.org.",
            "--a", "Content-Type: text/html", "", "<p>Address not found</p>",
            "Message-ID: <reply-77.2@meridian.example>",
            "--a--");

        Assert.AreEqual(MachineMailKind.Bounce, email.Machine.Kind);
        Assert.AreEqual("reply-77.2@meridian.example", email.Machine.Bounce!.OriginalMessageId);
    }

    [TestMethod]
    public void Detect_QmailTextBounce_ReadsRecipientFromText()
    {
        var email = Simple("failure notice",
            "Hi. This is the qmail-send program at mail.example.net.\r\nI'm afraid I wasn't able to deliver your message to the following addresses.\r\n\r\n<gp@example.net>:\r\nSorry, no mailbox here by that name. (#5.1.1)\r\n\r\n--- Below this line is a copy of the message.\r\n\r\nMessage-ID: <notice.1@meridian.example>",
            "Return-Path: <>");

        Assert.AreEqual(MachineMailKind.Bounce, email.Machine.Kind);
        Assert.AreEqual(new BounceRecipient("gp@example.net", "failed", "5.1.1", "Sorry, no mailbox here by that name. (#5.1.1)"), email.Machine.Bounce!.Recipients.Single());
        Assert.AreEqual("notice.1@meridian.example", email.Machine.Bounce.OriginalMessageId);
    }

    [TestMethod]
    public void Detect_ForwardedBounceFromCustomer_IsPerson()
    {
        var email = Read(
            "From: Jo <jo@example.org>", "Subject: Fwd: your mails bounce", "Content-Type: multipart/mixed; boundary=m", "",
            "--m", "", "Why do your mails bounce?",
            "--m", "Content-Type: message/rfc822", "",
            "From: MAILER-DAEMON@x.example", "Subject: Undelivered", "Content-Type: multipart/report; report-type=delivery-status; boundary=d", "",
            "--d", "Content-Type: message/delivery-status", "", "Final-Recipient: rfc822;a@x.example", "Action: failed", "--d--",
            "--m--");

        Assert.AreEqual(MachineMailKind.None, email.Machine.Kind);
    }
}
