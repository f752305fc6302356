using Helpdesk.Core.Diagnostics;
using Helpdesk.Mail.Transport.OAuth2;
using Helpdesk.Core.Data;
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

    /// <summary>Told after each batch of <see cref="TakeInAsync"/>: how many taken in so far of how many found waiting.</summary>
    Action<IntakeProgress>? Progress { get; set; }
}

/// <summary>One source's progress in a pass: <paramref name="Taken"/> of <paramref name="Waiting"/> (null when not known).</summary>
public sealed record IntakeProgress(string Source, int Taken, int? Waiting);

/// <summary>Creates the configured sources: one per mailbox, and the drop folder.</summary>
public sealed class MailSources(MailboxList mailboxes, IOptions<IntakeOptions> options, DatabaseTarget database, IntakeStore store,
    IntakePipeline pipeline, TimeProvider time, ILoggerFactory loggers, MailTokenProviders tokens)
{
    public IReadOnlyList<MailboxOptions> Mailboxes => mailboxes.Mailboxes;

    public string DropFolder => options.Value.DropFolder is { Length: > 0 } d ? Path.GetFullPath(d) : Path.Combine(database.DataDirectory, "drop");

    public IMailSource Mailbox(MailboxOptions mailbox) => new ImapMailboxSource(mailbox, store, pipeline, loggers.CreateLogger<ImapMailboxSource>(), tokens);

    public DropFolderSource Drop() => new(DropFolder, options.Value.DropFolderInterval, store, pipeline, time, loggers.CreateLogger<DropFolderSource>());
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

    public Action<IntakeProgress>? Progress { get; set; }

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
                    logger.DropFolderUnreadable(Path.GetFileName(path), e.Message);
                }
            }
            if (read.Count == 0) continue;
            var stored = await store.StoreAsync(SourceName, read.Select(r => r.Bytes).ToList(), cancellationToken).ConfigureAwait(false);
            var outcomes = await pipeline.ProcessBatchAsync(stored, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < read.Count; i++)
                MoveAside(read[i].Path, outcomes[i].State == RawMessageState.Quarantined ? "quarantined" : "processed");
            taken += read.Count;
            Progress?.Invoke(new IntakeProgress(Name, taken, files.Count));
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
            logger.DropFolderNotMoved(name, e.Message);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
