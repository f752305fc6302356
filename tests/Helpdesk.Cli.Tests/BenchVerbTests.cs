namespace Helpdesk.Cli.Tests;

[TestClass]
public sealed class BenchVerbTests
{
    [TestMethod]
    [DataRow("sqlite,mysql", "--engines takes sqlite, postgres or both")]
    [DataRow("sqlite,postgres", "--engines postgres needs --postgres CONNECTION")]
    public async Task BenchQueue_EnginesItCannotRun_UsageErrorSaysWhy(string engines, string expected)
    {
        using var cli = new CliRun();

        var (exit, _, error) = await cli.RunAsync("bench", "queue", "--engines", engines);

        Assert.AreEqual(2, exit);
        StringAssert.Contains(error, expected);
    }

    [TestMethod]
    public async Task BenchQueue_TwoRoundsOnSqlite_PrintsOneMedianRowPerAgentsAndLoad()
    {
        using var cli = new CliRun();

        var (exit, output, error) = await cli.RunAsync("bench", "queue", "--tickets", "1000", "--agents", "1,3", "--claims", "20",
            "--repeat", "2", "--engines", "sqlite", "--db", Path.Combine(cli.Directory, "bench.db"));

        Assert.AreEqual(0, exit, error);
        StringAssert.Contains(output, "wrote 1,000 tickets");
        var rows = output.Split('\n').Where(l => l.StartsWith("| SQLite |", StringComparison.Ordinal)).ToList();
        CollectionAssert.AreEqual(new[] { "1 | flat out | 2", "3 | flat out | 2", "3 | paced 1000/s | 2" },
            rows.Select(r => string.Join(" | ", r.Split('|', StringSplitOptions.TrimEntries)[2..5])).ToList(), output);
        Assert.AreEqual(6, output.Split('\n').Count(l => l.StartsWith("SQLite     run ", StringComparison.Ordinal)), "three loads, two rounds");
    }
}
