using System.Text.Json;

namespace Helpdesk.Cli.Tests;

/// <summary>`helpdesk parse FILE...` held to the contract of issue 3: one JSON object per file and line.</summary>
[TestClass]
public sealed class ParseCommandTests
{
    private static readonly string Golden = Path.Combine(CliRun.RepositoryRoot, "tests", "Helpdesk.Mail.Tests", "TestData", "golden");

    private static readonly string[] ContractFields =
    [
        "file", "messageId", "inReplyTo", "references", "date", "from", "replyTo", "to", "cc", "subject", "text",
        "visibleText", "quoteOnly", "html", "forwarded", "attachments", "machine", "defects",
    ];

    [TestMethod]
    public async Task Parse_ThreeFiles_OneJsonObjectPerLineInArgumentOrder()
    {
        using var cli = new CliRun();
        string[] files = ["bounce-postfix-user-unknown.eml", "apple-mail-mac-reply.eml", "html-only-script-and-tracking.eml"];

        var (exit, output, error) = await cli.RunAsync(["parse", .. files.Select(GoldenFile)]);

        Assert.AreEqual(0, exit, error);
        Assert.AreEqual("", error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.HasCount(3, lines);
        for (var i = 0; i < files.Length; i++)
        {
            using var json = JsonDocument.Parse(lines[i]);
            Assert.AreEqual(GoldenFile(files[i]), json.RootElement.GetProperty("file").GetString());
        }
    }

    [TestMethod]
    public async Task Parse_AnyMessage_HasEveryContractFieldAndNoOther()
    {
        using var cli = new CliRun();

        var (exit, output, _) = await cli.RunAsync("parse", GoldenFile("bounce-postfix-user-unknown.eml"));

        Assert.AreEqual(0, exit);
        using var json = JsonDocument.Parse(output);
        var names = json.RootElement.EnumerateObject().Select(p => p.Name).ToList();
        CollectionAssert.AreEqual(ContractFields, names);
        var machine = json.RootElement.GetProperty("machine");
        CollectionAssert.AreEqual(new[] { "kind", "reason", "bounce" }, machine.EnumerateObject().Select(p => p.Name).ToArray());
        var recipient = machine.GetProperty("bounce").GetProperty("recipients")[0];
        CollectionAssert.AreEqual(new[] { "address", "action", "status", "diagnostic" }, recipient.EnumerateObject().Select(p => p.Name).ToArray());
        var attachment = json.RootElement.GetProperty("attachments")[0];
        CollectionAssert.AreEqual(new[] { "fileName", "contentType", "size", "sha256", "inline", "contentId" }, attachment.EnumerateObject().Select(p => p.Name).ToArray());
    }

    [TestMethod]
    [DataRow("bounce-postfix-user-unknown.eml")]
    [DataRow("autoreply-de-abwesenheitsnotiz.eml")]
    [DataRow("apple-begin-forwarded-message.eml")]
    [DataRow("outlook-inline-screenshot-and-pdf.eml")]
    [DataRow("uuencode-outlook-express-attachment.eml")]
    public async Task Parse_GoldenMessage_CliOutputMatchesExpectedJson(string name)
    {
        using var cli = new CliRun();

        var (exit, output, error) = await cli.RunAsync("parse", GoldenFile(name));

        Assert.AreEqual(0, exit, error);
        using var actual = JsonDocument.Parse(output);
        using var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(Golden, Path.ChangeExtension(name, null) + ".expected.json")));
        var differences = new List<string>();
        foreach (var field in expected.RootElement.EnumerateObject())
        {
            if (field.Name == "file")
                continue; // the golden files name the file alone; the CLI echoes the path it was given
            Compare(field.Value, actual.RootElement.GetProperty(field.Name), "$." + field.Name, differences);
        }
        Assert.IsEmpty(differences, name + ":\n" + string.Join("\n", differences));
    }

    [TestMethod]
    public async Task Parse_MissingFileBetweenGoodOnes_ExitOneReasonOnStderrOthersStillPrinted()
    {
        using var cli = new CliRun();
        var missing = Path.Combine(cli.Directory, "no-such-message.eml");

        var (exit, output, error) = await cli.RunAsync("parse", GoldenFile("apple-mail-mac-reply.eml"), missing, GoldenFile("bounce-postfix-user-unknown.eml"));

        Assert.AreEqual(1, exit);
        StringAssert.Contains(error, missing);
        var files = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("file").GetString()).ToList();
        CollectionAssert.AreEqual(new[] { GoldenFile("apple-mail-mac-reply.eml"), GoldenFile("bounce-postfix-user-unknown.eml") }, files);
    }

    [TestMethod]
    public async Task Parse_NoFile_UsageErrorExitTwo()
    {
        using var cli = new CliRun();

        var (exit, output, error) = await cli.RunAsync("parse");

        Assert.AreEqual(2, exit);
        Assert.AreEqual("", output);
        StringAssert.Contains(error, "no FILE given");
    }

    [TestMethod]
    public async Task Parse_RemoteImageWithoutFlag_SourceBlockedButRemembered()
    {
        using var cli = new CliRun();
        var file = WriteHtmlMail(cli);

        var (exit, output, _) = await cli.RunAsync("parse", file);

        Assert.AreEqual(0, exit);
        var html = Html(output);
        Assert.DoesNotContain(" src=\"https://cdn.trailmail.example/banner.png\"", html);
        StringAssert.Contains(html, "data-blocked-src=\"https://cdn.trailmail.example/banner.png\"");
        StringAssert.Contains(html, "src=\"cid:logo@meridian.example\"");
    }

    [TestMethod]
    public async Task Parse_RemoteImageWithFlag_SourceKept()
    {
        using var cli = new CliRun();
        var file = WriteHtmlMail(cli);

        var (exit, output, _) = await cli.RunAsync("parse", "--remote-images", file);

        Assert.AreEqual(0, exit);
        var html = Html(output);
        StringAssert.Contains(html, "<img src=\"https://cdn.trailmail.example/banner.png\"");
        Assert.DoesNotContain("data-blocked-src", html);
        Assert.DoesNotContain("onerror", html);
    }

    private static string GoldenFile(string name) => Path.Combine(Golden, name);

    private static string Html(string output)
    {
        using var json = JsonDocument.Parse(output);
        return json.RootElement.GetProperty("html").GetString() ?? throw new AssertFailedException("html is null");
    }

    private static string WriteHtmlMail(CliRun cli)
    {
        var path = Path.Combine(cli.Directory, "remote-image.eml");
        File.WriteAllText(path, """
            From: Dana Pike <dana.pike@trailmail.example>
            To: passwordchange@meridian.example
            Subject: Reset page shows this
            Date: Sun, 22 Nov 2026 09:12:00 -0500
            Message-ID: <remote-image-1@trailmail.example>
            MIME-Version: 1.0
            Content-Type: text/html; charset=utf-8

            <p>The reset page looks like this:</p>
            <img src="https://cdn.trailmail.example/banner.png" onerror="alert(1)">
            <img src="cid:logo@meridian.example">

            """.ReplaceLineEndings("\r\n"));
        return path;
    }

    // The golden corpus rules: "*" matches anything, defects are a set.
    private static void Compare(JsonElement expected, JsonElement actual, string path, List<string> differences)
    {
        if (expected.ValueKind == JsonValueKind.String && expected.GetString() == "*")
            return;
        if (path == "$.defects")
        {
            var e = expected.EnumerateArray().Select(x => x.GetString()).ToHashSet();
            var a = actual.EnumerateArray().Select(x => x.GetString()).ToHashSet();
            if (!e.SetEquals(a))
                differences.Add($"{path}: expected [{string.Join(", ", e)}], got [{string.Join(", ", a)}]");
            return;
        }
        if (expected.ValueKind != actual.ValueKind
            && !(expected.ValueKind is JsonValueKind.True or JsonValueKind.False && actual.ValueKind is JsonValueKind.True or JsonValueKind.False))
        {
            differences.Add($"{path}: expected {expected.GetRawText()}, got {actual.GetRawText()}");
            return;
        }
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in expected.EnumerateObject())
                {
                    if (actual.TryGetProperty(p.Name, out var value))
                        Compare(p.Value, value, path + "." + p.Name, differences);
                    else
                        differences.Add($"{path}.{p.Name}: missing");
                }
                break;
            case JsonValueKind.Array:
                if (expected.GetArrayLength() != actual.GetArrayLength())
                {
                    differences.Add($"{path}: expected {expected.GetArrayLength()} items, got {actual.GetArrayLength()}");
                    break;
                }
                for (var i = 0; i < expected.GetArrayLength(); i++)
                    Compare(expected[i], actual[i], $"{path}[{i}]", differences);
                break;
            default:
                if (expected.GetRawText() != actual.GetRawText() && expected.ToString() != actual.ToString())
                    differences.Add($"{path}: expected {expected.GetRawText()}, got {actual.GetRawText()}");
                break;
        }
    }
}
