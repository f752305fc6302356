namespace Helpdesk.Mail.Imap;

/// <summary>How <see cref="ImapClient.StoreFlagsAsync"/> changes flags.</summary>
public enum ImapFlagChange
{
    /// <summary>+FLAGS: add to the flags a message has.</summary>
    Add,

    /// <summary>-FLAGS: remove from them.</summary>
    Remove,

    /// <summary>FLAGS: replace them.</summary>
    Replace,
}

// Mailbox commands: SELECT/EXAMINE, SEARCH, STORE, MOVE (or COPY + EXPUNGE), CREATE, NOOP.
public sealed partial class ImapClient
{
    // Keeps command lines far below the 8 KB some servers accept, even for sparse UID sets.
    private const int UidsPerCommand = 500;

    /// <summary>Opens a mailbox read-write. Compare <see cref="ImapMailboxState.UidValidity"/> with the stored one.</summary>
    public Task<ImapMailboxState> SelectAsync(string mailbox, CancellationToken cancellationToken = default) =>
        OpenAsync("SELECT", mailbox, cancellationToken);

    /// <summary>Opens a mailbox read-only (no flag changes, \Recent untouched).</summary>
    public Task<ImapMailboxState> ExamineAsync(string mailbox, CancellationToken cancellationToken = default) =>
        OpenAsync("EXAMINE", mailbox, cancellationToken);

    /// <summary>
    /// UID SEARCH with criteria written in IMAP syntax by the caller (e.g. "UNSEEN", "UID 100:*"); UIDs ascending.
    /// </summary>
    public async Task<IReadOnlyList<uint>> UidSearchAsync(string criteria, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(criteria);
        RequireSelected();
        var uids = new List<uint>();
        var command = NewCommand("UID SEARCH").Space().Ascii(criteria).Build();
        var tagged = await RunAsync(command, r =>
        {
            if (r is ImapSearchResponse search)
            {
                uids.AddRange(search.Uids);
            }

            return true;
        }, null, cancellationToken).ConfigureAwait(false);
        EnsureOk(command, tagged);
        uids.Sort();
        return uids;
    }

    /// <summary>
    /// The UIDs inside <paramref name="range"/>, ascending. For "n:*" a server returns the newest message even when
    /// its UID is below n (RFC 3501 section 6.4.8); such answers are dropped here.
    /// </summary>
    public async Task<IReadOnlyList<uint>> UidSearchAsync(UidRange range, CancellationToken cancellationToken = default)
    {
        var found = await UidSearchAsync("UID " + range, cancellationToken).ConfigureAwait(false);
        return found.Where(range.Contains).ToList();
    }

    /// <summary>UID STORE (silent): adds, removes or replaces flags on the messages.</summary>
    public async Task StoreFlagsAsync(UidSet uids, ImapFlagChange change, IReadOnlyCollection<string> flags,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uids);
        ArgumentNullException.ThrowIfNull(flags);
        foreach (var flag in flags)
        {
            if (flag.Length == 0 || flag.AsSpan().IndexOfAny(" ()[]{}\"\r\n%*") >= 0 && flag != "\\*")
            {
                throw new ArgumentException($"'{flag}' is not a valid flag.", nameof(flags));
            }
        }

        RequireSelected();
        var item = change switch
        {
            ImapFlagChange.Add => "+FLAGS.SILENT",
            ImapFlagChange.Remove => "-FLAGS.SILENT",
            _ => "FLAGS.SILENT",
        };
        foreach (var chunk in uids.Chunk(UidsPerCommand))
        {
            var command = NewCommand("UID STORE").Space().Ascii(chunk.ToString()).Space().Ascii(item)
                .Ascii(" (").Ascii(string.Join(' ', flags)).Ascii(")").Build();
            EnsureOk(command, await RunAsync(command, null, null, cancellationToken).ConfigureAwait(false));
        }
    }

    /// <summary>
    /// Moves messages to another mailbox: UID MOVE (RFC 6851) when offered, else UID COPY, \Deleted and UID EXPUNGE
    /// (RFC 4315). Without UIDPLUS the fallback uses EXPUNGE, which also removes any other message some other client
    /// marked \Deleted. A missing target fails with <see cref="ImapCommandException.ResponseCode"/> "TRYCREATE".
    /// </summary>
    public async Task MoveAsync(UidSet uids, string destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uids);
        ArgumentException.ThrowIfNullOrEmpty(destination);
        RequireSelected();
        foreach (var chunk in uids.Chunk(UidsPerCommand))
        {
            var set = chunk.ToString();
            if (Capabilities.Move)
            {
                var move = NewCommand("UID MOVE").Space().Ascii(set).Space().Mailbox(destination).Build();
                EnsureOk(move, await RunAsync(move, null, null, cancellationToken).ConfigureAwait(false));
                continue;
            }

            var copy = NewCommand("UID COPY").Space().Ascii(set).Space().Mailbox(destination).Build();
            EnsureOk(copy, await RunAsync(copy, null, null, cancellationToken).ConfigureAwait(false));
            await StoreFlagsAsync(chunk, ImapFlagChange.Add, [ImapFlags.Deleted], cancellationToken).ConfigureAwait(false);
            var expunge = Capabilities.UidPlus
                ? NewCommand("UID EXPUNGE").Space().Ascii(set).Build()
                : NewCommand("EXPUNGE").Build();
            EnsureOk(expunge, await RunAsync(expunge, null, null, cancellationToken).ConfigureAwait(false));
        }
    }

    /// <summary>CREATE; false when the mailbox already exists ([ALREADYEXISTS], or a NO that says so).</summary>
    public async Task<bool> CreateFolderAsync(string mailbox, CancellationToken cancellationToken = default)
    {
        var command = NewCommand("CREATE").Space().Mailbox(mailbox).Build();
        var tagged = await RunAsync(command, null, null, cancellationToken).ConfigureAwait(false);
        if (tagged.Status == ImapStatus.No
            && (tagged.Code == "ALREADYEXISTS" || tagged.Text.Contains("exists", StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        EnsureOk(command, tagged);
        return true;
    }

    /// <summary>NOOP: lets the server report news (EXISTS, EXPUNGE); returns the mailbox state afterwards.</summary>
    public async Task<ImapMailboxState?> NoopAsync(CancellationToken cancellationToken = default)
    {
        var command = NewCommand("NOOP").Build();
        EnsureOk(command, await RunAsync(command, null, null, cancellationToken).ConfigureAwait(false));
        return Mailbox;
    }

    private async Task<ImapMailboxState> OpenAsync(string verb, string mailbox, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(mailbox);
        var command = NewCommand(verb).Space().Mailbox(mailbox).Build();
        // A SELECT, even a failed one, closes the mailbox selected before (RFC 3501 section 6.3.1).
        _selected = new SelectedMailbox(mailbox) { ReadOnly = verb == "EXAMINE" };
        _lastFetchMark = null;
        var tagged = await RunAsync(command, null, null, cancellationToken).ConfigureAwait(false);
        if (tagged.Status != ImapStatus.Ok)
        {
            _selected = null;
            EnsureOk(command, tagged);
        }

        _selected!.UidValidityChanged = false;
        return _selected.Snapshot();
    }

    private SelectedMailbox RequireSelected() =>
        _selected ?? throw new InvalidOperationException("Select a mailbox first.");
}
