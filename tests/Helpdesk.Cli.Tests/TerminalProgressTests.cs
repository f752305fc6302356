using Helpdesk.Cli.Commands;

namespace Helpdesk.Cli.Tests;

[TestClass]
public sealed class TerminalProgressTests
{
    [TestMethod]
    public void Line_TotalKnown_CountRateAndTimeLeft()
    {
        var line = TerminalProgress.Line(5_000, 20_000, TimeSpan.FromSeconds(5));

        Assert.AreEqual("5,000 of 20,000 emails, 1,000/s, 15 s left", line);
    }

    [TestMethod]
    public void Line_TotalUnknownButShareOfBytesKnown_TimeLeftFromTheShare()
    {
        var line = TerminalProgress.Line(1_200, null, TimeSpan.FromMinutes(1), fraction: 0.25);

        Assert.AreEqual("1,200 emails, 20/s, 3 min 00 s left", line);
    }

    [TestMethod]
    public void Line_NothingKnown_NoTimeLeft()
    {
        Assert.AreEqual("0 emails, 0/s", TerminalProgress.Line(0, null, TimeSpan.Zero));
    }

    [TestMethod]
    public void Report_OnATerminal_RedrawsOneLineThenWipesIt()
    {
        var output = new StringWriter();
        var progress = new TerminalProgress(output, show: true);

        progress.Report(10, 100);
        progress.Report(20, 100); // within a quarter second: not redrawn
        progress.Finish();

        var text = output.ToString();
        StringAssert.StartsWith(text, "\r10 of 100 emails");
        Assert.IsFalse(text.Contains("20 of 100", StringComparison.Ordinal));
        Assert.IsTrue(text.EndsWith('\r') && !text.Contains('\n'), "the line is wiped, no new line left behind");
    }

    [TestMethod]
    public void Report_NotATerminal_WritesNothing()
    {
        var output = new StringWriter();
        var progress = new TerminalProgress(output);

        progress.Report(10, 100);
        progress.Finish();

        Assert.AreEqual("", output.ToString());
    }

    [TestMethod]
    public void Summary_CountTimeAndRate()
    {
        Assert.AreEqual("took in 20,000 emails in 16.0 s (1,250/s)", TerminalProgress.Summary("took in", 20_000, TimeSpan.FromSeconds(16)));
    }
}
