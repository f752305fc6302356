using Helpdesk.Mail.Transport.OAuth2;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;

namespace Helpdesk.Mail.Transport;

/// <summary>One message as the server stored it: its UID and the exact bytes (nothing parsed, nothing changed).</summary>
public sealed record ImapRawMessage(uint Uid, byte[] Raw);

/// <summary>
/// One signed-in MailKit session on one mailbox folder, with the few operations intake needs: UID searches, raw
/// fetches oldest first, settling (MOVE, or MailKit's COPY + \Deleted + UID EXPUNGE of exactly those UIDs when the
/// server has no MOVE; else \Seen), and waiting for new mail with IDLE (NOOP polling where IDLE is missing).
/// Errors keep MailKit's two families: <see cref="ImapProtocolException"/> and I/O errors mean the session is gone,
/// <see cref="ImapCommandException"/> means the server said NO/BAD and the session is still usable.
/// </summary>
public sealed class ImapMailboxSession : IAsyncDisposable
{

    private readonly ImapClient _client;
    private readonly ImapFolder _folder;
    private readonly IMailFolder? _processed;
    private long _expunged;
    private (int Count, long Expunged) _mark;

    private ImapMailboxSession(ImapClient client, ImapFolder folder, IMailFolder? processed)
    {
        _client = client;
        _folder = folder;
        _processed = processed;
        _folder.MessageExpunged += (_, _) => Interlocked.Increment(ref _expunged);
    }

    /// <summary>How often a server without IDLE is asked (NOOP) whether mail arrived. Default 10 seconds.</summary>
    public TimeSpan NoopInterval { get; set; } = TimeSpan.FromSeconds(10);

    public bool IsConnected => _client.IsConnected;

    public ImapClient Client => _client;

    /// <summary>The folder's UIDVALIDITY as of the last <see cref="SelectAsync"/>.</summary>
    public uint UidValidity => _folder.UidValidity;

    /// <summary>Messages in the folder as the server last said (EXISTS).</summary>
    public int Count => _folder.Count;

    /// <summary>
    /// Connects, signs in (<see cref="MailLogin"/>), opens <paramref name="folder"/> read-write and makes sure
    /// <paramref name="processedFolder"/> exists when one is given. <paramref name="alert"/> receives the server's
    /// [ALERT] texts, which are meant for a person (an app password required, a quota, maintenance).
    /// </summary>
    public static Task<ImapMailboxSession> OpenAsync(MailServerEndpoint endpoint, MailCredentials credentials, string folder, string? processedFolder,
        Action<string>? alert = null, Action<string>? protocolLog = null, CancellationToken cancellationToken = default) =>
        OpenAsync(endpoint, (client, ct) => MailLogin.AuthenticateAsync(client, credentials, ct), folder, processedFolder, alert, protocolLog, cancellationToken);

    /// <summary>As above, signing in with <paramref name="login"/> (a password, an OAuth2 token: the caller's choice).</summary>
    public static async Task<ImapMailboxSession> OpenAsync(MailServerEndpoint endpoint, Func<ImapClient, CancellationToken, Task> login, string folder,
        string? processedFolder, Action<string>? alert = null, Action<string>? protocolLog = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(login);
        var client = await ImapConnector.ConnectAsync(endpoint, protocolLog, cancellationToken).ConfigureAwait(false);
        try
        {
            if (alert is not null) client.Alert += (_, e) => alert(e.Message);
            await login(client, cancellationToken).ConfigureAwait(false);
            var source = await client.GetFolderAsync(folder, cancellationToken).ConfigureAwait(false);
            IMailFolder? processed = null;
            if (processedFolder is { Length: > 0 }) processed = await GetOrCreateFolderAsync(client, processedFolder, cancellationToken).ConfigureAwait(false);
            var session = new ImapMailboxSession(client, (ImapFolder)source, processed);
            await session.SelectAsync(cancellationToken).ConfigureAwait(false);
            return session;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private static async Task<IMailFolder> GetOrCreateFolderAsync(ImapClient client, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await client.GetFolderAsync(name, cancellationToken).ConfigureAwait(false);
        }
        catch (FolderNotFoundException)
        {
            var root = client.PersonalNamespaces.Count > 0 ? client.GetFolder(client.PersonalNamespaces[0]) : client.Inbox.ParentFolder ?? client.Inbox;
            return await root.CreateAsync(name, isMessageFolder: true, cancellationToken).ConfigureAwait(false)
                ?? throw new FolderNotFoundException(name);
        }
    }

    /// <summary>SELECTs the folder again: a fresh UIDVALIDITY and message count for this pass.</summary>
    public async Task SelectAsync(CancellationToken cancellationToken = default)
    {
        await _folder.OpenAsync(FolderAccess.ReadWrite, cancellationToken).ConfigureAwait(false);
        _mark = (_folder.Count, Interlocked.Read(ref _expunged));
    }

    /// <summary>
    /// UIDs from <paramref name="first"/> up, oldest first. "UID n:*" always matches the newest message even below n
    /// (RFC 3501), so that one is dropped. Marks the message count the answer covers, for <see cref="WaitForNewMailAsync"/>.
    /// </summary>
    public async Task<IReadOnlyList<uint>> SearchFromAsync(uint first, CancellationToken cancellationToken = default)
    {
        var found = await _folder.SearchAsync(SearchQuery.Uids(new UniqueIdRange(new UniqueId(first), UniqueId.MaxValue)), cancellationToken).ConfigureAwait(false);
        _mark = (_folder.Count, Interlocked.Read(ref _expunged));
        return found.Select(u => u.Id).Where(u => u >= first).Order().ToList();
    }

    /// <summary>
    /// UIDs up to <paramref name="last"/> that an earlier pass stored but did not settle: every one still here when
    /// settling moves them away, the unseen ones when settling flags them.
    /// </summary>
    public async Task<IReadOnlyList<uint>> SearchUnsettledAsync(uint last, CancellationToken cancellationToken = default)
    {
        if (last == 0) return [];
        SearchQuery query = SearchQuery.Uids(new UniqueIdRange(new UniqueId(1), new UniqueId(last)));
        if (_processed is null) query = query.And(SearchQuery.NotSeen);
        var found = await _folder.SearchAsync(query, cancellationToken).ConfigureAwait(false);
        return found.Select(u => u.Id).Where(u => u <= last).Order().ToList();
    }

    /// <summary>
    /// The raw bytes of <paramref name="uids"/> in one UID FETCH (BODY.PEEK[]: nothing marked \Seen), ordered by UID.
    /// A UID the server no longer has (expunged meanwhile) is simply absent.
    /// </summary>
    public async Task<IReadOnlyList<ImapRawMessage>> FetchAsync(IReadOnlyList<uint> uids, CancellationToken cancellationToken = default)
    {
        var fetched = new List<ImapRawMessage>(uids.Count);
        foreach (var chunk in Chunks(uids))
        {
            await _folder.GetStreamsAsync(chunk, async (_, _, uid, stream, ct) =>
            {
                // MailKit hands a buffered, seekable stream that it disposes when this callback returns.
                var raw = new byte[stream.Length];
                stream.Position = 0;
                await stream.ReadExactlyAsync(raw, ct).ConfigureAwait(false);
                fetched.Add(new ImapRawMessage(uid.Id, raw));
            }, cancellationToken).ConfigureAwait(false);
        }
        fetched.Sort((a, b) => a.Uid.CompareTo(b.Uid));
        return fetched;
    }

    /// <summary>Tells the server these messages are taken in: moved to the processed folder, or flagged \Seen.</summary>
    public async Task SettleAsync(IReadOnlyList<uint> uids, CancellationToken cancellationToken = default)
    {
        foreach (var chunk in Chunks(uids))
        {
            if (_processed is not null) await _folder.MoveToAsync(chunk, _processed, cancellationToken).ConfigureAwait(false);
            else await _folder.AddFlagsAsync(chunk, MessageFlags.Seen, silent: true, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Waits until mail arrives that the last <see cref="SearchFromAsync"/> did not cover, or <paramref name="maxWait"/>
    /// passes; true when new mail arrived. Expunges (our own MOVE, another client) lower the count, so arrivals are
    /// counted past them.
    /// </summary>
    public async Task<bool> WaitForNewMailAsync(TimeSpan maxWait, CancellationToken cancellationToken = default)
    {
        if (HasNewMail()) return true;
        if (!_client.Capabilities.HasFlag(ImapCapabilities.Idle))
        {
            var until = DateTime.UtcNow + maxWait;
            while (DateTime.UtcNow < until)
            {
                var pause = until - DateTime.UtcNow;
                await Task.Delay(pause < NoopInterval ? pause : NoopInterval, cancellationToken).ConfigureAwait(false);
                await _client.NoOpAsync(cancellationToken).ConfigureAwait(false);
                if (HasNewMail()) return true;
            }
            return false;
        }

        using var done = new CancellationTokenSource(maxWait);
        void OnChange(object? sender, EventArgs e)
        {
            // MailKit's own IDLE example ends IDLE from this handler: cancelling sends DONE, the command then completes.
            if (HasNewMail()) done.Cancel();
        }
        _folder.CountChanged += OnChange;
        try
        {
            await _client.IdleAsync(done.Token, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _folder.CountChanged -= OnChange;
        }
        return HasNewMail();
    }

    private bool HasNewMail() => _folder.Count + (Interlocked.Read(ref _expunged) - _mark.Expunged) > _mark.Count;

    /// <summary>
    /// At most <see cref="MaxUidsPerCommand"/> UIDs a command: a sparse set written out in full must stay well under
    /// the 8,192 octets servers accept on a command line (RFC 7162), and MailKit sends a set as one line.
    /// </summary>
    private static IEnumerable<List<UniqueId>> Chunks(IReadOnlyList<uint> uids) => uids.Chunk(MaxUidsPerCommand).Select(c => c.Select(u => new UniqueId(u)).ToList());

    /// <summary>500 ten-digit UIDs and their commas: 5,500 octets.</summary>
    public const int MaxUidsPerCommand = 500;

    /// <summary>Says LOGOUT when the session is still up; never throws.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_client.IsConnected)
            {
                using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _client.DisconnectAsync(quit: true, quick.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or ImapProtocolException or ImapCommandException or OperationCanceledException or ObjectDisposedException
                                      or ServiceNotConnectedException)
        {
            // The session was going away anyway.
        }
        finally
        {
            _client.Dispose();
        }
    }
}
