using System.Text.Json;
using Helpdesk.Mail.CustomerWords;
using Helpdesk.Mail.Reading;
using Helpdesk.Mail.Tests.Support;

namespace Helpdesk.Mail.Tests;

/// <summary>
/// Machine-mail precision and recall over every x.eml / x.expected.json under TestData/customer-words (the team's
/// corpus: human replies, forwards, machine mail and the hard human negatives) and TestData/golden, plus the
/// bounce facts of the header-less bounces. Expected values are hand-written in the corpus; "machine": null means a person wrote it.
/// </summary>
[TestClass]
public sealed class MachineMailCorpusTests
{
    private static string CustomerWords => Path.Combine(TestFiles.Root, "customer-words");

    /// <summary>Precision first: a person taken for a robot loses an answer. Recall: a robot taken for a person gets an acknowledgment and a ticket.</summary>
    private const double MinimumPrecision = 0.995;

    private const double MinimumRecall = 0.97;

    [TestMethod]
    public void CustomerWordsAndGoldenCorpus_MachineMail_MeetsPrecisionAndRecall()
    {
        var score = Score(CustomerWords, TestFiles.Golden);
        Console.WriteLine(score.Report());

        Assert.IsGreaterThanOrEqualTo(150, score.Machines, $"machine mails in the corpus: {score.Machines}");
        Assert.IsGreaterThanOrEqualTo(60, score.Negatives, $"hard human negatives in the corpus: {score.Negatives}");
        Assert.IsGreaterThanOrEqualTo(MinimumPrecision, score.Precision, score.Report());
        Assert.IsGreaterThanOrEqualTo(MinimumRecall, score.Recall, score.Report());
    }

    [TestMethod]
    public void MachineFolder_EveryMessage_HasItsExpectedKind()
    {
        var wrong = new List<string>();
        foreach (var (eml, expected) in WordsCorpus.MachineCases(Path.Combine(CustomerWords, "machine")))
        {
            var email = new EmailReader().Read(File.ReadAllBytes(eml));
            var kind = ParsedEmailJson.KindName(email.Machine.Kind);
            if (kind != expected && email.Machine.IsMachine)
                wrong.Add($"{Path.GetFileName(eml)}: expected {expected}, got {kind} ({email.Machine.Reason})");
        }
        Assert.IsEmpty(wrong, string.Join("\n", wrong));
    }

    public static IEnumerable<object?[]> BounceFacts =>
    [
        ["bounce-qmail-user-unknown", "r.shaw@finch-insurance.example", true, null],
        ["bounce-qmail-two-recipients", "b.morrow@westbay-isp.example", true, null],
        ["bounce-qmail-mailbox-full", "d.ortega@hillcrest-mail.example", false, null],
        ["bounce-sendmail-permanent-fatal", "pmiller@oakridge-u.example", true, null],
        ["bounce-sendmail-warning-delayed", "t.nguyen@lakeshore-mfg.example", false, null],
        ["bounce-exchange-text-not-found", "emily.carter@kingsbridge-law.example", true, null],
        ["bounce-exchange-text-bare-address", "k.ahmed@harrow-group.example", false, null],
        ["bounce-exchange-2003-style", "w.shore@dunmore-trust.example", true, null],
        ["bounce-exchange-delay-text", "billing@crestview-health.example", false, null],
        ["bounce-office365-couldnt-be-delivered", "r.quinn@bayfield-energy.example", true, null],
        ["bounce-yahoo-no-account", "sunny.days77@yahoo.example", true, null],
        ["bounce-yahoo-temporary-deferred", "quiet.harbor@slowhost.example", false, null],
        ["bounce-exim-permanent", "lucas.meyer@meyer-fotografie.example", true, null],
        ["bounce-exim-delayed-warning", "frank@stuck-mailhost.example", false, null],
        ["bounce-exim-mailbox-quota", "info@thistle-crafts.example", false, null],
        ["bounce-postfix-text-flattened", "n.fox@ashgrove-it.example", true, "outbox-4471"],
        ["bounce-postfix-text-delayed", "orders@farfield-supply.example", false, null],
        ["bounce-gmail-text-address-not-found", "old.friend.1999@gmail.example", true, null],
        ["bounce-gmail-text-delay", "helpdesk@patchy-server.example", false, null],
        ["bounce-de-unzustellbar", "b.hoffmann@stadtverwaltung-ahrweiler.example", true, null],
        ["bounce-fr-non-remis", "c.leroy@mairie-sainte-anne.example", true, null],
        ["bounce-es-no-se-puede-entregar", "m.gil@ayto-villaverde.example", false, null],
        ["bounce-json-ses-sns-permanent", "harold.finch@finch-insurance.example", true, null],
        ["bounce-json-ses-transient-mailbox-full", "g.ng@ng-family.example", false, null],
        ["bounce-json-sendgrid-bounce", "lena.schulz@schulz-kanzlei.example", true, null],
        ["bounce-json-sendgrid-deferred", "ops@slowmail-host.example", false, null],
        ["bounce-json-mailgun-permanent", "t.baker@bakery-lane.example", true, null],
        ["bounce-json-mailgun-temporary", "maria@busy-server.example", false, null],
        ["bounce-json-postmark-hard", "jo.quill@quill-studio.example", true, null],
        ["bounce-dsn-original-envelope-id", "jane.roe@lapsed-domain.example", true, "outbox-9120"],
        ["bounce-dsn-envelope-id-headers-cut", "pat.kim@tinyhost.example", false, "outbox-9121"],
    ];

    [TestMethod]
    [DynamicData(nameof(BounceFacts))]
    public void HeaderlessBounce_ReadsFailedAddressPermanenceAndEnvelope(string name, string address, bool permanent, string? envelopeId)
    {
        var email = new EmailReader().Read(File.ReadAllBytes(Path.Combine(CustomerWords, "machine", name + ".eml")));

        Assert.AreEqual(MachineMailKind.Bounce, email.Machine.Kind, email.Machine.Reason);
        var recipient = email.Machine.Bounce!.Recipients.FirstOrDefault(r => r.Address.Equals(address, StringComparison.OrdinalIgnoreCase));
        Assert.IsNotNull(recipient, $"{address} not among [{string.Join(", ", email.Machine.Bounce.Recipients.Select(r => r.Address))}]");
        Assert.AreEqual(permanent, recipient.Permanent, $"{recipient}");
        Assert.AreEqual(envelopeId, email.Machine.Bounce.OriginalEnvelopeId);
    }

    [TestMethod]
    public void JsonBounceFromMailService_KeepsTheMessageIdOfOurMail()
    {
        var email = new EmailReader().Read(File.ReadAllBytes(Path.Combine(CustomerWords, "machine", "bounce-json-ses-sns-permanent.eml")));

        Assert.AreEqual("notice.20261120.5e21a0c4b7d94f10@meridian.example", email.Machine.Bounce?.OriginalMessageId);
    }

    internal sealed record CorpusScore(int Machines, int Negatives, int Humans, int TruePositives, List<string> Missed, List<string> FalseAlarms)
    {
        public double Precision => TruePositives + FalseAlarms.Count == 0 ? 1 : (double)TruePositives / (TruePositives + FalseAlarms.Count);

        public double Recall => Machines == 0 ? 1 : (double)TruePositives / Machines;

        public string Report() =>
            $"machine {Machines}, human {Humans} (of which hard negatives {Negatives}); precision {Precision:P2}, recall {Recall:P2}\n"
            + "missed:\n  " + string.Join("\n  ", Missed) + "\nfalse alarms:\n  " + string.Join("\n  ", FalseAlarms);
    }

    internal static CorpusScore Score(params string[] folders)
    {
        var reader = new EmailReader();
        int machines = 0, negatives = 0, humans = 0, tp = 0;
        var missed = new List<string>();
        var alarms = new List<string>();
        foreach (var (eml, kind) in folders.SelectMany(WordsCorpus.MachineCases))
        {
            var email = reader.Read(File.ReadAllBytes(eml));
            var name = Path.GetRelativePath(TestFiles.Root, eml);
            // Mailing-list mail is not an answer either, but the corpus marks only robots that answer us.
            var detected = email.Machine.IsMachine && email.Machine.Kind != MachineMailKind.MailingList;
            if (kind is not null)
            {
                machines++;
                if (detected)
                    tp++;
                else
                    missed.Add(name);
            }
            else
            {
                humans++;
                if (name.Contains("machine-negatives", StringComparison.Ordinal))
                    negatives++;
                if (detected)
                    alarms.Add($"{name}: {email.Machine.Kind} ({email.Machine.Reason})");
            }
        }
        return new CorpusScore(machines, negatives, humans, tp, missed, alarms);
    }
}
