using Microsoft.Data.Sqlite;

namespace Helpdesk.Cli.Tests;

[TestClass]
public sealed class MigrateVerbTests
{
    [TestMethod]
    public async Task Migrate_NewDatabaseThenAgain_AppliesTheMigrationsOnceThenSaysUpToDate()
    {
        using var cli = new CliRun();

        var (exit, output, error) = await cli.RunAsync("migrate");
        var (againExit, again, _) = await cli.RunAsync("migrate");

        Assert.AreEqual(0, exit, error);
        StringAssert.Contains(output, "_InitialSchema");
        Assert.AreEqual(0, againExit);
        StringAssert.Contains(again, "The Sqlite database is up to date.");
        // Only the schema: no seed templates, no demo data.
        await using var db = new SqliteConnection($"Data Source={cli.Database};Pooling=false");
        await db.OpenAsync();
        await using var cmd = db.CreateCommand();
        cmd.CommandText = """SELECT (SELECT COUNT(*) FROM "ReplyTemplates") + (SELECT COUNT(*) FROM "Tickets")""";
        Assert.AreEqual(0L, await cmd.ExecuteScalarAsync());
    }

    [TestMethod]
    public async Task Migrate_DatabaseMadeByTheNumberedSteps_SaysItTookItOverAndKeepsTheTickets()
    {
        using var cli = new CliRun();
        // The SQLite desk main wrote at 75a5ad3, the last build before migrations (tests/Helpdesk.Core.Tests/Data/LegacyDesk).
        var dump = Path.Combine(CliRun.RepositoryRoot, "tests", "Helpdesk.Core.Tests", "Data", "LegacyDesk", "main-75a5ad3.sqlite.sql.gz");
        await using (var db = new SqliteConnection($"Data Source={cli.Database};Pooling=false"))
        {
            await db.OpenAsync();
            await using var file = File.OpenRead(dump);
            await using var gzip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionMode.Decompress);
            using var reader = new StreamReader(gzip);
            await using var cmd = db.CreateCommand();
            cmd.CommandText = await reader.ReadToEndAsync();
            await cmd.ExecuteNonQueryAsync();
        }

        var (exit, output, error) = await cli.RunAsync("migrate");

        Assert.AreEqual(0, exit, error);
        StringAssert.Contains(output, "Took over the Sqlite database made by the numbered schema steps (step 11)");
        await using var check = new SqliteConnection($"Data Source={cli.Database};Pooling=false");
        await check.OpenAsync();
        await using var count = check.CreateCommand();
        count.CommandText = """SELECT COUNT(*) FROM "Tickets" """;
        Assert.AreEqual(122L, await count.ExecuteScalarAsync());
    }

    [TestMethod]
    public async Task Migrate_DatabaseFromANewerBuild_ExitOneWithTheReason()
    {
        using var cli = new CliRun();
        await cli.RunAsync("migrate");
        await using (var db = new SqliteConnection($"Data Source={cli.Database};Pooling=false"))
        {
            await db.OpenAsync();
            await using var cmd = db.CreateCommand();
            cmd.CommandText = """INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion") VALUES ('29991231000000_Later', '10.0.15')""";
            await cmd.ExecuteNonQueryAsync();
        }

        var (exit, _, error) = await cli.RunAsync("migrate");

        Assert.AreEqual(1, exit);
        StringAssert.Contains(error, "helpdesk migrate: The database was written by a newer build of the desk");
    }
}
