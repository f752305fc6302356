using System.Runtime.CompilerServices;

namespace Helpdesk.Mail.Imap;

// UID FETCH in pipelined batches: several commands in flight, messages handed out as their literals arrive.
public sealed partial class ImapClient
{
    private const string FetchItems = " (UID RFC822.SIZE FLAGS INTERNALDATE BODY.PEEK[])";

    // The mailbox's counts when the last fetch was sent: mail announced while it was in flight may not be in it.
    private (int Exists, long Expunged)? _lastFetchMark;

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
        return FetchBatchesAsync(uids.Chunk(_options.FetchBatchSize).Select(c => new FetchBatch(c.ToString(), c.Contains, Open: false)),
            cancellationToken);
    }

    private IEnumerable<FetchBatch> PlanBatches(UidRange range, uint? uidNext)
    {
        ulong batch = (uint)_options.FetchBatchSize;
        ulong last = range.End ?? (uidNext is > 0 ? uidNext.Value - 1u : 0u);
        for (ulong start = range.Start; start <= last; start += batch)
        {
            var batchRange = new UidRange((uint)start, (uint)Math.Min(start + batch - 1, last));
            yield return new FetchBatch(batchRange.ToString(), batchRange.Contains, Open: false);
        }

        if (range.End is null && last < uint.MaxValue)
        {
            // Also drops the newest message that "m:*" returns when nothing has a UID of m or more.
            var rest = new UidRange((uint)Math.Max(range.Start, last + 1));
            yield return new FetchBatch(rest.ToString(), rest.Contains, Open: true);
        }
    }

    private async IAsyncEnumerable<ImapFetchedMessage> FetchBatchesAsync(IEnumerable<FetchBatch> plan,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var mailbox = RequireSelected();
        var busy = EnterCommand();
        // Oldest first. Servers may work on pipelined commands at once (Dovecot sends the data of the next FETCH
        // before the tagged OK of the previous one), so a message is matched to its batch by UID, not by order.
        var inFlight = new List<BatchInFlight>();
        var batches = new BatchQueue(plan.GetEnumerator());
        using var planEnumerator = batches;
        ImapCommandException? failure = null;
        try
        {
            await GuardAsync(SendNextBatchesAsync(batches, inFlight, cancellationToken)).ConfigureAwait(false);
            while (inFlight.Count > 0)
            {
                var response = await GuardAsync(ReadResponseAsync(cancellationToken).AsTask()).ConfigureAwait(false);
                switch (response)
                {
                    case ImapFetchResponse { HasBody: true } fetched:
                        var uid = fetched.Uid ?? throw Break(new ImapProtocolException(
                            $"FETCH response for message {fetched.Sequence} has a body but no UID"));
                        // No owner, or seen before: the newest message that "m:*" returns when no UID is m or more.
                        var owner = inFlight.Find(b => b.Batch.Accepts(uid));
                        if (owner is null || !owner.Seen.Add(uid))
                        {
                            break;
                        }

                        var message = new ImapFetchedMessage(uid, fetched.Size ?? fetched.Body?.Length ?? 0,
                            fetched.Flags ?? [], fetched.InternalDate, fetched.Body ?? ReadOnlyMemory<byte>.Empty);
                        if (owner == inFlight[0])
                        {
                            yield return message;
                        }
                        else
                        {
                            owner.Pending.Enqueue(message); // handed out once the batches before it are complete
                        }

                        break;
                    case ImapStatusResponse { Tag: not null } tagged:
                        var done = inFlight.Find(b => b.Command.Tag == tagged.Tag) ?? throw Break(UnexpectedTag(tagged));
                        done.Done = true;
                        ApplyResponseCode(tagged);
                        if (tagged.Status != ImapStatus.Ok)
                        {
                            failure ??= new ImapCommandException(done.Command.Name, tagged.Status, tagged.CodeWithArgs, tagged.Text);
                        }

                        while (inFlight.Count > 0)
                        {
                            while (inFlight[0].Pending.TryDequeue(out var held))
                            {
                                yield return held;
                            }

                            if (!inFlight[0].Done)
                            {
                                break;
                            }

                            inFlight.RemoveAt(0);
                        }

                        if (failure is null)
                        {
                            await GuardAsync(SendNextBatchesAsync(batches, inFlight, cancellationToken)).ConfigureAwait(false);
                        }

                        break;
                    case ImapContinuation continuation:
                        throw Break(new ImapProtocolException("unexpected continuation during FETCH: " + continuation.Text));
                    default:
                        GuardApply(response);
                        break;
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
            var outstanding = inFlight.Count(b => !b.Done);
            if (outstanding > 0 && _brokenReason is null)
            {
                await DrainAsync(outstanding, cancellationToken).ConfigureAwait(false);
            }

            busy.Dispose();
        }
    }

    private async Task SendNextBatchesAsync(BatchQueue batches, List<BatchInFlight> inFlight, CancellationToken cancellationToken)
    {
        var bytes = new List<byte>();
        while (inFlight.Count(b => !b.Done) < _options.FetchPipelineDepth && batches.Peek() is { } next)
        {
            // Dovecot answers pipelined FETCHes concurrently, so the stray newest message of "m:*" could overtake
            // the batch it belongs to: the open command waits until every batch before it is complete.
            if (next.Open && inFlight.Count > 0)
            {
                break;
            }

            batches.Take();
            var command = NewCommand("UID FETCH").Space().Ascii(next.Set).Ascii(FetchItems).Build();
            inFlight.Add(new BatchInFlight(command, next));
            bytes.AddRange(command.Parts[0].Span);
        }

        if (bytes.Count > 0)
        {
            _lastFetchMark = _selected is { } selected ? (selected.Exists, selected.Expunged) : null;
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

    /// <summary>One UID FETCH; <paramref name="Open"/> marks the final "m:*" command.</summary>
    private sealed record FetchBatch(string Set, Func<uint, bool> Accepts, bool Open);

    private sealed class BatchQueue(IEnumerator<FetchBatch> plan) : IDisposable
    {
        private FetchBatch? _next;

        public FetchBatch? Peek() => _next ??= plan.MoveNext() ? plan.Current : null;

        public void Take() => _next = null;

        public void Dispose() => plan.Dispose();
    }

    private sealed class BatchInFlight(ImapCommand command, FetchBatch batch)
    {
        public ImapCommand Command { get; } = command;

        public FetchBatch Batch { get; } = batch;

        public HashSet<uint> Seen { get; } = [];

        public Queue<ImapFetchedMessage> Pending { get; } = new();

        public bool Done { get; set; }
    }
}
