using System.Diagnostics;

namespace Helpdesk.Mail.Imap;

// Waiting for new mail: IDLE (RFC 2177) re-issued before servers drop it, or NOOP polling where IDLE is missing.
public sealed partial class ImapClient
{
    /// <summary>
    /// Waits until the selected mailbox gets new mail (an EXISTS beyond the count known after the last fetch was
    /// sent) or <paramref name="maxWait"/> passes. Uses IDLE, ended with DONE and issued again every
    /// <see cref="ImapClientOptions.IdleRefreshInterval"/>; without IDLE it sends NOOP every
    /// <see cref="ImapClientOptions.NoopInterval"/>. Cancelling ends IDLE cleanly (DONE, tagged OK) before the
    /// <see cref="OperationCanceledException"/>, so the session stays usable. A server that goes away (restart,
    /// BYE) surfaces as <see cref="ImapProtocolException"/>.
    /// </summary>
    public async Task<ImapWaitResult> WaitForNewMailAsync(TimeSpan maxWait, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxWait, TimeSpan.Zero);
        var mailbox = RequireSelected();
        cancellationToken.ThrowIfCancellationRequested();
        // Mail announced while the last fetch was in flight may not be in it: count from before that news.
        var mark = _lastFetchMark ?? (mailbox.Exists, mailbox.Expunged);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (HasNewMail(mailbox, mark))
            {
                _lastFetchMark = null;
                return new ImapWaitResult(ImapWakeReason.NewMail, mailbox.Exists);
            }

            // A sliver left over because a timer fired a little early is not worth a new IDLE (a command round trip).
            var remaining = maxWait - clock.Elapsed;
            if (remaining <= MinimumWait)
            {
                return new ImapWaitResult(ImapWakeReason.TimedOut, mailbox.Exists);
            }

            if (Capabilities.Idle)
            {
                var period = remaining < _options.IdleRefreshInterval ? remaining : _options.IdleRefreshInterval;
                await IdleOnceAsync(period, mark, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var pause = remaining < _options.NoopInterval ? remaining : _options.NoopInterval;
                await Task.Delay(pause, cancellationToken).ConfigureAwait(false);
                await NoopAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// More messages arrived than the mark counted. Expunges (another client archiving, our own MOVE) lower EXISTS,
    /// so a delivery after one can bring the count back to where it was: it is counted past them.
    /// </summary>
    private static bool HasNewMail(SelectedMailbox mailbox, (int Exists, long Expunged) mark) =>
        mailbox.Exists + (mailbox.Expunged - mark.Expunged) > mark.Exists;

    /// <summary>One IDLE command: ends (DONE) on new mail, after <paramref name="period"/>, or on cancellation.</summary>
    private async Task IdleOnceAsync(TimeSpan period, (int Exists, long Expunged) mark, CancellationToken cancellationToken)
    {
        var command = NewCommand("IDLE").Build();
        using var busy = EnterCommand();
        var reader = _reader!;
        var doneSent = 0;
        Task doneWrite = Task.CompletedTask;
        void SendDone()
        {
            if (Interlocked.Exchange(ref doneSent, 1) == 0)
            {
                // The pending read stays as it is: the server's tagged OK to DONE is what it will receive next.
                doneWrite = WriteAsync("DONE\r\n"u8.ToArray(), CancellationToken.None);
            }
        }

        ImapStatusResponse? tagged;
        try
        {
            tagged = await SendAsync(command, null, CancellationToken.None).ConfigureAwait(false);
            tagged ??= await WaitForIdleAcceptedAsync(command).ConfigureAwait(false);
            if (tagged is null)
            {
                reader.ReadTimeout = period + _options.ReadTimeout;
                await using var timer = new Timer(_ => SendDone(), null, period, Timeout.InfiniteTimeSpan);
                await using var registration = cancellationToken.Register(SendDone);
                while (tagged is null)
                {
                    // Never cancelled directly: cancellation goes through DONE so the session survives it.
                    var response = await ReadResponseAsync(CancellationToken.None).ConfigureAwait(false);
                    if (response is ImapStatusResponse { Tag: not null } done)
                    {
                        tagged = done.Tag == command.Tag ? done : throw UnexpectedTag(done);
                        break;
                    }

                    ApplyUntagged(response);
                    if (_selected is { } mailbox && HasNewMail(mailbox, mark))
                    {
                        SendDone();
                    }
                }

                await doneWrite.ConfigureAwait(false);
            }
        }
        catch (ImapProtocolException e)
        {
            throw Break(e);
        }
        finally
        {
            reader.ReadTimeout = _options.ReadTimeout;
        }

        EnsureOk(command, tagged);
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>Reads until the server's "+" (null) or its refusal (the tagged answer).</summary>
    private async Task<ImapStatusResponse?> WaitForIdleAcceptedAsync(ImapCommand command)
    {
        while (true)
        {
            var response = await ReadResponseAsync(CancellationToken.None).ConfigureAwait(false);
            switch (response)
            {
                case ImapContinuation:
                    return null;
                case ImapStatusResponse { Tag: not null } tagged:
                    return tagged.Tag == command.Tag ? tagged : throw UnexpectedTag(tagged);
                default:
                    ApplyUntagged(response);
                    break;
            }
        }
    }
}
