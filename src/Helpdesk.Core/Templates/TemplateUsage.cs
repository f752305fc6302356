using System.Collections.Concurrent;
using Helpdesk.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Helpdesk.Core.Templates;

/// <summary>How often one template version was suggested to an agent and chosen by one (sends are counted from Messages).</summary>
public sealed class TemplateUsageCount
{
    private TemplateUsageCount() { }

    public TemplateUsageCount(long templateVersionId) => TemplateVersionId = templateVersionId;

    public long TemplateVersionId { get; private set; }

    public long Suggested { get; private set; }

    public long Chosen { get; private set; }

    internal void Add(long suggested, long chosen)
    {
        Suggested += suggested;
        Chosen += chosen;
    }
}

/// <summary>
/// Counts suggestions and choices in memory and writes them in one small batch now and then: the console asks for
/// suggestions every time an agent opens a ticket, and a database write per suggestion would compete with replies for
/// SQLite's one writer. A crash loses at most one flush interval of counts, which the usage page can live with.
/// </summary>
public sealed class TemplateUsageRecorder(IDbContextFactory<HelpdeskDbContext> factory)
{
    private ConcurrentDictionary<long, Counter> _pending = new();
    private readonly SemaphoreSlim _flushing = new(1, 1);

    private sealed class Counter
    {
        public long Suggested;
        public long Chosen;
    }

    /// <summary>Called by the reply suggester (Replies/) for each suggestion it returns.</summary>
    public void RecordSuggested(long templateVersionId) =>
        Interlocked.Increment(ref _pending.GetOrAdd(templateVersionId, _ => new Counter()).Suggested);

    /// <summary>For the console: an agent picked this suggestion into the reply box (sent or not).</summary>
    public void RecordChosen(long templateVersionId) =>
        Interlocked.Increment(ref _pending.GetOrAdd(templateVersionId, _ => new Counter()).Chosen);

    /// <summary>Counts not written yet, per version.</summary>
    public IReadOnlyDictionary<long, (long Suggested, long Chosen)> Unflushed =>
        _pending.ToDictionary(p => p.Key, p => (Interlocked.Read(ref p.Value.Suggested), Interlocked.Read(ref p.Value.Chosen)));

    /// <summary>Adds the pending counts to the TemplateUsage table. Returns how many versions were written.</summary>
    public async Task<int> FlushAsync(CancellationToken cancellationToken = default)
    {
        await _flushing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_pending.IsEmpty) return 0;
            var batch = Interlocked.Exchange(ref _pending, new ConcurrentDictionary<long, Counter>());
            // A count added to the old dictionary in the instant of the swap can be lost: these are statistics, and a
            // lock on every suggestion would cost more than that error is worth.
            try
            {
                await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
                var ids = batch.Keys.ToList();
                var rows = await db.TemplateUsage.Where(u => ids.Contains(u.TemplateVersionId))
                    .ToDictionaryAsync(u => u.TemplateVersionId, cancellationToken).ConfigureAwait(false);
                foreach (var (id, counter) in batch)
                {
                    if (!rows.TryGetValue(id, out var row))
                    {
                        row = new TemplateUsageCount(id);
                        db.TemplateUsage.Add(row);
                    }
                    row.Add(Interlocked.Read(ref counter.Suggested), Interlocked.Read(ref counter.Chosen));
                }
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                return batch.Count;
            }
            catch
            {
                // Put the counts back so the next flush writes them.
                foreach (var (id, counter) in batch)
                {
                    var target = _pending.GetOrAdd(id, _ => new Counter());
                    Interlocked.Add(ref target.Suggested, counter.Suggested);
                    Interlocked.Add(ref target.Chosen, counter.Chosen);
                }
                throw;
            }
        }
        finally
        {
            _flushing.Release();
        }
    }
}

/// <summary>Writes the recorder's counts every <see cref="TemplateOptions.UsageFlushInterval"/>, and once more at shutdown.</summary>
public sealed class TemplateUsageFlusher(TemplateUsageRecorder recorder, IOptions<TemplateOptions> options, TimeProvider time,
    ILogger<TemplateUsageFlusher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.UsageFlushInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false)) await FlushQuietlyAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
        await FlushQuietlyAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private async Task FlushQuietlyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await recorder.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Template usage counts not written this time; they are kept for the next flush");
        }
    }
}
