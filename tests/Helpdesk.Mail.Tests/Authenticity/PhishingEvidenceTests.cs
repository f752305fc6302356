using System.Net;
using System.Text;
using Helpdesk.Mail.Authenticity;
using Helpdesk.Mail.Authenticity.Lookalikes;
using Helpdesk.Mail.CustomerWords;
using Helpdesk.Mail.Reading;
using Helpdesk.Testing.Dns;
using MimeKit;

namespace Helpdesk.Mail.Tests.Authenticity;

/// <summary>
/// "Was the mail the customer forwarded ours?" decided from the forward itself: our DKIM signature on an attached
/// message (signed here with MimeKit's DkimSigner, the key published by an in-memory DNS), a known notice Message-ID,
/// lookalike hosts, the sender's domain. The customer's own words around the forward never change the answer.
/// </summary>
[TestClass]
public sealed class PhishingEvidenceTests
{
    private const string NoticeId = "notice-1@meridian.example";

    private static DkimTestKey _key = null!;

    [ClassInitialize]
    public static void MakeKey(TestContext _) => _key = new DkimTestKey("meridian.example", "notice2026");

    [ClassCleanup]
    public static void DropKey() => _key.Dispose();

    /// <summary>DNS answered from a dictionary; <see cref="Down"/> makes every question fail as an outage would.</summary>
    private sealed class MemoryDns(Dictionary<string, string> txt) : IDnsRecords
    {
        public bool Down { get; init; }

        public Task<IReadOnlyList<string>> TxtAsync(string name, CancellationToken cancellationToken) =>
            Down ? throw new DnsUnavailableException(name, null)
                : Task.FromResult<IReadOnlyList<string>>(txt.TryGetValue(name.TrimEnd('.'), out var v) ? [v] : []);

        public Task<IReadOnlyList<IPAddress>> AddressesAsync(string name, CancellationToken cancellationToken) =>
            Down ? throw new DnsUnavailableException(name, null) : Task.FromResult<IReadOnlyList<IPAddress>>([]);

        public Task<IReadOnlyList<string>> MailExchangersAsync(string name, CancellationToken cancellationToken) =>
            Down ? throw new DnsUnavailableException(name, null) : Task.FromResult<IReadOnlyList<string>>([]);
    }

    private static PhishingEvidence Evidence(bool dnsDown = false)
    {
        var dns = new MemoryDns(new Dictionary<string, string>
        {
            [_key.RecordName] = _key.Record,
            ["_dmarc.meridian.example"] = "v=DMARC1; p=reject",
        }) { Down = dnsDown };
        var checker = new SenderAuthenticityChecker(dns, new AuthenticitySettings { OwnDomains = ["meridian.example"], Timeout = TimeSpan.FromSeconds(5) });
        return new PhishingEvidence(checker, new LookalikeDetector(["meridian.example"]));
    }

    private static Task<bool> KnownNotice(string messageId, CancellationToken _) => Task.FromResult(messageId == NoticeId);

    private static MimeMessage Notice(string from = "notice@meridian.example", string link = "https://www.meridian.example/account/new-password",
        string messageId = NoticeId)
    {
        var m = new MimeMessage();
        m.From.Add(MailboxAddress.Parse(from));
        m.To.Add(MailboxAddress.Parse("dana@mail.test"));
        m.Subject = "Important: please create a new password";
        m.Date = new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
        m.MessageId = messageId;
        m.Body = new TextPart("plain") { Text = $"Please visit {link} and create a new password.\n" };
        return m;
    }

    private static byte[] Bytes(MimeMessage m)
    {
        using var s = new MemoryStream();
        m.WriteTo(s);
        return s.ToArray();
    }

    /// <summary>The customer's mail with <paramref name="original"/> attached as an .eml file, byte for byte.</summary>
    private static ForwardedMessage Attached(byte[] original, string words = "I got this, is it you?")
    {
        var outer = "From: Dana Whitfield <dana@mail.test>\r\nTo: passwordchange@meridian.example\r\nSubject: Fwd: Important\r\n"
            + "Message-ID: <fwd-1@mail.test>\r\nDate: Sun, 22 Nov 2026 09:00:00 +0000\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"O\"\r\n\r\n--O\r\nContent-Type: text/plain\r\n\r\n" + words + "\r\n"
            + "--O\r\nContent-Type: message/rfc822\r\nContent-Disposition: attachment; filename=\"notice.eml\"\r\n\r\n"
            + Encoding.ASCII.GetString(original) + "\r\n--O--\r\n";
        return Read(outer, ForwardSource.Attached);
    }

    /// <summary>The customer's mail with a message forwarded inline, as Gmail writes it (headers lost).</summary>
    private static ForwardedMessage Inline(string sender, string link, string words = "Is this email really from you?")
    {
        var mail = "From: Dana Whitfield <dana@mail.test>\r\nTo: passwordchange@meridian.example\r\nSubject: Fwd: Important\r\n"
            + "Message-ID: <fwd-2@mail.test>\r\nDate: Sun, 22 Nov 2026 09:00:00 +0000\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n\r\n" + words + "\r\n\r\n---------- Forwarded message ---------\r\n"
            + $"From: Meridian Security <{sender}>\r\nDate: Sun, 22 Nov 2026 at 08:00\r\nSubject: Important\r\nTo: <dana@mail.test>\r\n\r\n"
            + $"Your account is locked. Verify your details now:\r\n{link}\r\n";
        return Read(mail, ForwardSource.Inline);
    }

    private static ForwardedMessage Read(string mail, ForwardSource expected)
    {
        var email = new EmailReader().Read(Encoding.UTF8.GetBytes(mail));
        var forwarded = email.Forwarded ?? throw new AssertFailedException("the reader found no forwarded message");
        Assert.AreEqual(expected, forwarded.Source);
        return forwarded;
    }

    [TestMethod]
    public async Task Judge_AttachedNoticeWithOurSignature_Ours()
    {
        var forwarded = Attached(_key.Sign(Notice(messageId: "unlisted-7@meridian.example")));

        var judgment = await Evidence().JudgeAsync(forwarded, KnownNotice);

        Assert.AreEqual(PhishingFinding.Ours, judgment.Finding, string.Join("; ", judgment.Evidence));
        StringAssert.Contains(judgment.Evidence[0], "our signature holds");
    }

    [TestMethod]
    public async Task Judge_AttachedNoticeChangedAfterSigning_NotOurs()
    {
        var signed = Encoding.ASCII.GetString(_key.Sign(Notice()));
        var changed = signed.Replace("create a new password", "confirm your card", StringComparison.Ordinal);
        Assert.AreNotEqual(signed, changed);

        var judgment = await Evidence().JudgeAsync(Attached(Encoding.ASCII.GetBytes(changed)), KnownNotice);

        // The Message-ID is one of our notices, but the body is not the one we signed: a copy, not ours.
        Assert.AreEqual(PhishingFinding.NotOurs, judgment.Finding, string.Join("; ", judgment.Evidence));
        StringAssert.Contains(judgment.Evidence[0], "does not hold");
    }

    [TestMethod]
    public async Task Judge_AttachedFromOurDomainDnsDownKnownNoticeId_Ours()
    {
        var forwarded = Attached(Bytes(Notice()));

        var judgment = await Evidence(dnsDown: true).JudgeAsync(forwarded, KnownNotice);

        Assert.AreEqual(PhishingFinding.Ours, judgment.Finding, string.Join("; ", judgment.Evidence));
        StringAssert.Contains(judgment.Evidence[^1], $"Message-ID {NoticeId} is one of our notices");
    }

    [TestMethod]
    public async Task Judge_AttachedFromOurDomainDnsDownUnknownMessageId_Unknown()
    {
        var forwarded = Attached(Bytes(Notice(messageId: "made-up-9@meridian.example")));

        var judgment = await Evidence(dnsDown: true).JudgeAsync(forwarded, KnownNotice);

        Assert.AreEqual(PhishingFinding.Unknown, judgment.Finding, string.Join("; ", judgment.Evidence));
    }

    [TestMethod]
    public async Task Judge_InlineForwardLinkingToLookalikeHost_NotOursNamingTheHost()
    {
        var forwarded = Inline("security@meridian.example", "https://meridian-secure.com/verify");

        var judgment = await Evidence().JudgeAsync(forwarded, KnownNotice);

        Assert.AreEqual(PhishingFinding.NotOurs, judgment.Finding, string.Join("; ", judgment.Evidence));
        StringAssert.Contains(judgment.Evidence[0], "meridian-secure.com imitates meridian.example");
        Assert.IsTrue(judgment.ClaimsUs, "a lookalike link claims to be us");
    }

    [TestMethod]
    public async Task Judge_InlineForwardFromAnotherCompany_NotOursAndNotClaimingUs()
    {
        var forwarded = Inline("newsletter@bookshop.example", "https://bookshop.example/offers");

        var judgment = await Evidence().JudgeAsync(forwarded, KnownNotice);

        Assert.AreEqual(PhishingFinding.NotOurs, judgment.Finding, string.Join("; ", judgment.Evidence));
        Assert.IsFalse(judgment.ClaimsUs, "another company's mail does not claim to be us");
    }

    [TestMethod]
    public async Task Judge_SignedMailFromLookalikeSenderDomain_NotOurs()
    {
        // Signed and DMARC-clean for its own domain: a signature proves who sent it, and that is not us.
        using var theirs = new DkimTestKey("meridian-support.com", "s1");
        var signed = theirs.Sign(Notice(from: "alerts@meridian-support.com", link: "https://www.meridian.example/help"));

        var judgment = await Evidence().JudgeAsync(Attached(signed), KnownNotice);

        Assert.AreEqual(PhishingFinding.NotOurs, judgment.Finding, string.Join("; ", judgment.Evidence));
        StringAssert.Contains(judgment.Evidence[0], "from meridian-support.com imitates meridian.example");
    }

    [TestMethod]
    public async Task Judge_InlineForwardFromOurDomainNoSignatureNoMessageId_Unknown()
    {
        var forwarded = Inline("notice@meridian.example", "https://www.meridian.example/account/new-password");

        var judgment = await Evidence().JudgeAsync(forwarded, KnownNotice);

        Assert.AreEqual(PhishingFinding.Unknown, judgment.Finding, string.Join("; ", judgment.Evidence));
        StringAssert.Contains(judgment.Evidence[^1], "no signature or known Message-ID survived");
        Assert.IsTrue(judgment.ClaimsUs, "it names our domain as its sender");
    }

    [TestMethod]
    public async Task Judge_CustomerSaysRealOrFake_SameFindingEitherWay()
    {
        (string Name, Func<string, ForwardedMessage> Forward, PhishingFinding Expected)[] cases =
        [
            ("unknown inline", w => Inline("notice@meridian.example", "https://www.meridian.example/help", w), PhishingFinding.Unknown),
            ("lookalike inline", w => Inline("security@meridian.example", "https://meridian-login.net/x", w), PhishingFinding.NotOurs),
            ("signed attached", w => Attached(_key.Sign(Notice()), w), PhishingFinding.Ours),
        ];
        foreach (var (name, forward, expected) in cases)
        {
            var believed = await Evidence().JudgeAsync(forward("This is real, right? It looks just like your emails."), KnownNotice);
            var doubted = await Evidence().JudgeAsync(forward("This is fake. Please confirm it is a scam."), KnownNotice);

            Assert.AreEqual(expected, believed.Finding, name + ": " + string.Join("; ", believed.Evidence));
            Assert.AreEqual(expected, doubted.Finding, name + ": " + string.Join("; ", doubted.Evidence));
            CollectionAssert.AreEqual(believed.Evidence.ToArray(), doubted.Evidence.ToArray(), name);
        }
    }
}
