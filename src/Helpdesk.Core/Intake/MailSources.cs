using System.Runtime.InteropServices;
using Helpdesk.Core.Data;
using Helpdesk.Mail.Imap;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Helpdesk.Core.Intake;

/// <summary>Somewhere mail comes from: an IMAP mailbox, the drop folder.</summary>
public interface IMailSource : IAsyncDisposable
{
    /// <summary>The name stored with each email (RawMessage.Source) and shown in stats.</summary>
    string Name { get; }

    /// <summary>Stores, processes and settles everything waiting now; returns how many emails were taken in.</summary>
    Task<int> TakeInAsync(CancellationToken cancellationToken = default);

    /// <summary>Returns when new mail may be waiting, or after <paramref name="maxWait"/>.</summary>
    Task WaitForMailAsync(TimeSpan maxWait, CancellationToken cancellationToken = default);
}

/// <summary>Creates the configured sources: one per mailbox, and the drop folder.</summary>
public sealed class MailSources(MailboxList mailboxes, IOptions<IntakeOptions> options, DatabaseTarget database, IntakeStore store,
    IntakePipeline pipeline, TimeProvider time, ILoggerFactory loggers)
{
    public IReadOnlyList<MailboxOptions> Mailboxes => mailboxes.Mailboxes;

    public string DropFolder => options.Value.DropFolder is { Length: > 0 } d ? Path.GetFullPath(d) : Path.Combine(database.DataDirectory, "drop");

    /// <summary>Client settings for the intake's IMAP sessions; tests shorten the timeouts.</summary>
    public ImapClientOptions? ClientOptions { get; set; }

    public ImapMailboxSource Mailbox(MailboxOptions mailbox) =>
        new(mailbox, store, pipeline, loggers.CreateLogger<ImapMailboxSource>(), ClientOptions);

    public DropFolderSource Drop() => new(DropFolder, options.Value.DropFolderInterval, store, pipeline, time, loggers.CreateLogger<DropFolderSource>());
}

/// <summary>
/// One IMAP mailbox, oldest first in batches: UID SEARCH past the stored cursor, UID FETCH a batch, store it and
/// advance the cursor in one transaction, process it, then flag it \Seen or move it. A crash anywhere re-fetches
/// from the cursor; what was stored but not yet flagged is settled at the start of the next pass.
/// </summary>
public sealed class ImapMailboxSource(MailboxOptions options, IntakeStore store, IntakePipeline pipeline, ILogger<ImapMailboxSource> logger,
    ImapClientOptions? clientOptions = null) : IMailSource
{
    private ImapClient? _client;

    public string Name => options.DisplayName;

    public MailboxOptions Options => options;

    public async Task<int> TakeInAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await TakeInCoreAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Whatever went wrong, the next pass starts with a fresh session.
            await DropClientAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async Task WaitForMailAsync(TimeSpan maxWait, CancellationToken cancellationToken = default)
    {
        if (_client is not { IsConnected: true } client) return;
        try
        {
            await client.WaitForNewMailAsync(maxWait, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await DropClientAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task<int> TakeInCoreAsync(CancellationToken cancellationToken)
    {
        var client = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        var state = await client.SelectAsync(options.Folder, cancellationToken).ConfigureAwait(false);
        var cursor = await store.CheckUidValidityAsync(Name, state.UidValidity, cancellationToken).ConfigureAwait(false);
        await SettleLeftoversAsync(client, cursor.LastUid, cancellationToken).ConfigureAwait(false);

        var start = (uint)Math.Min(uint.MaxValue, cursor.LastUid + 1);
        var waiting = await client.UidSearchAsync(new UidRange(start), cancellationToken).ConfigureAwait(false);
        if (waiting.Count == 0)
        {
            await store.RecordPollAsync(Name, 0, null, cancellationToken).ConfigureAwait(false);
            return 0;
        }

        var taken = 0;
        var batchSize = options.BatchSize;
        for (var offset = 0; offset < waiting.Count; offset += batchSize)
        {
            var uids = new UidSet(waiting.Skip(offset).Take(batchSize));
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var fetched = new List<IntakeStore.Fetched>(uids.Count);
            await foreach (var m in client.FetchAsync(uids, cancellationToken).ConfigureAwait(false))
                fetched.Add(new IntakeStore.Fetched(m.Uid, AsArray(m.Raw)));
            pipeline.StageTimes.Add(IntakeStage.Fetch, clock.Elapsed);

            clock.Restart();
            var left = Math.Max(0, waiting.Count - offset - uids.Count);
            var stored = await store.StoreMailboxBatchAsync(Name, state.UidValidity, fetched, left, cancellationToken).ConfigureAwait(false);
            pipeline.StageTimes.Add(IntakeStage.Store, clock.Elapsed);

            await pipeline.ProcessBatchAsync(stored, cancellationToken).ConfigureAwait(false);

            clock.Restart();
            if (fetched.Count > 0) await SettleAsync(client, new UidSet(fetched.Select(f => (uint)f.Uid)), cancellationToken).ConfigureAwait(false);
            pipeline.StageTimes.Add(IntakeStage.Server, clock.Elapsed);
            taken += fetched.Count;
        }
        return taken;
    }

    private async Task<ImapClient> ConnectAsync(CancellationToken cancellationToken)
    {
        if (_client is { IsConnected: true } live) return live;
        await DropClientAsync().ConfigureAwait(false);
        var client = new ImapClient(clientOptions);
        // An [ALERT] is meant for a person (an app password required, a quota, maintenance): operators read the log.
        client.Alert += (_, alert) => logger.LogWarning("Mail server alert from {Mailbox} ({Status}): {Alert}", Name, alert.Status, alert.Text);
        try
        {
            await client.ConnectAsync(options.Endpoint(), cancellationToken).ConfigureAwait(false);
            await client.AuthenticateAsync(options.Credentials(), cancellationToken).ConfigureAwait(false);
            if (options.ProcessedFolder is { Length: > 0 } folder) await client.CreateFolderAsync(folder, cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Intake connected to {Mailbox}", Name);
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        _client = client;
        return client;
    }

    /// <summary>Flags or moves what an earlier pass stored but could not settle (a crash between store and flag).</summary>
    private async Task SettleLeftoversAsync(ImapClient client, long lastUid, CancellationToken cancellationToken)
    {
        if (lastUid <= 0) return;
        var last = (uint)Math.Min(uint.MaxValue, lastUid);
        var leftovers = options.ProcessedFolder is { Length: > 0 }
            ? await client.UidSearchAsync(new UidRange(1, last), cancellationToken).ConfigureAwait(false)
            : await client.UidSearchAsync($"UID 1:{last} UNSEEN", cancellationToken).ConfigureAwait(false);
        if (leftovers.Count > 0) await SettleAsync(client, new UidSet(leftovers), cancellationToken).ConfigureAwait(false);
    }

    private Task SettleAsync(ImapClient client, UidSet uids, CancellationToken cancellationToken) =>
        options.ProcessedFolder is { Length: > 0 } folder
            ? client.MoveAsync(uids, folder, cancellationToken)
            : client.StoreFlagsAsync(uids, ImapFlagChange.Add, [ImapFlags.Seen], cancellationToken);

    private static byte[] AsArray(ReadOnlyMemory<byte> raw) =>
        MemoryMarshal.TryGetArray(raw, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : raw.ToArray();

    private async Task DropClientAsync()
    {
        if (_client is null) return;
        var client = _client;
        _client = null;
        try { await client.DisposeAsync().ConfigureAwait(false); }
        catch (Exception e) when (e is IOException or ObjectDisposedException or ImapProtocolException) { }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is { IsConnected: true } client)
        {
            try { await client.LogoutAsync().ConfigureAwait(false); }
            catch (Exception e) when (e is IOException or ImapProtocolException or ImapCommandException or ObjectDisposedException or OperationCanceledException) { }
        }
        await DropClientAsync().ConfigureAwait(false);
    }
}

/// <summary>
/// A folder of .eml files (default data/drop): each file is stored, processed, then moved to processed/ (or
/// quarantined/). Write files elsewhere and rename them in, so a half-written file is never read.
/// </summary>
public sealed class DropFolderSource(string folder, TimeSpan interval, IntakeStore store, IntakePipeline pipeline, TimeProvider time,
    ILogger<DropFolderSource> logger) : IMailSource
{
    public const string SourceName = "drop";

    private const int BatchSize = 200;

    public string Name => SourceName;

    public string Folder => folder;

    public async Task<int> TakeInAsync(CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(folder);
        var files = Directory.EnumerateFiles(folder, "*.eml").Order(StringComparer.Ordinal).ToList();
        var taken = 0;
        foreach (var chunk in files.Chunk(BatchSize))
        {
            var read = new List<(string Path, byte[] Bytes)>(chunk.Length);
            foreach (var path in chunk)
            {
                try { read.Add((path, await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false))); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    logger.LogWarning("Drop folder: could not read {File}: {Error}", Path.GetFileName(path), e.Message);
                }
            }
            if (read.Count == 0) continue;
            var stored = await store.StoreAsync(SourceName, read.Select(r => r.Bytes).ToList(), cancellationToken).ConfigureAwait(false);
            var outcomes = await pipeline.ProcessBatchAsync(stored, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < read.Count; i++)
                MoveAside(read[i].Path, outcomes[i].State == RawMessageState.Quarantined ? "quarantined" : "processed");
            taken += read.Count;
        }
        return taken;
    }

    public Task WaitForMailAsync(TimeSpan maxWait, CancellationToken cancellationToken = default) =>
        Task.Delay(maxWait < interval ? maxWait : interval, time, cancellationToken);

    private void MoveAside(string path, string subfolder)
    {
        var target = Path.Combine(folder, subfolder);
        Directory.CreateDirectory(target);
        var name = Path.GetFileName(path);
        var destination = Path.Combine(target, name);
        for (var n = 1; File.Exists(destination); n++)
            destination = Path.Combine(target, $"{Path.GetFileNameWithoutExtension(name)}.{n}{Path.GetExtension(name)}");
        try { File.Move(path, destination); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Stored already; if the file stays, the next pass stores it again and content dedup marks it Duplicate.
            logger.LogWarning("Drop folder: could not move {File} aside: {Error}", name, e.Message);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
