using System.Text.Json;
using Helpdesk.Mail.Reading;
using Helpdesk.Mail.Tests.Support;

namespace Helpdesk.Mail.Tests;

/// <summary>Machine mail judged by its words (no Auto-Submitted, X-Autoreply, Precedence or multipart/report).</summary>
[TestClass]
public sealed class HeaderlessMachineMailTests
{
    private static ParsedEmail Mail(string from, string subject, string body, params string[] extraHeaders) =>
        new EmailReader().Read(TestFiles.Crlf([.. extraHeaders, $"From: {from}", "To: passwordchange@meridian.example", $"Subject: {subject}",
            "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "", body]));

    [TestMethod]
    public void Detect_GermanOutOfOffice_ReasonQuotesTheSentenceAndNamesTheLanguage()
    {
        var email = Mail("jens@hartmann-bau.example", "Important: please create a new password",
            "Ich bin bis 12.12. nicht im Büro. Ihre E-Mail wird nicht weitergeleitet.\n\nIn dringenden Fällen erreichen Sie uns unter 030 1234567.");

        Assert.AreEqual(MachineMailKind.AutoReply, email.Machine.Kind);
        StringAssert.StartsWith(email.Machine.Reason, "Out-of-office note in German: 'Ich bin bis 12.12. nicht im Büro.'");
        StringAssert.Contains(email.Machine.Reason, "a return date");
    }

    [TestMethod]
    public void ParseJson_HeaderlessMachineMail_CarriesKindAndReason()
    {
        var email = Mail("no-reply@westmere-council.example", "Re: Important",
            "This mailbox is not monitored. Your email has not been read.\n\nPlease use the contact form on our website.");

        using var json = JsonDocument.Parse(ParsedEmailJson.ToJson(email, "x.eml"));
        var machine = json.RootElement.GetProperty("machine");
        Assert.AreEqual("no_reply_notice", machine.GetProperty("kind").GetString());
        StringAssert.StartsWith(machine.GetProperty("reason").GetString(), "No-reply notice in English: 'This mailbox is not monitored.'");
    }

    [TestMethod]
    [DataRow("I was on holiday and missed your email, is my account safe?")]
    [DataRow("Hi, I'll be on holiday until 3 May, so please send the replacement card after that. Thanks, Irene")]
    [DataRow("I'm out of the office until Monday and can't reset my password from my phone.")]
    [DataRow("Our colleague James is no longer with the company. Please change the account email to accounts@price-bakery.example.")]
    [DataRow("My old address is no longer monitored. Please change the email on my account to this one.")]
    [DataRow("I received your order confirmation #A-40917 this morning but the amount is wrong. I was charged twice.")]
    [DataRow("Your emails go to my spam folder. I added your address to my approved senders list, so please send the link again.")]
    [DataRow("Ich bin diese Woche nicht im Büro, bitte stornieren Sie trotzdem meine Bestellung vom 19.11.")]
    [DataRow("Je suis en vacances jusqu'au 14 décembre. Est-ce que je dois changer mon mot de passe maintenant ?")]
    [DataRow("之前负责的同事已离职，请把我们公司账户的邮箱改为 info@sun-trading.example，谢谢。")]
    public void Detect_PersonWritingLikeARobot_IsPerson(string body)
    {
        var email = Mail("customer@mail.example", "Re: Important: please create a new password", body);

        Assert.AreEqual(MachineMailKind.None, email.Machine.Kind, email.Machine.Reason);
    }

    [TestMethod]
    public void Detect_ReplyToOurAcknowledgmentSubject_IsPerson()
    {
        var email = Mail("alice@mail.example", "Re: [#48213] We have received your message", "Thanks. It is three days later and I still cannot log in.");

        Assert.AreEqual(MachineMailKind.None, email.Machine.Kind, email.Machine.Reason);
    }

    [TestMethod]
    public void Detect_JsonThatIsNoNotification_IsPerson()
    {
        var email = Mail("dev@mail.example", "Error from your API", "{\"error\": \"invalid_token\", \"email\": \"dev@mail.example\", \"status\": 401}");

        Assert.AreEqual(MachineMailKind.None, email.Machine.Kind, email.Machine.Reason);
    }

    [TestMethod]
    public void Detect_SendGridDeliveredEvent_IsReceiptNotBounce()
    {
        var email = Mail("events@relay.example", "SendGrid event", "[{\"email\": \"jo@example.org\", \"event\": \"delivered\", \"smtp-id\": \"<a1@meridian.example>\", \"response\": \"250 OK\"}]");

        Assert.AreEqual(MachineMailKind.Receipt, email.Machine.Kind);
    }

    [TestMethod]
    public void ParseJson_DsnWithEnvelopeId_WritesOriginalEnvelopeId()
    {
        var email = new EmailReader().Read(TestFiles.Crlf(
            "From: MAILER-DAEMON@mx.example.org", "Subject: Undelivered Mail Returned to Sender",
            "Content-Type: multipart/report; report-type=delivery-status; boundary=d", "",
            "--d", "", "Your message could not be delivered.",
            "--d", "Content-Type: message/delivery-status", "", "Reporting-MTA: dns; mx.example.org", "Original-Envelope-Id: outbox-77", "",
            "Final-Recipient: rfc822; jo@example.org", "Action: failed", "Status: 5.1.1",
            "--d--"));

        using var json = JsonDocument.Parse(ParsedEmailJson.ToJson(email, "x.eml"));
        Assert.AreEqual("outbox-77", json.RootElement.GetProperty("machine").GetProperty("bounce").GetProperty("originalEnvelopeId").GetString());
    }

    [TestMethod]
    [DataRow("failed", "5.1.1", null, true)]
    [DataRow("failed", "550", null, true)]
    [DataRow(null, "5.1.1", null, true)]
    [DataRow("failed", "4.4.7", null, false)]
    [DataRow("failed", "5.2.2", null, false)]
    [DataRow("failed", null, "Mailbox quota exceeded", false)]
    [DataRow("failed", null, "El buzón del destinatario está lleno", false)]
    [DataRow("delayed", "5.1.1", null, false)]
    [DataRow("delivered", "2.0.0", null, false)]
    public void Permanent_ByActionStatusAndWords(string? action, string? status, string? diagnostic, bool permanent)
    {
        Assert.AreEqual(permanent, new BounceRecipient("jo@example.org", action, status, diagnostic).Permanent);
    }
}
