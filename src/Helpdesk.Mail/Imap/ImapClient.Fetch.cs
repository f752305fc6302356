using System.Runtime.CompilerServices;

namespace Helpdesk.Mail.Imap;

// UID FETCH in pipelined batches: several commands in flight, messages handed out as their literals arrive.
public sealed partial class ImapClient
{
    private const string FetchItems = " (UID RFC822.SIZE FLAGS INTERNALDATE BODY.PEEK[])";

    private int? _existsWhenLastFetchSent;

    /// <summary>
    /// Fetches every message in the range, oldest first, without setting \Seen. An open range ("n:*") is split into
    /// batches up to the UIDNEXT the server last reported, then one "m:*" command picks up whatever arrived since;
    /// select the mailbox again before a fetch to batch the newest mail too. If a batch fails with NO, the batches
    /// already in flight are read to the end and an <see cref="ImapCommandException"/> follows the messages
    /// delivered so far. A UIDVALIDITY change announced meanwhile ends the fetch with an
    /// <see cref="ImapProtocolException"/>.
    /// </summary>
    public IAsyncEnumerable<ImapFetchedMessage> FetchAsync(UidRange range, CancellationToken cancellationToken = default)
    {
        var mailbox = RequireSelected();
        return FetchBatchesAsync(PlanBatches(range, mailbox.UidNext), cancellationToken);
    }

    /// <summary>Fetches the given messages, oldest first, in batches of <see cref="ImapClientOptions.FetchBatchSize"/>.</summary>
    public IAsyncEnumerable<ImapFetchedMessage> FetchAsync(UidSet uids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uids);
        RequireSelected();
        return FetchBatchesAsync(uids.Chunk(_options.FetchBatchSize).Select(c => new FetchBatch(c.ToString(), c.Contains)),
            cancellationToken);
    }

    private IEnumerable<FetchBatch> PlanBatches(UidRange range, uint? uidNext)
    {
        ulong batch = (uint)_options.FetchBatchSize;
        ulong last = range.End ?? (uidNext is > 0 ? uidNext.Value - 1u : 0u);
        for (ulong start = range.Start; start <= last; start += batch)
        {
            var batchRange = new UidRange((uint)start, (uint)Math.Min(start + batch - 1, last));
            yield return new FetchBatch(batchRange.ToString(), batchRange.Contains);
        }

        if (range.End is null && last < uint.MaxValue)
        {
            // Also drops the newest message that "m:*" returns when nothing has a UID of m or more.
            var rest = new UidRange((uint)Math.Max(range.Start, last + 1));
            yield return new FetchBatch(rest.ToString(), rest.Contains);
        }
    }

    private async IAsyncEnumerable<ImapFetchedMessage> FetchBatchesAsync(IEnumerable<FetchBatch> plan,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var mailbox = RequireSelected();
        var busy = EnterCommand();
        var inFlight = new Queue<(ImapCommand Command, FetchBatch Batch)>();
        using var batches = plan.GetEnumerator();
        ImapCommandException? failure = null;
        try
        {
            await GuardAsync(SendNextBatchesAsync(batches, inFlight, _options.FetchPipelineDepth, cancellationToken))
                .ConfigureAwait(false);
            while (inFlight.Count > 0)
            {
                var response = await GuardAsync(ReadResponseAsync(cancellationToken).AsTask()).ConfigureAwait(false);
                if (response is ImapFetchResponse { HasBody: true } fetched)
                {
                    var uid = fetched.Uid ?? throw Break(new ImapProtocolException(
                        $"FETCH response for message {fetched.Sequence} has a body but no UID"));
                    if (inFlight.Peek().Batch.Accepts(uid))
                    {
                        yield return new ImapFetchedMessage(uid, fetched.Size ?? fetched.Body?.Length ?? 0,
                            fetched.Flags ?? [], fetched.InternalDate, fetched.Body ?? ReadOnlyMemory<byte>.Empty);
                    }

                    continue;
                }

                if (response is ImapStatusResponse { Tag: not null } tagged)
                {
                    var (command, _) = inFlight.Dequeue();
                    if (tagged.Tag != command.Tag)
                    {
                        throw Break(UnexpectedTag(tagged));
                    }

                    ApplyResponseCode(tagged);
                    if (tagged.Status != ImapStatus.Ok)
                    {
                        failure ??= new ImapCommandException(command.Name, tagged.Status, tagged.CodeWithArgs, tagged.Text);
                    }
                    else if (failure is null)
                    {
                        await GuardAsync(SendNextBatchesAsync(batches, inFlight, 1, cancellationToken)).ConfigureAwait(false);
                    }
                }
                else if (response is ImapContinuation continuation)
                {
                    throw Break(new ImapProtocolException("unexpected continuation during FETCH: " + continuation.Text));
                }
                else
                {
                    GuardApply(response);
                }

                if (mailbox.UidValidityChanged)
                {
                    throw Break(new ImapProtocolException(
                        $"UIDVALIDITY of {mailbox.Name} changed to {mailbox.UidValidity} during FETCH: stored UIDs are void"));
                }
            }

            if (failure is not null)
            {
                throw failure;
            }
        }
        finally
        {
            if (inFlight.Count > 0 && _brokenReason is null)
            {
                await DrainAsync(inFlight.Count, cancellationToken).ConfigureAwait(false);
            }

            busy.Dispose();
        }
    }

    private async Task SendNextBatchesAsync(IEnumerator<FetchBatch> batches, Queue<(ImapCommand, FetchBatch)> inFlight,
        int count, CancellationToken cancellationToken)
    {
        var bytes = new List<byte>();
        for (var i = 0; i < count && batches.MoveNext(); i++)
        {
            var command = NewCommand("UID FETCH").Space().Ascii(batches.Current.Set).Ascii(FetchItems).Build();
            inFlight.Enqueue((command, batches.Current));
            bytes.AddRange(command.Parts[0].Span);
        }

        if (bytes.Count > 0)
        {
            _existsWhenLastFetchSent = _selected?.Exists;
            await WriteAsync(bytes.ToArray(), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads the answers of commands the caller no longer wants (it stopped enumerating early).</summary>
    private async Task DrainAsync(int outstanding, CancellationToken cancellationToken)
    {
        try
        {
            while (outstanding > 0)
            {
                var response = await ReadResponseAsync(cancellationToken).ConfigureAwait(false);
                if (response is ImapStatusResponse { Tag: not null })
                {
                    outstanding--;
                }
                else if (response is not ImapFetchResponse)
                {
                    ApplyUntagged(response);
                }
            }
        }
        catch (ImapProtocolException e)
        {
            Break(e);
        }
        catch (OperationCanceledException)
        {
            _brokenReason ??= "a FETCH was abandoned before the server finished answering it";
        }
    }

    private async Task<T> GuardAsync<T>(Task<T> operation)
    {
        try
        {
            return await operation.ConfigureAwait(false);
        }
        catch (ImapProtocolException e)
        {
            throw Break(e);
        }
        catch (OperationCanceledException)
        {
            _brokenReason ??= "a FETCH was cancelled before the server finished answering it";
            throw;
        }
    }

    private async Task GuardAsync(Task operation)
    {
        try
        {
            await operation.ConfigureAwait(false);
        }
        catch (ImapProtocolException e)
        {
            throw Break(e);
        }
        catch (OperationCanceledException)
        {
            _brokenReason ??= "a FETCH was cancelled before the server finished answering it";
            throw;
        }
    }

    private void GuardApply(ImapResponse response)
    {
        try
        {
            ApplyUntagged(response);
        }
        catch (ImapProtocolException e)
        {
            throw Break(e);
        }
    }

    private sealed record FetchBatch(string Set, Func<uint, bool> Accepts);
}
