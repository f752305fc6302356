using System.Text.Json;

namespace Helpdesk.Cli.Tests;

[TestClass]
public sealed class IntakeVerbTests
{
    private static string Mail(int i, string from) =>
        $"From: Customer {i} <{from}>\r\nTo: passwordchange@meridian.example\r\nSubject: Question {i}\r\nMessage-ID: <q{i}@example.com>\r\n"
        + "Date: Sun, 22 Nov 2026 09:00:00 +0000\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nMy reset link expired.\r\n";

    [TestMethod]
    public async Task ImportThenStats_EmlFolderImportedTwice_CountsOnceAndJsonHasTheCounts()
    {
        using var cli = new CliRun();
        var folder = Path.Combine(cli.Directory, "mail");
        Directory.CreateDirectory(folder);
        for (var i = 0; i < 3; i++) await File.WriteAllTextAsync(Path.Combine(folder, $"{i}.eml"), Mail(i, $"c{i}@example.com"));

        var first = await cli.RunAsync("import", folder);
        var again = await cli.RunAsync("import", folder);
        var stats = await cli.RunAsync("stats", "--json");

        Assert.AreEqual(0, first.Exit, first.Err);
        StringAssert.Contains(first.Out, "imported 3 emails: 3 processed");
        StringAssert.Contains(first.Out, "imported 3 emails in ");
        Assert.IsFalse(first.Out.Contains('\r'), "no progress line when the output is not a terminal");
        StringAssert.Contains(again.Out, "3 duplicates");
        using var json = JsonDocument.Parse(stats.Out);
        Assert.AreEqual(3, json.RootElement.GetProperty("tickets").GetInt32());
        Assert.AreEqual(3, json.RootElement.GetProperty("duplicates").GetInt32());
        // The import waits for the intent model (trained on first need), so no ticket is left unclassified.
        var byIntent = json.RootElement.GetProperty("ticketsByIntent");
        Assert.AreEqual(3, byIntent.EnumerateObject().Sum(p => p.Value.GetInt32()));
        Assert.IsFalse(byIntent.TryGetProperty("unclassified", out var left) && left.GetInt32() > 0, "no ticket left unclassified");
    }

    [TestMethod]
    public async Task IntakeOnce_DropFolderFiles_TicketsAndFilesMovedToProcessed()
    {
        using var cli = new CliRun();
        var drop = Path.Combine(cli.Directory, "drop");
        Directory.CreateDirectory(drop);
        await File.WriteAllTextAsync(Path.Combine(drop, "a.eml"), Mail(1, "a@example.com"));
        await File.WriteAllTextAsync(Path.Combine(drop, "b.eml"), Mail(2, "b@example.com"));

        var result = await cli.RunAsync("intake", "--once");

        Assert.AreEqual(0, result.Exit, result.Err);
        StringAssert.Contains(result.Out, "drop: took in 2 emails");
        StringAssert.Contains(result.Out, "took in 2 emails in ");
        Assert.IsFalse(result.Out.Contains('\r'), "no progress line when the output is not a terminal");
        Assert.AreEqual(0, Directory.GetFiles(drop, "*.eml").Length);
        Assert.AreEqual(2, Directory.GetFiles(Path.Combine(drop, "processed"), "*.eml").Length);
    }

    [TestMethod]
    public async Task IntakeOnce_FreshDeskWithoutModel_EveryTicketClassifiedByItsIntent()
    {
        // Issue 19: a desk whose model file does not exist yet must not leave what it takes in unclassified.
        using var cli = new CliRun();
        cli.Set("Helpdesk__Classification__UseGeneratedTraining", "false"); // the seed set: the shortest first training
        var drop = Path.Combine(cli.Directory, "drop");
        Directory.CreateDirectory(drop);
        string Message(int i, string subject, string body) =>
            $"From: Customer {i} <m{i}@example.com>\r\nTo: passwordchange@meridian.example\r\nSubject: {subject}\r\nMessage-ID: <m{i}@example.com>\r\n"
            + $"Date: Sun, 22 Nov 2026 09:00:00 +0000\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n";
        await File.WriteAllTextAsync(Path.Combine(drop, "1.eml"), Message(1, "reset link", "The reset link in your email says it expired. I asked for a new one twice and nothing arrives."));
        await File.WriteAllTextAsync(Path.Combine(drop, "2.eml"), Message(2, "my card", "Is my credit card safe? I used my Visa on your site last month. Should I cancel it?"));
        await File.WriteAllTextAsync(Path.Combine(drop, "3.eml"), Message(3, "unsubscribe", "Please delete my account and remove all my data. Unsubscribe me from everything."));
        Assert.IsFalse(File.Exists(Path.Combine(cli.Directory, "models", "intent.model")), "a fresh desk has no model");

        var intake = await cli.RunAsync("intake", "--once");
        var stats = await cli.RunAsync("stats", "--json");

        Assert.AreEqual(0, intake.Exit, intake.Err);
        StringAssert.Contains(intake.Out, "took in 3 emails");
        using var json = JsonDocument.Parse(stats.Out);
        var byIntent = json.RootElement.GetProperty("ticketsByIntent");
        Assert.IsFalse(byIntent.TryGetProperty("unclassified", out var left) && left.GetInt32() > 0, "no ticket left unclassified: " + byIntent);
        foreach (var intent in new[] { "reset_help", "card_safety", "close_account" })
            Assert.AreEqual(1, byIntent.TryGetProperty(intent, out var n) ? n.GetInt32() : 0, $"{intent} in {byIntent}");
        Assert.IsTrue(File.Exists(Path.Combine(cli.Directory, "models", "intent.model")), "the model trained on first need was saved");
    }

    [TestMethod]
    public async Task IntakeOnce_MailboxWithoutHost_FailsNamingTheSetting()
    {
        using var cli = new CliRun();
        Environment.SetEnvironmentVariable("Helpdesk__Mailboxes__0__User", "support@example.test");
        try
        {
            var result = await cli.RunAsync("intake", "--once");

            Assert.AreEqual(2, result.Exit);
            StringAssert.Contains(result.Err, "Helpdesk:Mailboxes:0:Host is required.");
            StringAssert.Contains(result.Err, "Helpdesk:Mailboxes:0:Password is required");
        }
        finally
        {
            Environment.SetEnvironmentVariable("Helpdesk__Mailboxes__0__User", null);
        }
    }
}
