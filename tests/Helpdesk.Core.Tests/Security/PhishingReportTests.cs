using System.Security.Cryptography;
using System.Text;
using Helpdesk.Core.Security;
using Helpdesk.Core.Tests.Intake;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Core.Tests.Security;

[TestClass]
public sealed class PhishingReportTests
{
    [TestMethod]
    public async Task Intake_InlineForward_RecordsSenderDomainAndLinkHosts()
    {
        await using var desk = await IntakeTestDesk.CreateAsync();
        var outcome = await desk.TakeInAsync(PhishingMails.InlineForward("dana@example.com", "fw1@example.com", "Alerts@Meridian-Secure.example",
            "Your account is locked", "https://login.meridian-secure.example/verify?id=7", "http://bit.example/x", "https://login.meridian-secure.example/again"));

        var report = await desk.QueryAsync(db => db.PhishingReports.AsNoTracking().SingleAsync());
        var message = await desk.QueryAsync(db => db.Messages.AsNoTracking().SingleAsync(m => m.TicketNumber == outcome.TicketNumber));
        Assert.AreEqual(outcome.TicketNumber, report.TicketNumber);
        Assert.AreEqual(message.Id, report.MessageId);
        Assert.AreEqual(outcome.RawMessageId, report.RawMessageId);
        Assert.AreEqual("dana@example.com", report.ReporterAddress);
        Assert.AreEqual("alerts@meridian-secure.example", report.SenderAddress);
        Assert.AreEqual("meridian-secure.example", report.SenderDomain);
        Assert.AreEqual("Your account is locked", report.Subject);
        CollectionAssert.AreEqual(new[] { "login.meridian-secure.example", "bit.example" }, report.LinkHostList.ToArray());
        Assert.AreEqual("inline", report.Source);
        Assert.AreEqual(TestSupport.Start, report.ReportedAt);
    }

    [TestMethod]
    public async Task Intake_AttachedForward_RecordsAttachmentNamesAndHashes()
    {
        await using var desk = await IntakeTestDesk.CreateAsync();
        await desk.TakeInAsync(PhishingMails.AttachedForward("lee@example.org", "fw2@example.org", "billing@rneridian.example", "Invoice overdue",
            "https://pay.rneridian.example/i", "invoice.html", "<script>steal()</script>"));

        var report = await desk.QueryAsync(db => db.PhishingReports.AsNoTracking().SingleAsync());
        Assert.AreEqual("rneridian.example", report.SenderDomain);
        Assert.AreEqual("attached", report.Source);
        CollectionAssert.AreEqual(new[] { "pay.rneridian.example" }, report.LinkHostList.ToArray());
        var attachment = report.AttachmentList.Single();
        Assert.AreEqual("invoice.html", attachment.Name);
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("<script>steal()</script>")));
        Assert.AreEqual(expected, attachment.Sha256?.ToLowerInvariant());
    }

    [TestMethod]
    public async Task Intake_MailWithoutForward_RecordsNoReport()
    {
        await using var desk = await IntakeTestDesk.CreateAsync();
        await desk.TakeInAsync(Mails.Customer("dana@example.com", "plain@example.com", "Password", "I cannot reset my password."));
        Assert.AreEqual(0, await desk.QueryAsync(db => db.PhishingReports.CountAsync()));
        Assert.AreEqual(0, await desk.QueryAsync(db => db.ReportedIndicators.CountAsync()));
    }

    [TestMethod]
    public async Task Figures_ThreeReports_CountsPerDomainSenderAndHostWithDistinctCustomers()
    {
        await using var desk = await IntakeTestDesk.CreateAsync();
        await desk.TakeInAsync(PhishingMails.InlineForward("a@example.com", "r1@x", "x@evil.example", "S", "https://evil.example/a"));
        desk.Database.Clock.Advance(TimeSpan.FromMinutes(5));
        await desk.TakeInAsync(PhishingMails.InlineForward("a@example.com", "r2@x", "y@evil.example", "S", "https://evil.example/b"));
        desk.Database.Clock.Advance(TimeSpan.FromMinutes(5));
        await desk.TakeInAsync(PhishingMails.InlineForward("b@example.com", "r3@x", "x@evil.example", "S", "https://other.example/"));

        var s = await desk.Database.Get<SecurityFigures>().ReadAsync();

        Assert.AreEqual(3, s.Reports);
        Assert.AreEqual(2, s.Customers);
        var domain = s.Domains.Single();
        Assert.AreEqual(("evil.example", 3, 2), (domain.Value, domain.Reports, domain.Customers));
        Assert.AreEqual(TestSupport.Start, domain.FirstSeen);
        Assert.AreEqual(TestSupport.Start.AddMinutes(10), domain.LastSeen);
        Assert.AreEqual(("x@evil.example", 2, 2), (s.Senders[0].Value, s.Senders[0].Reports, s.Senders[0].Customers));
        Assert.AreEqual(("y@evil.example", 1, 1), (s.Senders[1].Value, s.Senders[1].Reports, s.Senders[1].Customers));
        Assert.AreEqual(("evil.example", 2), (s.LinkHosts[0].Value, s.LinkHosts[0].Reports));
        Assert.AreEqual(("other.example", 1), (s.LinkHosts[1].Value, s.LinkHosts[1].Reports));
        var reports = await desk.Database.Get<SecurityFigures>().ReportsAsync("evil.example", 10);
        Assert.AreEqual(3, reports.Count);
    }

    [TestMethod]
    public void Export_ValueLikeFormula_IsNeutralizedAndQuoted()
    {
        var t = TestSupport.Start;
        var csv = TakedownExport.Csv([new IndicatorCount(IndicatorKind.Sender, "=cmd|' /C calc'!A0", 2, 1, t, t), new IndicatorCount(IndicatorKind.Domain, "a,b.example", 1, 1, t, t)]);
        StringAssert.Contains(csv, "sender,'=cmd|' /C calc'!A0,2,1,2026-11-20T14:00:00Z,2026-11-20T14:00:00Z");
        StringAssert.Contains(csv, "domain,\"a,b.example\",1,1,");
        var json = System.Text.Json.JsonDocument.Parse(TakedownExport.Json([new IndicatorCount(IndicatorKind.LinkHost, "h.example", 4, 3, t, t)], t));
        var first = json.RootElement.GetProperty("indicators")[0];
        Assert.AreEqual("link_host", first.GetProperty("kind").GetString());
        Assert.AreEqual(4, first.GetProperty("reports").GetInt32());
    }
}

internal static class TestSupport
{
    public static DateTimeOffset Start => Support.TestDatabase.Start;
}
