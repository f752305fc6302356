using Helpdesk.Mail.CustomerWords;
using Helpdesk.Mail.Mime;
using Helpdesk.Mail.Reading;

namespace Helpdesk.Mail.Tests;

[TestClass]
public sealed class VisibleTextExtractorTests
{
    private const string Quote = "> Dear Customer,\n> On November 17 we confirmed that an unauthorized party accessed a Meridian Outfitters system.";

    [TestMethod]
    [DataRow("On Fri, Nov 20, 2026 at 9:14 AM Meridian Outfitters <passwordchange@meridian.example> wrote:")]
    [DataRow("Am Fr., 20. Nov. 2026 um 09:14 Uhr schrieb Meridian Outfitters <passwordchange@meridian.example>:")]
    [DataRow("Le ven. 20 nov. 2026 à 09:14, Meridian Outfitters <passwordchange@meridian.example> a écrit :")]
    [DataRow("El vie, 20 nov 2026 a las 9:14, Meridian Outfitters (<passwordchange@meridian.example>) escribió:")]
    [DataRow("Op vr 20 nov. 2026 om 09:14 schreef Meridian Outfitters <passwordchange@meridian.example>:")]
    [DataRow("Il giorno ven 20 nov 2026 alle ore 09:14 Meridian Outfitters <passwordchange@meridian.example> ha scritto:")]
    [DataRow("Em sex., 20 de nov. de 2026 às 09:14, Meridian Outfitters <passwordchange@meridian.example> escreveu:")]
    [DataRow("Meridian Outfitters <passwordchange@meridian.example> wrote:")]
    public void Extract_AttributionInEachLanguage_CutsQuote(string attribution)
    {
        var text = $"My link does not work.\n\nThanks\n\n{attribution}\n\n{Quote}";

        Assert.AreEqual("My link does not work.\n\nThanks", VisibleTextExtractor.Extract(text));
    }

    [TestMethod]
    public void Extract_AttributionWrappedOverTwoLines_CutsQuote()
    {
        var text = "Help please.\n\nOn Fri, Nov 20, 2026 at 9:14 AM Meridian Outfitters <\npasswordchange@meridian.example> wrote:\n\n" + Quote;

        Assert.AreEqual("Help please.", VisibleTextExtractor.Extract(text));
    }

    [TestMethod]
    [DataRow("-----Original Message-----")]
    [DataRow("----- Original Message -----")]
    [DataRow("-------- Original message --------")]
    [DataRow("-----Ursprüngliche Nachricht-----")]
    [DataRow("-----Message d'origine-----")]
    [DataRow("-----Mensaje original-----")]
    [DataRow("-----Oorspronkelijk bericht-----")]
    [DataRow("-----Messaggio originale-----")]
    [DataRow("-----Mensagem original-----")]
    public void Extract_OriginalMessageSeparator_CutsRest(string separator)
    {
        var text = $"Is my card safe?\n\n{separator}\nFrom: Meridian Outfitters\nSent: Friday\n\nDear Customer,";

        Assert.AreEqual("Is my card safe?", VisibleTextExtractor.Extract(text));
    }

    [TestMethod]
    [DataRow("From", "Sent", "To", "Subject")]
    [DataRow("Von", "Gesendet", "An", "Betreff")]
    [DataRow("De", "Envoyé", "À", "Objet")]
    [DataRow("De", "Enviado", "Para", "Asunto")]
    [DataRow("Van", "Verzonden", "Aan", "Onderwerp")]
    [DataRow("Da", "Inviato", "A", "Oggetto")]
    public void Extract_OutlookHeaderBlock_CutsRest(string from, string sent, string to, string subject)
    {
        var text = $"Please close my account.\n\nRegards\n\n________________________________\n{from}: Meridian Outfitters <passwordchange@meridian.example>\n{sent}: Friday, November 20, 2026 9:14 AM\n{to}: me@example.org\n{subject}: Important\n\nDear Customer,";

        Assert.AreEqual("Please close my account.\n\nRegards", VisibleTextExtractor.Extract(text));
    }

    [TestMethod]
    public void Extract_InterleavedAnswers_KeepsOwnLinesOnly()
    {
        var text = "On Fri, Meridian wrote:\n> Did you receive the reset email?\nNo, never.\n> Which browser?\nFirefox on Windows.";

        Assert.AreEqual("No, never.\nFirefox on Windows.", VisibleTextExtractor.Extract(text));
    }

    [TestMethod]
    public void Extract_SignatureDelimiter_CutsSignature()
    {
        Assert.AreEqual("Question here.", VisibleTextExtractor.Extract("Question here.\n\n-- \nJo Smith\nACME Corp\n+1 555 0100"));
    }

    [TestMethod]
    [DataRow("Sent from my iPhone")]
    [DataRow("Sent from my Galaxy")]
    [DataRow("Get Outlook for Android")]
    [DataRow("Sent from Yahoo Mail on Android")]
    [DataRow("Von meinem iPhone gesendet")]
    [DataRow("Envoyé de mon iPhone")]
    [DataRow("Enviado desde mi iPhone")]
    [DataRow("Verzonden vanaf mijn iPhone")]
    [DataRow("Inviato da iPhone")]
    [DataRow("Enviado do meu iPhone")]
    public void Extract_MobileFooter_Removed(string footer)
    {
        Assert.AreEqual("Can I still log in?\n\nMaria", VisibleTextExtractor.Extract($"Can I still log in?\n\nMaria\n\n{footer}"));
    }

    [TestMethod]
    public void Extract_SentFromInTheMiddle_Kept()
    {
        var text = "Sent from my work computer the reset link fails, and from home too.\nWhat now?";

        Assert.AreEqual(text, VisibleTextExtractor.Extract(text));
    }

    [TestMethod]
    public void Analyze_InlineForward_ExtractsForwardedMessage()
    {
        var text = "Is this real?\n\n---------- Forwarded message ---------\nFrom: Meridian Security <alert@meridian-verify.example>\nDate: Sat, Nov 21, 2026 at 7:02 PM\nSubject: Verify your account\nTo: <me@example.org>\n\nClick here to verify.";

        var result = VisibleTextExtractor.Analyze(text, "Fwd: Verify your account");

        Assert.AreEqual("Is this real?", result.VisibleText);
        Assert.IsNotNull(result.Forwarded);
        Assert.AreEqual(new EmailAddress("Meridian Security", "alert@meridian-verify.example"), result.Forwarded.From);
        Assert.AreEqual("Verify your account", result.Forwarded.Subject);
        Assert.AreEqual("me@example.org", result.Forwarded.To.Single().Address);
        Assert.AreEqual(new DateTimeOffset(2026, 11, 21, 19, 2, 0, TimeSpan.Zero), result.Forwarded.Date);
        Assert.AreEqual("Click here to verify.", result.Forwarded.Text);
    }

    // Found by the 1,000,000-mutation fuzz run: a forwarded "Date:" of no-break spaces only indexed past an empty
    // string, and a damaged offset ("GMT+99", a CET date in the year 1) threw from DateTimeOffset.
    [TestMethod]
    [DataRow("Date: \u00a0\u202f")]
    [DataRow("Date: January 1, 0001 at 0:10 AM CET")]
    public void Analyze_ForwardWithDamagedDate_KeepsForwardWithoutDate(string dateLine)
    {
        var text = "Is this real?\n\n---------- Forwarded message ---------\nFrom: Meridian Security <alert@meridian-verify.example>\n" + dateLine + "\nSubject: Verify your account\nTo: <me@example.org>\n\nClick here to verify.";

        var result = VisibleTextExtractor.Analyze(text, "Fwd: Verify your account");

        Assert.AreEqual("Is this real?", result.VisibleText);
        Assert.IsNotNull(result.Forwarded);
        Assert.AreEqual("Verify your account", result.Forwarded.Subject);
        Assert.IsNull(result.Forwarded.Date);
        Assert.AreEqual("Click here to verify.", result.Forwarded.Text);
    }

    [TestMethod]
    public void Analyze_ForwardDateWithImpossibleOffset_ReadsTheClockTimeWithoutTheOffset()
    {
        var text = "Is this real?\n\n---------- Forwarded message ---------\nFrom: Meridian Security <alert@meridian-verify.example>\nDate: Sat, Nov 21, 2026 at 7:02 PM GMT+99\nSubject: Verify your account\n\nClick here to verify.";

        var result = VisibleTextExtractor.Analyze(text, "Fwd: Verify your account");

        Assert.AreEqual(new DateTimeOffset(2026, 11, 21, 19, 2, 0, TimeSpan.Zero), result.Forwarded!.Date);
    }

    [TestMethod]
    public void Analyze_AppleBeginForwarded_ExtractsForwardedMessage()
    {
        var text = "FYI\n\nBegin forwarded message:\n\nFrom: Meridian <scam@evil.example>\nSubject: Your account\nDate: November 21, 2026 at 7:02:11 PM EST\nTo: me@example.org\n\nPlease confirm your card.";

        var result = VisibleTextExtractor.Analyze(text);

        Assert.AreEqual("FYI", result.VisibleText);
        Assert.AreEqual("scam@evil.example", result.Forwarded!.From!.Address);
        Assert.AreEqual("Please confirm your card.", result.Forwarded.Text);
    }

    [TestMethod]
    public void Extract_NoticeQuotedWithoutMarks_AfterOutlookBlock_Cut()
    {
        // Training data often has the company's notice pasted below the question with only a header block.
        var text = "why was I not told sooner\n\nFrom: Meridian Outfitters\nSent: Friday, November 20, 2026\nSubject: Important: please create a new password\n\nDear Customer, On November 17 we confirmed ...";

        Assert.AreEqual("why was I not told sooner", VisibleTextExtractor.Extract(text));
    }

    [TestMethod]
    public void Extract_Empty_ReturnsEmpty() => Assert.AreEqual("", VisibleTextExtractor.Extract(""));
}
