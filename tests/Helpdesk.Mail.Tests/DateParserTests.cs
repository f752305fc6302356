using Helpdesk.Mail.Mime;

namespace Helpdesk.Mail.Tests;

[TestClass]
public sealed class DateParserTests
{
    [TestMethod]
    [DataRow("Fri, 20 Nov 2026 09:15:00 +0100", "2026-11-20T09:15:00+01:00")]
    [DataRow("20 Nov 2026 09:15:00 -0500", "2026-11-20T09:15:00-05:00")]
    [DataRow("Fri, 20 Nov 2026 09:15 +0100", "2026-11-20T09:15:00+01:00")]
    [DataRow("Fri, 20 Nov 26 09:15:00 EST", "2026-11-20T09:15:00-05:00")]
    [DataRow("Fri, 20 Nov 99 09:15:00 GMT", "1999-11-20T09:15:00+00:00")]
    [DataRow("Fri, 20 Nov 2026 09:15:00 +0000 (UTC)", "2026-11-20T09:15:00+00:00")]
    [DataRow("Fri, 20 Nov 2026 09:15:00 -0000", "2026-11-20T09:15:00+00:00")]
    [DataRow("Fri, 20 Nov 2026 09:15:00", "2026-11-20T09:15:00+00:00")]
    [DataRow("Fri Nov 20 09:15:00 2026", "2026-11-20T09:15:00+00:00")]
    [DataRow("Fri, 20 Nov 2026 9:5:3 +0100", "2026-11-20T09:05:03+01:00")]
    [DataRow("Fr, 20 Nov 2026 09:15:00 +0100", "2026-11-20T09:15:00+01:00")]
    [DataRow("Fri, 20 Nov 2026 09:15:00 GMT+0100", "2026-11-20T09:15:00+01:00")]
    [DataRow("Fri, 20 Nov 2026 09:15:00 +01:00", "2026-11-20T09:15:00+01:00")]
    [DataRow("Fri, 20 Nov 2026 09.15.00 +0100", "2026-11-20T09:15:00+01:00")]
    [DataRow("2026-11-20T09:15:00+01:00", "2026-11-20T09:15:00+01:00")]
    [DataRow("Fri, 20 November 2026 09:15:00 +0100", "2026-11-20T09:15:00+01:00")]
    [DataRow("Fri, 20 Nov 2026 9:15:00 PM +0100", "2026-11-20T21:15:00+01:00")]
    [DataRow("Fri, 20 Dez 2026 09:15:00 +0100", "2026-12-20T09:15:00+01:00")]
    [DataRow("Thu, 31 Dec 2026 23:59:60 +0000", "2026-12-31T23:59:59+00:00")]
    public void Parse_KnownForms_ReadsInstantAndOffset(string value, string expected)
    {
        var date = DateParser.Parse(value);

        Assert.IsNotNull(date, value);
        Assert.AreEqual(expected, date.Value.ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture));
    }

    [TestMethod]
    [DataRow("{DATE}")]
    [DataRow("yesterday")]
    [DataRow("Fri, 31 Feb 2026 09:15:00 +0100")]
    [DataRow("Fri, 20 Nov 2026 25:15:00 +0100")]
    [DataRow("")]
    [DataRow(null)]
    public void Parse_Unusable_ReturnsNull(string? value) => Assert.IsNull(DateParser.Parse(value));
}
