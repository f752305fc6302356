using System.Text.Json;
using Helpdesk.Mail.Reading;

namespace Helpdesk.Cli.Commands;

/// <summary>`helpdesk parse FILE...`: one JSON object per message, one per line (the contract in ParsedEmailJson).</summary>
public sealed class ParseCommand : ICliCommand
{
    public string Name => "parse";

    public string Summary => "Read .eml files and print what the desk sees in each (JSON, one per line)";

    public string Usage => """
        Usage: helpdesk parse [--remote-images] FILE...

        Prints one JSON object per file, one per line: messageId, inReplyTo, references, date, from, replyTo,
        to, cc, subject, text, visibleText, quoteOnly, html (sanitized), forwarded {source, from, subject, date, to,
        headers, links, attachments, text, fileName, sha256} or null, attachments, machine {kind, reason, bounce}, defects.
        Exit code 0 when every file was read, 1 otherwise (the reason on stderr).

          --remote-images   keep remote image addresses in the sanitized HTML (default: blocked)
        """;

    public async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var files = new List<string>();
        var remoteImages = false;
        foreach (var a in args)
        {
            if (a == "--remote-images")
                remoteImages = true;
            else if (a.StartsWith("--", StringComparison.Ordinal))
                throw new CliUsageException($"unknown option '{a}'");
            else
                files.Add(a);
        }
        if (files.Count == 0)
            throw new CliUsageException("no FILE given");

        var reader = new EmailReader(htmlOptions: new HtmlSanitizerOptions { AllowRemoteImages = remoteImages });
        return await EmailFiles.ForEachAsync(files, reader, Name, stderr,
            (file, email) => stdout.WriteLineAsync(ParsedEmailJson.ToJson(email, file)), cancellationToken);
    }
}
