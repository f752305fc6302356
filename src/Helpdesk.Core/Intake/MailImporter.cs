namespace Helpdesk.Core.Intake;

/// <summary>How far an import is: emails stored and processed, and bytes of the files read of all of them.</summary>
public sealed record ImportProgress(int Emails, long BytesRead, long BytesTotal);

/// <summary>What an import did.</summary>
public sealed record ImportSummary(int Emails, int Processed, int Duplicates, int Quarantined, IReadOnlyList<string> Unreadable);

/// <summary>
/// `helpdesk import`: folders of .eml files and mbox files, through the same store-then-process path as live
/// intake (source "import"). Content dedup makes a repeated import harmless.
/// </summary>
public sealed class MailImporter(IntakeStore store, IntakePipeline pipeline)
{
    public const string SourceName = "import";

    public async Task<ImportSummary> ImportAsync(IEnumerable<string> paths, int batchSize = 500, Action<ImportProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        int emails = 0, processed = 0, duplicates = 0, quarantined = 0;
        var unreadable = new List<string>();
        var batch = new List<byte[]>(batchSize);
        // Files are listed first so the progress can say how much is left (mbox files hold an unknown number of emails).
        var files = Files(paths, unreadable).ToList();
        var bytesTotal = files.Sum(f => { try { return new FileInfo(f).Length; } catch (IOException) { return 0L; } });
        long bytesRead = 0;

        async Task FlushAsync()
        {
            if (batch.Count == 0) return;
            var stored = await store.StoreAsync(SourceName, batch, cancellationToken).ConfigureAwait(false);
            foreach (var o in await pipeline.ProcessBatchAsync(stored, cancellationToken).ConfigureAwait(false))
            {
                switch (o.State)
                {
                    case RawMessageState.Processed: processed++; break;
                    case RawMessageState.Duplicate: duplicates++; break;
                    case RawMessageState.Quarantined: quarantined++; break;
                }
            }
            emails += batch.Count;
            batch.Clear();
            progress?.Invoke(new ImportProgress(emails, bytesRead, bytesTotal));
        }

        foreach (var file in files)
        {
            IEnumerable<byte[]> messages;
            try
            {
                var bytes = await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false);
                bytesRead += bytes.LongLength;
                messages = IsMbox(file, bytes) ? Mbox.Split(bytes) : [bytes];
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                unreadable.Add($"{file}: {e.Message}");
                continue;
            }
            foreach (var m in messages)
            {
                batch.Add(m);
                if (batch.Count >= batchSize) await FlushAsync().ConfigureAwait(false);
            }
        }
        await FlushAsync().ConfigureAwait(false);
        return new ImportSummary(emails, processed, duplicates, quarantined, unreadable);
    }

    private static IEnumerable<string> Files(IEnumerable<string> paths, List<string> unreadable)
    {
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                foreach (var f in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                    if (f.EndsWith(".eml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".mbox", StringComparison.OrdinalIgnoreCase)
                        || f.EndsWith(".mbx", StringComparison.OrdinalIgnoreCase))
                        yield return f;
            }
            else if (File.Exists(path)) yield return path;
            else unreadable.Add($"{path}: no such file or folder");
        }
    }

    private static bool IsMbox(string file, byte[] bytes) =>
        file.EndsWith(".mbox", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".mbx", StringComparison.OrdinalIgnoreCase)
        || bytes.AsSpan().StartsWith("From "u8);
}

/// <summary>
/// mbox files (RFC 4155): each message starts with a "From " line after a blank line (or at the start); lines of
/// the body that began with "From " were written as "&gt;From " (mboxrd: any number of '&gt;'), one '&gt;' is removed.
/// </summary>
public static class Mbox
{
    public static List<byte[]> Split(byte[] bytes)
    {
        var result = new List<byte[]>();
        var current = new MemoryStream();
        var started = false;
        var previousBlank = true;
        var i = 0;
        while (i < bytes.Length)
        {
            var end = Array.IndexOf(bytes, (byte)'\n', i);
            var next = end < 0 ? bytes.Length : end + 1;
            var line = bytes.AsSpan(i, next - i);
            if (previousBlank && line.StartsWith("From "u8))
            {
                if (started && current.Length > 0) result.Add(Finish(current));
                current = new MemoryStream();
                started = true;
            }
            else if (started)
            {
                var gt = 0;
                while (gt < line.Length && line[gt] == '>') gt++;
                if (gt > 0 && line[gt..].StartsWith("From "u8)) current.Write(line[1..]);
                else current.Write(line);
            }
            var content = line.TrimEnd("\r\n"u8);
            previousBlank = content.Length == 0;
            i = next;
        }
        if (started && current.Length > 0) result.Add(Finish(current));
        return result;
    }

    // The blank line before the next "From " belongs to the mbox format, not to the message.
    private static byte[] Finish(MemoryStream stream)
    {
        var bytes = stream.ToArray();
        var length = bytes.Length;
        if (length >= 2 && bytes[length - 1] == '\n' && bytes[length - 2] == '\n') length--;
        else if (length >= 4 && bytes.AsSpan(length - 4).SequenceEqual("\r\n\r\n"u8)) length -= 2;
        return length == bytes.Length ? bytes : bytes[..length];
    }
}
