using Microsoft.Data.Sqlite;

namespace Helpdesk.Cli.Tests;

// Environment variables are process-wide: the CLI tests of this assembly run one at a time.
[TestClass]
public sealed class HelpAndSeedTests
{
    [TestMethod]
    public async Task Help_ListsEveryVerbWithItsSummary()
    {
        using var cli = new CliRun();

        var (exit, output, _) = await cli.RunAsync("--help");

        Assert.AreEqual(0, exit);
        foreach (var verb in Commands.CommandRegistry.All) StringAssert.Contains(output, $"  {verb.Name}");
        StringAssert.Contains(output, "seed");
    }

    [TestMethod]
    public async Task UnknownVerb_ExitTwoAndSaysSo()
    {
        using var cli = new CliRun();

        var (exit, _, error) = await cli.RunAsync("frobnicate");

        Assert.AreEqual(2, exit);
        StringAssert.Contains(error, "unknown command 'frobnicate'");
    }

    [TestMethod]
    public async Task Seed_BadOption_UsageErrorNamesTheOption()
    {
        using var cli = new CliRun();

        var (exit, _, error) = await cli.RunAsync("seed", "--synthetic", "many");

        Assert.AreEqual(2, exit);
        StringAssert.Contains(error, "--synthetic takes a whole number");
    }

    [TestMethod]
    public async Task Seed_EmptyDatabase_LoadsDemoDeskOnceOnly()
    {
        using var cli = new CliRun();

        var first = await cli.RunAsync("seed", "--emails", "120");
        var second = await cli.RunAsync("seed");

        Assert.AreEqual(0, first.Exit, first.Err);
        StringAssert.Contains(first.Out, "Loaded the demo desk");
        StringAssert.Contains(second.Out, "nothing was loaded");
        Assert.IsTrue(Count(cli.Database, "Tickets") is > 90 and <= 120);
    }

    [TestMethod]
    public async Task SeedSynthetic_Thousand_WritesThatManyTicketsWithMessages()
    {
        using var cli = new CliRun();

        var (exit, output, error) = await cli.RunAsync("seed", "--synthetic", "1000", "--days", "2");

        Assert.AreEqual(0, exit, error);
        StringAssert.Contains(output, "Wrote 1,000 synthetic tickets");
        Assert.AreEqual(1000L, Count(cli.Database, "Tickets"));
        Assert.AreEqual(1000L, Count(cli.Database, "Messages"));
    }

    private static long Count(string file, string table)
    {
        using var conn = new SqliteConnection($"Data Source={file};Pooling=False");
        conn.Open();
        using var cmd = conn.CreateCommand();
        cmd.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
        return (long)cmd.ExecuteScalar()!;
    }
}
