using Helpdesk.Mail.Transport;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using Helpdesk.Testing.Mail;

namespace Helpdesk.EndToEnd.Tests;

/// <summary>
/// A test user's view of the loopback Dovecot, on MailKit: what the assertions need (find by Message-ID, raw bytes,
/// counts, unseen) and nothing of the intake's own logic, so a test checks the intake from the outside.
/// </summary>
public sealed class TestMailbox : IAsyncDisposable
{
    private readonly ImapClient _client;
    private IMailFolder? _folder;

    private TestMailbox(ImapClient client) => _client = client;

    public ImapClient Client => _client;

    /// <summary>Signs in as one of the test users (password "name-pass") over STARTTLS with the test certificate pinned.</summary>
    public static async Task<TestMailbox> LoginAsync(LoopbackMailServers server, string user)
    {
        var endpoint = new MailServerEndpoint("127.0.0.1", server.ImapPort, MailServerSecurity.StartTls, MailServerPin.FromPemFile(server.CertificatePath))
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
        return new TestMailbox(await ImapConnector.ConnectAndLoginAsync(endpoint, new MailCredentials(user + "@example.test", user + "-pass")));
    }

    /// <summary>Opens (again: a fresh look at what is there now) a folder read-only; returns how many messages it holds.</summary>
    public async Task<int> SelectAsync(string folder = "INBOX")
    {
        _folder = folder.Equals("INBOX", StringComparison.OrdinalIgnoreCase) ? _client.Inbox : await _client.GetFolderAsync(folder);
        await _folder.OpenAsync(FolderAccess.ReadOnly);
        return _folder.Count;
    }

    public async Task CreateFolderAsync(string name)
    {
        var root = _client.GetFolder(_client.PersonalNamespaces[0]);
        await root.CreateAsync(name, isMessageFolder: true);
    }

    public async Task DeleteFolderAsync(string name)
    {
        if (_folder is { IsOpen: true } open) await open.CloseAsync();
        _folder = null;
        await (await _client.GetFolderAsync(name)).DeleteAsync();
    }

    /// <summary>UIDs in the open folder whose Message-ID contains <paramref name="part"/>.</summary>
    public async Task<IReadOnlyList<uint>> SearchMessageIdAsync(string part) =>
        (await Folder.SearchAsync(SearchQuery.HeaderContains("Message-ID", part))).Select(u => u.Id).ToList();

    public async Task<IReadOnlyList<uint>> UnseenAsync() => (await Folder.SearchAsync(SearchQuery.NotSeen)).Select(u => u.Id).ToList();

    /// <summary>The exact bytes of these messages, by UID.</summary>
    public async Task<IReadOnlyList<ImapRawMessage>> FetchAsync(IEnumerable<uint> uids)
    {
        var fetched = new List<ImapRawMessage>();
        var ids = uids.Select(u => new UniqueId(u)).ToList();
        if (ids.Count == 0) return fetched;
        await ((ImapFolder)Folder).GetStreamsAsync(ids, async (_, _, uid, stream, ct) =>
        {
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, ct);
            fetched.Add(new ImapRawMessage(uid.Id, copy.ToArray()));
        });
        return fetched.OrderBy(m => m.Uid).ToList();
    }

    /// <summary>Postfix delivers asynchronously: looks for the Message-ID in INBOX for up to 15 s; the UIDs found.</summary>
    public async Task<IReadOnlyList<uint>> WaitForAsync(string messageId)
    {
        for (var attempt = 0; attempt < 150; attempt++)
        {
            await SelectAsync();
            var found = await SearchMessageIdAsync(messageId);
            if (found.Count > 0) return found;
            await Task.Delay(100);
        }
        return [];
    }

    private IMailFolder Folder => _folder ?? throw new InvalidOperationException("SelectAsync first.");

    public async ValueTask DisposeAsync()
    {
        try { if (_client.IsConnected) await _client.DisconnectAsync(quit: true); }
        catch (Exception e) when (e is IOException or ImapProtocolException or ServiceNotConnectedException) { }
        _client.Dispose();
    }
}
