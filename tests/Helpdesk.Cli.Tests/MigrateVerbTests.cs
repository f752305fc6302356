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
