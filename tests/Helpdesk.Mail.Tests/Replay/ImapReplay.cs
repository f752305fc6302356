using Helpdesk.Mail.Imap;

namespace Helpdesk.Mail.Tests.Replay;

/// <summary>Connects an <see cref="ImapClient"/> to a replayed transcript.</summary>
internal static class ImapReplay
{
    public static async Task<(ImapClient Client, ReplayStream Server)> ConnectAsync(ReplayStream server,
        ImapClientOptions? options = null)
    {
        var client = new ImapClient(options);
        await client.ConnectAsync(server);
        return (client, server);
    }

    public static Task<(ImapClient Client, ReplayStream Server)> FromTextAsync(string transcript,
        ImapClientOptions? options = null, int maxReadSize = int.MaxValue) =>
        ConnectAsync(ReplayStream.FromTranscript(transcript, maxReadSize), options);

    public static Task<(ImapClient Client, ReplayStream Server)> FromFileAsync(string file,
        ImapClientOptions? options = null, int maxReadSize = int.MaxValue) =>
        ConnectAsync(ReplayStream.FromFile(Path.Combine("Imap", "Transcripts", file), maxReadSize), options);

    public static async Task<List<ImapFetchedMessage>> ToListAsync(this IAsyncEnumerable<ImapFetchedMessage> messages)
    {
        var list = new List<ImapFetchedMessage>();
        await foreach (var message in messages)
        {
            list.Add(message);
        }

        return list;
    }
}
