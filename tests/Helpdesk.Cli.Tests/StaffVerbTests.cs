using Microsoft.Data.Sqlite;

namespace Helpdesk.Cli.Tests;

// Environment variables are process-wide: the CLI tests of this assembly run one at a time.
[TestClass]
public sealed class StaffVerbTests
{
    private static long Count(CliRun cli, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={cli.Database}");
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return (long)cmd.ExecuteScalar()!;
    }

    [TestMethod]
    public async Task StaffImport_SheetWithABadRow_GoodRowsImportedPasswordsFileWrittenExitOne()
    {
        using var cli = new CliRun();
        var sheet = Path.Combine(cli.Directory, "week1.csv");
        await File.WriteAllTextAsync(sheet, "email,first name,last name,roles\npriya@meridian.example,Priya,Kumar,Agent\nlee@meridian.example,Lee,Chen,Agent;Lead\nnobody,No,Body,Agent\n");

        var (exit, output, error) = await cli.RunAsync("staff", "import", sheet);

        Assert.AreEqual(1, exit, error);
        StringAssert.Contains(error, "week1.csv:4: 'nobody' is not an email address.");
        var passwords = Path.Combine(cli.Directory, "week1.passwords.csv");
        StringAssert.Contains(output, passwords);
        var lines = await File.ReadAllLinesAsync(passwords);
        Assert.AreEqual(3, lines.Length);
        StringAssert.StartsWith(lines[1], "priya@meridian.example,priya@meridian.example,Priya Kumar,Agent,");
        if (!OperatingSystem.IsWindows()) Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(passwords));
        var temporary = lines[1].Split(',')[^1];
        Assert.IsFalse(output.Contains(temporary, StringComparison.Ordinal) || error.Contains(temporary, StringComparison.Ordinal), "passwords are never printed");
        Assert.AreEqual(2, Count(cli, "SELECT COUNT(*) FROM Staff WHERE MustChangePassword = 1"));
    }

    [TestMethod]
    public async Task StaffImport_SameSheetTwice_SecondRunCreatesNobodyExitZero()
    {
        using var cli = new CliRun();
        var sheet = Path.Combine(cli.Directory, "staff.csv");
        await File.WriteAllTextAsync(sheet, "email,first name,last name,roles\npriya@meridian.example,Priya,Kumar,Agent\n");
        await cli.RunAsync("staff", "import", sheet, "--out", Path.Combine(cli.Directory, "first.csv"));

        var (exit, output, _) = await cli.RunAsync("staff", "import", sheet, "--out", Path.Combine(cli.Directory, "second.csv"));

        Assert.AreEqual(0, exit);
        StringAssert.Contains(output, "Created no accounts.");
        StringAssert.Contains(output, "1 already had an account");
        Assert.IsFalse(File.Exists(Path.Combine(cli.Directory, "second.csv")));
        Assert.AreEqual(1, Count(cli, "SELECT COUNT(*) FROM Staff"));
    }

    [TestMethod]
    public async Task Staff_NoAction_UsageErrorExitTwo()
    {
        using var cli = new CliRun();

        var (exit, _, error) = await cli.RunAsync("staff", "export");

        Assert.AreEqual(2, exit);
        StringAssert.Contains(error, "unknown action 'export'");
    }
}
