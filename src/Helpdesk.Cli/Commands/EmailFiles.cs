using Helpdesk.Mail.Reading;

namespace Helpdesk.Cli.Commands;

/// <summary>
/// Reads each named .eml file for the verbs that take FILE... (parse, classify): a file that cannot be read is
/// reported on stderr with its reason and the rest still flow; the exit code is 1 when any file failed.
/// </summary>
internal static class EmailFiles
{
    public static async Task<int> ForEachAsync(IEnumerable<string> files, EmailReader reader, string verb, TextWriter stderr,
        Func<string, ParsedEmail, Task> handle, CancellationToken cancellationToken)
    {
        var rc = 0;
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ParsedEmail email;
            try
            {
                await using var stream = File.OpenRead(file);
                email = await reader.ReadAsync(stream, cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or MessageTooLargeException)
            {
                await stderr.WriteLineAsync($"helpdesk {verb}: {file}: {e.Message}");
                rc = 1;
                continue;
            }
            await handle(file, email);
        }
        return rc;
    }
}
