using System.Runtime.InteropServices;
using Helpdesk.Mail.Imap;
using Helpdesk.Mail.Net;
using Microsoft.Extensions.Logging;

namespace Helpdesk.Core.Intake;

// Temporary: the intake on the desk's own IMAP client, kept only until the benchmark has measured it beside MailKit.
/// <summary>
/// One IMAP mailbox, oldest first in batches: UID SEARCH past the stored cursor, UID FETCH a batch, store it and
/// advance the cursor in one transaction, process it, then flag it \Seen or move it. A crash anywhere re-fetches
/// from the cursor; what was stored but not yet flagged is settled at the start of the next pass.
/// </summary>
public sealed class LegacyImapMailboxSource(MailboxOptions options, IntakeStore store, IntakePipeline pipeline, ILogger<LegacyImapMailboxSource> logger) : IMailSource
{
    private ImapClient? _client;

    public string Name => options.DisplayName;

    public Action<IntakeProgress>? Progress { get; set; }

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
        var client = new ImapClient(new ImapClientOptions { ReadTimeout = options.Timeout });
        // An [ALERT] is meant for a person (an app password required, a quota, maintenance): operators read the log.
        client.Alert += (_, alert) => logger.LogWarning("Mail server alert from {Mailbox} ({Status}): {Alert}", Name, alert.Status, alert.Text);
        try
        {
            await client.ConnectAsync(Endpoint(), cancellationToken).ConfigureAwait(false);
            await client.AuthenticateAsync(new ImapCredentials(options.User!, options.Password ?? ""), cancellationToken).ConfigureAwait(false);
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

    private ImapEndpoint Endpoint()
    {
        var e = options.Endpoint();
        var pin = string.IsNullOrWhiteSpace(options.PinnedCertificate) ? null
            : File.Exists(options.PinnedCertificate) ? CertificatePin.FromPemFile(options.PinnedCertificate) : CertificatePin.FromSha256Fingerprint(e.Pin!.Fingerprint);
        return new ImapEndpoint(e.Host, e.Port, (MailSecurity)(int)e.Security, pin);
    }

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

