using Helpdesk.Mail.Transport.OAuth2;
using System.Diagnostics;
using Helpdesk.Mail.Transport;
using MailKit;
using MailKit.Net.Imap;
using Microsoft.Extensions.Logging;

namespace Helpdesk.Core.Intake;

/// <summary>
/// One IMAP mailbox on MailKit, oldest first in batches: UID SEARCH past the stored cursor, UID FETCH BODY.PEEK[] a
/// batch, store it and advance the cursor in one transaction, process it (while the next batch is fetched and stored),
/// then flag it \Seen or move it. The server
/// is told nothing before the bytes are stored, so a crash anywhere re-fetches from the cursor; what was stored but
/// not settled is settled at the start of the next pass. A UIDVALIDITY change restarts the cursor (IntakeStore).
/// A protocol or network error drops the session (the worker reconnects with backoff); a command the server refused
/// (NO/BAD) keeps it, since the connection is still good.
/// </summary>
public sealed partial class ImapMailboxSource(MailboxOptions options, IntakeStore store, IntakePipeline pipeline, ILogger<ImapMailboxSource> logger,
    MailTokenProviders? tokens = null)
    : IMailSource
{
    private ImapMailboxSession? _session;

    public string Name => options.DisplayName;

    public MailboxOptions Options => options;

    public Action<IntakeProgress>? Progress { get; set; }

    public async Task<int> TakeInAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await TakeInCoreAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!IsCommandRefusal(e) && (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested))
        {
            await DropSessionAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async Task WaitForMailAsync(TimeSpan maxWait, CancellationToken cancellationToken = default)
    {
        if (_session is not { IsConnected: true } session) return;
        try
        {
            await session.WaitForNewMailAsync(maxWait, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!IsCommandRefusal(e) && (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested))
        {
            await DropSessionAsync().ConfigureAwait(false);
            throw;
        }
        catch (OperationCanceledException)
        {
            // Cancelled in the middle of IDLE: MailKit leaves the session in an unknown state; start fresh next time.
            await DropSessionAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The server said NO or BAD: that command failed, the session is still good.</summary>
    private static bool IsCommandRefusal(Exception e) => e is ImapCommandException;

    private async Task<int> TakeInCoreAsync(CancellationToken cancellationToken)
    {
        var session = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await session.SelectAsync(cancellationToken).ConfigureAwait(false);
        var uidValidity = session.UidValidity;
        var cursor = await store.CheckUidValidityAsync(Name, uidValidity, cancellationToken).ConfigureAwait(false);
        var last = (uint)Math.Min(uint.MaxValue, cursor.LastUid);
        await session.SettleAsync(await session.SearchUnsettledAsync(last, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

        var start = (uint)Math.Min(uint.MaxValue, cursor.LastUid + 1);
        var waiting = await session.SearchFromAsync(start, cancellationToken).ConfigureAwait(false);
        if (waiting.Count == 0)
        {
            await store.RecordPollAsync(Name, 0, null, cancellationToken).ConfigureAwait(false);
            return 0;
        }

        var taken = 0;
        var batches = waiting.Chunk(options.BatchSize).ToList();
        int WaitingAfter(int b) => waiting.Count - batches.Take(b + 1).Sum(x => x.Length);
        var ahead = FetchAndStoreAsync(session, uidValidity, batches[0], WaitingAfter(0), cancellationToken);
        for (var b = 0; b < batches.Count; b++)
        {
            var clock = Stopwatch.StartNew();
            var (uids, stored) = await ahead.ConfigureAwait(false);
            pipeline.StageTimes.Add(IntakeStage.Fetch, clock.Elapsed);

            // The next batch is fetched and stored while this one is processed: the connection would sit idle, and the
            // writer between this batch's chunks. Only one command runs on the connection at a time, so this batch is
            // settled once that fetch is done, and only after its own rows are written. A crash in between finds the
            // next batch stored and Pending (processed at the next start) and unsettled on the server (settled then).
            var next = b + 1 < batches.Count ? FetchAndStoreAsync(session, uidValidity, batches[b + 1], WaitingAfter(b + 1), cancellationToken) : null;
            try
            {
                await pipeline.ProcessBatchAsync(stored, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                if (next is not null) await ((Task)next).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            clock.Restart();
            // A failed fetch or store ahead leaves this batch unsettled: the next pass settles it (SearchUnsettledAsync).
            if (next is { IsCompletedSuccessfully: false }) await next.ConfigureAwait(false);
            await session.SettleAsync(uids, cancellationToken).ConfigureAwait(false);
            pipeline.StageTimes.Add(IntakeStage.Server, clock.Elapsed);
            taken += uids.Count;
            Progress?.Invoke(new IntakeProgress(Name, taken, waiting.Count));
            if (next is not null) ahead = next;
        }
        return taken;
    }

    /// <summary>One batch fetched and its bytes stored with the cursor (nothing is told to the server here).</summary>
    private async Task<(IReadOnlyList<uint> Uids, IReadOnlyList<RawMessage> Stored)> FetchAndStoreAsync(ImapMailboxSession session, long uidValidity,
        IReadOnlyList<uint> batch, int waitingAfter, CancellationToken cancellationToken)
    {
        var raw = await session.FetchAsync(batch, cancellationToken).ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        var fetched = raw.Select(m => new IntakeStore.Fetched(m.Uid, m.Raw)).ToList();
        var stored = await store.StoreMailboxBatchAsync(Name, uidValidity, fetched, waitingAfter, cancellationToken).ConfigureAwait(false);
        pipeline.StageTimes.Add(IntakeStage.Store, clock.Elapsed);
        return (raw.Select(m => m.Uid).ToList(), stored);
    }

    private async Task<ImapMailboxSession> ConnectAsync(CancellationToken cancellationToken)
    {
        if (_session is { IsConnected: true } live) return live;
        await DropSessionAsync().ConfigureAwait(false);
        // The protocol log costs a string per line: only built when someone reads it.
        Action<string>? protocolLog = logger.IsEnabled(LogLevel.Trace) ? line => LogProtocol(logger, Name, line) : null;
        _session = await ImapMailboxSession.OpenAsync(options.Endpoint(), SignInAsync, options.Folder, options.ProcessedFolder,
            alert => LogAlert(logger, Name, alert), protocolLog, cancellationToken).ConfigureAwait(false);
        LogConnected(logger, Name, _session.Client.Capabilities.HasFlag(ImapCapabilities.Move), _session.Client.Capabilities.HasFlag(ImapCapabilities.Idle));
        return _session;
    }

    /// <summary>
    /// How this mailbox signs in: a password, or an OAuth2 token (Microsoft 365, Google Workspace) from the mailbox's
    /// token provider, which lives as long as the process so a reconnect reuses a token that is still good.
    /// </summary>
    private Task SignInAsync(ImapClient client, CancellationToken cancellationToken)
    {
        var login = options.SignIn();
        return MailLogin.AuthenticateAsync(client, login, tokens?.For(Name, login), cancellationToken);
    }

    private async Task DropSessionAsync()
    {
        if (_session is null) return;
        var session = _session;
        _session = null;
        await session.DisposeAsync().ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => new(DropSessionAsync());

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Intake connected to {Mailbox} (MOVE {Move}, IDLE {Idle})")]
    private static partial void LogConnected(ILogger logger, string mailbox, bool move, bool idle);

    // An [ALERT] is meant for a person (an app password required, a quota, maintenance): operators read the log.
    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Mail server alert from {Mailbox}: {Alert}")]
    private static partial void LogAlert(ILogger logger, string mailbox, string alert);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Trace, Message = "IMAP {Mailbox} {Line}")]
    private static partial void LogProtocol(ILogger logger, string mailbox, string line);
}
