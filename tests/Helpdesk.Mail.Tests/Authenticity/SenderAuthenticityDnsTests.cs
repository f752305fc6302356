using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Helpdesk.Mail.Authenticity;
using Helpdesk.Mail.Authenticity.Lookalikes;
using Helpdesk.Mail.Reading;
using Helpdesk.Testing.Dns;
using MimeKit;
using MimeKit.Cryptography;

namespace Helpdesk.Mail.Tests.Authenticity;

/// <summary>
/// Sender verdicts against a real DNS server (dnsmasq on loopback) publishing meridian.example's DKIM key, SPF and
/// DMARC (p=reject): mail signed with MimeKit's DkimSigner by the test's own key, verified through DnsClient.
/// </summary>
[TestClass]
public sealed class SenderAuthenticityDnsTests
{
    private static LoopbackDns _dns = null!;
    private static DkimTestKey _key = null!;
    private static DkimTestKey _listKey = null!;

    private static int Port => int.TryParse(Environment.GetEnvironmentVariable("HELPDESK_TEST_DNS_PORT"), out var p) ? p : 31901;

    [ClassInitialize]
    public static void StartDns(TestContext _)
    {
        _key = new DkimTestKey("meridian.example", "notice2026");
        _listKey = new DkimTestKey("lists.example", "arc1");
        _dns = LoopbackDns.Start(Port, new Dictionary<string, string>
        {
            [_key.RecordName] = _key.Record,
            [_listKey.RecordName] = _listKey.Record,
            ["_dmarc.meridian.example"] = "v=DMARC1; p=reject; adkim=r; aspf=r",
            ["meridian.example"] = "v=spf1 ip4:192.0.2.10 -all",
        });
    }

    [ClassCleanup]
    public static void StopDns()
    {
        _dns.Dispose();
        _key.Dispose();
        _listKey.Dispose();
    }

    private static SenderAuthenticityChecker Checker(string? authServId = null, string? server = null, TimeSpan? timeout = null) =>
        new(new DnsClientRecords([server ?? _dns.Server], TimeSpan.FromMilliseconds(500)), new AuthenticitySettings
        {
            AuthServId = authServId,
            ReceivingHost = "mx.desk.test",
            OwnDomains = ["meridian.example"],
            Timeout = timeout ?? TimeSpan.FromSeconds(5),
        });

    private static MimeMessage Notice(string from = "notice@meridian.example")
    {
        var m = new MimeMessage();
        m.From.Add(MailboxAddress.Parse(from));
        m.To.Add(MailboxAddress.Parse("customer@mail.test"));
        m.Subject = "Important: please create a new password";
        m.Date = new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
        m.MessageId = "notice-1@meridian.example";
        m.Body = new TextPart("plain") { Text = "Please visit https://www.meridian.example/account/new-password and create a new password.\n" };
        return m;
    }

    private static ParsedEmail Read(byte[] bytes) => new EmailReader().Read(bytes);

    private static byte[] Bytes(MimeMessage m)
    {
        using var s = new MemoryStream();
        m.WriteTo(s);
        return s.ToArray();
    }

    [TestMethod]
    public async Task CheckAsync_GenuineSignedNotice_Passes()
    {
        var email = Read(_key.Sign(Notice()));

        var verdict = await Checker().CheckAsync(email.Message);

        Assert.AreEqual(SenderVerdict.Pass, verdict.Verdict, verdict.Reason);
        Assert.AreEqual("meridian.example", verdict.Domain);
        Assert.IsTrue(verdict.ClaimsOwnDomain);
        StringAssert.Contains(verdict.Reason, "dkim pass");
    }

    [TestMethod]
    public async Task CheckAsync_ForgedFromWithoutSignature_FailsDmarc()
    {
        var email = Read(Bytes(Notice("security@meridian.example")));

        var verdict = await Checker().CheckAsync(email.Message);

        Assert.AreEqual(SenderVerdict.Fail, verdict.Verdict, verdict.Reason);
        StringAssert.Contains(verdict.Reason, "dmarc fail");
    }

    [TestMethod]
    public async Task CheckAsync_BodyChangedAfterSigning_FailsWithBrokenSignature()
    {
        var signed = Encoding.ASCII.GetString(_key.Sign(Notice()));
        var changed = signed.Replace("https://www.meridian.example/account/new-password", "https://meridian-secure.example.net/reset", StringComparison.Ordinal);
        Assert.AreNotEqual(signed, changed);

        var verdict = await Checker().CheckAsync(Read(Encoding.ASCII.GetBytes(changed)).Message);

        Assert.AreEqual(SenderVerdict.Fail, verdict.Verdict, verdict.Reason);
        StringAssert.Contains(verdict.Reason, "does not hold");
    }

    [TestMethod]
    public async Task CheckAsync_LookalikeDomain_NoneAndFlagged()
    {
        var email = Read(Bytes(Notice("alerts@meridian-support.com")));

        var verdict = await Checker().CheckAsync(email.Message);
        var lookalikes = LookalikeScan.Of(email, new LookalikeDetector(["meridian.example"]));

        Assert.AreEqual(SenderVerdict.None, verdict.Verdict, verdict.Reason);
        Assert.IsFalse(verdict.ClaimsOwnDomain);
        Assert.HasCount(1, lookalikes);
        Assert.AreEqual("from", lookalikes[0].Where);
        Assert.AreEqual("meridian.example", lookalikes[0].Lookalike.LooksLike);
    }

    [TestMethod]
    public async Task CheckAsync_SpfPassFromOurReceivedHeader_PassesWithoutSignature()
    {
        var m = Notice("billing@meridian.example");
        m.Headers.Insert(0, new Header("Received", "from out.meridian.example (out.meridian.example [192.0.2.10]) by mx.desk.test with ESMTPS id 1; Fri, 20 Nov 2026 09:00:01 +0000"));
        m.Headers.Insert(0, new Header("Return-Path", "<bounce@meridian.example>"));

        var verdict = await Checker().CheckAsync(Read(Bytes(m)).Message);

        Assert.AreEqual(SenderVerdict.Pass, verdict.Verdict, verdict.Reason);
        StringAssert.Contains(verdict.Reason, "spf pass");
    }

    [TestMethod]
    public async Task CheckAsync_SpfFromAnotherIp_Fails()
    {
        var m = Notice("billing@meridian.example");
        m.Headers.Insert(0, new Header("Received", "from evil.test (evil.test [198.51.100.7]) by mx.desk.test with ESMTP id 2; Fri, 20 Nov 2026 09:00:01 +0000"));
        m.Headers.Insert(0, new Header("Return-Path", "<bounce@meridian.example>"));

        var verdict = await Checker().CheckAsync(Read(Bytes(m)).Message);

        Assert.AreEqual(SenderVerdict.Fail, verdict.Verdict, verdict.Reason);
    }

    [TestMethod]
    public async Task CheckAsync_OurServersAuthenticationResults_Trusted_OthersIgnored()
    {
        var forged = Notice("security@meridian.example");
        // Written by the forger: a different authserv-id, ignored.
        forged.Headers.Insert(0, new Header("Authentication-Results", "mx.evil.test; dkim=pass header.d=meridian.example; dmarc=pass header.from=meridian.example"));
        var ours = Notice("notice@meridian.example");
        ours.Headers.Insert(0, new Header("Authentication-Results", "mx.desk.test; dkim=pass header.d=meridian.example; spf=pass smtp.mailfrom=meridian.example; dmarc=pass header.from=meridian.example"));

        var forgedVerdict = await Checker(authServId: "mx.desk.test").CheckAsync(Read(Bytes(forged)).Message);
        var oursVerdict = await Checker(authServId: "mx.desk.test").CheckAsync(Read(Bytes(ours)).Message);

        Assert.AreEqual(SenderVerdict.Fail, forgedVerdict.Verdict, forgedVerdict.Reason);
        Assert.AreEqual(SenderAuthenticity.VerifiedHere, forgedVerdict.Source);
        Assert.AreEqual(SenderVerdict.Pass, oursVerdict.Verdict, oursVerdict.Reason);
        Assert.AreEqual(SenderAuthenticity.FromReceivingServer, oursVerdict.Source);
    }

    [TestMethod]
    public async Task CheckAsync_DnsServerSilent_NoneDnsUnavailableWithinTimeout()
    {
        // A socket that takes questions and never answers: the worst a DNS outage does.
        using var silent = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var server = $"127.0.0.1:{((IPEndPoint)silent.Client.LocalEndPoint!).Port}";
        var email = Read(_key.Sign(Notice()));
        var clock = Stopwatch.StartNew();

        var verdict = await Checker(server: server, timeout: TimeSpan.FromSeconds(2)).CheckAsync(email.Message);

        Assert.AreEqual(SenderVerdict.None, verdict.Verdict, verdict.Reason);
        StringAssert.Contains(verdict.Reason, "dns unavailable");
        Assert.IsLessThan(TimeSpan.FromSeconds(4), clock.Elapsed, $"took {clock.Elapsed}");
    }

    /// <summary>
    /// A mailing list that tags the subject breaks our signature but seals what it saw with ARC (RFC 8617): the verdict
    /// stays by our own signature (fail), and the reason tells the reader the list's chain holds.
    /// </summary>
    [TestMethod]
    public async Task CheckAsync_ListChangedSignedNoticeWithArcSeal_FailsAndNotesTheChainHolds()
    {
        var sealedMail = ThroughList(_key.Sign(Notice()));

        var verdict = await Checker().CheckAsync(Read(sealedMail).Message);

        Assert.AreEqual(SenderVerdict.Fail, verdict.Verdict, verdict.Reason);
        StringAssert.Contains(verdict.Reason, "does not hold");
        StringAssert.Contains(verdict.Reason, "arc chain holds");
    }

    [TestMethod]
    public async Task CheckAsync_BodyChangedAfterArcSeal_NotesTheChainBroken()
    {
        var sealedMail = Encoding.ASCII.GetString(ThroughList(_key.Sign(Notice())));
        var changed = sealedMail.Replace("https://www.meridian.example/account/new-password", "https://meridian-secure.example.net/reset", StringComparison.Ordinal);
        Assert.AreNotEqual(sealedMail, changed);

        var verdict = await Checker().CheckAsync(Read(Encoding.ASCII.GetBytes(changed)).Message);

        Assert.AreEqual(SenderVerdict.Fail, verdict.Verdict, verdict.Reason);
        StringAssert.Contains(verdict.Reason, "arc chain broken");
    }

    /// <summary>What a list does: tags the subject (our signature no longer holds), then seals the message as it saw it.</summary>
    private static byte[] ThroughList(byte[] signed)
    {
        var message = MimeMessage.Load(new MemoryStream(signed));
        message.Subject = "[customers] " + message.Subject;
        var signer = new ListArcSigner(_listKey)
        {
            HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
            BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
        };
        signer.Sign(message, [HeaderId.From, HeaderId.To, HeaderId.Subject, HeaderId.Date, HeaderId.MessageId]);
        return Bytes(message);
    }

    /// <summary>The list's ARC signer: records that our DKIM signature held when the list received the message.</summary>
    private sealed class ListArcSigner(DkimTestKey key)
        : ArcSigner(key.KeyFile, key.Domain, key.Selector, DkimSignatureAlgorithm.RsaSha256)
    {
        protected override AuthenticationResults GenerateArcAuthenticationResults(FormatOptions options, MimeMessage message, CancellationToken cancellationToken)
        {
            var results = new AuthenticationResults("lists.example");
            results.Results.Add(new AuthenticationMethodResult("dkim", "pass"));
            return results;
        }

        protected override Task<AuthenticationResults> GenerateArcAuthenticationResultsAsync(FormatOptions options, MimeMessage message, CancellationToken cancellationToken) =>
            Task.FromResult(GenerateArcAuthenticationResults(options, message, cancellationToken));
    }
}
