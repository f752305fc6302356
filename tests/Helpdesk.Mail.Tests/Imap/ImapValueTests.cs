using System.Text;
using Helpdesk.Mail.Imap;

namespace Helpdesk.Mail.Tests.Imap;

[TestClass]
public sealed class ImapValueTests
{
    [TestMethod]
    public void UidSetToString_UnorderedWithRuns_WritesCompactRanges() =>
        Assert.AreEqual("1:3,7,9:10", new UidSet([10, 2, 1, 7, 3, 9, 2]).ToString());

    [TestMethod]
    public void UidRangeToString_OpenAndClosed_WritesImapSyntax()
    {
        Assert.AreEqual("101:*", new UidRange(101).ToString());
        Assert.AreEqual("5:9", new UidRange(5, 9).ToString());
        Assert.IsFalse(new UidRange(101).Contains(100));
    }

    [TestMethod]
    [DataRow("17-Jul-1996 02:44:25 -0700", "1996-07-17T02:44:25-07:00")]
    [DataRow(" 2-Dec-2026 08:15:00 +0000", "2026-12-02T08:15:00+00:00")]
    [DataRow("02-Dec-2026 23:59:59 +0530", "2026-12-02T23:59:59+05:30")]
    public void ParseInternalDate_ValidForms_ParsesWithOffset(string text, string expected) =>
        Assert.AreEqual(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            ImapResponseParser.ParseInternalDate(Encoding.ASCII.GetBytes(text)));

    [TestMethod]
    [DataRow("31-Feb-2026 00:00:00 +0000")]
    [DataRow("garbage")]
    [DataRow("17-Jux-1996 02:44:25 -0700")]
    public void ParseInternalDate_Invalid_ReturnsNull(string text) =>
        Assert.IsNull(ImapResponseParser.ParseInternalDate(Encoding.ASCII.GetBytes(text)));

    [TestMethod]
    [DataRow("INBOX", "INBOX")]
    [DataRow("Entwürfe", "Entw&APw-rfe")]
    [DataRow("A&B", "A&-B")]
    [DataRow("台北", "&U,BTFw-")]
    public void EncodeMailboxName_NonAscii_UsesModifiedUtf7(string name, string expected) =>
        Assert.AreEqual(expected, ImapMailboxName.Encode(name));

    [TestMethod]
    public void Validate_IdleRefreshOver29Minutes_Throws() =>
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() =>
            new ImapClient(new ImapClientOptions { IdleRefreshInterval = TimeSpan.FromMinutes(30) }));

    [TestMethod]
    public void CredentialsToString_Always_HidesThePassword() =>
        Assert.IsFalse(new ImapCredentials("u", "s3cret").ToString().Contains("s3cret", StringComparison.Ordinal));
}
